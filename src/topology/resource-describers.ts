import type { CfnResourceConfiguration } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import type { Describer, GraphBuilder } from './builder';
import { TopologyEdgeKind, TopologyNodeKind } from './graph';
import { compact, importedHow, vpcFacts } from './labels';
import { configurationFacts, configurationLookedUp } from '../private/configurations';
import { displayName, literal } from '../private/names';
import { ResourceConfiguration } from '../resources/resource-configuration';
import { ResourceConfigurationBase } from '../resources/resource-configuration-base';
import { ResourceConfigurationChild, ResourceConfigurationGroup } from '../resources/resource-configuration-group';
import { ResourceGateway } from '../resources/resource-gateway';
import { ResourceEndpoint, ServiceNetworkEndpoint, TunnelEndpoint } from '../resources/vpc-endpoints';
import { ServiceNetworkBase } from '../service-network-base';

/*
 * What VPC resources add to the topology: the resource configurations associated with a network (and the children of
 * a group), the gateways they are reached through, and the VPCs that reach a network or a configuration through a VPC
 * endpoint. A configuration's facts are read from its CloudFormation resource, which states them as written.
 */

function describeNetworkResources(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ServiceNetworkBase)) { return; }
  for (const configuration of construct.resourceConfigurations) {
    graph.follow(configuration);
    graph.addEdge(graph.idOf(construct), graph.idOf(configuration), TopologyEdgeKind.RESOURCE_ASSOCIATION);
  }
  construct.endpoints.forEach(endpoint => graph.follow(endpoint));
}

function describeResourceConfiguration(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ResourceConfigurationBase) && !(construct instanceof ResourceConfigurationChild)) { return; }
  const resource = configurationFacts(construct);
  const type = literal(resource?.type) ? resource!.type : undefined;
  const definition = resource?.definition as CfnResourceConfiguration.ResourceConfigurationDefinitionProperty | undefined;
  const dnsResource = definition?.dnsResource as CfnResourceConfiguration.DnsResourceProperty | undefined;
  const cidrRanges = (definition?.cidrResource as CfnResourceConfiguration.CidrResourceProperty | undefined)?.cidrRanges;
  const facts = compact({
    resourceConfigurationType: type,
    resource: [dnsResource?.domainName, definition?.ipResource, definition?.arnResource,
      Array.isArray(cidrRanges) && cidrRanges.every(literal) ? cidrRanges.join(',') : undefined].find(literal),
    // VPC Lattice applies auth policies to services only: a network's policy does not restrict connections to resources.
    authPolicy: 'not applied (auth policies cover services only)',
    customDomain: literal(resource?.customDomain) ? resource!.customDomain : undefined,
    groupDomain: literal(resource?.groupDomain) ? resource!.groupDomain : undefined,
    ports: resource?.portRanges && !resource.portRanges.some(range => !literal(range)) ? resource.portRanges.join(',') : undefined,
    imported: resource ? undefined : 'true',
  });
  const id = graph.addNode(construct, TopologyNodeKind.RESOURCE_CONFIGURATION, [
    displayName(construct, construct.resourceConfigurationId),
    resource ? `resource configuration${type ? ` (${type})` : ''}` : `resource configuration (${importedHow(construct)})`,
    facts.resource ?? facts.groupDomain ?? '',
    facts.customDomain ?? '',
    facts.ports ? `TCP ${facts.ports}` : '',
  ], facts);

  if (construct instanceof ResourceConfigurationChild) {
    graph.follow(construct.group);
    graph.addEdge(graph.idOf(construct.group), id, TopologyEdgeKind.CHILD);
    return;
  }
  if (construct instanceof ResourceConfigurationGroup) {
    construct._children.forEach(child => graph.follow(child));
  }
  linkSharedConfiguration(construct, graph, id);
  const gateway = construct instanceof ResourceConfiguration || construct instanceof ResourceConfigurationGroup ? construct.gateway : undefined;
  if (gateway) {
    graph.follow(gateway);
    graph.addEdge(id, graph.idOf(gateway), TopologyEdgeKind.GATEWAY);
  }
  if (construct instanceof ResourceConfigurationBase) {
    [...construct.endpoints, ...construct.tunnelEndpoints].forEach(endpoint => graph.follow(endpoint));
  }
}

function describeResourceGateway(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ResourceGateway)) { return; }
  const facts = compact({ ...vpcFacts(construct.vpc), ipAddressType: literal(construct.ipAddressType) ? construct.ipAddressType : undefined });
  graph.addNode(construct, TopologyNodeKind.RESOURCE_GATEWAY, [
    displayName(construct, construct.resourceGatewayId), 'resource gateway', `in ${construct.vpc.node.id}`,
  ], facts);
}

/**
 * A configuration imported by the name of one of this app's configurations (found at deploy time, often in another
 * account it was shared with) leads to that configuration.
 */
function linkSharedConfiguration(construct: IConstruct, graph: GraphBuilder, id: string) {
  const shared = configurationLookedUp(construct);
  if (!shared) { return; }
  graph.follow(shared);
  graph.addEdge(id, graph.idOf(shared), TopologyEdgeKind.SHARED, { label: 'shared' });
}

function describeEndpoint(construct: IConstruct, graph: GraphBuilder) {
  const target = construct instanceof ServiceNetworkEndpoint ? construct.serviceNetwork
    : construct instanceof ResourceEndpoint || construct instanceof TunnelEndpoint ? construct.resourceConfiguration : undefined;
  const isEndpoint = construct instanceof ServiceNetworkEndpoint || construct instanceof ResourceEndpoint || construct instanceof TunnelEndpoint;
  if (!target || !isEndpoint) { return; }
  const facts = vpcFacts(construct.vpc);
  const vpc = graph.addNode(construct.vpc, TopologyNodeKind.VPC, [construct.vpc.node.id, facts.vpcId ?? '', facts.cidr ?? ''], facts);
  graph.follow(target);
  graph.addEdge(vpc, graph.idOf(target), TopologyEdgeKind.VPC_ENDPOINT,
    { label: construct instanceof TunnelEndpoint ? 'tunnel endpoint (GENEVE, UDP 6081)' : 'endpoint' });
}

/** The describers of VPC resources. */
export const RESOURCE_DESCRIBERS: readonly Describer[] = [
  describeNetworkResources, describeResourceConfiguration, describeResourceGateway, describeEndpoint,
];
