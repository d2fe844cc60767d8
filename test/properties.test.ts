/*
 * Property-based tests of every validated input (issue #11). This file mirrors no single source file: it tests the
 * promise every construct makes through src/private/validation.ts, that
 *   - values CloudFormation and VPC Lattice accept synthesize under strict CloudFormation schema validation,
 *   - values they reject, and values of the wrong type (`null`, a string for a list, a number for a Duration), are
 *     rejected with an `Error` whose message names the construct path, the property and the value as given,
 *   - values only known at deploy time (tokens) pass,
 *   - no TypeError, RangeError or any other exception type ever escapes,
 *   - all of this at any construct path: long, deep and non-ASCII, whose generated names stay valid.
 *
 * Each input is one entry of INPUTS, with the facts-sheet rule it checks: a new validated input (a resource gateway or
 * configuration name, a port range, an ARN of a new import) is one more entry, built from the generators below. The
 * seed is fixed, so a run is repeatable; RUNS keeps the file to a few seconds.
 */
import { App, CfnParameter, Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { strictApp } from './util';
import {
  AccessLogDestination, AuthPolicy, HeaderMatch, HttpMethod, IpAddressType, IpTargetGroup, LatticePrefixList, LatticeService, ListenerAction,
  ListenerProtocol, PathMatch, ServiceNetwork, TargetGroupBase, TargetProtocol,
} from 'cdk-vpc-lattice';

const SEED = 1121;
/** Runs per property: invalid values per input, and apps of valid values (each app holds 1 to 3 values of every input). */
const RUNS = { invalid: 40, valid: 15 };
/** Generated cases, counted as the properties run, printed at the end for the issue note. */
const cases = { valid: 0, invalid: 0, tokens: 0 };

// ---------------------------------------------------------------------------------------------------------------------
// Generators

const LOWER_DIGITS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const HEX = [...'0123456789abcdef'];
const chars = (alphabet: string[], minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const digits = (length: number) => chars([...'0123456789'], length, length);

/** Values of the wrong type for a string, a number, a list, a Duration: what JavaScript callers and other languages pass. */
const WRONG = {
  string: fc.constantFrom<unknown>(null, 42, true, {}, ['x']),
  number: fc.constantFrom<unknown>(null, '80', true, {}, [80]),
  duration: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constantFrom<unknown>(null, '60', {})),
};
/** Numbers no whole-number range holds: fractions, NaN and the infinities. */
const NOT_WHOLE = fc.oneof(fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity));

/** Whole numbers in [min, max], with both ends; and the numbers around them, fractions, NaN and wrong types. */
function wholeNumbers(min: number, max: number) {
  return {
    valid: fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max })),
    invalid: fc.oneof(
      fc.constantFrom(min - 1, max + 1, -0.5, Number.MAX_SAFE_INTEGER),
      fc.integer({ min: -1_000_000, max: min - 1 }),
      fc.integer({ min: max + 1, max: 10_000_000 }),
      NOT_WHOLE,
      WRONG.number,
    ),
  };
}

/** Whole seconds in [min, max] as Durations, in seconds or minutes; fractions of a second, out of range, numbers. */
function wholeSeconds(min: number, max: number) {
  return {
    valid: fc.oneof(
      fc.constantFrom(Duration.seconds(min), Duration.seconds(max)),
      fc.integer({ min, max }).map(s => Duration.seconds(s)),
      fc.integer({ min: Math.ceil(min / 60), max: Math.floor(max / 60) }).map(m => Duration.minutes(m)),
    ),
    invalid: fc.oneof(
      fc.oneof(fc.integer({ min: 0, max: min - 1 }), fc.integer({ min: max + 1, max: 100_000 })).map(s => Duration.seconds(s)),
      fc.integer({ min: min * 1000 + 1, max: max * 1000 - 1 }).filter(ms => ms % 1000 !== 0).map(ms => Duration.millis(ms)),
      WRONG.duration,
    ),
  };
}

/**
 * Names VPC Lattice takes (§1.1): `min` to `max` characters of a-z, 0-9 and single inner hyphens, not starting with the
 * reserved prefix; and names it rejects: too short or long, uppercase, hyphens at an end or doubled, the prefix,
 * characters outside a-z0-9- (non-ASCII too).
 */
