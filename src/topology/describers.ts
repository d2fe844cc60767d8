import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Describer, GraphBuilder } from './builder';
import { TopologyEdgeKind, TopologyNodeKind } from './graph';
import { compact, forwardLabel, importedHow, ruleMatchSummary, vpcFacts } from './labels';
import { RESOURCE_DESCRIBERS } from './resource-describers';
import { Listener } from '../listener';
import { ListenerAction } from '../listener-action';
import { ListenerRule } from '../listener-rule';
import { displayName, literal } from '../private/names';
import { LatticeService } from '../service';
import { LatticeServiceBase } from '../service-base';
import { ServiceNetwork } from '../service-network';
import { ServiceNetworkVpcAssociation } from '../service-network-association';
import { ServiceNetworkBase } from '../service-network-base';
import { TargetDescription, TargetGroupBase } from '../target-groups/target-group-base';

/*
 * What each kind of VPC Lattice construct adds to the topology. Each describer looks at one construct: if it is of its
 * kind, it adds the construct's node and its edges, and follows the constructs it refers to, so that the topology of
 * a stack also shows the network in another stack that its services are associated with. A new kind of node is a new
 * describer in DESCRIBERS and a new TopologyNodeKind (and, for a new shape in the diagram, a row in mermaid.ts).
 */

function describeServiceNetwork(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ServiceNetworkBase)) { return; }
  const network = construct;
  const own = network instanceof ServiceNetwork;
  const authType = own && literal(network.authType) ? network.authType : undefined;
  const id = graph.addNode(network, TopologyNodeKind.SERVICE_NETWORK, [
    displayName(network, network.serviceNetworkId),
    own ? `service network${authType ? `, auth ${authType}` : ''}` : `service network (${importedHow(network)})`,
  ], compact({ authType, imported: own ? undefined : 'true' }));
  for (const service of network.services) {
    graph.follow(service);
    graph.addEdge(id, graph.idOf(service), TopologyEdgeKind.SERVICE_ASSOCIATION);
  }
  // The associations may be in other stacks (the client VPCs').
  network.vpcAssociations.forEach(association => graph.follow(association));
}

function describeVpcAssociation(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ServiceNetworkVpcAssociation)) { return; }
  const facts = vpcFacts(construct.vpc);
  const vpc = graph.addNode(construct.vpc, TopologyNodeKind.VPC, [construct.vpc.node.id, facts.vpcId ?? '', facts.cidr ?? ''], facts);
  graph.follow(construct.serviceNetwork);
  graph.addEdge(vpc, graph.idOf(construct.serviceNetwork), TopologyEdgeKind.VPC_ASSOCIATION);
}

function describeService(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof LatticeServiceBase)) { return; }
  const service = construct;
  const own = service instanceof LatticeService;
  const authType = own && literal(service.authType) ? service.authType : undefined;
  const customDomain = own && literal(service.domainName) && service.domainName !== service.generatedDomainName ? service.domainName : undefined;
  const id = graph.addNode(service, TopologyNodeKind.SERVICE, [
    displayName(service, service.serviceId),
    own ? `service${authType ? `, auth ${authType}` : ''}` : `service (${importedHow(service)})`,
    customDomain ?? '',
  ], compact({ authType, customDomain, imported: own ? undefined : 'true' }));
  for (const listener of service.listeners) {
    graph.follow(listener);
    graph.addEdge(id, graph.idOf(listener), TopologyEdgeKind.LISTENER);
  }
  // Their describer adds the edges to this service.
  service.serviceNetworks.forEach(network => graph.follow(network));
}

function describeListener(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof Listener)) { return; }
  const listener = construct;
  const protocol = literal(listener.protocol) ? listener.protocol : '(deploy time)';
  const port = Token.isUnresolved(listener.port) ? '(deploy time)' : String(listener.port);
  const fixed = fixedResponse(listener.defaultAction);
  const id = graph.addNode(listener, TopologyNodeKind.LISTENER, [`${protocol}:${port}`, fixed ? `default: ${fixed}` : ''],
    compact({ protocol: literal(listener.protocol) ? listener.protocol : undefined, port: Token.isUnresolved(listener.port) ? undefined : port }));
  graph.follow(listener.service);
  addForwards(graph, id, listener.defaultAction, true);
  for (const rule of listener.rules) {
    graph.follow(rule);
    graph.addEdge(id, graph.idOf(rule), TopologyEdgeKind.RULE);
  }
}

