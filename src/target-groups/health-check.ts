import { Duration } from 'aws-cdk-lib';
import { ProtocolVersion, TargetProtocol } from '../protocols';

/**
 * How VPC Lattice checks whether the targets of an IP or instance target group are healthy. The names are those of
 * aws-cdk-lib's Elastic Load Balancing health checks.
 *
 * VPC Lattice sends requests only to healthy targets; when every target is unhealthy it sends requests to all of them.
 */
export interface HealthCheck {
  /**
   * Whether health checks are performed.
   *
   * @default - true, except for HTTP2, GRPC and TCP target groups given no other health-check setting: VPC Lattice
   * does not health-check those unless asked to
   */
  readonly enabled?: boolean;

  /**
   * The time between two health checks of a target: 5 to 300 seconds.
   *
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;

  /**
   * How long a target may take to answer a health check before it fails: 1 to 120 seconds.
   *
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;

  /**
   * How many health checks in a row an unhealthy target must pass to be healthy again: 2 to 10.
   *
   * @default 5
   */
  readonly healthyThresholdCount?: number;

  /**
   * How many health checks in a row a healthy target must fail to be unhealthy: 2 to 10.
   *
   * @default 2
   */
  readonly unhealthyThresholdCount?: number;

  /**
   * The path health checks request: `/` followed by letters, digits and `@:%_+.~#?&/=-`, 2048 characters at most.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * The port health checks go to. The targets' security groups admit VPC Lattice on this port too.
   *
   * @default - the port each target receives traffic on
   */
  readonly port?: number;

  /**
   * The protocol of health checks: `TargetProtocol.HTTP` or `TargetProtocol.HTTPS`, also for TCP target groups (give
   * `port` when the targets answer health checks on another port than their TLS traffic).
   *
   * @default - the target group's protocol, so that a health check reaches an HTTPS target in HTTPS; HTTP for TCP groups
   */
  readonly protocol?: TargetProtocol;

  /**
   * The HTTP version of health checks: `ProtocolVersion.HTTP1` or `ProtocolVersion.HTTP2` (GRPC target groups are
   * health-checked with one of these).
   *
   * @default - HTTP1 for HTTP1 and TCP target groups, HTTP2 for HTTP2 and GRPC target groups
   */
  readonly protocolVersion?: ProtocolVersion;

  /**
   * The HTTP status codes of a healthy answer: a code (`'200'`), a list (`'200,202'`) or a range (`'200-299'`).
   *
   * @default - VPC Lattice's default (200)
   */
  readonly healthyHttpCodes?: string;
}
