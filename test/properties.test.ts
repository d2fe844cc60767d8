/*
 * Property-based tests of every validated input. This file mirrors no single source file: it tests the
 * promise every construct makes through src/private/validation.ts, that
 *   - values CloudFormation and VPC Lattice accept synthesize under strict CloudFormation schema validation,
 *   - values they reject, and values of the wrong type (`null`, a string for a list, a number for a Duration), are
 *     rejected with an `Error` whose message names the construct path, the property and the value as given,
 *   - values only known at deploy time (tokens) pass,
 *   - no TypeError, RangeError or any other exception type ever escapes,
 *   - all of this at any construct path: long, deep and non-ASCII, whose generated names stay valid.
 *
 * Each input is one entry of INPUTS (the VPC resources' in RESOURCE_INPUTS), with the rule it checks and that rule's
 * anchor in docs/lattice-facts.md (`#names`, `#rule-matches`, …): a new
 * validated input is one more entry, built from the generators below. Props, attributes and options of the wrong type
 * are tables (CONSTRUCTS, IMPORTS, METHODS) whose every case is tried: a new construct, import or method with an
 * object of settings is one more row. The seed is fixed, so a run is repeatable; RUNS keeps the file to about 7,000
 * cases in 20 to 30 seconds.
 */
import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { strictApp } from './util';
import {
  AccessLogDestination, AlbTargetGroup, AuthPolicy, DomainVerification, EcsTargetGroup, HeaderMatch, HttpMethod, InstanceTargetGroup,
  IpAddressType, IpTargetGroup, LambdaTargetGroup, LatticeDashboard, LatticePrefixList, LatticeService, Listener, ListenerAction,
  ListenerProtocol, ListenerRule, PathMatch, PrivateDns, ResourceConfigDnsResolution, ResourceConfiguration, ResourceConfigurationChild,
  ResourceConfigurationGroup, ResourceConfigurationProps, ResourceDefinition, ResourceEndpoint, ResourceGateway, ResourceShare,
  ServiceDnsRecord, ServiceNetwork, ServiceNetworkEndpoint, ServiceNetworkResourceAssociation, ServiceNetworkServiceAssociation,
  ServiceNetworkVpcAssociation, TargetGroupBase, TargetProtocol,
} from 'cdk-vpc-lattice';

