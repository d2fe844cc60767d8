import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import type { HttpCodeClass } from '../metrics';

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
    return this.metric('TotalRequestCount', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  public requestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('RequestTime', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public httpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(`HTTPCode_${codeClass}_Count`, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** A count or byte total: its sum over the period. */
  public sum(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(metricName, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** A level, like the number of connections open at a time: its average over the period. */
  public average(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(metricName, { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }
}
