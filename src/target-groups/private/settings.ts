import { Token } from 'aws-cdk-lib';
import { CfnTargetGroup } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import {
  GroupProtocols, HEALTH_CHECK_PROTOCOL_VERSIONS, HEALTH_CHECK_PROTOCOLS, healthCheckDefaults, TARGET_PROTOCOLS, targetGroupVerdict, TargetType,
} from '../../private/protocol-table';
import { checkInteger, checkOneOf, checkSeconds, checkString, checkStruct, invalidValueError } from '../../private/validation';
import { ProtocolVersion, TargetProtocol } from '../../protocols';
import { IpAddressType } from '../enums';
import { HealthCheck } from '../health-check';

/** How VPC Lattice reaches the targets of a group. */
export interface TrafficSettings {
  readonly protocol: TargetProtocol;
  readonly port: number;
  /** None for protocols without versions (TCP). */
  readonly protocolVersion?: ProtocolVersion;
}

/**
 * The protocol, port and protocol version of a group of `type`, with their defaults, checked against what VPC Lattice
 * allows for that kind of group (the protocol table).
 */
export function trafficSettings(
  scope: IConstruct,
  type: TargetType,
  props: { port?: number; protocol?: TargetProtocol; protocolVersion?: ProtocolVersion },
): TrafficSettings {
  // Each value is checked as given, before a default replaces what was left out: `null` is an error, not a default.
  checkOneOf(scope, 'protocol', props.protocol, Object.values(TargetProtocol));
  checkOneOf(scope, 'protocolVersion', props.protocolVersion, Object.values(ProtocolVersion));
  checkInteger(scope, 'port', props.port, 1, 65535);
  const protocol = props.protocol ?? TargetProtocol.HTTP;
  // A protocol only known at deploy time gets the defaults of HTTP, the default protocol.
  const defaults = TARGET_PROTOCOLS[protocol] ?? TARGET_PROTOCOLS[TargetProtocol.HTTP];
  const protocolVersion = props.protocolVersion ?? defaults.protocolVersion;
  checkProtocols(scope, { type, protocol, protocolVersion });
  if (props.port === undefined && Token.isUnresolved(protocol)) {
    throw invalidValueError(scope, 'port', undefined, 'give the port when the protocol is only known at deploy time');
  }
  const port = props.port ?? defaults.port;
  if (port === undefined) {
    throw invalidValueError(scope, 'port', undefined, `give the port: ${protocol} target groups have no default port`);
  }
  return { protocol, port, protocolVersion };
}

/** Rejects a protocol and version that a kind of target group does not take, as the protocol table says. */
function checkProtocols(scope: IConstruct, group: GroupProtocols) {
  const verdict = targetGroupVerdict(group);
  if (verdict.kind === 'error') {
    const property = verdict.property ?? 'protocol';
    throw invalidValueError(scope, property, property === 'protocol' ? group.protocol : group.protocolVersion, verdict.reason);
  }
}

/** The address family of an IP group's targets: IPv4 unless given. */
export function ipAddressTypeSetting(scope: IConstruct, ipAddressType: IpAddressType | undefined): IpAddressType {
  checkOneOf(scope, 'ipAddressType', ipAddressType, [IpAddressType.IPV4, IpAddressType.IPV6],
    'DUALSTACK is for resource gateways only: the targets of a target group are all IPv4 or all IPv6');
  return ipAddressType ?? IpAddressType.IPV4;
}

/** A health check as CloudFormation takes it, and what the targets' security groups must know of it. */
export interface RenderedHealthCheck {
  readonly config: CfnTargetGroup.HealthCheckConfigProperty;
  readonly enabled: boolean;
  /** The port health checks go to when it is not each target's traffic port. */
  readonly port?: number;
}

const HEALTH_CHECK_PATH = {
  min: 0,
  max: 2048,
  pattern: /^(\/[a-zA-Z0-9@:%_+.~#?&/=-]*)?$/,
  what: "must start with '/' and contain only letters, digits and @:%_+.~#?&/=-, 2048 characters at most",
};
const HEALTHY_HTTP_CODES = { min: 3, max: 2000, pattern: /^[0-9,-]+$/, what: "must be HTTP codes like '200', '200,202' or '200-299'" };

/**
 * Checks a health check against the ranges CloudFormation accepts and renders it with every default written out, so
 * the template says what VPC Lattice does. The port is left out unless given: VPC Lattice then checks each target on
 * the port it receives traffic on, which may be the target's own.
 */
export function renderHealthCheck(scope: IConstruct, given: HealthCheck | undefined, traffic: TrafficSettings): RenderedHealthCheck {
  checkStruct(scope, 'healthCheck', given, { like: "{ path: '/health', interval: Duration.seconds(30) }" });
  const healthCheck = given ?? {};
  checkOneOf(scope, 'healthCheck.enabled', healthCheck.enabled, [true, false]);
  const interval = checkSeconds(scope, 'healthCheck.interval', healthCheck.interval, 5, 300);
  const timeout = checkSeconds(scope, 'healthCheck.timeout', healthCheck.timeout, 1, 120);
  checkInteger(scope, 'healthCheck.healthyThresholdCount', healthCheck.healthyThresholdCount, 2, 10);
  checkInteger(scope, 'healthCheck.unhealthyThresholdCount', healthCheck.unhealthyThresholdCount, 2, 10);
  checkString(scope, 'healthCheck.path', healthCheck.path, HEALTH_CHECK_PATH);
  checkInteger(scope, 'healthCheck.port', healthCheck.port, 1, 65535);
  checkOneOf(scope, 'healthCheck.protocol', healthCheck.protocol, HEALTH_CHECK_PROTOCOLS,
    'Health checks use HTTP or HTTPS, also for TCP target groups.');
  checkOneOf(scope, 'healthCheck.protocolVersion', healthCheck.protocolVersion, HEALTH_CHECK_PROTOCOL_VERSIONS,
    'GRPC and TCP target groups are health-checked with HTTP1 or HTTP2.');
  checkString(scope, 'healthCheck.healthyHttpCodes', healthCheck.healthyHttpCodes, HEALTHY_HTTP_CODES);

  const defaults = healthCheckDefaults(traffic.protocol, traffic.protocolVersion);
  // Where VPC Lattice does not health-check by default, any setting given means the user wants checks.
  const anySetting = Object.entries(healthCheck).some(([key, value]) => key !== 'enabled' && value !== undefined);
  const enabled = healthCheck.enabled ?? (defaults.enabled || anySetting);
  if (!enabled) {
    return { enabled: false, config: { enabled: false } };
  }
  return {
    enabled: true,
    port: healthCheck.port,
    config: {
      enabled: true,
      healthCheckIntervalSeconds: interval ?? 30,
      healthCheckTimeoutSeconds: timeout ?? 5,
      healthyThresholdCount: healthCheck.healthyThresholdCount ?? 5,
      unhealthyThresholdCount: healthCheck.unhealthyThresholdCount ?? 2,
      path: healthCheck.path ?? '/',
      port: healthCheck.port,
      protocol: healthCheck.protocol ?? defaults.protocol,
      protocolVersion: healthCheck.protocolVersion ?? defaults.protocolVersion,
      // Open (docs/lattice-facts.md#health-checks): the default when no matcher is written is settled by integ.target-health.ts
      // (ListTargets HEALTHY for groups without one), and for TCP groups turned on by integ.tls-passthrough.ts.
      matcher: healthCheck.healthyHttpCodes === undefined ? undefined : { httpCode: healthCheck.healthyHttpCodes },
    },
  };
}
