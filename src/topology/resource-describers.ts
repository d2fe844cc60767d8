import { CfnResourceConfiguration } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import type { Describer, GraphBuilder } from './builder';
import { TopologyEdgeKind, TopologyNodeKind } from './graph';
import { compact, importedHow, vpcFacts } from './labels';
import { displayName, literal } from '../private/names';
import { ResourceConfigurationBase } from '../resources/resource-configuration-base';
import { ResourceConfigurationChild, ResourceConfigurationGroup } from '../resources/resource-configuration-group';
import { ResourceGateway } from '../resources/resource-gateway';
import { ResourceEndpoint, ServiceNetworkEndpoint } from '../resources/vpc-endpoints';
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
  const resource = construct.node.defaultChild instanceof CfnResourceConfiguration ? construct.node.defaultChild : undefined;
  const type = literal(resource?.resourceConfigurationType) ? resource!.resourceConfigurationType : undefined;
  const definition = resource?.resourceConfigurationDefinition as CfnResourceConfiguration.ResourceConfigurationDefinitionProperty | undefined;
  const dnsResource = definition?.dnsResource as CfnResourceConfiguration.DnsResourceProperty | undefined;
  const facts = compact({
    resourceConfigurationType: type,
    resource: [dnsResource?.domainName, definition?.ipResource, definition?.arnResource].find(literal),
    customDomain: literal(resource?.customDomainName) ? resource!.customDomainName : undefined,
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
  const gateway = (construct as { gateway?: IConstruct }).gateway;
  if (gateway) {
    graph.follow(gateway);
    graph.addEdge(id, graph.idOf(gateway), TopologyEdgeKind.GATEWAY);
  }
  if (construct instanceof ResourceConfigurationBase) { construct.endpoints.forEach(endpoint => graph.follow(endpoint)); }
}

function describeResourceGateway(construct: IConstruct, graph: GraphBuilder) {
  if (!(construct instanceof ResourceGateway)) { return; }
  const facts = compact({ ...vpcFacts(construct.vpc), ipAddressType: literal(construct.ipAddressType) ? construct.ipAddressType : undefined });
  graph.addNode(construct, TopologyNodeKind.RESOURCE_GATEWAY, [
    displayName(construct, construct.resourceGatewayId), 'resource gateway', `in ${construct.vpc.node.id}`,
  ], facts);
}

function describeEndpoint(construct: IConstruct, graph: GraphBuilder) {
  const target = construct instanceof ServiceNetworkEndpoint ? construct.serviceNetwork
    : construct instanceof ResourceEndpoint ? construct.resourceConfiguration : undefined;
  if (!target || !(construct instanceof ServiceNetworkEndpoint || construct instanceof ResourceEndpoint)) { return; }
  const facts = vpcFacts(construct.vpc);
  const vpc = graph.addNode(construct.vpc, TopologyNodeKind.VPC, [construct.vpc.node.id, facts.vpcId ?? '', facts.cidr ?? ''], facts);
  graph.follow(target);
  graph.addEdge(vpc, graph.idOf(target), TopologyEdgeKind.VPC_ENDPOINT, { label: 'endpoint' });
}

/** The describers of VPC resources. */
export const RESOURCE_DESCRIBERS: readonly Describer[] = [
  describeNetworkResources, describeResourceConfiguration, describeResourceGateway, describeEndpoint,
];