const SEED = 1121;
/** Runs per property: invalid values per input, and apps of valid values (each app holds 1 or 2 values of every input). */
const RUNS = { invalid: 40, valid: 15 };
/** Inputs whose valid values share a stack: 150 to 260 resources a stack in the runs, under CloudFormation's 500. */
const INPUTS_PER_STACK = 60;
/** Generated cases, counted as the properties run, printed at the end (a change's description can quote them). */
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
  list: fc.constantFrom<unknown>(null, 'x', 42, true, {}),
  /** For a struct (an object of named settings) or an instance of a class. */
  struct: fc.constantFrom<unknown>(null, 'x', 42, true, ['x']),
  boolean: fc.constantFrom<unknown>(null, 'true', 'false', 1, 0, {}, [true]),
};
/** A value that would be right, inside a list where one value is due: `['db.example.com']` for `'db.example.com'`. */
const listed = (valid: fc.Arbitrary<unknown>) => valid.map(value => [value]);
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
 * Names VPC Lattice takes (docs/lattice-facts.md#names): `min` to `max` characters of a-z, 0-9 and single inner hyphens, not starting with the
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

/** Request paths as rules take them (docs/lattice-facts.md#rule-matches: 1 to 128 characters of the URL path alphabet, '/' first). */
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

/**
 * DNS names (CustomDomainName, GroupDomain, DnsResource.DomainName, DomainVerification.DomainName: 3–255; see
 * docs/lattice-facts.md#service-custom-domains, #resource-configurations, #domain-verification): labels of
 * a-z, 0-9 and inner hyphens, 1 to 63 characters, at least two; and what is not: one label, a trailing dot, wildcards,
 * empty labels, labels of 64 characters, 256 characters, non-ASCII, wrong types (a name in a list too).
 */
const LABEL = fc.array(chars(LOWER_DIGITS, 1, 20), { minLength: 1, maxLength: 3 }).map(words => words.join('-'));
const A63 = 'a'.repeat(63);
const DNS_NAME = fc.oneof(
  fc.constantFrom('a.b', `${A63}.${A63}.${A63}.${A63}`),
  fc.array(LABEL, { minLength: 2, maxLength: 5 }).map(labels => labels.join('.')),
).filter(name => name.length >= 3 && name.length <= 255);
const dnsNames = {
  valid: DNS_NAME,
  invalid: fc.oneof(
    fc.constantFrom('', 'ab', 'localhost', 'orders.example.com.', '*.example.com', 'a..b', '.a.b', '-a.example.com', 'a_b.example.com', 'ordérs.example.com',
      `${'a'.repeat(64)}.com`, `${A63}.${A63}.${A63}.${'a'.repeat(62)}.a`),
    WRONG.string,
    listed(DNS_NAME),
  ),
};
/** Names below `domain`, and names that are not: the domain itself, names beside it or ending like it. */
const namesBelow = (domain: string) => ({
  valid: fc.array(LABEL, { minLength: 1, maxLength: 3 }).map(labels => `${labels.join('.')}.${domain}`),
  invalid: fc.oneof(fc.constantFrom(domain, `x${domain}`, `${domain}.org`, `orders.${domain.replace(/^[^.]*\./, '')}`), LABEL.map(label => `${label}.example.org`)),
});

/** TCP port ranges of resource configurations (docs/lattice-facts.md#resource-configurations): a port, or two joined by '-', the lower first. */
const PORT_RANGE = fc.oneof(
  fc.constantFrom('1', '65535', '1-65535', '5432', '8000-8100'),
  fc.integer({ min: 1, max: 65535 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
);
const portRanges = {
  valid: PORT_RANGE,
  invalid: fc.oneof(
    fc.constantFrom('0', '70000', '65536', '0-80', '80-65536', 'a-b', '', ' 80', '80 ', '80-', '-80', '1-2-3', '80,443', '0x50', '1e3', '８０', '000000000080'),
    fc.integer({ min: 65536, max: 99999 }).map(String),
    fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).filter(([a, b]) => a !== b)
      .map(([a, b]) => `${Math.max(a, b)}-${Math.min(a, b)}`),
    WRONG.string,
    listed(PORT_RANGE),
  ),
};
/** Lists of port ranges, and what is no list of them: empty, `null`, a range not in a list, a number. */
const portRangeLists = {
  valid: fc.uniqueArray(PORT_RANGE, { minLength: 1, maxLength: 5 }),
  invalid: fc.oneof(fc.constant([]), WRONG.list, PORT_RANGE, fc.integer({ min: 1, max: 65535 })),
};

/** IPv4 addresses VPC Lattice takes for IP resources (docs/lattice-facts.md#resource-definitions): 10/8, 100.64/10, 172.16/12, 192.168/16. */
const octet = fc.integer({ min: 0, max: 255 });
const PRIVATE_IPV4 = fc.oneof(
  fc.constantFrom('10.0.0.0', '10.255.255.255', '100.64.0.0', '100.127.255.255', '172.16.0.0', '172.31.255.255', '192.168.0.0', '192.168.255.255'),
  fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
  fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([b, c, d]) => `100.${b}.${c}.${d}`),
  fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
  fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
);
const isPrivateIpv4 = (ip: string) => {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 || (a === 100 && b >= 64 && b <= 127) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
};
/** IPv6 addresses as IpResource takes them: 4 to 39 characters, no zone ID. */
const IPV6_RESOURCE = fc.ipV6().filter(ip => ip.length >= 4 && ip.length <= 39);

/** ARNs of RDS databases (docs/lattice-facts.md#resource-definitions: RDS only), instances and clusters. */
const RDS_NAME = fc.tuple(chars([...'abcxyzABCXYZ'], 1, 1), fc.array(chars(LOWER_DIGITS, 1, 8), { maxLength: 5 }))
  .map(([first, words]) => [`${first}${words[0] ?? ''}`, ...words.slice(1)].join('-')).filter(name => name.length <= 63);
const RDS_ARN = fc.tuple(PARTITION, REGION, ACCOUNT, fc.constantFrom('db', 'cluster'), RDS_NAME).map(([p, r, a, kind, name]) => `arn:${p}:rds:${r}:${a}:${kind}:${name}`);

/** RAM principals (docs/lattice-facts.md#sharing): account IDs, organization and organizational-unit ARNs; and what is not. */
const ramPrincipals = {
  valid: fc.oneof(ACCOUNT, fc.tuple(ACCOUNT, chars(LOWER_DIGITS, 10, 32)).map(([a, o]) => `arn:aws:organizations::${a}:organization/o-${o}`),
    fc.tuple(ACCOUNT, chars(LOWER_DIGITS, 10, 32), chars(LOWER_DIGITS, 4, 32), chars(LOWER_DIGITS, 8, 32))
      .map(([a, o, r, u]) => `arn:aws:organizations::${a}:ou/o-${o}/ou-${r}-${u}`)),
  invalid: fc.oneof(digits(11), digits(13), fc.constantFrom('', 'o-a1b2c3d4e5', 'arn:aws:iam::111122223333:root'), WRONG.string, listed(ACCOUNT)),
};

const latticeId = (prefix: string, alphabet = LOWER_DIGITS) => chars(alphabet, 17, 17).map(id => `${prefix}-${id}`);
const latticeArn = (type: string, prefix: string, alphabet = LOWER_DIGITS) =>
  fc.tuple(PARTITION, REGION, ACCOUNT, latticeId(prefix, alphabet)).map(([p, r, a, id]) => `arn:${p}:vpc-lattice:${r}:${a}:${type}/${id}`);

/**
 * IDs of one VPC Lattice type (docs/lattice-facts.md#ids-and-arns; domain verifications take hexadecimal digits only) and what is not: other
 * prefixes, lengths, uppercase, empty, wrong types.
 */
function latticeIds(prefix: string, alphabet = LOWER_DIGITS) {
  const valid = latticeId(prefix, alphabet);
  return {
    valid,
    invalid: fc.oneof(
      fc.constantFrom('', `${prefix}-`, `${prefix}-0123456789ABCDEF0`, `${prefix}-0123456789abcdef`, `${prefix}-0123456789abcdef01`, 'sn0123456789abcdef0'),
      latticeId('x'),
      ...alphabet === HEX ? [latticeId(prefix, [...'ghijklmnopqrstuvwxyz'])] : [],
      WRONG.string,
      listed(valid),
    ),
  };
}

/** ARNs of one VPC Lattice type and what is not: other services, other types, bad IDs, empty, wrong types. */
function latticeArns(type: string, prefix: string, alphabet = LOWER_DIGITS) {
  const valid = latticeArn(type, prefix, alphabet);
  return {
    valid,
    invalid: fc.oneof(
      fc.constantFrom('', 'arn:aws:vpc-lattice:eu-west-1:111122223333', `arn:aws:ecs:eu-west-1:111122223333:${type}/${prefix}-0123456789abcdef0`),
      valid.map(arn => arn.replace(/.$/, 'X')),
      valid.map(arn => `${arn}0`),
      valid.map(arn => arn.replace(`:${type}/`, type === 'service' ? ':targetgroup/' : ':service/')),
      ...alphabet === HEX ? [latticeArn(type, prefix, [...'ghijklmnopqrstuvwxyz'])] : [],
      WRONG.string,
      listed(valid),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures: each input is built in its own scope, with what it needs beside it.

const TG_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';
const vpcIn = (scope: Construct, vpcId = 'vpc-0123456789abcdef0', id = 'Vpc') => ec2.Vpc.fromVpcAttributes(scope, id, {
  vpcId, vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], isolatedSubnetIds: ['subnet-0123456789abcdef0'],
});
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
  /** The rule checked, after its anchor in docs/lattice-facts.md. */
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
  /** What the message names, `invalid <property> <value>`, when the property depends on the value (a table of cases). */
  readonly named?: (value: unknown) => string;
  /** Invalid values always tried, besides the generated ones: every case of a table. */
  readonly examples?: unknown[];
  /** A value only known at deploy time, which must pass. */
  readonly token?: (stack: Stack, name: string) => unknown;
  /** How many values one app may hold (a stack takes one known prefix-list ID); default 2. */
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
const PREFIX_LIST_ID = fc.oneof(chars(HEX, 8, 8), chars(HEX, 17, 17)).map(id => `pl-${id}`);
const IPV6_TARGET = { ipAddressType: IpAddressType.IPV6 };

const INPUTS: Input[] = [
  // #names of every resource type (resource gateways and configurations join with their constructs).
  {
    property: 'serviceNetworkName',
    rule: '#names ServiceNetwork 3–63',
    ...names.serviceNetwork,
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'X', { serviceNetworkName: any(v) }),
  },
  { property: 'serviceName', rule: '#names Service 3–40', ...names.service, token: text, build: (s, v) => new LatticeService(s, 'X', { serviceName: any(v) }) },
  {
    property: 'listenerName',
    rule: '#names Listener 3–63',
    ...names.listener,
    token: text,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { listenerName: any(v) }),
  },
  { property: 'ruleName', rule: '#names Rule 3–63', ...names.rule, token: text, at: 'Service/Listener/Rule', build: (s, v) => ruleIn(s, { ruleName: v }) },
  {
    property: 'targetGroupName',
    rule: '#names TargetGroup 3–128',
    ...names.targetGroup,
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targetGroupName: any(v) }),
  },
  { property: 'serviceName', rule: '#names Service name of a deploy-time lookup', ...names.service, build: (s, v) => LatticeService.fromServiceName(s, 'X', any(v)) },
  // Ports, priorities, weights, status codes (#listeners, #target-groups, #health-checks, #rules, #actions).
  {
    property: 'port',
    rule: '#listeners Listener.Port 1–65535',
    ...port,
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { protocol: ListenerProtocol.HTTP, port: any(v) }),
  },
  { property: 'port', rule: '#target-groups TargetGroup Config.Port 1–65535', ...port, token: number, build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), port: any(v) }) },
  {
    property: 'healthCheck.port',
    rule: '#health-checks HealthCheck Port 1–65535',
    ...port,
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { port: any(v) } }),
  },
  {
    property: 'targets',
    rule: '#target-groups Targets Port 1–65535, as written in the target',
    valid: port.valid.map(p => `10.0.1.10:${p}`),
    invalid: fc.oneof(fc.constantFrom(0, 65536), fc.integer({ min: 65536, max: 10_000_000 })).map(p => `10.0.1.10:${p}`).chain(t => fc.constantFrom(t, `${t}0000000000000000`)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targets: [any(v)] }),
  },
  {
    property: 'priority',
    rule: '#rules Rule.Priority 1–100 (CloudFormation)',
    ...wholeNumbers(1, 100),
    token: number,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { priority: v }),
  },
  {
    property: 'action weight',
    rule: '#actions Rule WeightedTargetGroup.Weight 1–999',
    ...wholeNumbers(1, 999),
    token: number,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { action: ListenerAction.weightedForward([{ targetGroup: groupIn(s), weight: any(v) }]) }),
  },
  {
    property: 'defaultAction weight',
    rule: '#actions Listener WeightedTargetGroup.Weight 0–999',
    ...wholeNumbers(0, 999),
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { defaultAction: ListenerAction.weightedForward([{ targetGroup: groupIn(s), weight: any(v) }]) }),
  },
  {
    property: 'defaultAction fixed-response status code',
    rule: '#actions FixedResponse.StatusCode: 404 and 500 only',
    valid: fc.constantFrom(404, 500),
    invalid: fc.oneof(fc.integer({ min: 100, max: 599 }).filter(c => c !== 404 && c !== 500), NOT_WHOLE, WRONG.number),
    token: number,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', { defaultAction: ListenerAction.fixedResponse(any(v)) }),
  },
  {
    property: 'defaultAction target groups',
    rule: '#actions Forward.TargetGroups 1–10',
    valid: fc.integer({ min: 1, max: 10 }),
    invalid: fc.constantFrom(0, 11, 12, 20),
    shown: v => `'${v} items'`,
    at: 'Service/X',
    build: (s, v) => new LatticeService(s, 'Service').addListener('X', {
      defaultAction: ListenerAction.weightedForward(Array.from({ length: v as number }, (_, i) => ({ targetGroup: groupIn(s, `G${i}`), weight: 1 }))),
    }),
  },
  // Rule matches (#rule-matches).
  {
    property: 'match.path',
    rule: '#rule-matches PathMatch 1–128, URL path characters',
    valid: path(128),
    invalid: badPath(128),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { path: PathMatch.prefix(any(v)) } }),
  },
  {
    property: 'match.headers name',
    rule: '#rule-matches HeaderMatch.Name 1–40',
    valid: anyText(1, 40),
    invalid: fc.oneof(fc.constantFrom('', 'x'.repeat(41), '😀'.repeat(41)), WRONG.string),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: [HeaderMatch.exact(any(v), 'v')] } }),
  },
  {
    property: "match.headers 'x-a' value",
    rule: '#rule-matches HeaderMatch.Match 1–128 (characters, not UTF-16 units)',
    valid: anyText(1, 128),
    invalid: fc.oneof(fc.constantFrom('', 'x'.repeat(129), '😀'.repeat(129)), WRONG.string),
    token: text,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: [HeaderMatch.contains('x-a', any(v))] } }),
  },
  {
    property: 'match.headers',
    rule: '#rule-matches HeaderMatches at most 5',
    valid: fc.integer({ min: 1, max: 5 }),
    invalid: fc.integer({ min: 6, max: 12 }),
    shown: v => `'${v} items'`,
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { headers: Array.from({ length: v as number }, (_, i) => HeaderMatch.exact(`h${i}`, 'v')) } }),
  },
  {
    property: 'match.method',
    rule: '#rule-matches HttpMatch.Method: the CloudFormation enum, no PATCH',
    valid: fc.constantFrom(...Object.values(HttpMethod)),
    invalid: fc.oneof(fc.constantFrom('PATCH', 'get', '', 'PURGE', 'GET '), WRONG.string),
    at: 'Service/Listener/Rule',
    build: (s, v) => ruleIn(s, { match: { method: v } }),
  },
  // Grants: paths and methods of an auth-policy statement (#auth-policies).
  {
    property: 'grantInvoke paths',
    rule: "#auth-policies resource <serviceARN>/<path>: '/' first",
    valid: path(200),
    invalid: badPath(200).filter(p => !['/api/*', '/é', '/😀'].includes(p as string)),
    token: text,
    build: (s, v) => new LatticeService(s, 'X').grantInvoke(new iam.AccountRootPrincipal(), { paths: [any(v)] }),
  },
  {
    property: 'grantInvoke methods',
    rule: '#auth-policies vpc-lattice-svcs:RequestMethod: any method name, PATCH and custom ones too',
    valid: fc.oneof(fc.constantFrom('PATCH', 'GET', 'PURGE', 'M-SEARCH'), chars([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'], 1, 16)),
    invalid: fc.oneof(fc.constantFrom('', 'GET POST', 'GÉT', 'a/b'), WRONG.string),
    token: text,
    build: (s, v) => new LatticeService(s, 'X').grantInvoke(new iam.AccountRootPrincipal(), { methods: [any(v)] }),
  },
  // Service and HealthCheckConfig (#service-settings, #health-checks).
  {
    property: 'idleTimeout',
    rule: '#service-settings Service.IdleTimeoutSeconds 60–600',
    ...wholeSeconds(60, 600),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new LatticeService(s, 'X', { idleTimeout: any(v) }),
  },
  {
    property: 'healthCheck.interval',
    rule: '#health-checks HealthCheckIntervalSeconds 5–300',
    ...wholeSeconds(5, 300),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { interval: any(v) } }),
  },
  {
    property: 'healthCheck.timeout',
    rule: '#health-checks HealthCheckTimeoutSeconds 1–120',
    ...wholeSeconds(1, 120),
    token: (st, n) => Duration.seconds(number(st, n)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { timeout: any(v) } }),
  },
  {
    property: 'healthCheck.healthyThresholdCount',
    rule: '#health-checks HealthyThresholdCount 2–10',
    ...wholeNumbers(2, 10),
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { healthyThresholdCount: any(v) } }),
  },
  {
    property: 'healthCheck.unhealthyThresholdCount',
    rule: '#health-checks UnhealthyThresholdCount 2–10',
    ...wholeNumbers(2, 10),
    token: number,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { unhealthyThresholdCount: any(v) } }),
  },
  {
    property: 'healthCheck.path',
    rule: '#health-checks HealthCheck Path 0–2048',
    valid: fc.oneof(path(2048), fc.constant('')),
    invalid: badPath(2049),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { path: any(v) } }),
  },
  {
    property: 'healthCheck.healthyHttpCodes',
    rule: '#health-checks Matcher.HttpCode 3–2000, 0-9 , -',
    valid: fc.oneof(fc.constantFrom('200', '200,202', '200-299'), chars([...'0123456789,-'], 3, 40)),
    invalid: fc.oneof(fc.constantFrom('', '20', '2xx', '200 ', '0'.repeat(2001)), WRONG.string),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { healthyHttpCodes: any(v) } }),
  },
  {
    property: 'healthCheck.protocol',
    rule: '#health-checks HealthCheck Protocol HTTP|HTTPS',
    valid: fc.constantFrom(TargetProtocol.HTTP, TargetProtocol.HTTPS),
    invalid: fc.oneof(fc.constantFrom('TCP', 'http', ''), WRONG.string),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), healthCheck: { protocol: any(v) } }),
  },
  // Targets (IP type): addresses of the group's family, as written (#ip-targets).
  {
    property: 'targets',
    rule: '#ip-targets Targets, IPV4 group: IPv4 addresses, optional port',
    valid: fc.oneof(fc.ipV4(), fc.tuple(fc.ipV4(), port.valid).map(([ip, p]) => `${ip}:${p}`)),
    invalid: fc.oneof(fc.ipV6().filter(ip => ip.includes(':')), fc.constantFrom('10.0.1.256', '10.0.1', 'host.example.com', '', '10.0.1.10:'), WRONG.string),
    token: text,
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), targets: [any(v)] }),
  },
  {
    property: 'targets',
    rule: '#ip-targets Targets, IPV6 group: IPv6 addresses without a zone ID, optional port',
    valid: fc.oneof(fc.ipV6(), fc.tuple(fc.ipV6(), port.valid).map(([ip, p]) => `[${ip}]:${p}`)),
    invalid: fc.oneof(fc.ipV4(), fc.ipV6().map(ip => `${ip}%eth0`), fc.constantFrom('fe80::1%eth0', '::g', '')),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s), ...IPV6_TARGET, targets: [any(v)] }),
  },
  // ARNs and IDs of every import, and the IDs taken elsewhere (#ids-and-arns).
  {
    property: 'serviceNetworkArn',
    rule: '#ids-and-arns servicenetwork ARN, sn-[0-9a-z]{17}',
    ...latticeArns('servicenetwork', 'sn'),
    token: text,
    build: (s, v) => ServiceNetwork.fromServiceNetworkAttributes(s, 'X', { serviceNetworkArn: any(v) }).associateService(new LatticeService(s, 'Service')),
  },
  {
    property: 'serviceNetworkId',
    rule: '#ids-and-arns sn-[0-9a-z]{17}',
    ...latticeIds('sn'),
    token: text,
    build: (s, v) => ServiceNetwork.fromServiceNetworkAttributes(s, 'X', { serviceNetworkId: any(v) }).associateService(new LatticeService(s, 'Service')),
  },
  {
    property: 'serviceArn',
    rule: '#ids-and-arns service ARN, svc-[0-9a-z]{17}',
    ...latticeArns('service', 'svc'),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'Network').associateService(LatticeService.fromServiceAttributes(s, 'X', { serviceArn: any(v) })),
  },
  { property: 'serviceId', rule: '#ids-and-arns svc-[0-9a-z]{17}', ...latticeIds('svc'), token: text, build: (s, v) => new ServiceNetwork(s, 'Network').associateService(LatticeService.fromServiceAttributes(s, 'X', { serviceId: any(v) })) },
  {
    property: 'targetGroupArn',
    rule: '#ids-and-arns targetgroup ARN, tg-[0-9a-z]{17}',
    ...latticeArns('targetgroup', 'tg'),
    token: text,
    build: (s, v) => new LatticeService(s, 'Service').addListener('Listener', { defaultAction: ListenerAction.forward(TargetGroupBase.fromTargetGroupArn(s, 'X', any(v))) }),
  },
  {
    property: 'vpc.vpcId',
    rule: '#ids-and-arns vpc-([0-9a-f]{8}|[0-9a-f]{17}), of an imported VPC',
    valid: VPC_ID,
    invalid: fc.oneof(fc.constantFrom('', 'vpc-', 'vpc-123', 'vpc-0123456789ABCDEF0', 'subnet-01234567'), VPC_ID.map(id => `${id}0`), chars(HEX, 9, 16).map(id => `vpc-${id}`)),
    build: (s, v) => new IpTargetGroup(s, 'X', { vpc: vpcIn(s, any(v)) }),
  },
  {
    property: 'customDomain.certificate certificateArn',
    rule: '#certificates Service.CertificateArn: an ACM certificate ARN',
    valid: fc.tuple(PARTITION, REGION, ACCOUNT, fc.uuid()).map(([p, r, a, id]) => `arn:${p}:acm:${r}:${a}:certificate/${id}`),
    invalid: fc.oneof(
      fc.constantFrom('', 'arn:aws:iam::111122223333:server-certificate/x', 'arn:aws:acm:us-east-1:111122223333:certificate/',
        'arn:aws-iso-abc:acm:us-east-1:111122223333:certificate/abc', 'arn:aws:acm:-us-east-1:111122223333:certificate/abc'),
      fc.uuid(),
      // CloudFormation's pattern takes lowercase IDs only.
      fc.uuid().map(id => `arn:aws:acm:us-east-1:111122223333:certificate/${id.toUpperCase()}`).filter(arn => /[A-F]/.test(arn)),
    ),
    token: text,
    build: (s, v) => new LatticeService(s, 'X', {
      customDomain: { domainName: 'orders.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Certificate', any(v)) },
    }),
  },
  {
    property: 'customDomain.domainName',
    rule: '#service-custom-domains Service.CustomDomainName 3–255, a DNS name',
    ...dnsNames,
    token: text,
    build: (s, v) => new LatticeService(s, 'X', { customDomain: { domainName: any(v) } }),
  },
  {
    property: 'access log destination ARN',
    rule: '#access-logs AccessLogSubscription.DestinationArn: a log group, bucket or stream ARN',
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
    rule: '#prefix-lists managed prefix list ID, pl-([0-9a-f]{8}|[0-9a-f]{17})',
    at: '<stack>',
    valid: PREFIX_LIST_ID,
    invalid: fc.oneof(fc.constantFrom('', 'pl-', 'pl-123', 'pl-0123456789ABCDEF0', 'sg-01234567'), WRONG.string, listed(PREFIX_LIST_ID)),
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
    rule: '#auth-policies aws:PrincipalOrgID, o-[a-z0-9]{10,32}',
    valid: chars(LOWER_DIGITS, 10, 32).map(id => `o-${id}`),
    invalid: fc.oneof(fc.constantFrom('', 'o-', 'o-abc', 'O-ABCDEFGHIJ', 'abcdefghijkl'), WRONG.string),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'X', { authPolicy: AuthPolicy.organizationOnly(any(v)) }),
  },
  // Sharing: principals of a RAM share (#sharing).
  {
    property: 'shareWith principals',
    rule: '#sharing RAM principals: account IDs, organization and OU ARNs',
    ...ramPrincipals,
    build: (s, v) => new ServiceNetwork(s, 'X').shareWith({ principals: [any(v)] }),
  },
  // Auth-policy contents (#auth-policies): what can apply in an auth policy, checked when the app is synthesized.
  {
    property: 'auth policy action',
    rule: '#auth-policies actions vpc-lattice-svcs:Invoke|Connect (or patterns matching them)',
    valid: fc.constantFrom('vpc-lattice-svcs:Invoke', 'vpc-lattice-svcs:Connect', 'vpc-lattice-svcs:*', '*', 'VPC-LATTICE-SVCS:invoke', 'vpc-lattice-svcs:In*', 'vpc-lattice-svcs:Conn*'),
    invalid: fc.oneof(fc.constantFrom('vpc-lattice:Invoke', 's3:GetObject', 'vpc-lattice-svcs:Get*'),
      fc.tuple(chars([...'abcdefghijklmnopqrstuvwxyz-'], 2, 20), chars([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'], 1, 20))
        .filter(([service]) => service !== 'vpc-lattice-svcs').map(([service, action]) => `${service}:${action}`)),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ actions: [any(v)] })),
  },
  {
    property: 'auth policy resource',
    rule: "#auth-policies resources '*' or VPC Lattice service (network) ARN patterns",
    valid: fc.oneof(fc.constantFrom('*', '*/*', 'arn:aws:vpc-lattice:*:*:service/*'), latticeArn('service', 'svc').map(arn => `${arn}/api/*`),
      latticeArn('servicenetwork', 'sn')),
    invalid: fc.oneof(fc.constantFrom('arn:aws:s3:::bucket/*', TG_ARN, 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0', 'svc-0123'),
      fc.tuple(chars([...'abcdefghijklmnopqrstuvwxyz'], 2, 12), REGION, ACCOUNT).map(([service, r, a]) => `arn:aws:${service}:${r}:${a}:thing/x`)),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ resources: [any(v)] })),
  },
  {
    property: 'auth policy principal',
    rule: '#auth-policies principals: AWS principals and *',
    valid: fc.oneof(ACCOUNT.map(a => new iam.AccountPrincipal(a)), ACCOUNT.map(a => new iam.ArnPrincipal(`arn:aws:iam::${a}:role/caller`)), fc.constant(new iam.AnyPrincipal())),
    invalid: fc.oneof(chars(LOWER_DIGITS, 1, 12).map(n => new iam.ServicePrincipal(`${n}.amazonaws.com`)),
      fc.constantFrom(new iam.FederatedPrincipal('cognito-identity.amazonaws.com'), new iam.CanonicalUserPrincipal('79a59df900b949e55d96a1e698fbaced'))),
    shown: v => (v instanceof iam.ServicePrincipal ? `{"Service":"${v.service}"}`
      : v instanceof iam.FederatedPrincipal ? `{"Federated":"${v.federated}"}` : `{"CanonicalUser":"${(v as iam.CanonicalUserPrincipal).canonicalUserId}"}`),
    build: (s, v) => new LatticeService(s, 'X').addToAuthPolicy(statement({ principals: [v as iam.IPrincipal] })),
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// VPC resources: resource gateways, resource configurations (single, groups and children), domain verifications,
// associations and endpoints with their private DNS, and RAM shares.

const DB = ResourceDefinition.ipAddress('10.0.1.5');
const SG_ID = (i: number) => `sg-0123456789abcde${i.toString(16).padStart(2, '0')}`;
const gatewayIn = (scope: Construct, id = 'Gateway') => new ResourceGateway(scope, id, { vpc: vpcIn(scope) });
/** A resource configuration of an IP address (a new gateway unless given), at `id`. */
const configIn = (scope: Construct, id: string, props: Partial<ResourceConfigurationProps> = {}) =>
  new ResourceConfiguration(scope, id, { definition: DB, portRanges: ['5432'], ...props, gateway: 'gateway' in props ? props.gateway! : gatewayIn(scope) });
const groupOf = (scope: Construct, props: object = {}) =>
  new ResourceConfigurationGroup(scope, 'Group', { gateway: gatewayIn(scope), groupDomain: 'internal.example.com', portRanges: ['443'], ...props });
/**
 * A VPC of clients, beside the fixtures' VPC: endpoints and associations in it are at `<owner>/ClientEndpoint`,
 * `…/ClientAssociation`. Each has an ID of its own, since an app associates a VPC with one service network only.
 */
let clientVpcs = 0;
const clientVpcIn = (scope: Construct) => vpcIn(scope, `vpc-${(++clientVpcs).toString(16).padStart(17, '0')}`, 'Client');
const zoneIn = (scope: Construct) => route53.PublicHostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
/** A value given as a builder (a construct a valid value needs), else as it is. */
const made = (scope: Construct, value: unknown): any => (typeof value === 'function' ? value(scope) : value);

/**
 * Counts of security groups (SecurityGroupIds at most 5, docs/lattice-facts.md#vpc-associations; at least 1 where given, an import may know none), and what
 * is no list of them, or holds no security group.
 */
const securityGroupLists = (min: number) => ({
  valid: fc.integer({ min, max: 5 }),
  invalid: fc.oneof(fc.constantFrom(...min > 0 ? [0] : [6]), fc.integer({ min: 6, max: 12 }), WRONG.list,
    fc.constantFrom<unknown>([null], [SG_ID(0)], [{}])),
  shown: (v: unknown) => (typeof v === 'number' ? `'${v} items'` : Array.isArray(v) ? shown(v[0]) : shown(v)),
});
const securityGroupsIn = (scope: Construct, v: unknown): any =>
  (typeof v === 'number' ? Array.from({ length: v }, (_, i) => ec2.SecurityGroup.fromSecurityGroupId(scope, `Sg${i}`, SG_ID(i))) : v);
/** Subnet selections of the fixtures' VPC, and selections of nothing, and what is no selection. */
const subnetSelections = {
  valid: fc.constantFrom<unknown>({}, { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, { availabilityZones: ['eu-west-1a'] }, { onePerAz: true }),
  invalid: fc.oneof(fc.constantFrom<unknown>({ subnets: [] }, { subnetType: ec2.SubnetType.PUBLIC }, { subnetGroupName: 'web' }, { availabilityZones: ['eu-west-1b'] }),
    WRONG.struct),
};
/** VPCs (built in the input's scope), and what is no VPC: `null`, a VPC ID, other objects. */
const vpcs = { valid: VPC_ID.map(id => (scope: Construct) => vpcIn(scope, id, 'Client')), invalid: fc.oneof(WRONG.struct, VPC_ID, fc.constant({})) };
const DNS_PREFERENCES = fc.constantFrom<unknown>(PrivateDns.verifiedDomainsOnly(), PrivateDns.allDomains(), PrivateDns.disabled(),
  PrivateDns.verifiedDomainsAnd(['example.com']), PrivateDns.specifiedDomainsOnly(['a.example.com', 'b.example.com']));

const RESOURCE_INPUTS: Input[] = [
  // Resource gateways.
  {
    property: 'resourceGatewayName',
    rule: '#names ResourceGateway 3–40, not rgw-',
    ...resourceNames(3, 40, 'rgw-'),
    token: text,
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), resourceGatewayName: any(v) }),
  },
  {
    property: 'ipv4AddressesPerEni',
    rule: '#resource-gateways ResourceGateway.Ipv4AddressesPerEni 1–62',
    ...wholeNumbers(1, 62),
    token: number,
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), ipv4AddressesPerEni: any(v) }),
  },
  {
    property: 'securityGroups',
    rule: '#resource-gateways ResourceGateway.SecurityGroupIds 1–5 security groups',
    ...securityGroupLists(1),
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), securityGroups: securityGroupsIn(s, v) }),
  },
  {
    property: 'ipAddressType',
    rule: '#resource-gateways ResourceGateway.IpAddressType IPV4|IPV6|DUALSTACK',
    valid: fc.constantFrom(...Object.values(IpAddressType)),
    invalid: fc.oneof(fc.constantFrom('ipv4', 'IPv6', ''), WRONG.string),
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), ipAddressType: any(v) }),
  },
  {
    property: 'dnsResolution',
    rule: '#resource-gateways ResourceGateway.ResourceConfigDnsResolution IN_VPC|PUBLIC',
    valid: fc.constantFrom(...Object.values(ResourceConfigDnsResolution)),
    invalid: fc.oneof(fc.constantFrom('PRIVATE', 'public', ''), WRONG.string),
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), dnsResolution: any(v) }),
  },
  { property: 'vpc', rule: '#resource-gateways ResourceGateway.VpcIdentifier: an ec2.IVpc', ...vpcs, build: (s, v) => new ResourceGateway(s, 'X', { vpc: made(s, v) }) },
  {
    property: 'vpc.vpcId',
    rule: '#ids-and-arns vpc-([0-9a-f]{8}|[0-9a-f]{17}), of a gateway\'s imported VPC',
    valid: VPC_ID,
    invalid: fc.oneof(fc.constantFrom('', 'vpc-', 'vpc-123', 'vpc-0123456789ABCDEF0', 'subnet-01234567'), VPC_ID.map(id => `${id}0`)),
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s, any(v)) }),
  },
  {
    property: 'vpcSubnets',
    rule: '#resource-gateways ResourceGateway.SubnetIds: a selection of the VPC\'s subnets',
    ...subnetSelections,
    build: (s, v) => new ResourceGateway(s, 'X', { vpc: vpcIn(s), vpcSubnets: any(v) }),
  },
  {
    property: 'resourceGatewayArn',
    rule: '#ids-and-arns resourcegateway ARN, rgw-[0-9a-z]{17}',
    ...latticeArns('resourcegateway', 'rgw'),
    token: text,
    build: (s, v) => configIn(s, 'Config', { gateway: ResourceGateway.fromResourceGatewayAttributes(s, 'X', { resourceGatewayArn: any(v) }) }),
  },
  {
    property: 'resourceGatewayId',
    rule: '#ids-and-arns rgw-[0-9a-z]{17}',
    ...latticeIds('rgw'),
    token: text,
    build: (s, v) => configIn(s, 'Config', { gateway: ResourceGateway.fromResourceGatewayAttributes(s, 'X', { resourceGatewayId: any(v) }) }),
  },
  {
    property: 'securityGroups',
    rule: 'ResourceGateway.fromResourceGatewayAttributes: the gateway\'s security groups, 0–5',
    ...securityGroupLists(0),
    build: (s, v) => configIn(s, 'Config', {
      gateway: ResourceGateway.fromResourceGatewayAttributes(s, 'X', { resourceGatewayId: 'rgw-0123456789abcdef0', securityGroups: securityGroupsIn(s, v) }),
    }),
  },
  // Resource configurations.
  {
    property: 'resourceConfigurationName',
    rule: '#names ResourceConfiguration 3–40, not rcfg-',
    ...resourceNames(3, 40, 'rcfg-'),
    token: text,
    build: (s, v) => configIn(s, 'X', { resourceConfigurationName: any(v) }),
  },
  {
    property: 'resourceConfigurationName',
    rule: '#names ResourceConfiguration name of a deploy-time lookup',
    ...resourceNames(3, 40, 'rcfg-'),
    build: (s, v) => new ServiceNetwork(s, 'Network').associateResource(ResourceConfiguration.fromResourceConfigurationName(s, 'X', any(v))),
  },
  {
    property: 'definition',
    rule: '#resource-definitions ResourceConfigurationDefinition: a ResourceDefinition',
    valid: fc.constantFrom(DB, ResourceDefinition.dnsName('db.internal.example.com'), ResourceDefinition.ipAddress('fd00::5')),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('db.internal.example.com', {})),
    build: (s, v) => configIn(s, 'X', { definition: any(v) }),
  },
  {
    property: 'definition dnsName',
    rule: '#resource-definitions DnsResource.DomainName 3–255, a DNS name',
    ...dnsNames,
    token: text,
    build: (s, v) => configIn(s, 'X', { definition: ResourceDefinition.dnsName(any(v)) }),
  },
  {
    property: 'definition ipAddressType',
    rule: '#resource-definitions DnsResource.IpAddressType IPV4|IPV6 (DUALSTACK not supported)',
    valid: fc.constantFrom(IpAddressType.IPV4, IpAddressType.IPV6),
    invalid: fc.oneof(fc.constantFrom(IpAddressType.DUALSTACK, 'ipv4', ''), WRONG.string),
    build: (s, v) => configIn(s, 'X', { definition: ResourceDefinition.dnsName('db.internal.example.com', { ipAddressType: any(v) }) }),
  },
  {
    property: 'definition ipAddress',
    rule: '#resource-definitions IpResource 4–39: private IPv4 (10/8, 100.64/10, 172.16/12, 192.168/16) or IPv6',
    valid: fc.oneof(PRIVATE_IPV4, IPV6_RESOURCE),
    invalid: fc.oneof(
      fc.constantFrom('8.8.8.8', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.1', '192.167.255.255', '192.169.0.0',
        '10.0.0.256', '10.0.0', '10.0.0.1/32', '010.0.0.1', ' 10.0.0.1', 'db.internal', '', '::1', 'fe80::1%eth0', '::g'),
      fc.ipV4().filter(ip => !isPrivateIpv4(ip)),
      fc.ipV6().filter(ip => ip.length > 39),
      fc.ipV6().filter(ip => ip.length <= 30).map(ip => `${ip}%eth0`),
      WRONG.string,
      listed(PRIVATE_IPV4),
    ),
    token: text,
    build: (s, v) => configIn(s, 'X', { definition: ResourceDefinition.ipAddress(any(v)) }),
  },
  {
    property: 'definition arn',
    rule: '#resource-definitions ArnResource ≤1224: RDS databases only',
    valid: RDS_ARN,
    invalid: fc.oneof(
      fc.constantFrom('arn:aws:s3:::my-bucket-name', 'arn:aws:rds:eu-west-1:111122223333:snapshot:orders', 'arn:aws:rds:eu-west-1:111122223333:db:1orders',
        'arn:aws:rds:eu-west-1:111122223333:db:', 'arn:aws:rds:eu-west-1:11112222333:db:orders', 'orders', ''),
      RDS_ARN.map(arn => `${arn}/x`),
      WRONG.string,
      listed(RDS_ARN),
    ),
    token: text,
    build: (s, v) => configIn(s, 'X', { definition: ResourceDefinition.arn(any(v)), portRanges: undefined }),
  },
  {
    property: 'gateway',
    rule: '#resource-gateways ResourceGatewayId: a resource gateway',
    valid: fc.constantFrom<unknown>(gatewayIn, (s: Construct) => ResourceGateway.fromResourceGatewayAttributes(s, 'Gateway', { resourceGatewayId: 'rgw-0123456789abcdef0' })),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('rgw-0123456789abcdef0', {})),
    build: (s, v) => configIn(s, 'X', { gateway: made(s, v) }),
  },
  { property: 'portRanges', rule: '#resource-configurations PortRanges: each 1–65535 or a range, the lower first', ...portRanges, token: text, build: (s, v) => configIn(s, 'X', { portRanges: [any(v)] }) },
  { property: 'portRanges', rule: '#resource-configurations PortRanges: a list of 1 or more', ...portRangeLists, token: list, build: (s, v) => configIn(s, 'X', { portRanges: any(v) }) },
  {
    property: 'customDomain.domainName',
    rule: '#resource-configurations ResourceConfiguration.CustomDomainName 3–255, a DNS name',
    ...dnsNames,
    token: text,
    build: (s, v) => configIn(s, 'X', { customDomain: { domainName: any(v) } }),
  },
  {
    property: 'customDomain',
    rule: 'ResourceConfiguration customDomain: { domainName, verification }',
    valid: DNS_NAME.map(domainName => ({ domainName })),
    invalid: fc.oneof(WRONG.struct, DNS_NAME),
    build: (s, v) => configIn(s, 'X', { customDomain: any(v) }),
  },
  {
    property: 'customDomain.verification',
    rule: '#domain-verification DomainVerificationId: a domain verification',
    valid: fc.constant((s: Construct) => new DomainVerification(s, 'Verification', { domainName: 'example.com' })),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('dv-0123456789abcdef0', {})),
    build: (s, v) => configIn(s, 'X', { customDomain: { domainName: 'db.example.com', verification: made(s, v) } }),
  },
  {
    property: 'allowAssociationToSharableServiceNetwork',
    rule: '#sharable-networks AllowAssociationToSharableServiceNetwork: a boolean',
    valid: fc.boolean(),
    invalid: WRONG.boolean,
    build: (s, v) => configIn(s, 'X', { allowAssociationToSharableServiceNetwork: any(v) }),
  },
  {
    property: 'accessLogs',
    rule: 'ResourceConfiguration accessLogs: a list of destinations',
    valid: fc.constantFrom<unknown>([], [AccessLogDestination.fromArn('arn:aws:logs:eu-west-1:111122223333:log-group:x')]),
    invalid: fc.oneof(WRONG.list, fc.constant('arn:aws:logs:eu-west-1:111122223333:log-group:x')),
    build: (s, v) => configIn(s, 'X', { accessLogs: any(v) }),
  },
  {
    property: 'resourceConfigurationArn',
    rule: '#ids-and-arns resourceconfiguration ARN, rcfg-[0-9a-z]{17}',
    ...latticeArns('resourceconfiguration', 'rcfg'),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'Network').associateResource(ResourceConfiguration.fromResourceConfigurationArn(s, 'X', any(v))),
  },
  {
    property: 'resourceConfigurationId',
    rule: '#ids-and-arns rcfg-[0-9a-z]{17}',
    ...latticeIds('rcfg'),
    token: text,
    build: (s, v) => new ServiceNetwork(s, 'Network').associateResource(ResourceConfiguration.fromResourceConfigurationAttributes(s, 'X', { resourceConfigurationId: any(v) })),
  },
  {
    property: 'portRanges',
    rule: '#resource-configurations PortRanges of an imported configuration',
    ...portRanges,
    token: text,
    build: (s, v) => ResourceConfiguration.fromResourceConfigurationAttributes(s, 'X', { resourceConfigurationId: 'rcfg-0123456789abcdef0', portRanges: [any(v)] })
      .addVpcEndpoint(clientVpcIn(s)),
  },
  // Groups and their children.
  {
    property: 'groupDomain',
    rule: '#resource-configurations GroupDomain 3–255, a DNS name',
    ...dnsNames,
    token: text,
    build: (s, v) => new ResourceConfigurationGroup(s, 'X', { gateway: gatewayIn(s), groupDomain: any(v), portRanges: ['443'] }),
  },
  {
    property: 'resourceConfigurationName',
    rule: '#names ResourceConfiguration 3–40, not rcfg-: a group\'s name',
    ...resourceNames(3, 40, 'rcfg-'),
    token: text,
    build: (s, v) => new ResourceConfigurationGroup(s, 'X', { gateway: gatewayIn(s), resourceConfigurationName: any(v) }),
  },
  {
    property: 'portRanges',
    rule: '#resource-configurations PortRanges of a group',
    ...portRanges,
    token: text,
    build: (s, v) => new ResourceConfigurationGroup(s, 'X', { gateway: gatewayIn(s), portRanges: [any(v)] }),
  },
  {
    property: 'portRanges',
    rule: '#resource-configurations PortRanges of a child',
    ...portRanges,
    token: text,
    at: 'Group/X',
    build: (s, v) => groupOf(s).addChild('X', { definition: DB, portRanges: [any(v)] }),
  },
  {
    property: 'definition dnsName',
    rule: '#resource-configurations CHILD DNS names: sub-domains of the GroupDomain',
    ...namesBelow('internal.example.com'),
    at: 'Group/X',
    build: (s, v) => groupOf(s).addChild('X', { definition: ResourceDefinition.dnsName(any(v)) }),
  },
  {
    property: 'customDomain.domainName',
    rule: '#resource-configurations CHILD custom domains: sub-domains of the GroupDomain',
    valid: namesBelow('internal.example.com').valid,
    invalid: fc.oneof(namesBelow('internal.example.com').invalid, WRONG.string),
    at: 'Group/X',
    build: (s, v) => groupOf(s).addChild('X', { definition: DB, customDomain: { domainName: any(v) } }),
  },
  {
    property: 'definition',
    rule: '#resource-definitions CHILD definition: a ResourceDefinition of a DNS name or an IP address',
    valid: fc.constantFrom(DB, ResourceDefinition.dnsName('db.internal.example.com')),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('db.internal.example.com', {})),
    at: 'Group/X',
    build: (s, v) => groupOf(s).addChild('X', { definition: any(v) }),
  },
  // Domain verifications.
  {
    property: 'domainName',
    rule: '#domain-verification DomainVerification.DomainName 3–255, a DNS name',
    ...dnsNames,
    token: text,
    build: (s, v) => new DomainVerification(s, 'X', { domainName: any(v) }),
  },
  {
    property: 'hostedZone',
    rule: 'DomainVerification hostedZone: a route53.IHostedZone',
    valid: fc.constant(zoneIn),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('Z0123456789ABCDEFGHIJ', {})),
    build: (s, v) => new DomainVerification(s, 'X', { domainName: 'internal.example.com', hostedZone: made(s, v) }),
  },
  {
    property: 'domainVerificationArn',
    rule: '#ids-and-arns domainverification ARN, dv-[0-9a-f]{17} (ResourceConfiguration.DomainVerificationId takes hexadecimal digits)',
    ...latticeArns('domainverification', 'dv', HEX),
    token: text,
    build: (s, v) => configIn(s, 'Config', {
      customDomain: { domainName: 'db.example.com', verification: DomainVerification.fromDomainVerificationAttributes(s, 'X', { domainVerificationArn: any(v) }) },
    }),
  },
  {
    property: 'domainVerificationId',
    rule: '#ids-and-arns dv-[0-9a-f]{17}',
    ...latticeIds('dv', HEX),
    token: text,
    build: (s, v) => configIn(s, 'Config', {
      customDomain: { domainName: 'db.example.com', verification: DomainVerification.fromDomainVerificationAttributes(s, 'X', { domainVerificationId: any(v) }) },
    }),
  },
  {
    property: 'domainName',
    rule: '#domain-verification DomainVerification.DomainName of an imported verification',
    ...dnsNames,
    token: text,
    build: (s, v) => DomainVerification.fromDomainVerificationAttributes(s, 'X', { domainVerificationId: 'dv-0123456789abcdef0', domainName: any(v) }),
  },
  // Associations, endpoints and private DNS.
  {
    property: 'privateDns',
    rule: '#resource-associations ServiceNetworkResourceAssociation.PrivateDnsEnabled: a boolean',
    valid: fc.boolean(),
    invalid: WRONG.boolean,
    at: 'Network/ConfigAssociation',
    build: (s, v) => new ServiceNetwork(s, 'Network').associateResource(configIn(s, 'Config'), { privateDns: any(v) }),
  },
  {
    property: 'resourceConfiguration',
    rule: 'associateResource: a resource configuration',
    valid: fc.constant((s: Construct) => configIn(s, 'Config')),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('rcfg-0123456789abcdef0', {})),
    at: 'Network',
    build: (s, v) => new ServiceNetwork(s, 'Network').associateResource(made(s, v)),
  },
  { property: 'vpc', rule: 'network.addVpcEndpoint: an ec2.IVpc', ...vpcs, at: 'Network', build: (s, v) => new ServiceNetwork(s, 'Network').addVpcEndpoint(made(s, v)) },
  { property: 'vpc', rule: 'configuration.addVpcEndpoint: an ec2.IVpc', ...vpcs, at: 'Config', build: (s, v) => configIn(s, 'Config').addVpcEndpoint(made(s, v)) },
  {
    property: 'securityGroups',
    rule: '#vpc-endpoints VPCEndpoint SecurityGroupIds: 1–5 security groups',
    ...securityGroupLists(1),
    at: 'Network/ClientEndpoint',
    build: (s, v) => new ServiceNetwork(s, 'Network').addVpcEndpoint(clientVpcIn(s), { securityGroups: securityGroupsIn(s, v) }),
  },
  {
    property: 'vpcSubnets',
    rule: '#vpc-endpoints VPCEndpoint SubnetIds: a selection of the VPC\'s subnets',
    ...subnetSelections,
    at: 'Config/ClientEndpoint',
    build: (s, v) => configIn(s, 'Config').addVpcEndpoint(clientVpcIn(s), { vpcSubnets: any(v) }),
  },
  {
    property: 'privateDns',
    rule: '#private-dns VPCEndpoint DnsOptions: a PrivateDns',
    valid: DNS_PREFERENCES,
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('ALL_DOMAINS', {})),
    at: 'Config/ClientEndpoint',
    build: (s, v) => configIn(s, 'Config').addVpcEndpoint(clientVpcIn(s), { privateDns: any(v) }),
  },
  {
    property: 'privateDns',
    rule: '#private-dns ServiceNetworkVpcAssociation DnsOptions: a PrivateDns',
    valid: DNS_PREFERENCES,
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('ALL_DOMAINS', {})),
    at: 'Network/ClientAssociation',
    build: (s, v) => new ServiceNetwork(s, 'Network').associateVpc(clientVpcIn(s), { privateDns: any(v) }),
  },
  {
    property: 'privateDns domains',
    rule: '#private-dns PrivateDnsSpecifiedDomains: each 1–255',
    valid: DNS_NAME,
    invalid: fc.oneof(fc.constantFrom('', `${A63}.${A63}.${A63}.${'a'.repeat(62)}.a`), WRONG.string, listed(DNS_NAME)),
    token: text,
    at: 'Network/ClientEndpoint',
    build: (s, v) => new ServiceNetwork(s, 'Network').addVpcEndpoint(clientVpcIn(s), { privateDns: PrivateDns.specifiedDomainsOnly([any(v)]) }),
  },
  {
    property: 'privateDns domains',
    rule: '#private-dns PrivateDnsSpecifiedDomains: 1–10 items',
    valid: fc.integer({ min: 1, max: 10 }),
    invalid: fc.oneof(fc.constant(0), fc.integer({ min: 11, max: 15 }), WRONG.list),
    shown: v => (typeof v === 'number' ? `'${v} items'` : shown(v)),
    at: 'Network/ClientAssociation',
    build: (s, v) => new ServiceNetwork(s, 'Network').associateVpc(clientVpcIn(s), {
      privateDns: PrivateDns.verifiedDomainsAnd(typeof v === 'number' ? Array.from({ length: v }, (_, i) => `d${i}.example.com`) : any(v)),
    }),
  },
  // RAM shares.
  { property: 'principals', rule: '#sharing RAM principals of a ResourceShare', ...ramPrincipals, build: (s, v) => new ResourceShare(s, 'X', { principals: [any(v)] }) },
  {
    property: 'principals',
    rule: '#sharing RAM principals: a list of 1 or more',
    valid: fc.uniqueArray(ramPrincipals.valid, { minLength: 1, maxLength: 5 }),
    invalid: fc.oneof(fc.constant([]), WRONG.list, ramPrincipals.valid),
    token: list,
    build: (s, v) => new ResourceShare(s, 'X', { principals: any(v) }),
  },
  {
    property: 'name',
    rule: 'AWS::RAM::ResourceShare Name 1–255',
    valid: anyText(1, 255),
    invalid: fc.oneof(fc.constantFrom('', 'a'.repeat(256), '😀'.repeat(256)), WRONG.string, listed(anyText(1, 255))),
    token: text,
    build: (s, v) => new ResourceShare(s, 'X', { principals: ['111122223333'], name: any(v) }),
  },
  {
    property: 'allowExternalPrincipals',
    rule: 'AWS::RAM::ResourceShare AllowExternalPrincipals: a boolean',
    valid: fc.boolean(),
    invalid: WRONG.boolean,
    build: (s, v) => new ResourceShare(s, 'X', { principals: ['111122223333'], allowExternalPrincipals: any(v) }),
  },
  {
    property: 'resource',
    rule: '#sharing shareable resources: service networks, services, resource configurations',
    valid: fc.constantFrom<unknown>((s: Construct) => new ServiceNetwork(s, 'Network'), (s: Construct) => configIn(s, 'Config')),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0', {})),
    build: (s, v) => new ResourceShare(s, 'X', { principals: ['111122223333'], resources: [made(s, v)] }),
  },
  {
    property: 'resources',
    rule: 'ResourceShare resources: a list',
    valid: fc.constant([]),
    invalid: WRONG.list,
    build: (s, v) => new ResourceShare(s, 'X', { principals: ['111122223333'], resources: any(v) }),
  },
  {
    property: 'resourceShareArn',
    rule: '#sharing RAM resource-share ARN, resource-share/<UUID>',
    valid: fc.tuple(PARTITION, REGION, ACCOUNT, fc.uuid()).map(([p, r, a, id]) => `arn:${p}:ram:${r}:${a}:resource-share/${id}`),
    invalid: fc.oneof(
      fc.constantFrom('', 'arn:aws:ram:eu-west-1:111122223333:permission/x', 'arn:aws:ram:eu-west-1:111122223333:resource-share/'),
      fc.uuid(),
      fc.uuid().map(id => [`arn:aws:ram:eu-west-1:111122223333:resource-share/${id}`]),
      WRONG.string,
    ),
    token: text,
    build: (s, v) => ResourceShare.fromResourceShareArn(s, 'X', any(v)).addResource(new ServiceNetwork(s, 'Network')),
  },
  {
    property: 'shareWith name',
    rule: 'AWS::RAM::ResourceShare Name 1–255, of shareWith',
    valid: anyText(1, 255),
    invalid: fc.oneof(fc.constantFrom('', 'a'.repeat(256)), WRONG.string),
    token: text,
    build: (s, v) => configIn(s, 'X').shareWith({ principals: ['111122223333'], name: any(v) }),
  },
  // Imported services and their DNS records.
  {
    property: 'dnsName',
    rule: '#service-custom-domains DnsEntry.DomainName of an imported service, a DNS name',
    valid: DNS_NAME,
    invalid: dnsNames.invalid,
    token: text,
    build: (s, v) => new ServiceDnsRecord(s, 'Record', {
      service: LatticeService.fromServiceAttributes(s, 'X', { serviceId: 'svc-0123456789abcdef0', dnsName: any(v) }), domainName: 'orders.example.com', hostedZone: zoneIn(s),
    }),
  },
  {
    property: 'domainName',
    rule: 'ServiceDnsRecord domainName: a DNS name below the hosted zone',
    ...namesBelow('example.com'),
    token: text,
    build: (s, v) => new ServiceDnsRecord(s, 'X', {
      service: LatticeService.fromServiceAttributes(s, 'Service', { serviceId: 'svc-0123456789abcdef0', dnsName: 'orders-0123.7d67968.vpc-lattice-svcs.eu-west-1.on.aws' }),
      domainName: any(v),
      hostedZone: zoneIn(s),
    }),
  },
  {
    property: 'service',
    rule: 'ServiceDnsRecord service: a VPC Lattice service',
    valid: fc.constant((s: Construct) => new LatticeService(s, 'Service')),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('svc-0123456789abcdef0', {})),
    build: (s, v) => new ServiceDnsRecord(s, 'X', { service: made(s, v), domainName: 'orders.example.com', hostedZone: zoneIn(s) }),
  },
  {
    property: 'hostedZone',
    rule: 'ServiceDnsRecord hostedZone: a route53.IHostedZone',
    valid: fc.constant(zoneIn),
    invalid: fc.oneof(WRONG.struct, fc.constantFrom<unknown>('Z0123456789ABCDEFGHIJ', {})),
    build: (s, v) => new ServiceDnsRecord(s, 'X', { service: new LatticeService(s, 'Service'), domainName: 'orders.example.com', hostedZone: made(s, v) }),
  },
];
INPUTS.push(...RESOURCE_INPUTS);

