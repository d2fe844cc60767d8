import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The error every literal check throws: it names the construct path, the property, the value and what is allowed,
 * so the message alone tells the user what to change.
 */
export function invalid(scope: IConstruct, property: string, value: unknown, allowed: string): Error {
  return new Error(`${scope.node.path}: invalid ${property} ${show(value)}: ${allowed}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') { return `'${value}'`; }
  if (value instanceof Duration) { return `${value.toSeconds({ integral: false })} seconds`; }
  return JSON.stringify(value);
}

/** Whether a value is only known at deploy time; such values are never judged at synth. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** A whole number within [min, max]; tokens and `undefined` pass. */
export function checkInteger(scope: IConstruct, property: string, value: number | undefined, min: number, max: number, unit = '') {
  if (value === undefined || isToken(value)) { return; }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(scope, property, value, `must be a whole number from ${min} to ${max}${unit}`);
  }
}

/** A duration of whole seconds within [min, max] seconds; tokens and `undefined` pass. */
export function checkSeconds(scope: IConstruct, property: string, value: Duration | undefined, min: number, max: number): number | undefined {
  if (value === undefined) { return undefined; }
  if (value.isUnresolved()) { return value.toSeconds(); }
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw invalid(scope, property, value, `must be a whole number of seconds from ${min} to ${max}`);
  }
  return seconds;
}

/** A string whose length is within [min, max] and which matches `pattern` when given; tokens and `undefined` pass. */
export function checkString(scope: IConstruct, property: string, value: string | undefined, rule: StringRule) {
  if (value === undefined || isToken(value)) { return; }
  if (value.length < rule.min || value.length > rule.max) {
    throw invalid(scope, property, value, `must be ${rule.min} to ${rule.max} characters long (it has ${value.length})${rule.what ? `; ${rule.what}` : ''}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalid(scope, property, value, rule.what ?? `must match ${rule.pattern}`);
  }
}

/** A DNS name: dot-separated labels of letters, digits and inner hyphens, at least two labels, no trailing dot. */
const DOMAIN_NAME = /^(?=.{3,255}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** A fully qualified DNS name of 3 to 255 characters, without wildcards or a trailing dot; tokens and `undefined` pass. */
export function checkDomainName(scope: IConstruct, property: string, value: string | undefined) {
  if (value === undefined || isToken(value)) { return; }
  if (!DOMAIN_NAME.test(value)) {
    throw invalid(scope, property, value,
      "must be a fully qualified DNS name of 3 to 255 characters, like 'orders.internal.example.com': labels of letters, digits and inner hyphens " +
      '(1 to 63 characters each), separated by dots, without a trailing dot or wildcards');
  }
}

/** Whether `name` is `domain` or a name below it, ignoring letter case and a trailing dot. */
export function isWithinDomain(name: string, domain: string): boolean {
  const plain = (value: string) => value.toLowerCase().replace(/\.$/, '');
  return plain(name) === plain(domain) || plain(name).endsWith(`.${plain(domain)}`);
}

export interface StringRule {
  readonly min: number;
  readonly max: number;
  readonly pattern?: RegExp;
  /** What is allowed, in words, for the message. */
  readonly what?: string;
}

/** A count of items within [min, max]; arrays that are tokens pass. */
export function checkCount(scope: IConstruct, property: string, items: readonly unknown[] | undefined, min: number, max: number) {
  if (items === undefined || isToken(items)) { return; }
  if (items.length < min || items.length > max) {
    throw invalid(scope, property, `${items.length} items`, min === max ? `must have exactly ${min}` : `must have ${min} to ${max} items`);
  }
}

/** A value from a fixed list; tokens and `undefined` pass. */
export function checkOneOf<T>(scope: IConstruct, property: string, value: T | undefined, allowed: readonly T[], hint = '') {
  if (value === undefined || isToken(value)) { return; }
  if (!allowed.includes(value)) {
    throw invalid(scope, property, value, `must be one of ${allowed.map(a => show(a)).join(', ')}${hint ? `. ${hint}` : ''}`);
  }
}

/**
 * The name rules VPC Lattice applies to every resource it names (CloudFormation registry schemas): lowercase letters,
 * digits and hyphens, no hyphen at either end, no two hyphens in a row, and a reserved prefix per resource type.
 */
export function checkResourceName(scope: IConstruct, property: string, value: string | undefined, kind: NamedResource) {
  if (value === undefined || isToken(value)) { return; }
  const [min, max, reservedPrefix] = NAME_RULES[kind];
  const allowed = `${kind} names are ${min} to ${max} characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with '${reservedPrefix}'`;
  const ok = value.length >= min && value.length <= max
    && /^[a-z0-9-]+$/.test(value)
    && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--')
    && !value.startsWith(reservedPrefix);
  if (!ok) { throw invalid(scope, property, value, allowed); }
}

export type NamedResource = 'service network' | 'service' | 'listener' | 'rule' | 'target group' | 'resource gateway' | 'resource configuration';

const NAME_RULES: Record<NamedResource, [number, number, string]> = {
  'service network': [3, 63, 'servicenetwork-'],
  'service': [3, 40, 'svc-'],
  'listener': [3, 63, 'listener-'],
  'rule': [3, 63, 'rule-'],
  'target group': [3, 128, 'tg-'],
  'resource gateway': [3, 40, 'rgw-'],
  'resource configuration': [3, 40, 'rcfg-'],
};
