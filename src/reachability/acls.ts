import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { Judgement, Ports, Verdict } from './judge';

/*
 * Network ACLs the app defines (docs/lattice-facts.md#reachability): stateless, so each side of a path needs a rule
 * out and a rule in (the return traffic on the ephemeral ports 1024-65535), evaluated in rule-number order, with a
 * final deny. VPC Lattice's addresses are not known at synth, so only an entry for every address (0.0.0.0/0, ::/0)
 * decides for them; which subnet of a VPC a party uses is not known either, so a VPC decides when all its subnets agree.
 * A side whose need AWS does not document (`open`) is REACHABLE when the ACLs admit it for every address, else UNKNOWN.
 */

/** The ephemeral ports of return traffic that network ACLs must allow. */
export const EPHEMERAL: Ports = { from: 1024, to: 65535 };

/** One direction a side of the path needs: out (egress) or in, on ports. */
export interface AclNeed {
  readonly egress: boolean;
  readonly ports: Ports;
}

/** Whether an entry's protocol and ports hold all of `ports`: yes, no, or not known. */
function entryCovers(entry: ec2.CfnNetworkAclEntry, ports: Ports, stack: Stack): boolean | undefined {
  const protocol = stack.resolve(entry.protocol);
  if (protocol === -1) { return true; }
  if (typeof protocol !== 'number') { return undefined; }
  if (protocol !== (ports.udp ? 17 : 6)) { return false; }
  const range = stack.resolve(entry.portRange) as { from?: unknown; to?: unknown } | undefined;
  const [from, to, first, last] = [range?.from, range?.to, ports.from, ports.to];
  if (typeof from !== 'number' || typeof to !== 'number' || typeof first !== 'number' || typeof last !== 'number') { return undefined; }
  if (from <= first && last <= to) { return true; }
  return to < first || from > last ? false : undefined;
}

/** One ACL's verdict for one need: the first entry that surely applies decides, else the final deny. */
function judgeAcl(acl: ec2.NetworkAcl, need: AclNeed, ipv6: boolean): Verdict {
  const stack = Stack.of(acl);
  const entries = acl.node.children.map(child => child.node.defaultChild).filter((child): child is ec2.CfnNetworkAclEntry =>
    child instanceof ec2.CfnNetworkAclEntry && Boolean(stack.resolve(child.egress)) === need.egress)
    .sort((a, b) => Number(stack.resolve(a.ruleNumber)) - Number(stack.resolve(b.ruleNumber)));
  for (const entry of entries) {
    const covers = entryCovers(entry, need.ports, stack);
    if (covers === false) { continue; }
    const cidr = stack.resolve(ipv6 ? entry.ipv6CidrBlock : entry.cidrBlock);
    if (cidr === undefined && stack.resolve(ipv6 ? entry.cidrBlock : entry.ipv6CidrBlock) !== undefined) { continue; }
    const everyAddress = cidr === (ipv6 ? '::/0' : '0.0.0.0/0');
    if (covers === true && everyAddress) { return stack.resolve(entry.ruleAction) === 'allow' ? 'REACHABLE' : 'BLOCKED'; }
    // An entry for some addresses, ports or a deploy-time value: VPC Lattice's addresses may or may not match it.
    return 'UNKNOWN';
  }
  return 'BLOCKED';
}

/** The network ACL of each subnet of `vpc` the app gave one (others have the VPC's default ACL, which allows all). */
function aclsOfSubnets(vpc: ec2.IVpc): Array<ec2.NetworkAcl | undefined> {
  return [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets]
    .map(subnet => ('networkAcl' in subnet ? (subnet as ec2.Subnet).networkAcl : undefined))
    .map(acl => (acl instanceof ec2.NetworkAcl ? acl : undefined));
}

/**
 * The network ACLs of a VPC for a side of the path, or nothing when the app gave its subnets none. REACHABLE or
 * BLOCKED when every subnet agrees, else UNKNOWN; a side AWS gives no rule for (`open`, why) is REACHABLE or UNKNOWN.
 */
export function judgeVpcAcls(vpc: ec2.IVpc, side: string, needs: AclNeed[], ipv6 = false, open?: string):
(Judgement & { to: IConstruct }) | undefined {
  const acls = aclsOfSubnets(vpc);
  if (!acls.some(acl => acl !== undefined)) { return undefined; }
  const verdicts = acls.map(acl => (acl ? needs.map(need => judgeAcl(acl, need, ipv6)) : ['REACHABLE' as const]))
    .map(each => (each.includes('BLOCKED') ? 'BLOCKED' : each.includes('UNKNOWN') ? 'UNKNOWN' : 'REACHABLE'));
  const names = [...new Set(acls.filter((acl): acl is ec2.NetworkAcl => acl !== undefined).map(acl => acl.node.path))].join(', ');
  const port = (value: unknown) => (typeof value === 'number' ? value : '<deploy-time port>');
  const wants = needs.map(need => `${need.egress ? 'out' : 'in'} ${need.ports.udp ? 'UDP' : 'TCP'} ${port(need.ports.from)}-${port(need.ports.to)}`).join(', ');
  if (verdicts.every(verdict => verdict === 'REACHABLE')) {
    return { verdict: 'REACHABLE', to: vpc, reason: `${names} allow the ${side} traffic (${wants}) for every address` };
  }
  // A side no rule of AWS covers: only entries that admit it for every address leave the answer as it is.
  if (open) {
    return { verdict: 'UNKNOWN', to: vpc, reason: `${open}, and ${names} on the subnets of ${vpc.node.path} do not all admit it for every address (${wants})` };
  }
  if (verdicts.every(verdict => verdict === 'BLOCKED')) {
    return {
      verdict: 'BLOCKED',
      to: vpc,
      reason: `missing rule: ${names} on the subnets of ${vpc.node.path} allow none of the ${side} traffic (${wants}) ` +
      'for every address (network ACLs are stateless: both directions need an entry)',
    };
  }
  return {
    verdict: 'UNKNOWN',
    to: vpc,
    reason: `${names} on subnets of ${vpc.node.path}: which subnet the ${side} uses, or whether VPC Lattice's addresses match an entry ` +
      `for some addresses, is not known here (${wants} needed)`,
  };
}
