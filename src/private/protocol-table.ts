import { Token } from 'aws-cdk-lib';
import { ListenerProtocol, ProtocolVersion, TargetProtocol } from '../protocols';

/*
 * Every rule VPC Lattice has about protocols, in one place: which listener protocols exist and what their listeners
 * take, which target-group protocol and version each kind of target group takes, which listener may forward to which
 * target group, and the health-check defaults that follow. Every protocol check of the library reads these tables, so
 * a new protocol is a new row. The facts behind the rows: docs/lattice-facts.md#listeners, #tls-passthrough, #actions,
 * #target-groups, #protocol-versions, #health-checks and #lambda-targets.
 */

/** The kinds of target groups (CloudFormation's `Type`). */
export type TargetType = 'IP' | 'INSTANCE' | 'LAMBDA' | 'ALB';

/** What a target group is, as far as protocols go. Lambda target groups have neither protocol nor version. */
export interface GroupProtocols {
  readonly type: TargetType;
  readonly protocol?: TargetProtocol;
  readonly protocolVersion?: ProtocolVersion;
  /** The port the targets receive traffic on; none for Lambda groups. */
  readonly port?: number;
}

/** What a table answers: allowed; a warning with what happens at run time; or an error with the reason. */
export type Verdict =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'warning'; readonly id: string; readonly consequence: string; readonly fix: string }
  | { readonly kind: 'error'; readonly reason: string; readonly property?: 'protocol' | 'protocolVersion' };

const ALLOWED: Verdict = { kind: 'allowed' };
const error = (reason: string, property?: 'protocol' | 'protocolVersion'): Verdict => ({ kind: 'error', reason, property });

/** What listeners of a protocol take. */
export interface ListenerProtocolRules {
  /** The port when none is given; none: the port must be given. */
  readonly defaultPort?: number;
  /** Whether the listener takes rules besides its default action. */
  readonly takesRules: boolean;
  /** Whether its default action may be a fixed response. */
  readonly takesFixedResponse: boolean;
  /**
   * Whether VPC Lattice ends TLS at such a listener, so that a custom domain it serves needs a certificate (VPC
   * Lattice has none of its own for custom names).
   */
  readonly terminatesTls: boolean;
  /** Why the service needs a custom domain name for such a listener, when it does. */
  readonly needsCustomDomain?: string;
  /** Why every caller of such a listener is anonymous, when VPC Lattice cannot authenticate them. */
  readonly anonymousCallers?: string;
}

export const LISTENER_PROTOCOLS: Readonly<Record<ListenerProtocol, ListenerProtocolRules>> = {
  [ListenerProtocol.HTTP]: { defaultPort: 80, takesRules: true, takesFixedResponse: true, terminatesTls: false },
  [ListenerProtocol.HTTPS]: { defaultPort: 443, takesRules: true, takesFixedResponse: true, terminatesTls: true },
  // docs/lattice-facts.md#tls-passthrough: only the default rule, forwarding to TCP target groups; the custom domain is
  // the SNI match; no documented default port; auth policies limited to anonymous principals (at the network level too).
  [ListenerProtocol.TLS_PASSTHROUGH]: {
    takesRules: false,
    takesFixedResponse: false,
    terminatesTls: false,
    needsCustomDomain: 'VPC Lattice routes a TLS passthrough connection to its service by the server name of the TLS client hello (SNI), ' +
      "which must be the service's custom domain name; the custom domain's certificate is not used (the targets hold their own)",
    anonymousCallers: 'VPC Lattice passes the TLS connection through without reading it, so it cannot authenticate the caller: every caller ' +
      'of a TLS_PASSTHROUGH listener is anonymous',
  },
};

/** What target groups of a protocol have when the user does not say. */
export interface TargetProtocolDefaults {
  /** The port; none: the port must be given. */
  readonly port?: number;
  /** The protocol version; none: such groups have no protocol version. */
  readonly protocolVersion?: ProtocolVersion;
  /** Whether VPC Lattice sends such groups requests (and counts them), rather than connections only. */
  readonly carriesRequests: boolean;
  /** Whether VPC Lattice reaches the targets over TLS, so that TLS connection errors can occur. */
  readonly overTls: boolean;
}

/** The defaults of target groups per protocol. TCP has neither: CloudFormation documents no port, and TLS is not HTTP. */
export const TARGET_PROTOCOLS: Readonly<Record<TargetProtocol, TargetProtocolDefaults>> = {
  [TargetProtocol.HTTP]: { port: 80, protocolVersion: ProtocolVersion.HTTP1, carriesRequests: true, overTls: false },
  [TargetProtocol.HTTPS]: { port: 443, protocolVersion: ProtocolVersion.HTTP1, carriesRequests: true, overTls: true },
  // A TCP group sits behind a TLS passthrough listener: the connections it receives carry TLS end to end.
  [TargetProtocol.TCP]: { carriesRequests: false, overTls: true },
};

