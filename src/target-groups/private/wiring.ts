import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import type { RenderedHealthCheck } from './settings';
import { LatticePrefixList } from '../../prefix-list';
import { latticeParty, recordAdmission, rulesOf } from '../../reachability/facts';
import { judgeRules } from '../../reachability/judge';

/**
 * Opens a target's security groups to VPC Lattice's managed prefix list (never to a CIDR) on each port: the traffic
 * port and the health-check port, one rule when they are equal. Security groups added to the target's `connections`
 * later are opened too (`Connections` remembers the rules), and a security group gets one rule per port however many
 * target groups ask. A security group the app cannot change is a warning on `group`: requests would find it closed.
 * Targets of IPv6 groups are reached from the IPv6 list.
 */
export function admitLatticeTraffic(group: IConstruct, target: ec2.IConnectable & IConstruct, ports: number[], options: { ipv6?: boolean } = {}) {
  const peer = LatticePrefixList.peer(target, options);
  const distinctPorts = [...new Set(ports)];
  for (const port of distinctPorts) {
    target.connections.allowFrom(peer, tcpPort(target, port), `From VPC Lattice to targets on port ${port}`);
  }
  recordAdmission(group, { target, ports, ipv6: options.ipv6 ?? false });
  // The targets hop of the reachability answers, judged now for each group: an imported group with no rule known to
  // admit the prefix list is one the app could not open.
  const lattice = latticeParty(target, options.ipv6 ?? false);
  const closed = target.connections.securityGroups.filter(securityGroup => distinctPorts.some(port =>
    judgeRules([rulesOf(securityGroup, 'ingress')], lattice, { from: port, to: port }, 'from').verdict !== 'REACHABLE'));
  for (const securityGroup of closed) {
    Annotations.of(group).addWarningV2('cdk-vpc-lattice:targetSecurityGroupNotOpened',
      `The security group ${securityGroup.node.path} of the target ${target.node.path} cannot be changed by this app (it was imported with ` +
      `mutable: false): at run time VPC Lattice's requests and health checks on port ${distinctPorts.join(' and ')} get no answer unless it ` +
      'already admits the VPC Lattice managed prefix list. Add that ingress rule where the group is managed, then acknowledge this warning.');
  }
}

/**
 * `ec2.Port.tcp`, except that a port only known at deploy time is named after what it resolves to: `ec2.Port` names
 * every such port `{IndirectPort}`, and a security group makes one rule per name, so a second one would be dropped.
 */
function tcpPort(scope: IConstruct, port: number): ec2.Port {
  if (!Token.isUnresolved(port)) { return ec2.Port.tcp(port); }
  const name = JSON.stringify(Stack.of(scope).resolve(port)).replace(/[^A-Za-z0-9]/g, '');
  return new ec2.Port({ protocol: ec2.Protocol.TCP, fromPort: port, toPort: port, stringRepresentation: `{IndirectPort${name}}` });
}

/**
 * The ports VPC Lattice reaches a target on: its traffic port, and the health-check port when health checks are on.
 */
export function portsToAdmit(trafficPort: number, healthCheck: RenderedHealthCheck): number[] {
  return healthCheck.enabled ? [trafficPort, healthCheck.port ?? trafficPort] : [trafficPort];
}

/**
 * Whether two VPCs are the same: yes for the same construct, no for two VPCs defined in the app or two different
 * literal IDs, unknown (undefined) otherwise.
 */
export function sameVpc(a: ec2.IVpc, b: ec2.IVpc): boolean | undefined {
  if (a === b) { return true; }
  if (a instanceof ec2.Vpc && b instanceof ec2.Vpc) { return false; }
  if (!Token.isUnresolved(a.vpcId) && !Token.isUnresolved(b.vpcId)) { return a.vpcId === b.vpcId; }
  return undefined;
}
