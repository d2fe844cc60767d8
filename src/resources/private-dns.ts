import { IConstruct } from 'constructs';
import { checkCount, checkString, invalidValueError, isToken } from '../private/validation';

/**
 * Which private domain names a consumer VPC resolves to VPC Lattice: the custom domain names of the resource
 * configurations it reaches through a VPC association or an endpoint. VPC Lattice creates a private hosted zone in the
 * VPC for each domain the preference lets through.
 *
 * Changing it replaces a VPC association or an endpoint (CloudFormation marks these properties create-only; the
 * VPC Lattice API has changed them in place since August 2026).
 */
export abstract class PrivateDns {
  /** Private DNS for custom domain names that their owner verified (`DomainVerification`), and no others. */
  public static verifiedDomainsOnly(): PrivateDns {
    return new Preference('VERIFIED_DOMAINS_ONLY');
  }

  /** Private DNS for every custom domain name, verified or not. */
  public static allDomains(): PrivateDns {
    return new Preference('ALL_DOMAINS');
  }

  /** Private DNS for verified custom domain names and for these domains: 1 to 10 names of 1 to 255 characters. */
  public static verifiedDomainsAnd(domains: string[]): PrivateDns {
    return new Preference('VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS', domains);
  }

  /** Private DNS for these domains only: 1 to 10 names of 1 to 255 characters. */
  public static specifiedDomainsOnly(domains: string[]): PrivateDns {
    return new Preference('SPECIFIED_DOMAINS_ONLY', domains);
  }

  /** No private DNS: clients in the VPC call the names VPC Lattice generates. */
  public static disabled(): PrivateDns {
    return new Preference();
  }

  /**
   * The `PrivateDnsEnabled` and `DnsOptions` properties of a VPC association or an endpoint, after checking the domains.
   *
   * @internal
   */
  public abstract _render(scope: IConstruct): RenderedPrivateDns;
}

/**
 * The private-DNS properties as the L1s of `AWS::VpcLattice::ServiceNetworkVpcAssociation` and `AWS::EC2::VPCEndpoint`
 * both take them.
 *
 * @internal
 */
export interface RenderedPrivateDns {
  readonly privateDnsEnabled: boolean;
  readonly dnsOptions?: { readonly privateDnsPreference: string; readonly privateDnsSpecifiedDomains?: string[] };
}

class Preference extends PrivateDns {
  /** No preference: private DNS is off. */
  constructor(private readonly preference?: string, private readonly domains?: string[]) {
    super();
  }

  public _render(scope: IConstruct): RenderedPrivateDns {
    if (this.preference === undefined) { return { privateDnsEnabled: false }; }
    if (this.domains !== undefined) { checkDomains(scope, this.domains); }
    return { privateDnsEnabled: true, dnsOptions: { privateDnsPreference: this.preference, privateDnsSpecifiedDomains: this.domains } };
  }
}

function checkDomains(scope: IConstruct, domains: string[]) {
  checkCount(scope, 'privateDns domains', domains, 1, 10);
  domains.forEach((domain, index) => {
    checkString(scope, 'privateDns domains', domain, { min: 1, max: 255 });
    if (!isToken(domain) && domains.indexOf(domain) !== index) {
      throw invalidValueError(scope, 'privateDns domains', domain, 'each domain may be listed once');
    }
  });
}
