import { Annotations, Reference, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { configurationWays, networkWays, WayIn } from './facts';
import { Client, Hop, HopKind, resourceAnswer, serviceAnswer } from './hops';
import type { IServiceNetwork } from '../interfaces';
import type { IResourceConfiguration } from '../resources/interfaces';

/** The warning of each hop a declared path can be blocked at; the targets' is given where the group opens them. */
const WARNINGS: Partial<Record<HopKind, string>> = {
  clientEgress: 'cdk-vpc-lattice:clientEgressBlocked',
  wayIngress: 'cdk-vpc-lattice:clientNotAdmitted',
  gatewayEgress: 'cdk-vpc-lattice:resourceGatewayEgressBlocked',
  resourceIngress: 'cdk-vpc-lattice:resourceIngressBlocked',
  networkAcls: 'cdk-vpc-lattice:networkAclBlocked',
};

/**
 * The paths an association or an endpoint declares: from each security group its ingress rules admit to each service
 * and resource it leads to. One warning per blocked hop, with the line that opens it; paths the app does not declare
 * get none. Run when the tree is complete (a validation of the way), so rules added later count.
 */
export function warnBlockedPaths(way: WayIn | undefined) {
  const clients = way ? declaredClients(way) : [];
  if (!way || clients.length === 0) { return; }
  const { network, configuration } = way;
  const warned = new Set<string>();
  for (const client of clients) {
    const answers = [
      ...(network?.services ?? []).map(service => ({ to: service.node.path, answer: serviceAnswer(service, way.vpc, client) })),
      ...(network?.resourceConfigurations ?? []).map(resource => ({ to: resource.node.path, answer: resourceAnswer(resource, way.vpc, client) })),
      ...(configuration ? [{ to: configuration.node.path, answer: resourceAnswer(configuration, way.vpc, client) }] : []),
    ];
    for (const { to, answer } of answers) {
      answer.hops.filter(hop => hop.verdict === 'BLOCKED' && WARNINGS[hop.kind] && (!answer.way || answer.way === way || answer.way.construct === way.construct))
        .forEach(hop => warn(way, client, to, hop, warned));
    }
  }
}

function warn(way: WayIn, client: Client, to: string, hop: Hop, warned: Set<string>) {
  const message = `The ${way.kind} ${way.construct.node.path} admits ${client.node.path}, but its connections to ${to} are blocked at ` +
    `${hop.description[0].toLowerCase()}${hop.description.slice(1)}: ${hop.reason}. ${hop.fix ? `Open it: ${hop.fix}.` : ''}`.trim();
  if (warned.has(message)) { return; }
  warned.add(message);
  Annotations.of(way.construct).addWarningV2(WARNINGS[hop.kind]!, message);
}

/**
 * The security groups of the app that the way's ingress rules name (`way.connections.allowFrom(client)` writes such a
 * rule as a child of the way's group), found through the reference each rule holds: no scan.
 */
function declaredClients(way: WayIn): Client[] {
  const own = way.construct.connections.securityGroups;
  const clients = own.flatMap(group => group.node.children.filter(rule => rule instanceof ec2.CfnSecurityGroupIngress)
    .map(rule => Tokenization.reverseString(String((rule as ec2.CfnSecurityGroupIngress).sourceSecurityGroupId)).firstToken)
    .map(token => (token instanceof Reference ? token.target.node.scope : undefined)));
  return [...new Set(clients)].filter((group): group is ec2.SecurityGroup => group instanceof ec2.SecurityGroup && !own.includes(group));
}

/** The way of an association or an endpoint, for its validation: as its network or configuration lists it. */
export function wayOfConstruct(construct: IConstruct & { serviceNetwork?: IServiceNetwork; resourceConfiguration?: IResourceConfiguration }):
WayIn | undefined {
  const ways = construct.serviceNetwork ? networkWays(construct.serviceNetwork)
    : construct.resourceConfiguration ? configurationWays(construct.resourceConfiguration) : [];
  return ways.find(way => way.construct === construct);
}