// ---------------------------------------------------------------------------------------------------------------------
// Props, attributes and options of the wrong type: every construct, import and method that takes an object of
// settings, each with every wrong value (`examples`), and more at random.

/** Every construct of the library, built at `X` with `props`; the ones that need none, with valid props too. */
const CONSTRUCTS: Array<[string, (scope: Construct, props: any) => unknown, ((scope: Construct) => object)?]> = [
  ['LatticeService', (s, p) => new LatticeService(s, 'X', p), () => ({})],
  ['ServiceNetwork', (s, p) => new ServiceNetwork(s, 'X', p), () => ({})],
  ['Listener', (s, p) => new Listener(s, 'X', p), s => ({ service: new LatticeService(s, 'Service') })],
  ['ListenerRule', (s, p) => new ListenerRule(s, 'X', p)],
  ['IpTargetGroup', (s, p) => new IpTargetGroup(s, 'X', p), s => ({ vpc: vpcIn(s) })],
  ['InstanceTargetGroup', (s, p) => new InstanceTargetGroup(s, 'X', p), s => ({ vpc: vpcIn(s) })],
  ['LambdaTargetGroup', (s, p) => new LambdaTargetGroup(s, 'X', p)],
  ['AlbTargetGroup', (s, p) => new AlbTargetGroup(s, 'X', p)],
  ['EcsTargetGroup', (s, p) => new EcsTargetGroup(s, 'X', p)],
  ['LatticeDashboard', (s, p) => new LatticeDashboard(s, 'X', p), () => ({})],
  ['ServiceDnsRecord', (s, p) => new ServiceDnsRecord(s, 'X', p)],
  ['ResourceShare', (s, p) => new ResourceShare(s, 'X', p), () => ({ principals: ['111122223333'] })],
  ['ServiceNetworkVpcAssociation', (s, p) => new ServiceNetworkVpcAssociation(s, 'X', p)],
  ['ServiceNetworkServiceAssociation', (s, p) => new ServiceNetworkServiceAssociation(s, 'X', p)],
  ['ResourceGateway', (s, p) => new ResourceGateway(s, 'X', p), s => ({ vpc: vpcIn(s) })],
  ['ResourceConfiguration', (s, p) => new ResourceConfiguration(s, 'X', p), s => ({ gateway: gatewayIn(s), definition: DB, portRanges: ['5432'] })],
  ['ResourceConfigurationGroup', (s, p) => new ResourceConfigurationGroup(s, 'X', p), s => ({ gateway: gatewayIn(s) })],
  ['ResourceConfigurationChild', (s, p) => new ResourceConfigurationChild(s, 'X', p)],
  ['DomainVerification', (s, p) => new DomainVerification(s, 'X', p), () => ({ domainName: 'example.com' })],
  ['ServiceNetworkResourceAssociation', (s, p) => new ServiceNetworkResourceAssociation(s, 'X', p)],
  ['ServiceNetworkEndpoint', (s, p) => new ServiceNetworkEndpoint(s, 'X', p)],
  ['ResourceEndpoint', (s, p) => new ResourceEndpoint(s, 'X', p)],
];
/** Every import by attributes, at `X`. */
const IMPORTS: Array<[string, (scope: Construct, attrs: any) => unknown]> = [
  ['LatticeService', (s, a) => LatticeService.fromServiceAttributes(s, 'X', a)],
  ['ServiceNetwork', (s, a) => ServiceNetwork.fromServiceNetworkAttributes(s, 'X', a)],
  ['ResourceGateway', (s, a) => ResourceGateway.fromResourceGatewayAttributes(s, 'X', a)],
  ['ResourceConfiguration', (s, a) => ResourceConfiguration.fromResourceConfigurationAttributes(s, 'X', a)],
  ['DomainVerification', (s, a) => DomainVerification.fromDomainVerificationAttributes(s, 'X', a)],
];
/** Every method that takes an object of options, called on a construct at `X`, with the property messages name and options it takes (default `{}`). */
const METHODS: Array<[string, (scope: Construct, options: any) => unknown, object?]> = [
  ['addListener options', (s, o) => new LatticeService(s, 'X').addListener('Listener', o)],
  ['associateVpc options', (s, o) => new ServiceNetwork(s, 'X').associateVpc(clientVpcIn(s), o)],
  ['associateResource options', (s, o) => new ServiceNetwork(s, 'X').associateResource(configIn(s, 'Config'), o)],
  ['addVpcEndpoint options', (s, o) => new ServiceNetwork(s, 'X').addVpcEndpoint(clientVpcIn(s), o)],
  ['addVpcEndpoint options', (s, o) => configIn(s, 'X').addVpcEndpoint(clientVpcIn(s), o)],
  ['addChild options', (s, o) => new ResourceConfigurationGroup(s, 'X', { gateway: gatewayIn(s) }).addChild('Child', o), { definition: DB, portRanges: ['443'] }],
  ['definition dnsName options', (s, o) => configIn(s, 'X', { definition: ResourceDefinition.dnsName('db.internal.example.com', o) })],
];
/** Every case of a table, with every wrong value. */
const everyCase = (count: number, wrong: readonly unknown[]) => Array.from({ length: count }, (_, i) => wrong.map(value => [i, value])).flat();
const WRONG_STRUCTS = [null, 'x', 42, true, ['x']];

