import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { CfnAccessLogSubscription, CfnResourceConfiguration, CfnResourceConfigurationProps } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type { IDomainVerification } from './domain-verification';
import { ILatticeVpcEndpoint, IResourceConfiguration, TunnelEndpointOptions, VpcEndpointOptions } from './interfaces';
import { ResourceEndpoint, TunnelEndpoint } from './vpc-endpoints';
import { AccessLogDestination, addAccessLogSubscription } from '../access-logs';
import type { IServiceNetwork } from '../interfaces';
import { recordConfigurationFacts, recordConfigurationName } from '../private/configurations';
import { generatedName } from '../private/ids';
import { recordName } from '../private/names';
import { placeEndpoint } from '../private/placement';
import {
  checkDomainName, checkGiven, checkHasMember, checkList, checkOneOf, checkResourceName, checkStruct, invalidValueError, isToken, isWithinDomain,
} from '../private/validation';
import { Client, reachabilityAnswers, reachabilityHops } from '../reachability/lazy';
import type { CanConnectOptions, ReachabilityAnswer } from '../reachability/reachability';
import { shareResource, ShareOptions } from '../sharing';

/**
 * A custom domain name of a resource configuration: the name clients call instead of the one VPC Lattice generates.
 */
export interface ResourceCustomDomain {
  /**
   * The name, like `db.internal.example.com`: 3 to 255 characters. Changing it replaces the configuration.
   */
  readonly domainName: string;

  /**
   * A verification of the domain the name is in (the name itself, or a name above it). Consumers whose private DNS
   * takes verified domains only (`PrivateDns.verifiedDomainsOnly()`) resolve only verified names. The configuration
   * depends on the verification and its TXT record.
   *
   * @default - the name is not verified
   */
  readonly verification?: IDomainVerification;
}

/**
 * What every resource configuration defined in this app may be given, whatever its kind.
 */
export interface ResourceConfigurationOptions {
  /**
   * The name of the configuration: 3 to 40 characters of a-z, 0-9 and '-', not starting with `rcfg-`.
   *
   * @default - a name made from the construct path, unique in the app (CloudFormation requires one)
   */
  readonly resourceConfigurationName?: string;

  /**
   * Whether the configuration may be associated with service networks marked sharable (`sharable: true`), which
   * other accounts could share further. Always written: the API documents `false` as the default, but a deployed
   * configuration that left it out was read back as `true`.
   *
   * @default false
   */
  readonly allowAssociationToSharableServiceNetwork?: boolean;

  /**
   * Where to deliver the access logs of connections to the configuration's resources, at most one destination of each
   * kind. More can be added with `addAccessLogs`.
   *
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogDestination[];
}

/**
 * What resource configurations defined in the app and imported ones have in common: endpoints, sharing, access logs.
 *
 * @internal
 */
export abstract class ResourceConfigurationBase extends Resource implements IResourceConfiguration {
  public abstract readonly resourceConfigurationArn: string;
  public abstract readonly resourceConfigurationId: string;
  public abstract readonly ports?: ec2.Port[];
  public abstract readonly allowAssociationToSharableServiceNetwork?: boolean;
  public abstract readonly cidrRanges?: string[];

  private readonly _tunnelEndpoints: ILatticeVpcEndpoint[] = [];

  private readonly _endpoints: ILatticeVpcEndpoint[] = [];
  private readonly _serviceNetworks: IServiceNetwork[] = [];

  public get endpoints(): ILatticeVpcEndpoint[] {
    return [...this._endpoints];
  }

  /** The service networks this configuration is associated with in this app (a copy). */
  public get serviceNetworks(): IServiceNetwork[] {
    return [...this._serviceNetworks];
  }

  public get sharableArn(): string {
    return this.resourceConfigurationArn;
  }

  /** @deprecated use `sharableArn` */
  public get shareableArn(): string {
    return this.resourceConfigurationArn;
  }

  public get tunnelEndpoints(): ILatticeVpcEndpoint[] {
    return [...this._tunnelEndpoints];
  }

  public registerEndpoint(endpoint: ILatticeVpcEndpoint): void {
    if (!this._endpoints.includes(endpoint)) { this._endpoints.push(endpoint); }
  }

  /**
   * Records that this configuration is associated with `serviceNetwork`. `ServiceNetworkResourceAssociation` calls it;
   * you need not.
   */
  public registerServiceNetwork(serviceNetwork: IServiceNetwork): void {
    if (!this._serviceNetworks.includes(serviceNetwork)) { this._serviceNetworks.push(serviceNetwork); }
  }

  public addVpcEndpoint(vpc: ec2.IVpc, options: VpcEndpointOptions = {}): ILatticeVpcEndpoint {
    const { scope, id } = placeEndpoint(this, vpc, options);
    return new ResourceEndpoint(scope, id, { ...options, resourceConfiguration: this, vpc });
  }

  public addTunnelEndpoint(vpc: ec2.IVpc, options: TunnelEndpointOptions = {}): ILatticeVpcEndpoint {
    const { scope, id } = placeEndpoint(this, vpc, options, 'TunnelEndpoint');
    return new TunnelEndpoint(scope, id, { ...options, resourceConfiguration: this, vpc });
  }

