import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { nameResolution, resourceOf, sameVpc, WayIn } from './facts';
import { Judgement, Verdict } from './judge';
import type { ILatticeService } from '../interfaces';
import { configurationFacts } from '../private/configurations';
import { isToken, isWithinDomain } from '../private/validation';
import type { IResourceConfiguration } from '../resources/interfaces';
import type { RenderedPrivateDns } from '../resources/private-dns';

/*
 * Name resolution (docs/lattice-facts.md#reachability): whether the custom domain a client calls resolves in its VPC.
 * A resource configuration's resolves through the private hosted zone VPC Lattice makes there, which private DNS on the
 * way in decides: the resource association's switch for a network, then the preference of the VPC association or the
 * endpoint (docs/lattice-facts.md#private-dns, docs/lattice-facts.md#resource-associations). The generated names
 * resolve in any case.
 */

/** A judged name-resolution hop. */
export interface NameHop extends Judgement {
  readonly kind: 'nameResolution';
  readonly description: string;
  readonly from?: IConstruct;
  readonly to?: IConstruct;
}

/** The name a client of a service calls: the generated one, or a custom domain and its hosted zone. */
export function serviceNameHop(service: ILatticeService, vpc: ec2.IVpc, way?: WayIn): NameHop {
  const { domain, resolves } = nameResolution(service, vpc);
  const hop = { kind: 'nameResolution' as const, description: 'Name resolution', from: way?.vpc, to: service };
  if (!domain) {
    return { ...hop, verdict: 'REACHABLE', reason: 'the client calls the DNS name VPC Lattice generates, which resolves in every VPC that reaches the service' };
  }
  if (resolves) { return { ...hop, verdict: 'REACHABLE', reason: `${domain} resolves in ${vpc.node.path} through its hosted zone` }; }
  return {
    ...hop,
    verdict: 'UNKNOWN',
    reason: `whether ${domain} resolves in ${vpc.node.path} is not known here (a private hosted zone of that VPC, a public zone, or private DNS on the association ` +
      'or endpoint makes it resolve); the generated DNS name works in any case',
  };
}

/** How VPC Lattice's own zone for a domain is decided: a verdict and why. */
type Decided = readonly [Verdict, string];

const UNDOCUMENTED = 'what VPC Lattice then does is not documented';

/** The custom domain of a configuration of the app, through `way`; nothing without one (the generated name is called). */
export function resourceNameHop(configuration: IResourceConfiguration, vpc: ec2.IVpc, way: WayIn): NameHop | undefined {
  const facts = configurationFacts(configuration);
  const domain = facts?.customDomain;
  if (domain === undefined) { return undefined; }
  const verified = facts!.domainVerificationId !== undefined;
  let [verdict, why]: Decided = facts!.type === 'ARN'
    ? ['UNKNOWN', `AWS documents an ARN configuration's private hosted zones for the database's name, not for ${domain}`]
    : (way.network && networkSwitch(configuration, way.network, domain)) || consumerPreference(way, domain, verified);
  if (verdict === 'REACHABLE' && gatewayResolvesInVpc(configuration, vpc, facts!.definition)) {
    [verdict, why] = ['UNKNOWN', `in the VPC of a gateway resolving in it, VPC Lattice makes no zone entry for ${domain} if it is at or above the resource's name`];
  }
  return {
    kind: 'nameResolution',
    description: 'Name resolution',
    from: way.vpc,
    to: configuration,
    verdict,
    reason: verdict === 'REACHABLE' ? `VPC Lattice makes a private hosted zone for ${domain} in ${vpc.node.path}: ${why}`
      : `${why}; the client can still call the name VPC Lattice generates`,
  };
}