const WRONG_TYPE_INPUTS: Input[] = [
  {
    property: 'props',
    rule: 'props of every construct: an object',
    valid: fc.constantFrom(...CONSTRUCTS.flatMap(([, , props], i) => (props ? [[i, props]] : []))),
    invalid: fc.tuple(fc.nat(CONSTRUCTS.length - 1), WRONG.struct),
    examples: everyCase(CONSTRUCTS.length, WRONG_STRUCTS),
    shown: v => shown((v as unknown[])[1]),
    build: (s, v) => {
      const [i, props] = v as [number, unknown];
      CONSTRUCTS[i][1](s, made(s, props));
    },
  },
  {
    property: 'attributes',
    rule: 'attributes of every import: an object',
    valid: fc.constant([0, { serviceId: 'svc-0123456789abcdef0' }]),
    invalid: fc.tuple(fc.nat(IMPORTS.length - 1), WRONG.struct),
    examples: everyCase(IMPORTS.length, WRONG_STRUCTS),
    shown: v => shown((v as unknown[])[1]),
    build: (s, v) => IMPORTS[(v as [number])[0]][1](s, (v as unknown[])[1]),
  },
  {
    property: 'options',
    rule: 'options of every method that takes them: an object',
    valid: fc.nat(METHODS.length - 1).map(i => [i, METHODS[i][2] ?? {}]),
    invalid: fc.tuple(fc.nat(METHODS.length - 1), WRONG.struct),
    examples: everyCase(METHODS.length, WRONG_STRUCTS),
    named: v => `invalid ${METHODS[(v as [number])[0]][0]} ${shown((v as unknown[])[1])}`,
    build: (s, v) => METHODS[(v as [number])[0]][1](s, (v as unknown[])[1]),
  },
  {
    property: 'vpc',
    rule: 'AlbTargetGroup vpc: the load balancer\'s VPC, an ec2.IVpc (null is no VPC, not the default)',
    valid: fc.constantFrom<unknown>(undefined, vpcIn),
    invalid: fc.oneof(WRONG.struct, VPC_ID, fc.constant({})),
    build: (s, v) => {
      const vpc = vpcIn(s);
      const loadBalancer = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(s, 'Alb', {
        loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/internal/0123456789abcdef', securityGroupId: SG_ID(1), vpc,
      });
      const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(s, 'AlbListener', {
        listenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/internal/0123456789abcdef/0123456789abcdef',
        securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'AlbSg', SG_ID(1)),
      });
      new AlbTargetGroup(s, 'X', { loadBalancer, listener, port: 80, protocol: TargetProtocol.HTTP, vpc: v === vpcIn ? vpc : made(s, v) });
    },
  },
];
INPUTS.push(...WRONG_TYPE_INPUTS);