function resourceNames(min: number, max: number, reservedPrefix: string) {
  const word = chars(LOWER_DIGITS, 1, 12);
  const valid = fc.oneof(
    fc.constantFrom('a'.repeat(min), 'a'.repeat(max), `a${'-b'.repeat(Math.floor((max - 1) / 2))}`.slice(0, max)),
    fc.array(word, { minLength: 1, maxLength: 12 }).map(words => words.join('-').slice(0, max).replace(/-$/, '')),
  ).filter(name => name.length >= min && !name.startsWith(reservedPrefix) && !name.endsWith('-'));
  const invalid = fc.oneof(
    fc.constantFrom('', 'a'.repeat(min - 1), 'a'.repeat(max + 1), `${reservedPrefix}abc`, 'a--b', '-abc', 'abc-', 'Abc', 'a_b', 'a b', 'ab😀', 'straße'),
    valid.map(name => `${name}-`),
    valid.map(name => `${reservedPrefix}${name}`.slice(0, max)).filter(name => name.length >= min),
    fc.tuple(valid, fc.constantFrom('A', '_', '.', ' ', 'é', '中', '😀')).map(([name, c]) => `${name.slice(0, max - 1)}${c}`),
    WRONG.string,
  );
  return { valid, invalid };
}

/** Strings of `min` to `max` characters (code points, as CloudFormation counts), printable, non-ASCII included. */
function anyText(min: number, max: number) {
  const printable = fc.oneof(fc.constantFrom(...'abcXYZ019-_.:;/ '), fc.constantFrom('é', 'ß', '中', '😀', '🇩🇪', '\u{1F9D1}\u{200D}\u{1F4BB}'));
  return fc.oneof(
    fc.constantFrom('a'.repeat(min || 1), '😀'.repeat(max)),
    fc.array(printable, { minLength: min, maxLength: max }).map(parts => parts.join('')).filter(s => [...s].length >= min && [...s].length <= max),
  );
}

/** Request paths as rules take them (§1.3 Rule: 1 to 128 characters of the URL path alphabet, '/' first). */
const PATH_CHARS = [...'abcXYZ0189@:%_+.~#?&/=-'];
const path = (max: number) => fc.oneof(fc.constant('/'), fc.constant(`/${'a'.repeat(max - 1)}`), chars(PATH_CHARS, 0, Math.min(max - 1, 60)).map(s => `/${s}`));
const badPath = (max: number) => fc.oneof(
  fc.constantFrom('api', '/api/*', '/a b', '/é', `/${'a'.repeat(max)}`, '/😀'),
  chars(PATH_CHARS, 1, 20).map(s => `x${s}`),
  WRONG.string,
);

const ACCOUNT = digits(12);
const REGION = fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1');
const PARTITION = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');
const latticeId = (prefix: string) => chars(LOWER_DIGITS, 17, 17).map(id => `${prefix}-${id}`);
const latticeArn = (type: string, prefix: string) =>
  fc.tuple(PARTITION, REGION, ACCOUNT, latticeId(prefix)).map(([p, r, a, id]) => `arn:${p}:vpc-lattice:${r}:${a}:${type}/${id}`);

/** IDs of one VPC Lattice type (§1.2) and what is not: other prefixes, lengths, uppercase, empty, wrong types. */
function latticeIds(prefix: string) {
  return {
    valid: latticeId(prefix),
    invalid: fc.oneof(
      fc.constantFrom('', `${prefix}-`, `${prefix}-0123456789ABCDEF0`, `${prefix}-0123456789abcdef`, `${prefix}-0123456789abcdef01`, 'sn0123456789abcdef0'),
      latticeId('x'),
      WRONG.string,
    ),
  };
}

