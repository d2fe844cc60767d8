import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ILatticeService } from './interfaces';
import { HttpCodeClass, HttpCodeVpcLattice } from './metrics';
import { displayName } from './private/names';
import { TARGET_PROTOCOLS, TARGET_TYPE_CONNECTIONS } from './private/protocol-table';
import { checkService, checkTargetGroup } from './private/references';
import { checkList, checkStruct, invalidValueError, isDuration } from './private/validation';
import { ITargetGroup, TargetGroupBase } from './target-groups/target-group-base';

/**
 * Properties of a `LatticeDashboard`.
 */
export interface LatticeDashboardProps extends cloudwatch.DashboardProps {
  /**
   * The services to show, one row each: requests, request time (p50 and p99), answers by status class, VPC Lattice's
   * own 403 answers (auth denials), its 502 and 504 answers and request timeouts. More with `addService`.
   *
   * @default - no services
   */
  readonly services?: ILatticeService[];

  /**
   * The target groups to show, one row each: requests, request time (p50 and p99), 5XX answers and connection
   * errors; for TCP groups (behind TLS passthrough listeners), connections, connection errors and bytes. More with
   * `addTargetGroup`.
   *
   * @default - no target groups
   */
  readonly targetGroups?: ITargetGroup[];

  /**
   * The period of every metric on the dashboard: whole minutes, since VPC Lattice publishes its metrics every minute.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/** A dashboard is 24 units wide; the graphs of a row share the width. */
const ROW_WIDTH = 24;
const WIDGET_HEIGHT = 6;

/**
 * A CloudWatch dashboard of VPC Lattice services and target groups, one row each, from the metrics VPC Lattice
 * publishes (namespace `AWS/VpcLattice`). Services and target groups imported by ARN work the same as those defined in
 * the app. It is a `cloudwatch.Dashboard`: `addWidgets` adds widgets of your own.
 *
 * @resource AWS::CloudWatch::Dashboard
 */
export class LatticeDashboard extends cloudwatch.Dashboard {
  /** The period of every metric on the dashboard. */
  public readonly period: Duration;

  private readonly shown = new Set<ILatticeService | ITargetGroup>();

  constructor(scope: Construct, id: string, props: LatticeDashboardProps = {}) {
    // Checked once the dashboard exists, to name its path: aws-cdk-lib reads `null` props before.
    super(scope, id, props ?? undefined);
    checkStruct(this, 'props', props, { like: '{ services: [service], targetGroups: [targetGroup] }' });
    checkList(this, 'services', props.services);
    checkList(this, 'targetGroups', props.targetGroups);
    const period = props.period ?? Duration.minutes(5);
    if (!isDuration(period)) {
      throw invalidValueError(this, 'period', period, 'must be a Duration of whole minutes, like Duration.minutes(5)');
    }
    if (!period.isUnresolved() && (period.toSeconds({ integral: false }) % 60 !== 0 || period.toSeconds() === 0)) {
      throw invalidValueError(this, 'period', period, 'must be a whole number of minutes: VPC Lattice publishes its metrics every minute');
    }
    this.period = period;
    props.services?.forEach(service => this.addService(service));
    props.targetGroups?.forEach(targetGroup => this.addTargetGroup(targetGroup));
  }

  /**
   * Adds a row for a service: requests, request time (p50 and p99), answers by status class (2XX, 4XX, 5XX), VPC
   * Lattice's own 403 answers (requests the auth policies denied), its 502 and 504 answers and request timeouts. A
   * service already on the dashboard is not added again.
   */
  public addService(service: ILatticeService): void {
    checkService(this, service, 'addService service');
    if (this.shown.has(service)) { return; }
    this.shown.add(service);
    const name = displayName(service, service.serviceId);
    const options = { period: this.period };
    this.addRow(`Service ${name}`, service.node.path, [
      graph(`${name}: requests`, [service.metricTotalRequestCount({ ...options, label: 'requests' })]),
      graph(`${name}: request time (ms)`, requestTimes(metricOptions => service.metricRequestTime(metricOptions), options)),
      graph(`${name}: answers by status`, [HttpCodeClass.HTTP_2XX, HttpCodeClass.HTTP_4XX, HttpCodeClass.HTTP_5XX].map(codeClass =>
        service.metricHttpCodeCount(codeClass, { ...options, label: codeClass.toLowerCase() }))),
      graph(`${name}: auth denials (VPC Lattice 403)`, [service.metricHttpCodeVpcLattice(HttpCodeVpcLattice.VPC_LATTICE_403_COUNT, { ...options, label: '403' })]),
      graph(`${name}: VPC Lattice 5XX and timeouts`, [
        service.metricHttpCodeVpcLattice(HttpCodeVpcLattice.VPC_LATTICE_502_COUNT, { ...options, label: '502' }),
        service.metricHttpCodeVpcLattice(HttpCodeVpcLattice.VPC_LATTICE_504_COUNT, { ...options, label: '504' }),
        service.metricRequestTimeoutCount({ ...options, label: 'request timeouts' }),
      ]),
    ]);
  }