// ---------------------------------------------------------------------------------------------------------------------
// The properties

/** Construct IDs of any length and alphabet (constructs replace '/'), and paths of any depth made of them. */
const CONSTRUCT_ID = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  chars([...'abcXYZ019-_. '], 1, 60),
  fc.constantFrom('😀', 'Ünïcødé', '中文', 'a'.repeat(200)),
).filter(id => !/[${}#\[\]]/.test(id));
const SCOPE_PATH = fc.array(CONSTRUCT_ID, { minLength: 0, maxLength: 6 });

function scopeAt(app: App, ids: string[], stackId = 'Stack'): { stack: Stack; scope: Construct } {
  const stack = new Stack(app, stackId);
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
      const named = input.named?.(value) ?? `invalid ${input.property} ${(input.shown ?? shown)(value)}`;
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      // Failures show the message: the exception type that escaped, or the message that does not name the value.
      const escaped = [TypeError, RangeError, ReferenceError, SyntaxError].find(type => error instanceof type);
      expect(escaped ? `${escaped.name}: ${message}` : 'an Error').toBe('an Error');
      if (!message.includes(`[${where}] ${named}`)) { expect(message).toContain(`${where}: ${named}`); }
    }), { seed: SEED, numRuns: RUNS.invalid, examples: (input.examples ?? []).map(value => [[], value] as [string[], unknown]) });
  });
});

