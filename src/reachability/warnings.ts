import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { rulesOf, WayIn } from './facts';
import { Client, Hop, HopKind, resourceAnswer, serviceAnswer } from './hops';
import type { IServiceNetwork } from '../interfaces';
import type { IResourceConfiguration } from '../resources/interfaces';

/** The warning of each hop a declared path can be blocked at; the targets' is given where the group opens them. */
const WARNINGS: Partial<Record<HopKind, string>> = {
  clientEgress: 'cdk-vpc-lattice:clientEgressBlocked',
  wayIngress: 'cdk-vpc-lattice:clientNotAdmitted',
  gatewayEgress: 'cdk-vpc-lattice:resourceGatewayEgressBlocked',
  resourceIngress: 'cdk-vpc-lattice:resourceIngressBlocked',
};

/**
 * The paths an association or an endpoint declares: from each security group its ingress rules admit to each service
 * and resource it leads to. One warning per blocked hop, with the line that opens it; paths the app does not declare
 * get none. Run when the tree is complete (a validation of the way), so rules added later count.
 */
export function warnBlockedPaths(way: WayIn) {
  const clients = declaredClients(way);
  if (clients.length === 0) { return; }
  const network = (way.construct as { serviceNetwork?: IServiceNetwork }).serviceNetwork;
  const configuration = (way.construct as { resourceConfiguration?: IResourceConfiguration }).resourceConfiguration;
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
    `${hop.description.toLowerCase()}: ${hop.reason}. ${hop.fix ? `Open it: ${hop.fix}.` : ''}`.trim();
  if (warned.has(message)) { return; }
  warned.add(message);
  Annotations.of(way.construct).addWarningV2(WARNINGS[hop.kind]!, message);
}

/**
 * The security groups of the app that the way's ingress rules name, found in the way's stack and the stacks of the
 * groups' rules (a client security group is declared by `way.connections.allowFrom(client)`).
 */
function declaredClients(way: WayIn): Client[] {
  const ids = new Set(way.construct.connections.securityGroups
    .flatMap(group => rulesOf(group, 'ingress').rules.map(rule => rule.securityGroupId))
    .filter(id => id !== undefined).map(id => JSON.stringify(id)));
  if (ids.size === 0) { return []; }
  const stack = Stack.of(way.construct);
  return stack.node.findAll().filter((construct): construct is ec2.SecurityGroup => construct instanceof ec2.SecurityGroup
    && ids.has(JSON.stringify(stack.resolve(construct.securityGroupId))) && !way.construct.connections.securityGroups.includes(construct));
}

/** The way of an association or an endpoint, for its validation. */
export function wayOfConstruct(construct: IConstruct & ec2.IConnectable & { vpc: ec2.IVpc }, kind: WayIn['kind']): WayIn {
  return { kind, construct, vpc: construct.vpc };
}