  public registerTunnelEndpoint(endpoint: ILatticeVpcEndpoint): void {
    this._checkTunnelEndpoint(endpoint);
    if (!this._tunnelEndpoints.includes(endpoint)) { this._tunnelEndpoints.push(endpoint); }
  }

  /**
   * Throws when the configuration is known not to be a network segment; imported ones are not judged.
   *
   * @internal
   */
  protected _checkTunnelEndpoint(_endpoint: ILatticeVpcEndpoint): void {}

  /**
   * Shares the configuration with other accounts, an organization or organizational units through an AWS RAM resource
   * share of its own (one per call). Accounts given it can associate it with their service networks or reach it through
   * resource endpoints. To share several resources in one share, use `ResourceShare`.
   */
  /**
   * Whether `client` in `vpc` can open connections to this resource, hop by hop, from the rules the app defines: the
   * way in (a resource endpoint in the VPC, or an association of the VPC with a service network this configuration is
   * associated with), the resolution of its custom domain there (private DNS), the client's egress, the endpoint's or
   * association's ingress, the resource gateway's egress to the resource and the resource's ingress from the gateway.
   * See docs/lattice-facts.md#reachability.
   *
   * @param vpc the VPC the client is in
   * @param client the client: an `ec2.IConnectable` with security groups
   */
  public canConnect(vpc: ec2.IVpc, client: ec2.IConnectable, options: CanConnectOptions = {}): ReachabilityAnswer {
    const hops = reachabilityHops();
    hops.checkArguments(this, vpc, client, options);
    return reachabilityAnswers().Reachability._public(hops.resourceAnswer(this, vpc, client as Client, options.port));
  }

  public shareWith(options: ShareOptions): CfnResourceShare {
    return shareResource(this, this.resourceConfigurationArn, options);
  }

  /**
   * Delivers the access logs of connections to the configuration's resources to a destination. One destination of
   * each kind.
   */
  public addAccessLogs(destination: AccessLogDestination): CfnAccessLogSubscription {
    return addAccessLogSubscription(this, this.resourceConfigurationArn, destination);
  }
}

/**
 * The `AWS::VpcLattice::ResourceConfiguration` of a configuration of the app (`Resource` under it), with the name
 * checked or generated, the custom domain checked against its verification (on which it then depends), and its access
 * logs.
 *
 * @internal
 */
export function createResourceConfiguration(configuration: Construct, props: ResourceConfigurationOptions & {
  readonly customDomain?: ResourceCustomDomain;
}, properties: Omit<CfnResourceConfigurationProps, 'name' | 'customDomainName' | 'domainVerificationId'>): CfnResourceConfiguration {
  const domain = props.customDomain;
  const name = props.resourceConfigurationName ?? generatedName(configuration, 'resource configuration');
  recordName(configuration, name);
  recordConfigurationName(configuration, name);
  const resource = new CfnResourceConfiguration(configuration, 'Resource', {
    ...properties,
    name,
    customDomainName: domain?.domainName,
    domainVerificationId: domain?.verification?.domainVerificationId,
  });
  recordConfigurationFacts(configuration, {
    type: properties.resourceConfigurationType,
    definition: properties.resourceConfigurationDefinition,
    customDomain: domain?.domainName,
    domainVerificationId: domain?.verification?.domainVerificationId,
    groupDomain: properties.groupDomain,
    portRanges: properties.portRanges,
  });
  if (domain?.verification) {
    resource.node.addDependency(domain.verification);
  }
  return resource;
}

/**
 * Checks what every configuration of the app may be given, before anything is made of it: the props (an object), the
 * name, the custom domain (against its verification), whether it allows sharable networks, its access logs.
 *
 * @internal
 */
export function checkConfigurationProps(configuration: Construct, props: ResourceConfigurationOptions & {
  readonly customDomain?: ResourceCustomDomain;
}, like: string) {
  checkStruct(configuration, 'props', props, { like, required: true });
  checkResourceName(configuration, 'resourceConfigurationName', props.resourceConfigurationName, 'resource configuration');
  if (props.customDomain !== undefined) { checkCustomDomain(configuration, props.customDomain); }
  checkOneOf(configuration, 'allowAssociationToSharableServiceNetwork', props.allowAssociationToSharableServiceNetwork, [true, false]);
  checkList(configuration, 'accessLogs', props.accessLogs);
}

function checkCustomDomain(configuration: Construct, domain: ResourceCustomDomain) {
  checkStruct(configuration, 'customDomain', domain, { like: "{ domainName: 'db.internal.example.com', verification }" });
  checkGiven(configuration, 'customDomain.domainName', domain.domainName, "the name clients call, like 'db.internal.example.com'");
  checkDomainName(configuration, 'customDomain.domainName', domain.domainName);
  checkHasMember(configuration, 'customDomain.verification', domain.verification, 'domainVerificationId', { like: 'an IDomainVerification, like a DomainVerification' });
  const verified = domain.verification?.domainName;
  if (verified !== undefined && !isToken(verified) && !isToken(domain.domainName) && !isWithinDomain(domain.domainName, verified)) {
    throw invalidValueError(configuration, 'customDomain.domainName', domain.domainName,
      `must be the verified domain '${verified}' of ${domain.verification!.node.path} or a name below it`);
  }
}
