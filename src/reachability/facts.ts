import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { GroupRules, Party, RuleFact, Value } from './judge';
import type { CustomDomain } from '../custom-domain';
import type { IListener, ILatticeService, IServiceNetwork } from '../interfaces';
import type { ListenerAction } from '../listener-action';
import { usedPrefixListId } from '../prefix-list';
import { libraryIngress } from '../private/client-security-group';
import type { IResourceConfiguration } from '../resources/interfaces';
import type { ResourceDefinition, ResourceDestination } from '../resources/resource-definition';
import type { IResourceGateway } from '../resources/resource-gateway';
import type { ITargetGroup, TargetGroupBase } from '../target-groups/target-group-base';

/** Targets a target group opened to VPC Lattice's prefix list, with the ports (traffic, then health checks). */
export interface Admission {
  readonly target: ec2.IConnectable & IConstruct;
  readonly ports: number[];
  readonly ipv6: boolean;
}

/** What each target group opened, recorded by the group when it opens it (the group knows). */
const admissions = new WeakMap<IConstruct, Admission[]>();

/** Records that `group` opened `target` to VPC Lattice on `ports`. */
export function recordAdmission(group: IConstruct, admission: Admission) {
  admissions.set(group, [...admissions.get(group) ?? [], admission]);
}

/*
 * The one place that reads the app for the reachability answers: which ways lead from a VPC into VPC Lattice, the
 * rules of aws-cdk-lib's security groups, what the library's owners record (the client security groups' VPC rules,
 * the targets a target group opened, a configuration's resource). Nothing here scans the whole app; `Reachability.of`
 * passes what it found in its one scan.
 */

/** A way from a VPC into VPC Lattice: an association or an endpoint, with its security groups. */
export interface WayIn {
  readonly kind: 'association' | 'endpoint';
  readonly construct: IConstruct & ec2.IConnectable;
  readonly vpc: ec2.IVpc;
}

/** Everything of one kind the app has, when the whole app was read (`Reachability.of`). */
export interface AppIndex {
  readonly ways: WayIn[];
}

/*
 * Constructs are recognized by their members rather than `instanceof`, so that this module imports none of the
 * library's classes (which import it through the target groups) and loads nothing with them.
 */
type WayConstruct = WayIn['construct'] & { readonly vpc: ec2.IVpc; readonly serviceNetwork?: IServiceNetwork; readonly resourceConfiguration?: IResourceConfiguration };

function isWay(construct: IConstruct): construct is WayConstruct {
  // `in`, not a read: some constructs' getters throw (a function outside a VPC has no connections).
  return 'vpc' in construct && 'connections' in construct
    && (('associationArn' in construct && 'serviceNetwork' in construct) || ('vpcEndpointId' in construct
      && ('serviceNetwork' in construct || 'resourceConfiguration' in construct)));
}

/** The same VPC: the same construct, or the same literal ID. */
function sameVpc(a: ec2.IVpc, b: ec2.IVpc): boolean {
  return a === b || (!Token.isUnresolved(a.vpcId) && a.vpcId === b.vpcId);
}

/** The ways of the whole app, read once by `Reachability.of`. */
export function indexApp(constructs: IConstruct[]): AppIndex {
  return { ways: constructs.filter(isWay).map(wayOf) };
}

function wayOf(construct: WayConstruct): WayIn {
  return { kind: 'associationArn' in construct ? 'association' : 'endpoint', construct, vpc: construct.vpc };
}

/**
 * The ways in of `vpc` to `owner` (a service network or a resource configuration): those made by the owner
 * (`associateVpc`, `addVpcEndpoint`, which place them beside the owner or in the VPC's stack) unless the app index has them all.
 */
function waysNear(owner: IConstruct, vpc: ec2.IVpc, index?: AppIndex): WayIn[] {
  const candidates = index?.ways ?? [...owner.node.children, ...Stack.of(vpc).node.children].filter(isWay).map(wayOf);
  return candidates.filter((way, at) => candidates.findIndex(other => other.construct === way.construct) === at && sameVpc(way.vpc, vpc));
}

