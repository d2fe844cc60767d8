import { Token } from 'aws-cdk-lib';
import { CfnTargetGroup } from 'aws-cdk-lib/aws-vpclattice';
import { Construct, IConstruct } from 'constructs';
import { checkInteger, checkOneOf, checkSeconds, checkString, invalid } from '../../private/validation';
import { IpAddressType, ProtocolVersion, TargetProtocol } from '../enums';
import { HealthCheck } from '../health-check';

/** How VPC Lattice reaches the targets of a group. */
export interface TrafficSettings {
  readonly protocol: TargetProtocol;
  readonly port: number;
  readonly protocolVersion: ProtocolVersion;
}

/**
 * The protocol, port and protocol version of a group, with their defaults, checked. TCP comes with TLS passthrough
 * listeners, which the library does not support yet.
 */
export function trafficSettings(
  scope: IConstruct,
  props: { port?: number; protocol?: TargetProtocol; protocolVersion?: ProtocolVersion },
): TrafficSettings {
  const protocol = props.protocol ?? TargetProtocol.HTTP;
  if (protocol === TargetProtocol.TCP) {
    throw invalid(scope, 'protocol', protocol,
      'TCP target groups need TLS_PASSTHROUGH listeners, which this version of the library does not support yet; use TargetProtocol.HTTP or TargetProtocol.HTTPS');
  }
  checkOneOf(scope, 'protocol', protocol, [TargetProtocol.HTTP, TargetProtocol.HTTPS]);
  if (props.port === undefined && Token.isUnresolved(protocol)) {
    throw invalid(scope, 'port', undefined, 'give the port when the protocol is only known at deploy time');
  }
  const port = props.port ?? (protocol === TargetProtocol.HTTPS ? 443 : 80);
  checkInteger(scope, 'port', port, 1, 65535);
  const protocolVersion = props.protocolVersion ?? ProtocolVersion.HTTP1;
  checkOneOf(scope, 'protocolVersion', protocolVersion, [ProtocolVersion.HTTP1, ProtocolVersion.HTTP2, ProtocolVersion.GRPC]);
  return { protocol, port, protocolVersion };
}

/** The address family of an IP group's targets: IPv4 unless given. */
export function ipAddressTypeSetting(scope: IConstruct, ipAddressType: IpAddressType = IpAddressType.IPV4): IpAddressType {
  checkOneOf(scope, 'ipAddressType', ipAddressType, [IpAddressType.IPV4, IpAddressType.IPV6]);
  return ipAddressType;
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
export function renderHealthCheck(scope: IConstruct, healthCheck: HealthCheck = {}, traffic: TrafficSettings): RenderedHealthCheck {
  const interval = checkSeconds(scope, 'healthCheck.interval', healthCheck.interval, 5, 300);
  const timeout = checkSeconds(scope, 'healthCheck.timeout', healthCheck.timeout, 1, 120);
  checkInteger(scope, 'healthCheck.healthyThresholdCount', healthCheck.healthyThresholdCount, 2, 10);
  checkInteger(scope, 'healthCheck.unhealthyThresholdCount', healthCheck.unhealthyThresholdCount, 2, 10);
  checkString(scope, 'healthCheck.path', healthCheck.path, HEALTH_CHECK_PATH);
  checkInteger(scope, 'healthCheck.port', healthCheck.port, 1, 65535);
  checkOneOf(scope, 'healthCheck.protocol', healthCheck.protocol, [TargetProtocol.HTTP, TargetProtocol.HTTPS], 'Health checks use HTTP or HTTPS.');
  checkOneOf(scope, 'healthCheck.protocolVersion', healthCheck.protocolVersion, [ProtocolVersion.HTTP1, ProtocolVersion.HTTP2],
    'GRPC target groups are health-checked with HTTP1 or HTTP2.');
  checkString(scope, 'healthCheck.healthyHttpCodes', healthCheck.healthyHttpCodes, HEALTHY_HTTP_CODES);

  // VPC Lattice does not health-check HTTP2 and GRPC groups by default; any setting given means the user wants checks.
  const anySetting = Object.entries(healthCheck).some(([key, value]) => key !== 'enabled' && value !== undefined);
  const enabled = healthCheck.enabled ?? (traffic.protocolVersion === ProtocolVersion.HTTP1 || anySetting);
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
      // VPC Lattice's own default is HTTP, which an HTTPS target on its traffic port does not answer.
      protocol: healthCheck.protocol ?? traffic.protocol,
      protocolVersion: healthCheck.protocolVersion
        ?? (traffic.protocolVersion === ProtocolVersion.HTTP1 ? ProtocolVersion.HTTP1 : ProtocolVersion.HTTP2),
      matcher: healthCheck.healthyHttpCodes === undefined ? undefined : { httpCode: healthCheck.healthyHttpCodes },
    },
  };
}

/**
 * Rejects settings that a type of target group does not have. TypeScript users cannot give them, but JavaScript users
 * and anyone passing a wider object can, and CloudFormation would reject them only at deploy time.
 */
export function rejectSettings(scope: IConstruct, props: object, reasons: Record<string, string>) {
  for (const [property, reason] of Object.entries(reasons)) {
    const value = (props as Record<string, unknown>)[property];
    if (value !== undefined) {
      throw invalid(scope, property, summary(value), reason);
    }
  }
}

function summary(value: unknown): unknown {
  if (Array.isArray(value)) { return `${value.length} items`; }
  if (typeof value !== 'object' || value === null) { return value; }
  if (Construct.isConstruct(value)) { return value.node.path; }
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return 'an object';
  }
}