/** Through a service network, the resource association's private DNS overrides the way's: off, no zone in any VPC. */
function networkSwitch(configuration: IResourceConfiguration, network: NonNullable<WayIn['network']>, domain: string): Decided | undefined {
  const association = network.resourceAssociations.find(candidate => candidate.resourceConfiguration === configuration);
  if (!association) { return ['UNKNOWN', `its association with ${network.node.path} is not known here`]; }
  const enabled = (association as { _privateDns?: boolean })._privateDns;
  if (enabled === undefined) { return ['UNKNOWN', `the resource association ${association.node.path} leaves privateDns out: ${UNDOCUMENTED}`]; }
  return enabled ? undefined : ['BLOCKED', `missing: private DNS is off on the resource association ${association.node.path}, which overrides ` +
    `the network's associations and endpoints: no private hosted zone for ${domain}`];
}

/** The private DNS of the VPC association or endpoint: off, left out, or a preference that takes the domain or not. */
function consumerPreference(way: WayIn, domain: string, verification: boolean): Decided {
  const what = `the ${way.kind} ${way.construct.node.path}`;
  const rendered = (way.construct as { _privateDns?: RenderedPrivateDns })._privateDns;
  if (rendered === undefined) { return ['UNKNOWN', `${what} leaves private DNS out: ${UNDOCUMENTED}`]; }
  if (!rendered.privateDnsEnabled) { return ['BLOCKED', `missing: private DNS is off on ${what}: no private hosted zone for ${domain}`]; }
  const preference = rendered.dnsOptions?.privateDnsPreference;
  if (preference === 'ALL_DOMAINS') { return ['REACHABLE', `private DNS on ${what} takes all domains`]; }
  const specified = preference?.includes('SPECIFIED') ? specifies(rendered.dnsOptions?.privateDnsSpecifiedDomains ?? [], domain) : false;
  if (specified !== false) {
    return specified ? ['REACHABLE', `private DNS on ${what} takes ${domain} among its specified domains`]
      : ['UNKNOWN', `whether the domains ${what} specifies hold ${domain} is known only at deploy time`];
  }
  if (preference === 'SPECIFIED_DOMAINS_ONLY') {
    return ['BLOCKED', `missing: private DNS on ${what} takes only its specified domains, not ${domain}: no private hosted zone for it`];
  }
  return verification ? ['UNKNOWN', `private DNS on ${what} takes verified domains, and whether ${domain} is verified is known only at deploy time`]
    : ['BLOCKED', `missing: private DNS on ${what} takes verified domains${preference === 'VERIFIED_DOMAINS_ONLY' ? '' : ' and its specified ones'}, and ` +
      `${domain} has no domain verification: no private hosted zone for it`];
}

/** Whether specified domains (names, or `*.` and a domain) hold `domain`; unknown for tokens and deeper wildcards. */
function specifies(domains: string[], domain: string): boolean | undefined {
  const answers = domains.map(specified => {
    if (isToken(specified) || isToken(domain)) { return undefined; }
    if (!specified.startsWith('*.')) { return isWithinDomain(domain, specified) && isWithinDomain(specified, domain); }
    const parent = specified.slice(2);
    if (!isWithinDomain(domain, parent) || isWithinDomain(parent, domain)) { return false; }
    // AWS does not say whether a wildcard holds names more than one label below its domain.
    return domain.replace(/\.$/, '').split('.').length === parent.replace(/\.$/, '').split('.').length + 1 ? true : undefined;
  });
  return answers.includes(true) ? true : answers.includes(undefined) ? undefined : false;
}

/** The documented case without a zone entry: a client in the gateway's own VPC, a gateway resolving in it, a DNS-name resource. */
function gatewayResolvesInVpc(configuration: IResourceConfiguration, vpc: ec2.IVpc, definition: unknown): boolean {
  const resource = resourceOf(configuration);
  const gateway = resource?.gateway as { dnsResolution?: string } | undefined;
  return resource?.vpc !== undefined && sameVpc(resource.vpc, vpc) && gateway?.dnsResolution === 'IN_VPC'
    && (definition as { dnsResource?: unknown } | undefined)?.dnsResource !== undefined;
}