/** ARNs of one VPC Lattice type and what is not: other services, other types, bad IDs, empty, wrong types. */
function latticeArns(type: string, prefix: string) {
  const valid = latticeArn(type, prefix);
  return {
    valid,
    invalid: fc.oneof(
      fc.constantFrom('', 'arn:aws:vpc-lattice:eu-west-1:111122223333', `arn:aws:ecs:eu-west-1:111122223333:${type}/${prefix}-0123456789abcdef0`),
      valid.map(arn => arn.replace(/.$/, 'X')),
      valid.map(arn => `${arn}0`),
      valid.map(arn => arn.replace(`:${type}/`, type === 'service' ? ':targetgroup/' : ':service/')),
      WRONG.string,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures: each input is built in its own scope, with what it needs beside it.

const TG_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';
const vpcIn = (scope: Construct, vpcId = 'vpc-0123456789abcdef0') =>
  ec2.Vpc.fromVpcAttributes(scope, 'Vpc', { vpcId, vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['eu-west-1a'] });
const groupIn = (scope: Construct, id = 'Group') => TargetGroupBase.fromTargetGroupArn(scope, id, TG_ARN);
const listenerIn = (scope: Construct) => new LatticeService(scope, 'Service').addListener('Listener', { protocol: ListenerProtocol.HTTP });
const ruleIn = (scope: Construct, options: object) => listenerIn(scope).addRule('Rule', {
  priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.fixedResponse(404), ...options,
});
const statement = (props: iam.PolicyStatementProps) =>
  new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'], ...props });
const any = (value: unknown): any => value;

/** One validated input. */
interface Input {
  /** The property as messages name it. */
  readonly property: string;
  /** The rule checked, with its place in the facts sheet. */
  readonly rule: string;
  /** Values CloudFormation and VPC Lattice accept. */
  readonly valid: fc.Arbitrary<unknown>;
  /** Values they reject, and values of the wrong type. */
  readonly invalid: fc.Arbitrary<unknown>;
  /** Builds the input with `value` in `scope` (at `X`, or the fixtures' paths). */
  readonly build: (scope: Construct, value: unknown) => void;
  /** The path the message names, below `scope`; default `X`. '' names `scope` itself, '<stack>' its stack. */
  readonly at?: string;
  /** How the message shows `value`; default: as given (see `shown`). */
  readonly shown?: (value: unknown) => string;
  /** A value only known at deploy time, which must pass. */
  readonly token?: (stack: Stack, name: string) => unknown;
  /** How many values one app may hold (a stack takes one known prefix-list ID); default 3. */
  readonly perApp?: number;
}

const text = (stack: Stack, name: string) => new CfnParameter(stack, name, { type: 'String' }).valueAsString;
const number = (stack: Stack, name: string) => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
const list = (stack: Stack, name: string) => new CfnParameter(stack, name, { type: 'CommaDelimitedList' }).valueAsList;

const port = wholeNumbers(1, 65535);
const names = {
  serviceNetwork: resourceNames(3, 63, 'servicenetwork-'),
  service: resourceNames(3, 40, 'svc-'),
  listener: resourceNames(3, 63, 'listener-'),
  rule: resourceNames(3, 63, 'rule-'),
  targetGroup: resourceNames(3, 128, 'tg-'),
};
const VPC_ID = fc.oneof(chars(HEX, 8, 8), chars(HEX, 17, 17)).map(id => `vpc-${id}`);
const IPV6_TARGET = { ipAddressType: IpAddressType.IPV6 };

const INPUTS: Input[] = [
  // §1.1 names of every resource type (resource gateways and configurations join with their constructs).
  {
    property: 'serviceNetworkName',
    rule: '§1.1 ServiceNetwork 3–63',
    ...names.serviceNetwork,
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'X', { serviceNetworkName: any(v) }),
  },
  { property: 'serviceName', rule: '§1.1 Service 3–40', ...names.service, token: text, build: (s, v) => new LatticeService(s, 'X', { serviceName: any(v) }) },
  {
    property: 'listenerName',
    rule: '§1.1 Listener 3–63',
    ...names.listener,
    token: text,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { listenerName: any(v) }),
  },
  { property: 'ruleName', rule: '§1.1 Rule 3–63', ...names.rule, token: text, at: 'Service/Listener/Rule', build: (s, v) => ruleIn(s, { ruleName: v }) },
  {
    property: 'targetGroupName',
    rule: '§1.1 TargetGroup 3–128',
    ...names.targetGroup,
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targetGroupName: any(v) }),
  },
  { property: 'serviceName', rule: '§1.1 Service name of a deploy-time lookup', ...names.service, build: (s, v) => LatticeService.fromServiceName(s, 'X', any(v)) },
  // §1.3 ports, priorities, weights, status codes.
  {
    property: 'port',
    rule: '§1.3 Listener.Port 1–65535',
    ...port,
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { protocol: ListenerProtocol.HTTP, port: any(v) }),
  },
  { property: 'port', rule: '§1.3 TargetGroup Config.Port 1–65535', ...port, token: number, build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), port: any(v) }) },
  {
    property: 'healthCheck.port',
    rule: '§1.3 HealthCheck Port 1–65535',
    ...port,
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { port: any(v) } }),
  },
  {
    property: 'targets',
    rule: '§1.3 Targets Port 1–65535, as written in the target',
    valid: port.valid.map(p => `10.0.1.10:${p}`),
    invalid: fc.oneof(fc.constantFrom(0, 65536), fc.integer({ min: 65536, max: 10_000_000 })).map(p => `10.0.1.10:${p}`).chain(t => fc.constantFrom(t, `${t}0000000000000000`)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targets: [any(v)] }),
  },
  {
    property: 'priority',
    rule: '§1.3 Rule.Priority 1–100 (CloudFormation)',
    ...wholeNumbers(1, 100),
    token: number,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { priority: v }),
  },
  {
    property: 'action weight',
    rule: '§1.3 Rule WeightedTargetGroup.Weight 1–999',
    ...wholeNumbers(1, 999),
    token: number,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { action: ListenerAction.weightedForward([{ targetGroup: groupIn(s), weight: any(v) }]) }),
  },
  {
    property: 'defaultAction weight',
    rule: '§1.3 Listener WeightedTargetGroup.Weight 0–999',
    ...wholeNumbers(0, 999),
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { defaultAction: ListenerAction.weightedForward([{ targetGroup: groupIn(s), weight: any(v) }]) }),
  },
  {
    property: 'defaultAction fixed-response status code',
    rule: '§1.3 FixedResponse.StatusCode: 404 and 500 only',
    valid: fc.constantFrom(404, 500),
    invalid: fc.oneof(fc.integer({ min: 100, max: 599 }).filter(c => c !== 404 && c !== 500), NOT_WHOLE, WRONG.number),
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { defaultAction: ListenerAction.fixedResponse(any(v)) }),
  },
  {
    property: 'defaultAction target groups',
    rule: '§1.3 Forward.TargetGroups 1–10',
    valid: fc.integer({ min: 1, max: 10 }),
    invalid: fc.constantFrom(0, 11, 12, 20),
    shown: v => `'${v} items'`,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', {
      defaultAction: ListenerAction.weightedForward(Array.from({ length: v as number }, (_, i) => ({ targetGroup: groupIn(s, `G${i}`), weight: 1 }))),
    }),
  },
  // §1.3 rule matches.
  {
    property: 'match.path',
    rule: '§1.3 PathMatch 1–128, URL path characters',
    valid: path(128),
    invalid: badPath(128),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { path: PathMatch.prefix(any(v)) } }),
  },
  {
    property: 'match.headers name',
    rule: '§1.3 HeaderMatch.Name 1–40',
    valid: anyText(1, 40),
    invalid: fc.oneof(fc.constantFrom('', 'x'.repeat(41), '😀'.repeat(41)), WRONG.string),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: [HeaderMatch.exact(any(v), 'v')] } }),
  },
  {
    property: "match.headers 'x-a' value",
    rule: '§1.3 HeaderMatch.Match 1–128 (characters, not UTF-16 units)',
    valid: anyText(1, 128),
    invalid: fc.oneof(fc.constantFrom('', 'x'.repeat(129), '😀'.repeat(129)), WRONG.string),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: [HeaderMatch.contains('x-a', any(v))] } }),
  },
  {
    property: 'match.headers',
    rule: '§1.3 HeaderMatches at most 5',
    valid: fc.integer({ min: 1, max: 5 }),
    invalid: fc.integer({ min: 6, max: 12 }),
    shown: v => `'${v} items'`,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: Array.from({ length: v as number }, (_, i) => HeaderMatch.exact(`h${i}`, 'v')) } }),
  },
  {
    property: 'match.method',
    rule: '§1.3 HttpMatch.Method: the CloudFormation enum, no PATCH',
    valid: fc.constantFrom(...Object.values(HttpMethod)),
    invalid: fc.oneof(fc.constantFrom('PATCH', 'get', '', 'PURGE', 'GET '), WRONG.string),
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { method: v } }),
  },
  // §5 grants: paths and methods of an auth-policy statement.
  {
    property: 'grantInvoke paths',
    rule: "§5 resource <serviceARN>/<path>: '/' first",
    valid: path(200),
    invalid: badPath(200).filter(p => !['/api/*', '/é', '/😀'].includes(p as string)),
    token: text,
    build: (s, v) => new LatticeService(s, 'X').grantInvoke(new iam.AccountRootPrincipal(), { paths: [any(v)] }),
  },
  {
    property: 'grantInvoke methods',
    rule: '§5 vpc-lattice-svcs:RequestMethod: any method name, PATCH and custom ones too',
    valid: fc.oneof(fc.constantFrom('PATCH', 'GET', 'PURGE', 'M-SEARCH'), chars([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'], 1, 16)),
    invalid: fc.oneof(fc.constantFrom('', 'GET POST', 'GÉT', 'a/b'), WRONG.string),
    token: text,
    build: (s, v) => new LatticeService(s, 'X').grantInvoke(new iam.AccountRootPrincipal(), { methods: [any(v)] }),
  },
  // §1.3 Service and HealthCheckConfig.
  {
    property: 'idleTimeout',
    rule: '§1.3 Service.IdleTimeoutSeconds 60–600',
    ...wholeSeconds(60, 600),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new LatticeService(s, 'X', { idleTimeout: any(v) }),
  },
  {
    property: 'healthCheck.interval',
    rule: '§1.3 HealthCheckIntervalSeconds 5–300',
    ...wholeSeconds(5, 300),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { interval: any(v) } }),
  },
  {
    property: 'healthCheck.timeout',
    rule: '§1.3 HealthCheckTimeoutSeconds 1–120',
    ...wholeSeconds(1, 120),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { timeout: any(v) } }),
  },
  {
    property: 'healthCheck.healthyThresholdCount',
    rule: '§1.3 HealthyThresholdCount 2–10',
    ...wholeNumbers(2, 10),
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { healthyThresholdCount: any(v) } }),
  },
  {
    property: 'healthCheck.unhealthyThresholdCount',
    rule: '§1.3 UnhealthyThresholdCount 2–10',
    ...wholeNumbers(2, 10),
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { unhealthyThresholdCount: any(v) } }),
  },
  {
    property: 'healthCheck.path',
    rule: '§1.3 HealthCheck Path 0–2048',
    valid: fc.oneof(path(2048), fc.constant('')),
    invalid: badPath(2049),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { path: any(v) } }),
  },
  {
    property: 'healthCheck.healthyHttpCodes',
    rule: '§1.3 Matcher.HttpCode 3–2000, 0-9 , -',
    valid: fc.oneof(fc.constantFrom('200', '200,202', '200-299'), chars([...'0123456789,-'], 3, 40)),
    invalid: fc.oneof(fc.constantFrom('', '20', '2xx', '200 ', '0'.repeat(2001)), WRONG.string),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { healthyHttpCodes: any(v) } }),
  },
  {
    property: 'healthCheck.protocol',
    rule: '§1.3 HealthCheck Protocol HTTP|HTTPS',
    valid: fc.constantFrom(TargetProtocol.HTTP, TargetProtocol.HTTPS),
    invalid: fc.oneof(fc.constantFrom('TCP', 'http', ''), WRONG.string),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { protocol: any(v) } }),
  },
  // §1.3 Targets (IP type): addresses of the group's family, as written.
  {
    property: 'targets',
    rule: '§1.3 Targets, IPV4 group: IPv4 addresses, optional port',
    valid: fc.oneof(fc.ipV4(), fc.tuple(fc.ipV4(), port.valid).map(([ip, p]) => `${ip}:${p}`)),
    invalid: fc.oneof(fc.ipV6().filter(ip => ip.includes(':')), fc.constantFrom('10.0.1.256', '10.0.1', 'host.example.com', '', '10.0.1.10:'), WRONG.string),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targets: [any(v)] }),
  },
  {
    property: 'targets',
    rule: '§1.3 Targets, IPV6 group: IPv6 addresses without a zone ID, optional port',
    valid: fc.oneof(fc.ipV6(), fc.tuple(fc.ipV6(), port.valid).map(([ip, p]) => `[${ip}]:${p}`)),
    invalid: fc.oneof(fc.ipV4(), fc.ipV6().map(ip => `${ip}%eth0`), fc.constantFrom('fe80::1%eth0', '::g', '')),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), ...IPV6_TARGET, targets: [any(v)] }),
  },
  // §1.2 ARNs and IDs of every import, and the IDs taken elsewhere.
  {
    property: 'serviceNetworkArn',
    rule: '§1.2 servicenetwork ARN, sn-[0-9a-z]{17}',
    ...latticeArns('servicenetwork', 'sn'),
    token: text,
    build: (s, v) => ServiceNetwork.fromServiceNetworkAttributes(s, 'X', { serviceNetworkArn: any(v) }).associateService(new LatticeService(s, 'Service')),
  },
  {
    property: 'serviceNetworkId',
    rule: '§1.2 sn-[0-9a-z]{17}',
    ...latticeIds('sn'),
    token: text,
    build: (s, v) => ServiceNetwork.fromServiceNetworkAttributes(s, 'X', { serviceNetworkId: any(v) }).associateService(new LatticeService(s, 'Service')),
  },
  {
    property: 'serviceArn',
    rule: '§1.2 service ARN, svc-[0-9a-z]{17}',
    ...latticeArns('service', 'svc'),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'Network').associateService(LatticeService.fromServiceAttributes(s, 'X', { serviceArn: any(v) })),
  },
  { property: 'serviceId', rule: '§1.2 svc-[0-9a-z]{17}', ...latticeIds('svc'), token: text, build: (s, v) => new ServiceNetwork(s, 'Network').associateService(LatticeService.fromServiceAttributes(s, 'X', { serviceId: any(v) })) },
  {
    property: 'targetGroupArn',
    rule: '§1.2 targetgroup ARN, tg-[0-9a-z]{17}',
    ...latticeArns('targetgroup', 'tg'),
    token: text,
    build: (s, v) => new LatticeService(s, 'Service').addListener('Listener', { defaultAction: ListenerAction.forward(TargetGroupBase.fromTargetGroupArn(s, 'X', any(v))) }),
  },
  {
    property: 'vpc.vpcId',
    rule: '§1.2 vpc-([0-9a-f]{8}|[0-9a-f]{17}), of an imported VPC',
    valid: VPC_ID,
    invalid: fc.oneof(fc.constantFrom('', 'vpc-', 'vpc-123', 'vpc-0123456789ABCDEF0', 'subnet-01234567'), VPC_ID.map(id => `${id}0`), chars(HEX, 9, 16).map(id => `vpc-${id}`)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s, any(v)) }),
  },
  {
    property: 'customDomain.certificate certificateArn',
    rule: '§1.2 Service.CertificateArn: an ACM certificate ARN',
    valid: fc.tuple(PARTITION, REGION, ACCOUNT, fc.uuid()).map(([p, r, a, id]) => `arn:${p}:acm:${r}:${a}:certificate/${id}`),
    invalid: fc.oneof(fc.constantFrom('', 'arn:aws:iam::111122223333:server-certificate/x', 'arn:aws:acm:us-east-1:111122223333:certificate/'), fc.uuid()),
    token: text,
    build: (s, v) => new LatticeService(s, 'X', {
      customDomain: { domainName: 'orders.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Certificate', any(v)) },
    }),
  },
  {
    property: 'customDomain.domainName',
    rule: '§1.3 Service.CustomDomainName 3–255, a DNS name',
    valid: fc.array(fc.array(chars(LOWER_DIGITS, 1, 20), { minLength: 1, maxLength: 3 }).map(w => w.join('-')), { minLength: 2, maxLength: 5 })
      .map(labels => labels.join('.')).filter(name => name.length >= 3 && name.length <= 255),
    invalid: fc.oneof(fc.constantFrom('', 'localhost', 'orders.example.com.', '*.example.com', 'a..b', `${'a'.repeat(64)}.com`, 'ordérs.example.com'), WRONG.string),
    token: text,
    build: (s, v) => new LatticeService(s, 'X', { customDomain: { domainName: any(v) } }),
  },
  {
    property: 'access log destination ARN',
    rule: '§1.3 AccessLogSubscription.DestinationArn: a log group, bucket or stream ARN',
    valid: fc.oneof(
      fc.tuple(REGION, ACCOUNT, chars([...'abcXYZ019._/-'], 1, 60)).map(([r, a, n]) => `arn:aws:logs:${r}:${a}:log-group:${n}`),
      chars([...'abc019.-'], 6, 40).map(n => `arn:aws:s3:::a${n}z`),
      fc.tuple(REGION, ACCOUNT, chars([...'abcXYZ019_.-'], 1, 64)).map(([r, a, n]) => `arn:aws:firehose:${r}:${a}:deliverystream/${n}`),
    ),
    invalid: fc.oneof(fc.constantFrom('', 'arn:aws:logs:eu-west-1:111122223333:log-group:x:*', 'arn:aws:sqs:eu-west-1:111122223333:queue'), WRONG.string),
    token: text,
    build: (s, v) => new LatticeService(s, 'X').addAccessLogs(AccessLogDestination.fromArn(any(v))),
  },
  {
    property: 'prefixListId',
    rule: '§3 managed prefix list ID, pl-([0-9a-f]{8}|[0-9a-f]{17})',
    at: '<stack>',
    valid: fc.oneof(chars(HEX, 8, 8), chars(HEX, 17, 17)).map(id => `pl-${id}`),
    invalid: fc.oneof(fc.constantFrom('', 'pl-', 'pl-123', 'pl-0123456789ABCDEF0', 'sg-01234567'), WRONG.string),
    token: text,
    perApp: 1,
    build: (s, v) => {
      LatticePrefixList.useKnownId(s, any(v));
      // aws-cdk-lib describes a security group by its path unless told, which CloudFormation rejects when non-ASCII.
      new ec2.SecurityGroup(s, 'Targets', { vpc: vpcIn(s), description: 'Targets' }).addIngressRule(LatticePrefixList.peer(s), ec2.Port.tcp(80));
    },
  },
  {
    property: 'authPolicy organizationId',
    rule: '§5 aws:PrincipalOrgID, o-[a-z0-9]{10,32}',
    valid: chars(LOWER_DIGITS, 10, 32).map(id => `o-${id}`),
    invalid: fc.oneof(fc.constantFrom('', 'o-', 'o-abc', 'O-ABCDEFGHIJ', 'abcdefghijkl'), WRONG.string),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'X', { authPolicy: AuthPolicy.organizationOnly(any(v)) }),
  },
  // §8 sharing: principals of a RAM share.
  {
    property: 'shareWith principals',
    rule: '§8 RAM principals: account IDs, organization and OU ARNs',
    valid: fc.oneof(ACCOUNT, fc.tuple(ACCOUNT, chars(LOWER_DIGITS, 10, 32)).map(([a, o]) => `arn:aws:organizations::${a}:organization/o-${o}`),
      fc.tuple(ACCOUNT, chars(LOWER_DIGITS, 10, 32), chars(LOWER_DIGITS, 4, 32), chars(LOWER_DIGITS, 8, 32))
        .map(([a, o, r, u]) => `arn:aws:organizations::${a}:ou/o-${o}/ou-${r}-${u}`)),
    invalid: fc.oneof(digits(11), digits(13), fc.constantFrom('', 'o-a1b2c3d4e5', 'arn:aws:iam::111122223333:root'), WRONG.string),
    build: (s, v) => new ServiceNetwork(s, 'X').shareWith({ principals: [any(v)] }),
  },
  // §5 auth-policy contents: what can apply in an auth policy, checked when the app is synthesized.
  {
    property: 'auth policy action',
    rule: '§5 actions vpc-lattice-svcs:Invoke|Connect (or patterns matching them)',
    valid: fc.constantFrom('vpc-lattice-svcs:Invoke', 'vpc-lattice-svcs:Connect', 'vpc-lattice-svcs:*', '*', 'VPC-LATTICE-SVCS:invoke', 'vpc-lattice-svcs:In*', 'vpc-lattice-svcs:Conn*'),
    invalid: fc.oneof(fc.constantFrom('vpc-lattice:Invoke', 's3:GetObject', 'vpc-lattice-svcs:Get*'),
      fc.tuple(chars([...'abcdefghijklmnopqrstuvwxyz-'], 2, 20), chars([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'], 1, 20))
        .filter(([service]) => service !== 'vpc-lattice-svcs').map(([service, action]) => `${service}:${action}`)),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ actions: [any(v)] })),
  },
  {
    property: 'auth policy resource',
    rule: "§5 resources '*' or VPC Lattice service (network) ARN patterns",
    valid: fc.oneof(fc.constantFrom('*', '*/*', 'arn:aws:vpc-lattice:*:*:service/*'), latticeArn('service', 'svc').map(arn => `${arn}/api/*`),
      latticeArn('servicenetwork', 'sn')),
    invalid: fc.oneof(fc.constantFrom('arn:aws:s3:::bucket/*', TG_ARN, 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0', 'svc-0123'),
      fc.tuple(chars([...'abcdefghijklmnopqrstuvwxyz'], 2, 12), REGION, ACCOUNT).map(([service, r, a]) => `arn:aws:${service}:${r}:${a}:thing/x`)),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ resources: [any(v)] })),
  },
  {
    property: 'auth policy principal',
    rule: '§5 principals: AWS principals and *',
    valid: fc.oneof(ACCOUNT.map(a => new iam.AccountPrincipal(a)), ACCOUNT.map(a => new iam.ArnPrincipal(`arn:aws:iam::${a}:role/caller`)), fc.constant(new iam.AnyPrincipal())),
    invalid: fc.oneof(chars(LOWER_DIGITS, 1, 12).map(n => new iam.ServicePrincipal(`${n}.amazonaws.com`)),
      fc.constantFrom(new iam.FederatedPrincipal('cognito-identity.amazonaws.com'), new iam.CanonicalUserPrincipal('79a59df900b949e55d96a1e698fbaced'))),
    shown: v => (v instanceof iam.ServicePrincipal ? `{"Service":"${v.service}"}`
      : v instanceof iam.FederatedPrincipal ? `{"Federated":"${v.federated}"}` : `{"CanonicalUser":"${(v as iam.CanonicalUserPrincipal).canonicalUserId}"}`),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ principals: [v as iam.IPrincipal] })),
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// The properties

