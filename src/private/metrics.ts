import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { checkOneOf } from './validation';
import { HttpCodeClass, HttpCodeVpcLattice } from '../metrics';

/** The status codes of the answers VPC Lattice gives itself, each with a metric `HTTPCode_VpcLattice_<code>_Count` (docs/lattice-facts.md#metrics). */
const VPC_LATTICE_HTTP_CODES = [400, 403, 404, 429, 500, 502, 504];

/**
 * The CloudWatch metrics VPC Lattice publishes (namespace `AWS/VpcLattice`, every minute) for one service or target
 * group, named by its ID in the `Service` or `TargetGroup` dimension. Services and target groups share the request
 * metrics. Each metric is the average (times) or sum (counts) over 5 minutes unless `props` says otherwise.
 */
export class LatticeMetrics {
  constructor(
    private readonly owner: IConstruct,
    private readonly dimension: 'Service' | 'TargetGroup',
    private readonly id: string,
  ) {}

  public metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/VpcLattice',
      metricName,
      ...props,
      dimensionsMap: { [this.dimension]: this.id, ...props.dimensionsMap },
    }).attachTo(this.owner);
  }

  public totalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.sum('TotalRequestCount', props);
  }

  public requestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.average('RequestTime', props);
  }

  public httpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.sum(`HTTPCode_${codeClass}_Count`, props);
  }

  /** A count or byte total: its sum over the period. */
  public sum(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(metricName, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** A level, like the number of connections open at a time: its average over the period. */
  public average(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(metricName, { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  /** @param code a `HttpCodeVpcLattice`, or (from JavaScript, as before the enum) the status code as a number */
  public httpCodeVpcLattice(code: HttpCodeVpcLattice | number, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const hint = 'VPC Lattice publishes a count of its own answers for these codes only (HTTPCode_VpcLattice_<code>_Count)';
    if (typeof code === 'number') {
      checkOneOf(this.owner, 'metricHttpCodeVpcLattice code', code, VPC_LATTICE_HTTP_CODES, hint);
      return this.sum(`HTTPCode_VpcLattice_${code}_Count`, props);
    }
    checkOneOf(this.owner, 'metricHttpCodeVpcLattice code', code, Object.values(HttpCodeVpcLattice), hint);
    return this.sum(code, props);
  }

  public requestTimeoutCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.sum('RequestTimeoutCount', props);
  }
}
