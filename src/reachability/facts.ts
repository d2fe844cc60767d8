import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { GroupRules, Party, RuleFact, Value } from './judge';
import type { IListener, ILatticeService, IServiceNetwork } from '../interfaces';
import type { ListenerAction } from '../listener-action';
import { usedPrefixListId } from '../prefix-list';
import { libraryIngress } from '../private/client-security-group';
import { vpcCidrBlock } from '../private/placement';
import type { IResourceConfiguration } from '../resources/interfaces';
import type { ResourceDefinition, ResourceDestination } from '../resources/resource-definition';
import type { IResourceGateway } from '../resources/resource-gateway';
import type { Admission, ITargetGroup, TargetGroupBase } from '../target-groups/target-group-base';

/*
 * What the reachability answers read of the app: the ways from a VPC into VPC Lattice (the owners' lists: a network's
 * VPC associations and endpoints, a configuration's endpoints), the rules of aws-cdk-lib's security groups, and what
 * the library's owners record (client security groups' VPC rules, the targets a group opened, a configuration's
 * resource). Nothing here scans the app: `Reachability.of` passes the networks and configurations it found.
 */

/** A way from a VPC into VPC Lattice: an association or an endpoint, with its security groups. */
export interface WayIn {
  readonly kind: 'association' | 'endpoint';
  readonly construct: IConstruct & ec2.IConnectable & { readonly securityGroups: ec2.ISecurityGroup[] };
  readonly vpc: ec2.IVpc;
  /** What it leads to: a service network, or one resource configuration. */
  readonly network?: IServiceNetwork;
  readonly configuration?: IResourceConfiguration;
  /** A tunnel endpoint takes GENEVE (UDP 6081), not the resource's ports. */
  readonly tunnel?: boolean;
}

/** The same VPC: the same construct, or the same literal ID. */
export function sameVpc(a: ec2.IVpc, b: ec2.IVpc): boolean {
  return a === b || (!Token.isUnresolved(a.vpcId) && a.vpcId === b.vpcId);
}

/** The ways into a network made in this app (its VPC associations and endpoints), of `vpc` when given. */
export function networkWays(network: IServiceNetwork, vpc?: ec2.IVpc): WayIn[] {
  const ways: WayIn[] = [
    ...network.vpcAssociations.map(construct => ({ kind: 'association' as const, construct, vpc: construct.vpc, network })),
    ...network.endpoints.map(construct => ({ kind: 'endpoint' as const, construct, vpc: construct.vpc, network })),
  ];
  return vpc ? ways.filter(way => sameVpc(way.vpc, vpc)) : ways;
}

/** The endpoints to a configuration made in this app (tunnel endpoints for a segment), of `vpc` when given. */
export function configurationWays(configuration: IResourceConfiguration, vpc?: ec2.IVpc): WayIn[] {
  const ways: WayIn[] = [
    ...configuration.endpoints.map(construct => ({ kind: 'endpoint' as const, construct, vpc: construct.vpc, configuration })),
    ...configuration.tunnelEndpoints.map(construct => ({ kind: 'endpoint' as const, construct, vpc: construct.vpc, configuration, tunnel: true })),
  ];
  return vpc ? ways.filter(way => sameVpc(way.vpc, vpc)) : ways;
}

/** The networks a configuration is associated with in this app. */
export function networksOfResource(configuration: IResourceConfiguration): IServiceNetwork[] {
  return (configuration as { serviceNetworks?: IServiceNetwork[] }).serviceNetworks ?? [];
}

/** The ways from `vpc` to the service networks of a service. */
export function serviceWays(service: ILatticeService, vpc: ec2.IVpc): WayIn[] {
  return service.serviceNetworks.flatMap(network => networkWays(network, vpc));
}

/** The ways from `vpc` to a resource configuration: its endpoints, or an association or endpoint to a network it is in. */
export function resourceWays(configuration: IResourceConfiguration, vpc: ec2.IVpc): WayIn[] {
  return [...configurationWays(configuration, vpc), ...networksOfResource(configuration).flatMap(network => networkWays(network, vpc))];
}

/** Whether a network is imported: its VPCs may be associated outside the app. */
export function isImportedNetwork(network: IServiceNetwork): boolean {
  return (network as { authType?: string }).authType === undefined;
}

const resolve = (scope: IConstruct, value: unknown): any => Stack.of(scope).resolve(value);

/** A security group's rules in one direction, as EC2 will hold them. */
export function rulesOf(group: ec2.ISecurityGroup, direction: 'ingress' | 'egress', near: ec2.IConnectable[] = []): GroupRules {
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

/**
 * The rules aws-cdk-lib wrote as separate resources: children of the group, or (across stacks) of the other party's
 * group (aws-cdk-lib's `determineRuleScope`).
 */
function separateRules(group: ec2.ISecurityGroup, direction: 'ingress' | 'egress', near: ec2.IConnectable[]): RuleFact[] {
  const type = direction === 'ingress' ? ec2.CfnSecurityGroupIngress : ec2.CfnSecurityGroupEgress;
  const id = JSON.stringify(resolve(group, group.securityGroupId));
  const found = new Set<IConstruct>();
  for (const scope of [group, ...near.flatMap(other => other.connections.securityGroups)]) {
    scope.node.children.filter(construct => construct instanceof type).forEach(rule => found.add(rule));
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
  const cidr = vpcCidrBlock(vpc);
  let attribute: string | undefined;
  try { attribute = vpc.vpcCidrBlock; } catch { attribute = undefined; }
  return [...(cidr !== undefined && !Token.isUnresolved(cidr) ? [cidr] : []), ...(attribute !== undefined ? [resolve(vpc, attribute)] : [])];
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
  const [id, other] = [ipv6, !ipv6].map(family => usedPrefixListId(Stack.of(scope), family));
  // Two lists (docs/lattice-facts.md#prefix-lists): a rule naming the other family's list admits none of these addresses.
  const name = `the VPC Lattice ${ipv6 ? 'IPv6 ' : ''}managed prefix list`;
  return { name, prefixListIds: id === undefined ? [] : [id], otherPrefixListIds: other === undefined ? [] : [other] };
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
  const defined = group as Partial<TargetGroupBase>;
  const admitted = defined._admissions ?? [];
  if (admitted.length > 0) { return { kind: 'opened', admitted }; }
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
  const domain = service.customDomain;
  if (!domain) { return {}; }
  const zone = domain.hostedZone;
  const zoneResource = zone?.node.defaultChild as any;
  if (!zoneResource || zoneResource.hostedZoneConfig === undefined && zoneResource.name === undefined) { return { domain: domain.domainName }; }
  const vpcs = resolve(zone!, zoneResource.vpcs) as Array<{ vpcId: Value }> | undefined;
  if (!vpcs || vpcs.length === 0) { return { domain: domain.domainName, resolves: true }; }
  const wanted = JSON.stringify(resolve(vpc, vpc.vpcId));
  return { domain: domain.domainName, resolves: vpcs.some(entry => JSON.stringify(entry.vpcId) === wanted) ? true : undefined };
}

/** The VPC a target group's targets are in, when the group has one. */
export function vpcOfGroup(group: ITargetGroup): ec2.IVpc | undefined {
  return (group as { _vpc?: ec2.IVpc })._vpc;
}
