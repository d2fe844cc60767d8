import { CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { hop, resources } from './reachability-fixtures';
import { Reachability, ServiceNetwork } from 'cdk-vpc-lattice';

/*
 * Network ACLs on a resource gateway's subnets (docs/lattice-facts.md#reachability). The gateway's traffic to the
 * resource and its return follow from the ACLs being stateless: the resource's ports out, the ephemeral ports in. The
 * traffic VPC Lattice sends into the gateway (the resource's ports in, the return out on the ephemeral ports) has no
 * rule of AWS: an ACL that admits it for every address leaves the answer as it is, any other is UNKNOWN, never BLOCKED.
 * Each case changes one entry and asserts both hops.
 */

const GATEWAY = 'Network ACLs of Stack/DataVpc (resource gateway)';
const INBOUND = 'Network ACLs of Stack/DataVpc (resource gateway inbound)';
const OPEN = /^AWS does not document whether network ACLs filter the traffic VPC Lattice sends into a resource gateway/;

/** The database (literal port) behind its gateway, reached through a resource endpoint, and an ACL on every subnet of the data VPC. */
function gatewayBehindAcl() {
  const r = resources({ imported: true });
  r.db.addVpcEndpoint(r.consumerVpc);
  const acl = new ec2.NetworkAcl(r.stack, 'GatewayAcl', { vpc: r.dataVpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const entry = (id: string, ruleNumber: number, direction: ec2.TrafficDirection, traffic: ec2.AclTraffic, ruleAction = ec2.Action.ALLOW) =>
    acl.addEntry(id, { cidr: ec2.AclCidr.anyIpv4(), ruleNumber, direction, traffic, ruleAction });
  // What the gateway needs towards the database, for every address: 5432 out, the return in.
  entry('ToDatabase', 100, ec2.TrafficDirection.EGRESS, ec2.AclTraffic.tcpPort(5432));
  entry('DatabaseReturn', 100, ec2.TrafficDirection.INGRESS, ec2.AclTraffic.tcpPortRange(1024, 65535));
  return { ...r, acl, entry, answer: () => r.db.canConnect(r.consumerVpc, r.client) };
}

test('an ACL that admits the resource\'s traffic and its return only: the gateway side REACHABLE, its inbound UNKNOWN (the return out is missing)', () => {
  const f = gatewayBehindAcl();
  Template.fromStack(f.stack).resourcePropertiesCountIs('AWS::EC2::NetworkAclEntry', { Egress: true }, 1);
  const answer = f.answer();
  expect(answer.decision).toBe(Reachability.UNKNOWN);
  expect(hop(answer, GATEWAY)).toEqual(expect.objectContaining({ verdict: Reachability.REACHABLE, reason: expect.stringMatching(/Stack\/GatewayAcl allow the resource gateway traffic/) }));
  expect(hop(answer, INBOUND).verdict).toBe(Reachability.UNKNOWN);
  expect(hop(answer, INBOUND).reason).toMatch(OPEN);
  expect(hop(answer, INBOUND).reason).toMatch(/Stack\/GatewayAcl on the subnets of Stack\/DataVpc do not all admit it for every address \(in TCP 5432-5432, out TCP 1024-65535\)$/);
  expect(answer.hops.filter(h => h.verdict !== Reachability.REACHABLE).map(h => h.description)).toEqual([INBOUND]);
});

test('an ACL that also lets the return out to every address admits the inbound traffic: no effect on the answer, REACHABLE', () => {
  const f = gatewayBehindAcl();
  f.entry('LatticeReturn', 90, ec2.TrafficDirection.EGRESS, ec2.AclTraffic.tcpPortRange(1024, 65535));
  const answer = f.answer();
  expect(answer.decision).toBe(Reachability.REACHABLE);
  expect(hop(answer, INBOUND)).toEqual(expect.objectContaining({
    verdict: Reachability.REACHABLE, reason: 'Stack/GatewayAcl allow the resource gateway inbound traffic (in TCP 5432-5432, out TCP 1024-65535) for every address',
  }));
});

test('a deny of the resource\'s port in from every address is UNKNOWN at the inbound hop, not BLOCKED: AWS gives no rule for it', () => {
  const f = gatewayBehindAcl();
  f.entry('LatticeReturn', 90, ec2.TrafficDirection.EGRESS, ec2.AclTraffic.tcpPortRange(1024, 65535));
  f.entry('NoLattice', 50, ec2.TrafficDirection.INGRESS, ec2.AclTraffic.tcpPort(5432), ec2.Action.DENY);
  const answer = f.answer();
  expect(answer.decision).toBe(Reachability.UNKNOWN);
  expect(hop(answer, INBOUND)).toEqual(expect.objectContaining({ verdict: Reachability.UNKNOWN, reason: expect.stringMatching(OPEN) }));
  expect(answer.hops.filter(h => h.verdict === Reachability.BLOCKED)).toEqual([]);
});

test('an ACL without entries: the gateway side BLOCKED (documented), its inbound UNKNOWN; the answer stays BLOCKED', () => {
  const r = resources();
  r.db.addVpcEndpoint(r.consumerVpc);
  new ec2.NetworkAcl(r.stack, 'GatewayAcl', { vpc: r.dataVpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const answer = r.db.canConnect(r.consumerVpc, r.client);
  expect(answer.decision).toBe(Reachability.BLOCKED);
  expect(hop(answer, GATEWAY)).toEqual(expect.objectContaining({ verdict: Reachability.BLOCKED, reason: expect.stringMatching(/^missing rule: Stack\/GatewayAcl/) }));
  expect(hop(answer, INBOUND)).toEqual(expect.objectContaining({ verdict: Reachability.UNKNOWN, reason: expect.stringMatching(OPEN) }));
});

test('a deploy-time port in the inbound entry is UNKNOWN, and the same path through a service network is judged alike', () => {
  const f = gatewayBehindAcl();
  const port = new CfnParameter(f.stack, 'Port', { type: 'Number' }).valueAsNumber;
  f.entry('LatticeReturn', 90, ec2.TrafficDirection.EGRESS, ec2.AclTraffic.tcpPortRange(port, 65535));
  expect(hop(f.answer(), INBOUND).verdict).toBe(Reachability.UNKNOWN);
  const network = new ServiceNetwork(f.stack, 'Network');
  network.associateResource(f.db);
  network.associateVpc(f.consumerVpc);
  const paths = Reachability.of(f.stack).toJson() as Array<{ vpc?: string; to: string; hops: Array<{ description: string; verdict: string }> }>;
  expect(paths.filter(path => path.vpc === 'Stack/ConsumerVpc').map(path => path.hops.find(h => h.description === INBOUND)?.verdict)).toEqual(['UNKNOWN']);
});

test('gateway subnets without ACLs of the app have no ACL hop', () => {
  const r = resources();
  r.db.addVpcEndpoint(r.consumerVpc);
  expect(r.db.canConnect(r.consumerVpc, r.client).hops.filter(h => /Network ACLs/.test(h.description))).toEqual([]);
});