function describeRule(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ListenerRule)) { return; }
  const rule = construct;
  const priority = Token.isUnresolved(rule.priority) ? '(deploy time)' : String(rule.priority);
  const match = ruleMatchSummary(rule.match);
  const fixed = fixedResponse(rule.action);
  const id = graph.addNode(rule, TopologyNodeKind.RULE, [`priority ${priority}`, match, fixed ?? ''],
    compact({ priority: Token.isUnresolved(rule.priority) ? undefined : priority, match }));
  graph.follow(rule.listener);
  addForwards(graph, id, rule.action, false);
}

function describeTargetGroup(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof TargetGroupBase)) { return; }
  const group = construct;
  const known = group._protocols;
  const port = known?.port;
  const facts = compact({
    targetGroupType: known && literal(known.type) ? known.type : undefined,
    protocol: literal(known?.protocol) ? known?.protocol : undefined,
    port: typeof port === 'number' && !Token.isUnresolved(port) ? String(port) : undefined,
    // HTTP1 is the default, and says nothing.
    protocolVersion: literal(known?.protocolVersion) && known?.protocolVersion !== 'HTTP1' ? known?.protocolVersion : undefined,
    imported: known ? undefined : 'true',
  });
  const traffic = facts.protocol ? ` ${facts.protocol}:${facts.port ?? '(deploy time)'}` : '';
  const id = graph.addNode(group, TopologyNodeKind.TARGET_GROUP, [
    displayName(group, group.targetGroupId),
    known ? `${facts.targetGroupType ?? 'target group'}${traffic}${facts.protocolVersion ? ` ${facts.protocolVersion}` : ''}` : 'target group (imported)',
  ], facts);
  for (const target of group._targets()) {
    graph.addEdge(id, addTarget(graph, group, target), TopologyEdgeKind.TARGET, { label: target.port === undefined ? undefined : `port ${target.port}` });
  }
  // The routes to this group, for a topology that starts at the group.
  group._forwarders.forEach(forwarder => graph.follow(forwarder.rule ?? forwarder.listener));
}

/** What each type of target is called in the diagram. */
const TARGET_TYPES: Record<string, string> = {
  INSTANCE: 'EC2 instance',
  AUTO_SCALING_GROUP: 'Auto Scaling group',
  IP: 'IP address',
  LAMBDA: 'Lambda function',
  ALB: 'Application Load Balancer',
  ECS_SERVICE: 'ECS service',
};

/**
 * The node of a target: the target's construct, shared by every group it is in; an IP address belongs to its group,
 * since the same address may be another machine in another VPC.
 */
function addTarget(graph: GraphBuilder, group: TargetGroupBase, target: TargetDescription): string {
  const kind = TARGET_TYPES[target.type] ?? target.type;
  if (target.construct) {
    return graph.addNode(target.construct, TopologyNodeKind.TARGET, [target.construct.node.id, kind], { targetType: target.type });
  }
  const address = literal(target.address) ? target.address : '(deploy time)';
  return graph.addNode(`${group.node.path}/${address}`, TopologyNodeKind.TARGET, [address, kind],
    compact({ targetType: target.type, address: literal(target.address) ? target.address : undefined }));
}

/** The edges from a listener or rule to the target groups its action forwards to. */
function addForwards(graph: GraphBuilder, from: string, action: ListenerAction, isDefault: boolean) {
  const entries = action._weightedTargetGroups;
  const weights = entries.map(entry => entry.weight);
  entries.forEach(({ targetGroup, weight }, index) => {
    graph.follow(targetGroup);
    graph.addEdge(from, graph.idOf(targetGroup), TopologyEdgeKind.FORWARD, {
      label: forwardLabel(weights, index, isDefault),
      weight: weight === undefined || Token.isUnresolved(weight) ? undefined : weight,
    });
  });
}

function fixedResponse(action: ListenerAction): string | undefined {
  const code = action._fixedResponseCode;
  return code === undefined ? undefined : `fixed response ${Token.isUnresolved(code) ? '(deploy time)' : code}`;
}

/** Every describer, asked about every construct. */
export const DESCRIBERS: readonly Describer[] = [
  describeServiceNetwork, describeVpcAssociation, describeService, describeListener, describeRule, describeTargetGroup,
  ...RESOURCE_DESCRIBERS,
];
