import { Token } from 'aws-cdk-lib';
import { cidrContainment } from '../private/cidr';

/*
 * The judge: whether security-group rules admit a party on a TCP port, from facts only (no constructs). A value known
 * only at deploy time is a token; the judge compares tokens by what they resolve to and answers UNKNOWN where a token
 * would decide. See docs/lattice-facts.md#reachability.
 */

/** A verdict of the judge, as the public `ReachabilityVerdict`. */
export type Verdict = 'REACHABLE' | 'BLOCKED' | 'UNKNOWN';

/** A resolved value: a literal string or number, or a CloudFormation intrinsic (a token) as JSON. */
export type Value = string | number | object;

/** The other end of a rule. */
export interface RulePeer {
  readonly cidrIp?: Value;
  readonly cidrIpv6?: Value;
  readonly securityGroupId?: Value;
  readonly prefixListId?: Value;
}

/** One security-group rule (either direction), as EC2 keeps it. */
export interface RuleFact extends RulePeer {
  readonly ipProtocol: Value;
  readonly fromPort?: Value;
  readonly toPort?: Value;
  /** Where the rule comes from when not from the app (EC2's default). */
  readonly origin?: string;
}

/** The rules of one security group in one direction. */
export interface GroupRules {
  readonly name: string;
  readonly rules: RuleFact[];
  /** Why the group may have rules besides `rules` (an imported group): then no match is UNKNOWN, not BLOCKED. */
  readonly incompleteBecause?: string;
}

/** Who is on the other side of the traffic: its security groups, address ranges and prefix lists. */
export interface Party {
  readonly name: string;
  readonly securityGroupIds?: Value[];
  /**
   * IPv4 ranges that together hold every address the party may use (a VPC's CIDR when its subnet is not known), each
   * range as the spellings it has (a literal, the value it resolves to).
   */
  readonly cidrs?: Value[][];
  readonly cidrsIpv6?: Value[][];
  readonly prefixListIds?: Value[];
  /** Prefix lists known to be other lists than the party's (VPC Lattice's list of the other address family). */
  readonly otherPrefixListIds?: Value[];
  /** Security groups a rule may name without AWS documenting whether that lets the traffic through: UNKNOWN. */
  readonly undocumentedSecurityGroupIds?: { readonly ids: Value[]; readonly why: string };
}

/** The judge's answer for one hop. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly reason: string;
}

const key = (value: Value) => JSON.stringify(value);
const literal = (value: Value | undefined): value is string | number =>
  (typeof value === 'string' || typeof value === 'number') && !Token.isUnresolved(value);

/** Two security groups of one template by their logical IDs: different IDs are different groups. */
function groupLogicalId(value: Value): string | undefined {
  const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'GroupId' ? getAtt[0] : undefined;
}

/** TCP ports (UDP when `udp`): one (`from` = `to`) or a range. */
export interface Ports {
  readonly from: Value;
  readonly to: Value;
  readonly udp?: boolean;
}

/** Whether a rule applies to every TCP port of `ports`: yes, no, or unknown (a token port or protocol). */
function coversPort(rule: RuleFact, ports: Ports): boolean | undefined {
  if (!literal(rule.ipProtocol)) { return undefined; }
  const protocol = String(rule.ipProtocol).toLowerCase();
  if (protocol === '-1' || protocol === 'all') { return true; }
  if (ports.udp ? protocol !== 'udp' && protocol !== '17' : protocol !== 'tcp' && protocol !== '6') { return false; }
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  // The same deploy-time port on both sides (a database's port, opened for it) is the same port.
  if (key(from) === key(ports.from) && key(to) === key(ports.to)) { return true; }
  if (!literal(from) || !literal(to)) { return undefined; }
  if (Number(from) <= 0 && Number(to) >= 65535) { return true; }
  if (!literal(ports.from) || !literal(ports.to)) { return undefined; }
  if (Number(from) <= Number(ports.from) && Number(ports.to) <= Number(to)) { return true; }
  // A rule that holds part of the range lets part of the traffic through: not the whole answer either way.
  return Number(to) < Number(ports.from) || Number(from) > Number(ports.to) ? false : undefined;
}

/** Whether the rule's peer holds the party: yes, no, or unknown. */
function coversParty(rule: RulePeer, party: Party): boolean | undefined {
  if (rule.securityGroupId !== undefined) {
    return includes(party.securityGroupIds, rule.securityGroupId);
  }
  if (rule.prefixListId !== undefined) {
    return includes(party.otherPrefixListIds, rule.prefixListId) === true ? false : includes(party.prefixListIds, rule.prefixListId);
  }
  if (rule.cidrIp !== undefined) { return cidrsCover(rule.cidrIp, party.cidrs); }
  if (rule.cidrIpv6 !== undefined) { return cidrsCover(rule.cidrIpv6, party.cidrsIpv6); }
  return false;
}