/** The ways from `vpc` to the service networks of a service. */
export function serviceWays(service: ILatticeService, vpc: ec2.IVpc, index?: AppIndex): WayIn[] {
  return service.serviceNetworks.flatMap(network => waysNear(network, vpc, index).filter(way => networkOf(way) === network));
}

/** The ways from `vpc` to a resource configuration: a resource endpoint, or an association to a network it is in. */
export function resourceWays(configuration: IResourceConfiguration, networks: IServiceNetwork[], vpc: ec2.IVpc, index?: AppIndex): WayIn[] {
  const direct = waysNear(configuration, vpc, index).filter(way => (way.construct as WayConstruct).resourceConfiguration === configuration);
  const viaNetwork = networks.flatMap(network => waysNear(network, vpc, index).filter(way => networkOf(way) === network));
  return [...direct, ...viaNetwork];
}

export function networkOf(way: WayIn): IServiceNetwork | undefined {
  return (way.construct as WayConstruct).serviceNetwork;
}

/** Whether a network is imported: its VPCs may be associated outside the app. */
export function isImportedNetwork(network: IServiceNetwork): boolean {
  return (network as { authType?: string }).authType === undefined;
}

/** The service networks of the app (in the index) that a resource configuration is associated with. */
export function networksOfResource(configuration: IResourceConfiguration, candidates: IServiceNetwork[]): IServiceNetwork[] {
  return candidates.filter(network => network.resourceConfigurations.includes(configuration));
}

/** The networks the ways of `vpc` lead to, for a resource configuration reached through a network. */
export function networksNear(configuration: IResourceConfiguration, vpc: ec2.IVpc, index?: AppIndex): IServiceNetwork[] {
  const ways = index?.ways ?? Stack.of(vpc).node.findAll().filter(isWay).map(wayOf);
  return [...new Set(ways.map(networkOf).filter((network): network is IServiceNetwork => network !== undefined))]
    .filter(network => network.resourceConfigurations.includes(configuration));
}

const resolve = (scope: IConstruct, value: unknown): any => Stack.of(scope).resolve(value);

/** A security group's rules in one direction, as EC2 will hold them. */
export function rulesOf(group: ec2.ISecurityGroup, direction: 'ingress' | 'egress', near: IConstruct[] = []): GroupRules {
  const name = `the security group ${group.node.path}`;
  const separate = separateRules(group, direction, near);
  if (!(group instanceof ec2.SecurityGroup) || !(group.node.defaultChild instanceof ec2.CfnSecurityGroup)) {
    return { name, rules: separate, incompleteBecause: 'it is imported, and only the rules this app adds to it are known' };
  }
  const resource = group.node.defaultChild;
  if (direction === 'egress') {
    const inline = (resolve(group, resource.securityGroupEgress) ?? []) as RuleFact[];
    // EC2 gives a group without outbound rules of its own one that allows all traffic out (docs/lattice-facts.md#reachability).
    const origin = 'the rule EC2 gives a group without inline egress rules';
    const effective = inline.length === 0 ? [{ ipProtocol: '-1', cidrIp: '0.0.0.0/0', origin }, { ipProtocol: '-1', cidrIpv6: '::/0', origin }] : inline.map(toFact);
    return { name, rules: [...effective, ...separate] };
  }
  const library = libraryIngress.get(group);
  const own = (resolve(group, library ? library.ownRules : resource.securityGroupIngress) ?? []) as RuleFact[];
  const written = library
    ? library.ports().map(({ port }) => toFact({ ...resolve(group, port.toRuleJson()), cidrIp: resolve(group, library.cidr) }))
    : [];
  return { name, rules: [...own.map(toFact), ...written, ...separate] };
}

/** CloudFormation's rule properties, in the judge's words. */
function toFact(rule: any): RuleFact {
  return {
    ipProtocol: rule.ipProtocol ?? rule.IpProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    cidrIp: rule.cidrIp,
    cidrIpv6: rule.cidrIpv6,
    securityGroupId: rule.sourceSecurityGroupId ?? rule.destinationSecurityGroupId,
    prefixListId: rule.sourcePrefixListId ?? rule.destinationPrefixListId,
  };
}

