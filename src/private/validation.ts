import { Duration, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * The error every literal check throws: it names the construct path, the property, the value and what is allowed,
 * so the message alone tells the user what to change.
 */
export function invalidValueError(scope: IConstruct, property: string, value: unknown, allowed: string): Error {
  return new Error(`${scope.node.path}: invalid ${property} ${show(value)}: ${allowed}`);
}

/**
 * A value as the user gave it, for messages: strings quoted, numbers as JavaScript writes them (`NaN`, `Infinity`),
 * durations in seconds, constructs by path, lists item by item. Never throws, whatever a JavaScript caller passed.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') { return `'${value}'`; }
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' ? 'a function' : String(value);
  }
  if (isDuration(value)) { return `${value.toSeconds({ integral: false })} seconds`; }
  if (Construct.isConstruct(value)) { return value.node.path; }
  if (Array.isArray(value)) { return `[${value.map(show).join(', ')}]`; }
  try {
    return JSON.stringify(value, (_key, item) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item));
  } catch {
    const name = value.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
}

/** The length of a string in characters (Unicode code points), as CloudFormation counts them: an emoji is one. */
export function characters(value: string): number {
  return [...value].length;
}

/** Whether a value is only known at deploy time; such values are never judged at synth. */
export function isToken(value: unknown): boolean {
  // aws-cdk-lib writes a number token as a negative number beyond -2^960 (about -9.7e288), and reads each number it is
  // asked about through a new buffer: a number above that bound is known to be a literal without asking it.
  if (typeof value === 'number' && value > LOWEST_LITERAL_NUMBER) { return false; }
  return Token.isUnresolved(value);
}

/** Every number above this is a literal, not a number token (test/validation.test.ts checks the bound). */
export const LOWEST_LITERAL_NUMBER = -1e288;

/** A whole number within [min, max]; tokens and `undefined` pass. Anything else that is not a number is rejected. */
export function checkInteger(scope: IConstruct, property: string, value: number | undefined, min: number, max: number, unit = '') {
  if (value === undefined || isToken(value)) { return; }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidValueError(scope, property, value, `must be a whole number from ${min} to ${max}${unit}`);
  }
}

/**
 * A duration of whole seconds within [min, max] seconds; tokens and `undefined` pass. A number or anything else that
 * is not a `Duration` (a mistake JavaScript callers and other jsii languages can make) is rejected.
 */
export function checkSeconds(scope: IConstruct, property: string, value: Duration | undefined, min: number, max: number): number | undefined {
  if (value === undefined) { return undefined; }
  if (!isDuration(value)) {
    const like = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : min;
    throw invalidValueError(scope, property, value, `must be a Duration, like Duration.seconds(${like}): a whole number of seconds from ${min} to ${max}`);
  }
  if (value.isUnresolved()) { return value.toSeconds(); }
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw invalidValueError(scope, property, value, `must be a whole number of seconds from ${min} to ${max}`);
  }
  return seconds;
}

/**
 * A string whose length in characters is within [min, max] and which matches `pattern` when given; tokens and
 * `undefined` pass, anything that is not a string (`null`, a number) is rejected.
 */