/** A peer ID matches when it is one of the party's; a token that is none of them may still be one at deploy time. */
function includes(values: Value[] | undefined, wanted: Value): boolean | undefined {
  const all = values ?? [];
  if (all.some(value => key(value) === key(wanted))) { return true; }
  // Nothing to compare with (a prefix list the app does not use may still be the one a literal ID names).
  if (all.length === 0) { return undefined; }
  const distinct = (value: Value) => (literal(value) && literal(wanted))
    || (groupLogicalId(value) !== undefined && groupLogicalId(wanted) !== undefined);
  return all.every(distinct) ? false : undefined;
}

/** Whether the range `rule` holds every address of the party's ranges. */
function cidrsCover(rule: Value, ranges: Value[][] | undefined): boolean | undefined {
  const everything = literal(rule) && /\/0$/.test(String(rule));
  if (everything) { return true; }
  // A party whose addresses are not known here (VPC Lattice's own) is held by a /0 range only.
  if (!ranges || ranges.length === 0) { return undefined; }
  const answers = ranges.map(spellings => {
    if (spellings.some(range => key(range) === key(rule))) { return true; }
    const literals = spellings.filter(literal);
    if (!literal(rule) || literals.length === 0) { return undefined; }
    const verdicts = literals.map(range => cidrContainment(String(rule), String(range)));
    return verdicts.includes(true) ? true : verdicts.every(verdict => verdict === false) ? false : undefined;
  });
  if (answers.every(answer => answer === true)) { return true; }
  if (answers.every(answer => answer === false)) { return false; }
  return undefined;
}

/**
 * Whether the rules of any of `groups` admit `party` on TCP `port` (security groups of one interface are a union):
 * REACHABLE when one rule does, UNKNOWN when none does but a token or an unknown group might, else BLOCKED.
 */
export function judgeRules(groups: GroupRules[], party: Party, ports: Ports, direction: 'from' | 'to'): Judgement {
  const unknown: string[] = [];
  for (const group of groups) {
    if (group.incompleteBecause) { unknown.push(`${group.name}: ${group.incompleteBecause}`); }
    for (const rule of group.rules) {
      const onPort = coversPort(rule, ports);
      const onParty = onPort === false ? false : coversParty(rule, party);
      const undocumented = party.undocumentedSecurityGroupIds;
      if (onPort !== false && rule.securityGroupId !== undefined && undocumented?.ids.some(id => key(id) === key(rule.securityGroupId!))) {
        unknown.push(`${group.name} has ${describeRule(rule)}: ${undocumented.why}`);
        continue;
      }
      if (onPort === true && onParty === true) {
        return { verdict: 'REACHABLE', reason: `${group.name} allows ${describeRule(rule)}` };
      }
      if (onPort !== false && onParty !== false) {
        unknown.push(`${group.name} has ${describeRule(rule)}, which is known only at deploy time`);
      }
    }
  }
  if (unknown.length > 0) { return { verdict: 'UNKNOWN', reason: `no rule is known to allow it: ${unknown.join('; ')}` }; }
  const names = groups.map(group => group.name).join(', ') || 'no security group';
  return {
    verdict: 'BLOCKED',
    reason: `missing rule: ${names} allow${groups.length === 1 ? 's' : ''} no ${ports.udp ? 'UDP' : 'TCP'} ${describePorts(ports)} ${direction} ${party.name}`,
  };
}

export function describePorts(ports: Ports): string {
  if (!literal(ports.from) || !literal(ports.to)) { return 'traffic on a port known at deploy time'; }
  return ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
}

function describeRule(rule: RuleFact): string {
  const show = (value: Value | undefined) => (literal(value) ? String(value) : '<token>');
  const peer = rule.securityGroupId !== undefined ? `security group ${show(rule.securityGroupId)}`
    : rule.prefixListId !== undefined ? `prefix list ${show(rule.prefixListId)}`
      : show(rule.cidrIp ?? rule.cidrIpv6);
  const protocol = show(rule.ipProtocol) === '-1' ? 'all traffic' : `${show(rule.ipProtocol)} ${show(rule.fromPort)}-${show(rule.toPort)}`;
  return `${protocol} with ${peer}${rule.origin ? ` (${rule.origin})` : ''}`;
}

/** The weakest of verdicts: BLOCKED if any is, else UNKNOWN if any is, else REACHABLE. */
export function weakest(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('BLOCKED')) { return 'BLOCKED'; }
  return verdicts.includes('UNKNOWN') ? 'UNKNOWN' : 'REACHABLE';
}