/** The rules aws-cdk-lib wrote as separate resources, beside the group or (across stacks) beside the other group. */
function separateRules(group: ec2.ISecurityGroup, direction: 'ingress' | 'egress', near: IConstruct[]): RuleFact[] {
  const type = direction === 'ingress' ? ec2.CfnSecurityGroupIngress : ec2.CfnSecurityGroupEgress;
  const id = JSON.stringify(resolve(group, group.securityGroupId));
  const found = new Set<IConstruct>();
  for (const scope of [group, ...near]) {
    scope.node.findAll().filter(construct => construct instanceof type).forEach(rule => found.add(rule));
  }
  // Prefix-list IDs are compared as the tokens they are: resolving the library's would fix its value too early.
  return ([...found] as any[]).filter(rule => JSON.stringify(resolve(rule, rule.groupId)) === id).map(rule => ({
    ...toFact(resolve(rule, {
      ipProtocol: rule.ipProtocol,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      cidrIp: rule.cidrIp,
      cidrIpv6: rule.cidrIpv6,
      sourceSecurityGroupId: rule.sourceSecurityGroupId,
      destinationSecurityGroupId: rule.destinationSecurityGroupId,
    })),
    prefixListId: rule.sourcePrefixListId ?? rule.destinationPrefixListId,
  }));
}

/** The VPC's IPv4 CIDR: as a literal when the app wrote one, and as the value it resolves to. */
export function vpcRange(vpc: ec2.IVpc): Value[] {
  let cidr: string | undefined;
  try { cidr = vpc.vpcCidrBlock; } catch { cidr = undefined; }
  const spellings: Value[] = [];
  const resource = vpc.node.defaultChild;
  if (resource instanceof ec2.CfnVPC && typeof resource.cidrBlock === 'string' && !Token.isUnresolved(resource.cidrBlock)) {
    spellings.push(resource.cidrBlock);
  }
  if (cidr !== undefined) { spellings.push(resolve(vpc, cidr)); }
  return spellings;
}

/** The client, as a party: its security groups and its VPC's range. */
export function clientParty(client: ec2.IConnectable & IConstruct, vpc: ec2.IVpc): Party {
  const range = vpcRange(vpc);
  return {
    name: `the client ${client.node.path}`,
    securityGroupIds: client.connections.securityGroups.map(group => resolve(group, group.securityGroupId)),
    cidrs: range.length > 0 ? [range] : undefined,
  };
}

/** A way in as a party: its security groups, and for an endpoint the VPC's range its interfaces are in. */
export function wayParty(way: WayIn): Party {
  const stack = Stack.of(way.construct);
  const prefixLists = way.kind === 'association' ? [usedPrefixListId(stack, false), usedPrefixListId(stack, true)] : [];
  const range = vpcRange(way.vpc);
  const groupIds = way.construct.connections.securityGroups.map(group => resolve(group, group.securityGroupId));
  return {
    name: `the ${way.kind} ${way.construct.node.path}`,
    securityGroupIds: way.kind === 'endpoint' ? groupIds : [],
    undocumentedSecurityGroupIds: way.kind === 'association' ? {
      ids: groupIds,
      why: 'traffic through an association goes to VPC Lattice\'s addresses (the managed prefix list), and AWS does not document whether a rule naming the association\'s security group allows it',
    } : undefined,
    prefixListIds: prefixLists.filter((id): id is string => id !== undefined),
    cidrs: way.kind === 'endpoint' && range.length > 0 ? [range] : undefined,
  };
}

/** VPC Lattice as the source of traffic to targets: its managed prefix list (IPv4 or IPv6) in the target's stack. */
export function latticeParty(scope: IConstruct, ipv6: boolean): Party {
  const id = usedPrefixListId(Stack.of(scope), ipv6);
  return { name: `the VPC Lattice ${ipv6 ? 'IPv6 ' : ''}managed prefix list`, prefixListIds: id === undefined ? [] : [id] };
}