describe('valid values synthesize under strict CloudFormation validation, at any construct path', () => {
  test('1 or 2 values of every input in one app, at a generated path, with the names the library generates valid', () => {
    const values = fc.tuple(...INPUTS.map(input => fc.array(input.valid, { minLength: 1, maxLength: input.perApp ?? 2 })));
    fc.assert(fc.property(SCOPE_PATH, values, (ids, valuesPerInput) => {
      const app = strictApp();
      // A stack per INPUTS_PER_STACK inputs, each at the generated path: in one stack they would pass CloudFormation's
      // 500 resources.
      const scopes = new Map<number, Construct>();
      INPUTS.forEach((input, i) => {
        const n = Math.floor(i / INPUTS_PER_STACK);
        if (!scopes.has(n)) {
          const { stack, scope } = scopeAt(app, ids, `Inputs${n}`);
          // Imports alone make no resource; CloudFormation wants at least one.
          new CfnWaitConditionHandle(stack, 'Placeholder');
          scopes.set(n, scope);
        }
        valuesPerInput[i].forEach((value, j) => {
          cases.valid++;
          input.build(new Construct(scopes.get(n)!, `Input${i}Value${j}`), value);
        });
      });
      const { stack, scope } = scopeAt(app, ids);
      generatedNames(scope);
      const template = app.synth().getStackByName(stack.stackName).template;
      checkGeneratedNames(template);
      // Not shrunk: an app of every input is too big to shrink; the failing values are reported as generated.
    }), { seed: SEED, numRuns: RUNS.valid, endOnFailure: true });
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
    // Some values stay out of the template (an imported configuration's ports, an imported verification's domain):
    // an output uses each parameter, which CloudFormation otherwise warns of.
    stack.node.children.filter((child): child is CfnParameter => child instanceof CfnParameter).forEach(parameter => new CfnOutput(stack, `${parameter.node.id}Used`, {
      value: parameter.type === 'CommaDelimitedList' ? Fn.join(',', parameter.valueAsList) : Token.asString(parameter.value),
    }));
    app.synth();
  });
});