/** Whether VPC Lattice holds connections to targets of each kind of group: a Lambda function is invoked instead. */
export const TARGET_TYPE_CONNECTIONS: Readonly<Record<TargetType, boolean>> = { IP: true, INSTANCE: true, ALB: true, LAMBDA: false };

/** The target-group protocol for an Application Load Balancer listener of each ELBv2 protocol (an ALB target group). */
export const ALB_LISTENER_TARGET_PROTOCOLS: Readonly<Record<string, TargetProtocol>> = { HTTP: TargetProtocol.HTTP, HTTPS: TargetProtocol.HTTPS };

/** The protocols and versions health checks take (CloudFormation's HealthCheckConfig), whatever the group's. */
export const HEALTH_CHECK_PROTOCOLS: readonly TargetProtocol[] = [TargetProtocol.HTTP, TargetProtocol.HTTPS];
export const HEALTH_CHECK_PROTOCOL_VERSIONS: readonly ProtocolVersion[] = [ProtocolVersion.HTTP1, ProtocolVersion.HTTP2];

/**
 * A row of a table: it applies when every column it gives contains the value (a column left out matches anything,
 * and `NONE` matches a target group without protocol or version); the first row that applies decides.
 */
interface Row<T> {
  readonly listener?: readonly ListenerProtocol[];
  readonly type?: readonly TargetType[];
  readonly protocol?: ReadonlyArray<TargetProtocol | typeof NONE>;
  readonly version?: ReadonlyArray<ProtocolVersion | typeof NONE>;
  readonly answer: T;
}
const NONE = 'none';

/** Which protocol and version each kind of target group takes. */
const TARGET_GROUP_ROWS: ReadonlyArray<Row<Verdict>> = [
  { type: ['LAMBDA'], protocol: [NONE], version: [NONE], answer: ALLOWED },
  { type: ['LAMBDA'], answer: error('Lambda target groups have no protocol or protocol version: VPC Lattice invokes the function through the Lambda API', 'protocol') },
  // docs/lattice-facts.md#alb-targets: the group takes the protocol of the ALB listener; CloudFormation takes HTTP2 (#protocol-versions).
  { type: ['ALB'], protocol: [TargetProtocol.TCP], answer: error('an ALB target group takes the protocol of its ALB listener, which is HTTP or HTTPS', 'protocol') },
  { type: ['ALB'], version: [ProtocolVersion.GRPC], answer: error('ALB target groups take ProtocolVersion.HTTP1 or HTTP2; GRPC target groups must be IP or instance groups', 'protocolVersion') },
  // docs/lattice-facts.md#tls-passthrough: a TCP group carries the TLS of a TLS passthrough listener, unread, so no HTTP version applies.
  { protocol: [TargetProtocol.TCP], version: [NONE], answer: ALLOWED },
  {
    protocol: [TargetProtocol.TCP],
    answer: error('TCP target groups have no protocol version: VPC Lattice passes their TLS connections through without ' +
    'reading HTTP. Leave protocolVersion out', 'protocolVersion'),
  },
  { protocol: [TargetProtocol.HTTP, TargetProtocol.HTTPS], answer: ALLOWED },
];

/** Which listener may forward to which target group. */
const FORWARD_ROWS: ReadonlyArray<Row<Verdict>> = [
  // docs/lattice-facts.md#tls-passthrough: TLS passthrough listeners forward to TCP target groups, and TCP groups sit only behind them.
  // #lambda-targets: VPC Lattice invokes a function with an HTTP request, which a TLS connection it cannot read is not.
  {
    listener: [ListenerProtocol.TLS_PASSTHROUGH],
    type: ['LAMBDA'],
    answer: error('Lambda target groups cannot be behind TLS_PASSTHROUGH listeners: VPC Lattice invokes a function with the HTTP request, ' +
      'which it cannot read in a TLS connection it passes through. Put the function behind an HTTPS listener, or forward to a TCP target group'),
  },
  { listener: [ListenerProtocol.TLS_PASSTHROUGH], protocol: [TargetProtocol.TCP], answer: ALLOWED },
  {
    listener: [ListenerProtocol.TLS_PASSTHROUGH],
    answer: error('a TLS_PASSTHROUGH listener forwards connections only to TCP target groups, whose targets decrypt the TLS themselves. ' +
      'Give the target group protocol: TargetProtocol.TCP, or use an HTTPS listener'),
  },
  {
    protocol: [TargetProtocol.TCP],
    answer: error('a TCP target group can only be behind a TLS_PASSTHROUGH listener (VPC Lattice would send it HTTP it does not speak). ' +
      'Use a TLS_PASSTHROUGH listener, or an HTTP or HTTPS target group'),
  },
  // Behind an HTTP listener requests are HTTP/1.1; HTTP2 and gRPC groups need HTTP/2, which HTTPS listeners negotiate.
  {
    listener: [ListenerProtocol.HTTP],
    version: [ProtocolVersion.HTTP2, ProtocolVersion.GRPC],
    answer: {
      kind: 'warning',
      id: 'cdk-vpc-lattice:protocolVersionNeedsHttps',
      consequence: 'requests reach it as HTTP/1.1, which an HTTP2 or GRPC target group rejects, so they fail',
      fix: 'Use ListenerProtocol.HTTPS for the listener (clients then call with HTTP/2), or ProtocolVersion.HTTP1 for the target group.',
    },
  },
  { listener: [ListenerProtocol.HTTP, ListenerProtocol.HTTPS], answer: ALLOWED },
];