/** The listeners of a service on `port` (all of them when no port is given). */
export function listenersOf(service: ILatticeService, port?: number): IListener[] {
  return service.listeners.filter(listener => port === undefined || listener.port === port || Token.isUnresolved(listener.port));
}

/** The target groups a listener forwards to, by its default action and its rules; `fixed` when an action answers itself. */
export function forwardsOf(listener: IListener): { groups: ITargetGroup[]; fixed: boolean } {
  const defined = listener as IListener & { defaultAction?: ListenerAction };
  const actions = defined.defaultAction ? [defined.defaultAction, ...listener.rules.map(rule => (rule as { action?: ListenerAction }).action)] : [];
  const groups = [...new Set(actions.flatMap(action => action?.targetGroups ?? []))];
  return { groups, fixed: actions.some(action => action && action.targetGroups.length === 0) };
}

/** What a target group knows of its targets: the ones it opened, or how VPC Lattice reaches them. */
export function targetsOf(group: ITargetGroup): { kind: 'opened'; admitted: Admission[] } | { kind: 'lambda' | 'ip' | 'imported' | 'none' } {
  const admitted = admissions.get(group);
  if (admitted && admitted.length > 0) { return { kind: 'opened', admitted }; }
  const defined = group as Partial<TargetGroupBase>;
  if (defined._protocols === undefined || defined._targets === undefined) { return { kind: 'imported' }; }
  if (defined._protocols.type === 'LAMBDA') { return { kind: 'lambda' }; }
  return { kind: defined._targets().length > 0 ? 'ip' : 'none' };
}

/** The gateway and resource of a configuration defined in the app. */
export function resourceOf(configuration: IResourceConfiguration):
{ gateway: ec2.IConnectable & IConstruct; destination: ResourceDestination; vpc?: ec2.IVpc } | undefined {
  const defined = configuration as IResourceConfiguration & { gateway?: IResourceGateway & { vpc?: ec2.IVpc }; _definition?: ResourceDefinition };
  if (!defined.gateway || !defined._definition) { return undefined; }
  return { gateway: defined.gateway, destination: defined._definition._destination(), vpc: defined.gateway.vpc };
}

/** The custom domain of a service of the app, and whether its name resolves in `vpc`. */
export function nameResolution(service: ILatticeService, vpc: ec2.IVpc): { domain?: string; resolves?: boolean } {
  const domain = (service as { _customDomain?: CustomDomain })._customDomain;
  if (!domain) { return {}; }
  const zone = domain.hostedZone;
  const zoneResource = zone?.node.defaultChild as any;
  if (!zoneResource || zoneResource.hostedZoneConfig === undefined && zoneResource.name === undefined) { return { domain: domain.domainName }; }
  const vpcs = resolve(zone!, zoneResource.vpcs) as Array<{ vpcId: Value }> | undefined;
  if (!vpcs || vpcs.length === 0) { return { domain: domain.domainName, resolves: true }; }
  const wanted = JSON.stringify(resolve(vpc, vpc.vpcId));
  return { domain: domain.domainName, resolves: vpcs.some(entry => JSON.stringify(entry.vpcId) === wanted) ? true : undefined };
}

/** The network ACLs the app defines on the subnets of `vpc` (a subnet without one has its VPC's default, which allows all). */
export function networkAclsOf(vpc: ec2.IVpc): ec2.NetworkAcl[] {
  const subnets = [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets];
  const acls = subnets.map(subnet => ('networkAcl' in subnet ? (subnet as ec2.Subnet).networkAcl : undefined))
    .filter((acl): acl is ec2.NetworkAcl => acl instanceof ec2.NetworkAcl);
  return [...new Set(acls)];
}

/** The VPC a target group's targets are in, when the group has one. */
export function vpcOfGroup(group: ITargetGroup): ec2.IVpc | undefined {
  return (group as { vpc?: ec2.IVpc }).vpc;
}
