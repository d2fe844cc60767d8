import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { RuleMatch } from '../matches';
import { literal, lookedUpName } from '../private/names';
import { vpcCidrBlock } from '../private/placement';

/*
 * The short texts the topology shows for settings: what a rule matches, where a VPC is, how a forward weighs. Each
 * leaves out what is only known at deploy time.
 */

/**
 * A rule's match in a few words, as the API says it: `GET, prefix /api, x-canary: true, user-agent: contains bot` (an
 * exact match is the value alone; `PathMatch.prefix`, `HeaderMatch.prefix` and `HeaderMatch.contains` say their kind).
 */
export function ruleMatchSummary(match: RuleMatch): string {
  const parts: string[] = [];
  if (literal(match.method)) { parts.push(match.method); }
  if (match.path) { parts.push(`${match.path.kind === 'prefix' ? 'prefix ' : ''}${shown(match.path.path)}`); }
  for (const header of match.headers ?? []) {
    const kind = header.kind === 'prefix' || header.kind === 'contains' ? `${header.kind} ` : '';
    parts.push(`${shown(header.name)}: ${kind}${shown(header.value)}`);
  }
  return parts.join(', ');
}

/** A literal value, or a placeholder saying it is only known at deploy time. */
function shown(value: string): string {
  return literal(value) ? value : '(deploy time)';
}

/** The facts of a VPC the app knows: its ID when imported with a literal one, its IPv4 CIDR block when literal. */
export function vpcFacts(vpc: ec2.IVpc): Record<string, string> {
  const facts: Record<string, string> = {};
  if (literal(vpc.vpcId)) { facts.vpcId = vpc.vpcId; }
  const cidr = vpcCidrBlock(vpc);
  if (literal(cidr)) { facts.cidr = cidr; }
  return facts;
}

/**
 * What an edge of a forward says: `default` for a listener's default action, and the weight with its share when the
 * action splits requests or gives a weight, e.g. `default, weight 2 (67%)`.
 */
export function forwardLabel(weights: ReadonlyArray<number | undefined>, index: number, isDefault: boolean): string | undefined {
  const weight = weights[index];
  const parts = isDefault ? ['default'] : [];
  if (weight !== undefined && Token.isUnresolved(weight)) {
    parts.push('weight set at deploy time');
  } else if (weight !== undefined || weights.length > 1) {
    // CloudFormation's default weight is 100.
    const own = weight ?? 100;
    const total = weights.every(w => w === undefined || !Token.isUnresolved(w)) ? weights.reduce<number>((sum, w) => sum + (w ?? 100), 0) : 0;
    parts.push(total > 0 ? `weight ${own} (${Math.round((own / total) * 100)}%)` : `weight ${own}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** How a network or service was imported: by name (looked up at deploy time), or by ARN or ID. */
export function importedHow(imported: IConstruct): string {
  return literal(lookedUpName(imported)) ? 'imported by name' : 'imported';
}

/** The entries that have a value. */
export function compact(facts: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(facts).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