  /**
   * Adds a row for a target group: requests, request time (p50 and p99), 5XX answers and connection errors. A TCP
   * group (behind a TLS passthrough listener) has no requests, so its row shows connections (new and active),
   * connection errors (including TLS and timeouts) and bytes instead. A Lambda group has no connections. A group
   * imported by ARN, whose protocol is unknown, gets the request widgets and the connection errors. A group already on
   * the dashboard is not added again.
   */
  public addTargetGroup(targetGroup: ITargetGroup): void {
    checkTargetGroup(this, 'addTargetGroup targetGroup', targetGroup);
    if (this.shown.has(targetGroup)) { return; }
    this.shown.add(targetGroup);
    const name = displayName(targetGroup, targetGroup.targetGroupId);
    const known = targetGroup instanceof TargetGroupBase ? targetGroup._protocols : undefined;
    // What a group defined in the app carries decides its row; an import (protocol unknown) gets every kind of widget
    // that applies to requests.
    const protocol = known?.protocol === undefined ? undefined : TARGET_PROTOCOLS[known.protocol];
    const options = { period: this.period };
    const connectionErrors = graph(`${name}: connection errors`, [
      targetGroup.metricConnectionErrorCount({ ...options, label: 'connection errors' }),
      targetGroup.metricConnectionTimeoutCount({ ...options, label: 'connection timeouts' }),
      ...(protocol?.overTls === false ? [] : [targetGroup.metricTlsConnectionErrorCount({ ...options, label: 'TLS connection errors' })]),
    ]);
    if (protocol?.carriesRequests === false) {
      this.addRow(`Target group ${name} (${known!.protocol})`, targetGroup.node.path, [
        graph(`${name}: connections`, [
          targetGroup.metricTotalConnectionCount({ ...options, label: 'new connections' }),
          targetGroup.metricActiveConnectionCount({ ...options, label: 'active connections' }),
        ]),
        connectionErrors,
        graph(`${name}: bytes`, [
          targetGroup.metricTotalReceivedConnectionBytes({ ...options, label: 'received' }),
          targetGroup.metricTotalSentConnectionBytes({ ...options, label: 'sent' }),
        ]),
      ]);
      return;
    }
    this.addRow(`Target group ${name}`, targetGroup.node.path, [
      graph(`${name}: requests`, [targetGroup.metricTotalRequestCount({ ...options, label: 'requests' })]),
      graph(`${name}: request time (ms)`, requestTimes(metricOptions => targetGroup.metricRequestTime(metricOptions), options)),
      graph(`${name}: 5XX answers`, [targetGroup.metricHttpCodeCount(HttpCodeClass.HTTP_5XX, { ...options, label: '5xx' })]),
      ...(known && !TARGET_TYPE_CONNECTIONS[known.type] ? [] : [connectionErrors]),
    ]);
  }

  /** A heading naming what the row shows, then the graphs side by side, sharing the dashboard's width. */
  private addRow(heading: string, path: string, graphs: Graph[]) {
    this.addWidgets(new cloudwatch.TextWidget({ markdown: `### ${markdownText(heading)} \`${path.replace(/`/g, "'")}\``, width: ROW_WIDTH, height: 1 }));
    // The first graphs take one unit more each when the width does not divide evenly: 5 graphs are 5, 5, 5, 5 and 4.
    const width = (index: number) => Math.floor(ROW_WIDTH / graphs.length) + (index < ROW_WIDTH % graphs.length ? 1 : 0);
    this.addWidgets(...graphs.map(({ title, metrics }, index) =>
      new cloudwatch.GraphWidget({ title, left: metrics, width: width(index), height: WIDGET_HEIGHT, leftYAxis: { min: 0, showUnits: false } })));
  }
}

/** A graph of a row, before the row gives it its width. */
interface Graph {
  readonly title: string;
  readonly metrics: cloudwatch.IMetric[];
}

/** The median and the 99th percentile of a request time. */
function requestTimes(metric: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric, options: cloudwatch.MetricOptions): cloudwatch.IMetric[] {
  return ['p50', 'p99'].map(statistic => metric({ ...options, statistic, label: statistic }));
}

function graph(title: string, metrics: cloudwatch.IMetric[]): Graph {
  return { title, metrics };
}

/** Text shown as is in Markdown: characters Markdown would read as formatting are escaped. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, character => `\\${character}`);
}