export function checkString(scope: IConstruct, property: string, value: string | undefined, rule: StringRule) {
  if (value === undefined || isToken(value)) { return; }
  const allowed = rule.what ?? `must be ${rule.min} to ${rule.max} characters long`;
  if (typeof value !== 'string') {
    throw invalidValueError(scope, property, value, `must be a string; ${allowed}`);
  }
  const length = characters(value);
  if (length < rule.min || length > rule.max) {
    throw invalidValueError(scope, property, value, `must be ${rule.min} to ${rule.max} characters long (it has ${length})${rule.what ? `; ${rule.what}` : ''}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalidValueError(scope, property, value, rule.what ?? `must match ${rule.pattern}`);
  }
}

/** A DNS name: dot-separated labels of letters, digits and inner hyphens, at least two labels, no trailing dot. */
const DOMAIN_NAME = /^(?=.{3,255}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** A fully qualified DNS name of 3 to 255 characters, without wildcards or a trailing dot; tokens and `undefined` pass. */
export function checkDomainName(scope: IConstruct, property: string, value: string | undefined) {
  if (value === undefined || isToken(value)) { return; }
  if (typeof value !== 'string' || !DOMAIN_NAME.test(value)) {
    throw invalidValueError(scope, property, value,
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

/**
 * A list: `undefined` passes; anything that is not an array (`null`, a string given for a list of strings) is
 * rejected. A list only known at deploy time (a `CommaDelimitedList` parameter) passes, unless `noToken` says why it
 * cannot be used. Returns whether the value is a literal list, whose items the caller goes on to check.
 */
export function checkList(
  scope: IConstruct, property: string, items: unknown, options: { readonly noToken?: string } = {},
): items is readonly unknown[] {
  if (items === undefined) { return false; }
  if (isToken(items)) {
    if (options.noToken) { throw invalidValueError(scope, property, items, `a list only known at deploy time cannot be used here: ${options.noToken}`); }
    return false;
  }
  if (!Array.isArray(items)) {
    throw invalidValueError(scope, property, items, `must be a list${typeof items === 'string' ? `, like [${show(items)}]` : ''}`);
  }
  return true;
}

/** A list (see `checkList`) with [min, max] items; lists that are tokens pass. */
export function checkCount(scope: IConstruct, property: string, items: readonly unknown[] | undefined, min: number, max: number) {
  if (!checkList(scope, property, items)) { return; }
  if (items.length < min || items.length > max) {
    throw invalidValueError(scope, property, `${items.length} items`, min === max ? `must have exactly ${min}` : `must have ${min} to ${max} items`);
  }
}

/** A value from a fixed list; tokens and `undefined` pass. */
export function checkOneOf<T>(scope: IConstruct, property: string, value: T | undefined, allowed: readonly T[], hint = '') {
  if (value === undefined || isToken(value)) { return; }
  if (!allowed.includes(value)) {
    throw invalidValueError(scope, property, value, `must be one of ${allowed.map(a => show(a)).join(', ')}${hint ? `. ${hint}` : ''}`);
  }
}

/**
 * A struct (an object of named settings, like `{ path: '/health' }`): `undefined` passes unless `required`; `null`,
 * lists and values of other types are rejected.
 */
export function checkStruct(scope: IConstruct, property: string, value: unknown, options: { readonly like: string; readonly required?: boolean }) {
  if (value === undefined && !options.required) { return; }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isToken(value)) {
    throw invalidValueError(scope, property, value, `must be an object like ${options.like}`);
  }
}

/**
 * Checks that `value` is an object with `member`: how an instance of one of the library's classes (or of an interface)
 * is recognized, since a copy of the class from another installation of the library would fail `instanceof`;
 * `undefined` passes unless `required`.
 */
export function checkHasMember(
  scope: IConstruct, property: string, value: unknown, member: string, options: { readonly like: string; readonly required?: boolean },
) {
  if (value === undefined && !options.required) { return; }
  if (value === null || typeof value !== 'object' || !(member in value)) {
    throw invalidValueError(scope, property, value, `must be ${options.like}`);
  }
}

/**
 * Security groups given for `property`: a list (see `checkList`) of security groups, with [min, max] items when
 * `count` says so. Tokens pass.
 */
export function checkSecurityGroups(scope: IConstruct, property: string, groups: readonly unknown[] | undefined, count?: [number, number]) {
  if (!checkList(scope, property, groups)) { return; }
  if (count) { checkCount(scope, property, groups, ...count); }
  groups.forEach(group => checkHasMember(scope, property, group, 'securityGroupId', {
    like: 'a list of ec2.ISecurityGroup, like [ec2.SecurityGroup.fromSecurityGroupId(this, id, securityGroupId)]', required: true,
  }));
}

/** A required value: `undefined` and `null` are rejected with what to give. */
export function checkGiven(scope: IConstruct, property: string, value: unknown, what: string) {
  if (value === undefined || value === null) {
    throw invalidValueError(scope, property, value, `give ${what}`);
  }
}

/** VPC IDs as EC2 makes them: 'vpc-' and 8 or 17 hexadecimal digits. */
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** The ID `ec2.Vpc.fromLookup` returns before the CDK CLI has looked the VPC up: the lookup fills it in later. */
const LOOKUP_PLACEHOLDER_VPC_ID = 'vpc-12345';

/**
 * The VPC given for `property`: a VPC (not `null`), whose ID, when literal (an imported VPC), is a VPC ID. Tokens (a
 * VPC defined in the app) pass.
 */
export function checkVpc(
  scope: IConstruct, property: string, vpc: { readonly vpcId: string } | undefined, options: { readonly required?: boolean } = {},
) {
  checkHasMember(scope, property, vpc, 'vpcId', { like: 'an ec2.IVpc, like ec2.Vpc.fromLookup(this, id, { vpcId })', required: options.required });
  const id: unknown = vpc?.vpcId;
  if (id === undefined || isToken(id) || id === LOOKUP_PLACEHOLDER_VPC_ID) { return; }
  if (typeof id !== 'string' || !VPC_ID.test(id)) {
    throw invalidValueError(scope, `${property}.vpcId`, id, "must be a VPC ID: 'vpc-' followed by 8 or 17 hexadecimal digits (0-9, a-f), like 'vpc-0123456789abcdef0'");
  }
}

/**
 * A name prop as `Resource` takes it for its physical name: a string (or token); anything else is left out there, so
 * that aws-cdk-lib does not fail on it before `checkResourceName` can say what is wrong.
 */
export function physicalName(name: string | undefined): string | undefined {
  return typeof name === 'string' ? name : undefined;
}

/**
 * The name rules VPC Lattice applies to every resource it names (CloudFormation registry schemas): lowercase letters,
 * digits and hyphens, no hyphen at either end, no two hyphens in a row, and a reserved prefix per resource type.
 */
export function checkResourceName(scope: IConstruct, property: string, value: string | undefined, kind: NamedResource) {
  if (value === undefined || isToken(value)) { return; }
  const [min, max, reservedPrefix] = NAME_RULES[kind];
  const allowed = `${kind} names are ${min} to ${max} characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with '${reservedPrefix}'`;
  if (typeof value !== 'string') {
    throw invalidValueError(scope, property, value, `must be a string (or left out, for a name CloudFormation generates); ${allowed}`);
  }
  const length = characters(value);
  const ok = length >= min && length <= max
    && /^[a-z0-9-]+$/.test(value)
    && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--')
    && !value.startsWith(reservedPrefix);
  if (!ok) { throw invalidValueError(scope, property, value, allowed); }
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

/** The longest name of a kind of resource, and the prefix its names may not start with. */
export function nameLimits(kind: NamedResource): { readonly maxLength: number; readonly reservedPrefix: string } {
  const [, maxLength, reservedPrefix] = NAME_RULES[kind];
  return { maxLength, reservedPrefix };
}

/** A `Duration`, recognized by its methods (a copy from another installation of aws-cdk-lib fails `instanceof`). */
export function isDuration(value: unknown): value is Duration {
  return value instanceof Duration || (typeof value === 'object' && value !== null
    && typeof (value as Duration).toSeconds === 'function' && typeof (value as Duration).isUnresolved === 'function');
}