/** Construct IDs of any length and alphabet (constructs replace '/'), and paths of any depth made of them. */
const CONSTRUCT_ID = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  chars([...'abcXYZ019-_. '], 1, 60),
  fc.constantFrom('😀', 'Ünïcødé', '中文', 'a'.repeat(200)),
).filter(id => !/[${}#\[\]]/.test(id));
const SCOPE_PATH = fc.array(CONSTRUCT_ID, { minLength: 0, maxLength: 6 });

function scopeAt(app: App, ids: string[]): { stack: Stack; scope: Construct } {
  const stack = new Stack(app, 'Stack');
  return { stack, scope: ids.reduce<Construct>((parent, id) => new Construct(parent, id), stack) };
}

/** How the library promises to show a value: strings quoted, numbers as JavaScript writes them, lists item by item. */
function shown(value: unknown): string {
  if (typeof value === 'string') { return `'${value}'`; }
  if (value === null || typeof value !== 'object') { return String(value); }
  if (value instanceof Duration) { return `${value.toSeconds({ integral: false })} seconds`; }
  if (Array.isArray(value)) { return `[${value.map(shown).join(', ')}]`; }
  return JSON.stringify(value);
}

/** Runs `build` and synthesizes; the error it throws, if any. */
function attempt(app: App, build: () => void): unknown {
  try {
    build();
    app.synth();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe.each(INPUTS.map(input => [`${input.property} (${input.rule})`, input] as const))('%s', (_name, input) => {
  test('invalid values and values of the wrong type are rejected with an Error naming the path, the property and the value', () => {
    fc.assert(fc.property(SCOPE_PATH, input.invalid, (ids, value) => {
      cases.invalid++;
      const app = strictApp();
      const { stack, scope } = scopeAt(app, ids);
      const error = attempt(app, () => input.build(scope, value));
      const where = input.at === '<stack>' ? stack.node.path : [scope.node.path, input.at ?? 'X'].filter(Boolean).join('/');
      const named = `invalid ${input.property} ${(input.shown ?? shown)(value)}`;
      expect(error).toBeInstanceOf(Error);
      expect([TypeError, RangeError, ReferenceError, SyntaxError].some(type => error instanceof type)).toBe(false);
      const message = (error as Error).message;
      expect(message.includes(`${where}: ${named}`) || message.includes(`[${where}] ${named}`)).toBe(true);
    }), { seed: SEED, numRuns: RUNS.invalid });
  });
});

describe('valid values synthesize under strict CloudFormation validation, at any construct path', () => {
  test('1 to 3 values of every input in one app, at a generated path, with the names the library generates valid', () => {
    const values = fc.tuple(...INPUTS.map(input => fc.array(input.valid, { minLength: 1, maxLength: input.perApp ?? 3 })));
    fc.assert(fc.property(SCOPE_PATH, values, (ids, valuesPerInput) => {
      const app = strictApp();
      const { stack, scope } = scopeAt(app, ids);
      INPUTS.forEach((input, i) => valuesPerInput[i].forEach((value, j) => {
        cases.valid++;
        input.build(new Construct(scope, `Input${i}Value${j}`), value);
      }));
      generatedNames(scope);
      const template = app.synth().getStackByName(stack.stackName).template;
      checkGeneratedNames(template);
    }), { seed: SEED, numRuns: RUNS.valid });
  });

  test('values only known at deploy time pass, for every input that takes them', () => {
    const app = strictApp();
    const stack = new Stack(app, 'Stack');
    INPUTS.forEach((input, i) => {
      if (!input.token) { return; }
      cases.tokens++;
      const value = input.token(stack, `Parameter${i}`);
      expect(value instanceof Duration ? value.isUnresolved() : Token.isUnresolved(value)).toBe(true);
      input.build(new Construct(stack, `Input${i}`), value);
    });
    const principals = list(stack, 'Principals');
    new ServiceNetwork(stack, 'Shared').shareWith({ principals });
    cases.tokens++;
    app.synth();
  });
});

/** The names and texts the library makes from construct paths: a RAM share's name and a Route 53 record's comment. */
function generatedNames(scope: Construct) {
  const network = new ServiceNetwork(scope, 'Network');
  network.shareWith({ principals: ['111122223333'] });
  const zone = route53.PublicHostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  new LatticeService(scope, 'Named', { serviceNetwork: network, customDomain: { domainName: 'named.example.com', hostedZone: zone } });
}

function checkGeneratedNames(template: any) {
  const resources = Object.values<any>(template.Resources);
  for (const share of resources.filter(r => r.Type === 'AWS::RAM::ResourceShare')) {
    expect(share.Properties.Name).toMatch(/^[A-Za-z0-9_.-]{1,255}$/);
  }
  for (const record of resources.filter(r => r.Type === 'AWS::Route53::RecordSet')) {
    expect([...record.Properties.Comment].length).toBeLessThanOrEqual(256);
    expect(record.Properties.Comment).toMatch(/^VPC Lattice service .*Named$/);
  }
}

afterAll(() => {
  // For the issue note: how many generated cases ran.
  process.stdout.write(`properties.test.ts: ${cases.invalid} invalid, ${cases.valid} valid and ${cases.tokens} token cases over ${INPUTS.length} inputs\n`);
});