/** What health checks do when the user does not say. */
export interface HealthCheckDefaults {
  /** Whether checks run when no health-check setting is given. */
  readonly enabled: boolean;
  readonly protocol: TargetProtocol;
  readonly protocolVersion: ProtocolVersion;
}

/** `GROUP` stands for the target group's own protocol. */
const GROUP = 'group';
const HEALTH_CHECK_ROWS: ReadonlyArray<Row<{ enabled: boolean; protocol: TargetProtocol | typeof GROUP; protocolVersion: ProtocolVersion }>> = [
  // docs/lattice-facts.md#tls-passthrough: off for TCP groups; when on, they need an HTTP or HTTPS protocol and a version.
  { protocol: [TargetProtocol.TCP], answer: { enabled: false, protocol: TargetProtocol.HTTP, protocolVersion: ProtocolVersion.HTTP1 } },
  // docs/lattice-facts.md#health-checks: on for HTTP1 groups, off for HTTP2 and gRPC groups. The protocol is the group's, so
  // that an HTTPS target is checked in HTTPS (VPC Lattice's own default is HTTP, which it does not answer).
  { version: [ProtocolVersion.HTTP1], answer: { enabled: true, protocol: GROUP, protocolVersion: ProtocolVersion.HTTP1 } },
  { answer: { enabled: false, protocol: GROUP, protocolVersion: ProtocolVersion.HTTP2 } },
];

/** Whether a target group of this kind may have this protocol and version. */
export function targetGroupVerdict(group: GroupProtocols): Verdict {
  return decide(TARGET_GROUP_ROWS, undefined, group) ?? ALLOWED;
}

/** Whether a listener of this protocol may forward to this target group. */
export function forwardVerdict(listener: ListenerProtocol, group: GroupProtocols): Verdict {
  return decide(FORWARD_ROWS, listener, group) ?? ALLOWED;
}

/** The health-check defaults of a target group with this protocol and version. */
export function healthCheckDefaults(protocol: TargetProtocol, protocolVersion: ProtocolVersion | undefined): HealthCheckDefaults {
  const answer = decide(HEALTH_CHECK_ROWS, undefined, { type: 'IP', protocol, protocolVersion })!;
  return { ...answer, protocol: answer.protocol === GROUP ? protocol : answer.protocol };
}

/**
 * The target-group protocols a listener of this protocol may forward to, for messages (e.g. TCP for TLS passthrough).
 */
export function forwardableTargetProtocols(listener: ListenerProtocol): TargetProtocol[] {
  return Object.values(TargetProtocol).filter(protocol =>
    forwardVerdict(listener, { type: 'IP', protocol, protocolVersion: TARGET_PROTOCOLS[protocol].protocolVersion }).kind !== 'error');
}

/** The rules of a listener protocol; undefined for a value that is no listener protocol (or only known at deploy time). */
export function listenerProtocolRules(protocol: ListenerProtocol): ListenerProtocolRules | undefined {
  return Object.prototype.hasOwnProperty.call(LISTENER_PROTOCOLS, protocol) ? LISTENER_PROTOCOLS[protocol] : undefined;
}

/** The first row that applies; undefined when a value is only known at deploy time, which is never judged. */
function decide<T>(rows: ReadonlyArray<Row<T>>, listener: ListenerProtocol | undefined, group: GroupProtocols): T | undefined {
  if ([listener, group.type, group.protocol, group.protocolVersion].some(value => Token.isUnresolved(value))) { return undefined; }
  const protocol = group.protocol ?? NONE;
  const version = group.protocolVersion ?? NONE;
  return rows.find(row =>
    (!row.listener || (listener !== undefined && row.listener.includes(listener)))
    && (!row.type || row.type.includes(group.type))
    && (!row.protocol || row.protocol.includes(protocol))
    && (!row.version || row.version.includes(version)))?.answer;
}