/**
 * The names and texts the library makes from construct paths: a RAM share's name, the comments of Route 53 records (of a
 * service's custom domain and of a domain verification), the names of a resource gateway and of configurations.
 */
function generatedNames(scope: Construct) {
  const network = new ServiceNetwork(scope, 'Network');
  network.shareWith({ principals: ['111122223333'] });
  const zone = route53.PublicHostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  new LatticeService(scope, 'Named', { serviceNetwork: network, customDomain: { domainName: 'named.example.com', hostedZone: zone } });
  new DomainVerification(scope, 'Named verification', { domainName: 'internal.example.com', hostedZone: zone });
  const gateway = new ResourceGateway(scope, 'Gateway', { vpc: vpcIn(scope) });
  new ResourceConfiguration(scope, 'Configuration', { gateway, definition: DB, portRanges: ['5432'] });
  new ResourceConfigurationGroup(scope, 'Group', { gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('Child', { definition: ResourceDefinition.dnsName('orders.internal.example.com') });
}

/** docs/lattice-facts.md#names: lowercase letters, digits and single inner hyphens, 3 to 40 characters, not starting with `prefix`. */
const latticeName = (prefix: string) => new RegExp(`^(?!${prefix})(?!-)(?!.*-$)(?!.*--)[a-z0-9-]{3,40}$`);

function checkGeneratedNames(template: any) {
  const resources = Object.values<any>(template.Resources);
  for (const share of resources.filter(r => r.Type === 'AWS::RAM::ResourceShare')) {
    expect(share.Properties.Name).toMatch(/^[A-Za-z0-9_.-]{1,255}$/);
  }
  for (const record of resources.filter(r => r.Type === 'AWS::Route53::RecordSet')) {
    expect([...record.Properties.Comment].length).toBeLessThanOrEqual(256);
    expect(record.Properties.Comment).toMatch(/^VPC Lattice (service .*Named|domain verification .*Named verification)$/);
  }
  const named = (type: string) => resources.filter(r => r.Type === `AWS::VpcLattice::${type}`).map(r => r.Properties.Name);
  expect(named('ResourceGateway')).toEqual([expect.stringMatching(latticeName('rgw-'))]);
  expect(named('ResourceConfiguration')).toEqual(Array(3).fill(expect.stringMatching(latticeName('rcfg-'))));
  expect(new Set(named('ResourceConfiguration')).size).toBe(3);
}

afterAll(() => {
  // How many generated cases ran, for a change's description.
  process.stdout.write(`properties.test.ts: ${cases.invalid} invalid, ${cases.valid} valid and ${cases.tokens} token cases over ${INPUTS.length} inputs\n`);
});
