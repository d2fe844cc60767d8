import { Annotations, IResource, Resource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { HealthCheck } from './health-check';
import { IListener, IListenerRule } from '../interfaces';
import { HttpCodeClass } from '../metrics';
import { admitLatticeTraffic } from './private/wiring';
import { idFromArn } from '../private/arns';
import { latticeMetrics } from '../private/lazy';
import type * as metrics from '../private/metrics';
import { forwardVerdict, GroupProtocols } from '../private/protocol-table';
import { invalidValueError } from '../private/validation';
import { ProtocolVersion, TargetProtocol } from '../protocols';

/**
 * A target a group opened to VPC Lattice, on its ports (traffic, then health checks).
 *
 * @internal
 */
export interface Admission {
  readonly target: ec2.IConnectable & IConstruct;
  readonly ports: number[];
  readonly ipv6: boolean;
}

/**
 * A VPC Lattice target group: where a listener or rule sends requests.
 */
export interface ITargetGroup extends IResource {
  /**
   * The ARN of the target group.
   *
   * @attribute
   */
  readonly targetGroupArn: string;

  /**
   * The ID of the target group (`tg-…`).
   *
   * @attribute
   */
  readonly targetGroupId: string;

  /**
   * The targets the app registers in this group, in the order they were added (a copy); none for imports.
   */
  readonly targets: TargetDescription[];

  /** The targets whose security groups this group opened to VPC Lattice (a copy); none for IP and Lambda targets. */
  readonly targetConnections: ec2.IConnectable[];

  /**
   * A metric VPC Lattice publishes for this target group (namespace `AWS/VpcLattice`, dimension `TargetGroup`), such
   * as `ActiveConnectionCount` or `HTTP2_ConnectionCount`.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of requests the target group received (sum over 5 minutes).
   */
  metricTotalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The time from a request to its answer, in milliseconds (average over 5 minutes).
   */
  metricRequestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of answers of the given status class, such as `HttpCodeClass.HTTP_5XX` (sum over 5 minutes).
   */
  metricHttpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of connections from VPC Lattice to the targets (sum over 5 minutes). Published for HTTP, HTTPS and TCP
   * target groups, like the other connection metrics.
   */
  metricTotalConnectionCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of connections to the targets open at a time (average over 5 minutes; `statistic: 'Maximum'` for the
   * peak).
   */
  metricActiveConnectionCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of connections to the targets that failed to open (sum over 5 minutes).
   */
  metricConnectionErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of connections to the targets that timed out while opening (sum over 5 minutes).
   */
  metricConnectionTimeoutCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of TLS connection errors VPC Lattice counts for this group (sum over 5 minutes; metric
   * `TLSConnectionErrorCount`).
   */
  metricTlsConnectionErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of TLS handshakes VPC Lattice counts for this group (sum over 5 minutes; metric
   * `TotalTLSConnectionHandshakeCount`).
   */
  metricTotalTlsConnectionHandshakeCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The bytes received over the group's connections (sum over 5 minutes; metric `TotalReceivedConnectionBytes`).
   */
  metricTotalReceivedConnectionBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The bytes sent over the group's connections (sum over 5 minutes; metric `TotalSentConnectionBytes`).
   */
  metricTotalSentConnectionBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Records a listener that forwards to this group, with the rule that does when it is not the listener's default
   * action, after checking that the listener may forward to the group. The action of the listener or rule calls it
   * when it is given to them; you need not.
   */
  registerListener(listener: IListener, rule?: IListenerRule): void;
}

/**
 * A listener, or one of its rules, that forwards to a target group.
 *
 * @internal
 */
export interface Forwarder {
  readonly listener: IListener;
  readonly rule?: IListenerRule;
}

/**
 * A target the app registers in a target group.
 */
export interface TargetDescription {
  /** What the target is: `INSTANCE`, `AUTO_SCALING_GROUP`, `IP`, `LAMBDA`, `ALB` or `ECS_SERVICE`. */
  readonly type: string;

  /**
   * The target, when the app has a construct for it.
   *
   * @default - none: an IP address
   */
  readonly construct?: IConstruct;

  /**
   * The address of an IP target.
   *
   * @default - none: the target is a construct
   */
  readonly address?: string;

  /**
   * The port of a target registered with a port of its own.
   *
   * @default - the group's port
   */
  readonly port?: number;
}

/**
 * Settings every target group defined in the app has.
 */
export interface TargetGroupCommonProps {
  /**
   * The name of the target group: 3 to 128 characters of a-z, 0-9 and '-', not starting with `tg-`. Changing it
   * replaces the target group.
   *
   * @default - CloudFormation generates a name
   */
  readonly targetGroupName?: string;
}

/**
 * Settings of target groups whose targets VPC Lattice reaches in a VPC, on a port: IP addresses and instances.
 */
export interface VpcTargetGroupProps extends TargetGroupCommonProps {
  /** The VPC of the targets. */
  readonly vpc: ec2.IVpc;

  /**
   * The port the targets receive traffic on, 1 to 65535; a target may be registered with a port of its own.
   *
   * @default - 80 for HTTP, 443 for HTTPS; TCP groups have no default and need it
   */
  readonly port?: number;

  /**
   * The protocol VPC Lattice uses to reach the targets. HTTP and HTTPS groups need not match their listener's protocol;
   * TCP groups sit only behind TLS_PASSTHROUGH listeners (and such listeners forward only to TCP groups), whose TLS
   * connections they receive undecrypted.
   *
   * @default TargetProtocol.HTTP
   */
  readonly protocol?: TargetProtocol;

  /**
   * The HTTP version of requests to the targets. `HTTP2` and `GRPC` groups need HTTPS listeners, over which clients
   * call with HTTP/2: behind an HTTP listener their requests fail (a warning says so). TCP groups take none.
   *
   * @default - ProtocolVersion.HTTP1; none for TCP groups
   */
  readonly protocolVersion?: ProtocolVersion;

  /**
   * How VPC Lattice checks the targets' health.
   *
   * @default - health checks with the defaults of `HealthCheck` (off for HTTP2, GRPC and TCP groups)
   */
  readonly healthCheck?: HealthCheck;
}

/**
 * What every target group has in common, and imports of target groups made elsewhere (in another stack, by hand, or
 * by the AWS Gateway API Controller for Kubernetes).
 */
export abstract class TargetGroupBase extends Resource implements ITargetGroup {
  /**
   * Imports a target group by its ARN. Routing to it works like routing to a target group defined in the app; the
   * library cannot check its settings against the listener.
   */
  public static fromTargetGroupArn(scope: Construct, id: string, targetGroupArn: string): ITargetGroup {
    return new ImportedTargetGroup(scope, id, targetGroupArn);
  }

  public abstract readonly targetGroupArn: string;
  public abstract readonly targetGroupId: string;

  /**
   * The kind, protocol and version of the group, which decide which listeners may forward to it; unknown for imports.
   *
   * @internal
   */
  public _protocols?: GroupProtocols;

  private readonly forwarders: Forwarder[] = [];
  private readonly opened: ec2.IConnectable[] = [];
  private readonly admissions: Admission[] = [];

  public registerListener(listener: IListener, rule?: IListenerRule): void {
    if (this.forwarders.some(forwarder => forwarder.listener === listener && forwarder.rule === rule)) { return; }
    const verdict = this._protocols ? forwardVerdict(listener.protocol, this._protocols) : undefined;
    const site = rule ?? listener;
    if (verdict?.kind === 'error') {
      throw invalidValueError(site, rule ? 'action' : 'defaultAction', this.node.path, `${listener.protocol} listener: ${verdict.reason}`);
    }
    if (verdict?.kind === 'warning') {
      Annotations.of(site).addWarningV2(verdict.id,
        `The ${listener.protocol} listener ${listener.node.path} forwards to the target group ${this.node.path} ` +
        `(${[this._protocols!.protocol, this._protocols!.protocolVersion].filter(Boolean).join(' ')})` +
        `${rule ? ` (rule ${rule.node.path})` : ''}: at run time ${verdict.consequence}. ${verdict.fix}`);
    }
    const forwarder = { listener, rule };
    this.forwarders.push(forwarder);
    this._onForwarder(forwarder);
  }

  /**
   * The listeners and rules that forward to this group.
   *
   * @internal
   */
  public get _forwarders(): Forwarder[] {
    return [...this.forwarders];
  }

  public get targets(): TargetDescription[] {
    return this._targets().map(target => ({ ...target }));
  }

  public get targetConnections(): ec2.IConnectable[] {
    return [...this.opened];
  }

  /**
   * The targets the app registers in this group, in the order they were added; none for imports.
   *
   * @internal
   */
  public _targets(): TargetDescription[] {
    return [];
  }

  /**
   * Opens a target's security groups to VPC Lattice on `ports` (see `admitLatticeTraffic`), and remembers the target.
   *
   * @internal
   */
  protected _admitLatticeTraffic(target: ec2.IConnectable & IConstruct, ports: number[], options: { ipv6?: boolean } = {}): void {
    admitLatticeTraffic(this, target, ports, options);
    if (!this.opened.includes(target)) { this.opened.push(target); }
    this.admissions.push({ target, ports, ipv6: options.ipv6 ?? false });
  }

  /**
   * What this group opened: each target, its ports (traffic, then health checks) and address family.
   *
   * @internal
   */
  public get _admissions(): Admission[] {
    return [...this.admissions];
  }

  /**
   * Called for each new listener or rule that forwards to this group.
   *
   * @internal
   */
  protected _onForwarder(_forwarder: Forwarder): void {}

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.metric(metricName, props);
  }

  public metricTotalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.totalRequestCount(props);
  }

  public metricRequestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.requestTime(props);
  }

  public metricHttpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.httpCodeCount(codeClass, props);
  }

  public metricTotalConnectionCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('TotalConnectionCount', props);
  }

  public metricActiveConnectionCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.average('ActiveConnectionCount', props);
  }

  public metricConnectionErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('ConnectionErrorCount', props);
  }

  public metricConnectionTimeoutCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('ConnectionTimeoutCount', props);
  }

  public metricTlsConnectionErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('TLSConnectionErrorCount', props);
  }

  public metricTotalTlsConnectionHandshakeCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('TotalTLSConnectionHandshakeCount', props);
  }

  public metricTotalReceivedConnectionBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('TotalReceivedConnectionBytes', props);
  }

  public metricTotalSentConnectionBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.sum('TotalSentConnectionBytes', props);
  }

  private get metrics(): metrics.LatticeMetrics {
    return new (latticeMetrics()).LatticeMetrics(this, 'TargetGroup', this.targetGroupId);
  }
}

class ImportedTargetGroup extends TargetGroupBase {
  public readonly targetGroupId: string;

  constructor(scope: Construct, id: string, public readonly targetGroupArn: string) {
    super(scope, id);
    this.targetGroupId = idFromArn(this, 'targetGroupArn', targetGroupArn, 'targetgroup');
  }
}
