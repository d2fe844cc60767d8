import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { strictStack } from './util';
import { HttpCodeClass, HttpCodeVpcLattice, IpTargetGroup, LatticeService, TargetGroupBase } from 'cdk-vpc-lattice';

const TG_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';
const SVC_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0';

/** A metric as CloudWatch sees it: namespace, name, dimensions (resolved), statistic and period. */
function summarize(stack: Stack, metric: cloudwatch.IMetric) {
  const config = metric.toMetricConfig().metricStat!;
  return {
    namespace: config.namespace,
    metricName: config.metricName,
    dimensions: Object.fromEntries((config.dimensions ?? []).map(d => [d.name, stack.resolve(d.value)])),
    statistic: config.statistic,
    period: config.period.toSeconds(),
  };
}

function setup() {
  const stack = strictStack();
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'] });
  const group = new IpTargetGroup(stack, 'Group', { vpc });
  const service = new LatticeService(stack, 'Service');
  return { stack, group, service };
}

describe('target group metrics', () => {
  test('request count, request time and status classes, by target group ID in AWS/VpcLattice', () => {
    const { stack, group } = setup();
    const dimensions = { TargetGroup: { 'Fn::GetAtt': [stack.getLogicalId(group.node.defaultChild as any), 'Id'] } };

    expect(summarize(stack, group.metricTotalRequestCount())).toEqual({ namespace: 'AWS/VpcLattice', metricName: 'TotalRequestCount', dimensions, statistic: 'Sum', period: 300 });
    expect(summarize(stack, group.metricRequestTime())).toEqual({ namespace: 'AWS/VpcLattice', metricName: 'RequestTime', dimensions, statistic: 'Average', period: 300 });
    const classes = [HttpCodeClass.HTTP_2XX, HttpCodeClass.HTTP_3XX, HttpCodeClass.HTTP_4XX, HttpCodeClass.HTTP_5XX];
    expect(classes.map(codeClass => summarize(stack, group.metricHttpCodeCount(codeClass))))
      .toEqual(['2XX', '3XX', '4XX', '5XX'].map(c => ({ namespace: 'AWS/VpcLattice', metricName: `HTTPCode_${c}_Count`, dimensions, statistic: 'Sum', period: 300 })));
  });

  test('any metric by name; props override the statistic and period and add dimensions', () => {
    const { stack, group } = setup();
    const metric = group.metric('ActiveConnectionCount', { statistic: 'Maximum', period: Duration.minutes(1), dimensionsMap: { AvailabilityZone: 'use1-az1' } });
    expect(summarize(stack, metric)).toEqual({
      namespace: 'AWS/VpcLattice',
      metricName: 'ActiveConnectionCount',
      dimensions: { TargetGroup: { 'Fn::GetAtt': [expect.stringMatching(/^Group/), 'Id'] }, AvailabilityZone: 'use1-az1' },
      statistic: 'Maximum',
      period: 60,
    });
    expect(summarize(stack, group.metricRequestTime({ statistic: 'p99' })).statistic).toBe('p99');
  });

  test('connection metrics (TCP groups have only these), with sums for counts and bytes and the average for open connections', () => {
    const { stack, group } = setup();
    const dimensions = { TargetGroup: { 'Fn::GetAtt': [stack.getLogicalId(group.node.defaultChild as any), 'Id'] } };
    const metrics: Array<[cloudwatch.IMetric, string, string]> = [
      [group.metricTotalConnectionCount(), 'TotalConnectionCount', 'Sum'],
      [group.metricActiveConnectionCount(), 'ActiveConnectionCount', 'Average'],
      [group.metricConnectionErrorCount(), 'ConnectionErrorCount', 'Sum'],
      [group.metricConnectionTimeoutCount(), 'ConnectionTimeoutCount', 'Sum'],
      [group.metricTlsConnectionErrorCount(), 'TLSConnectionErrorCount', 'Sum'],
      [group.metricTotalTlsConnectionHandshakeCount(), 'TotalTLSConnectionHandshakeCount', 'Sum'],
      [group.metricTotalReceivedConnectionBytes(), 'TotalReceivedConnectionBytes', 'Sum'],
      [group.metricTotalSentConnectionBytes(), 'TotalSentConnectionBytes', 'Sum'],
    ];
    expect(metrics.map(([metric]) => summarize(stack, metric)))
      .toEqual(metrics.map(([, metricName, statistic]) => ({ namespace: 'AWS/VpcLattice', metricName, dimensions, statistic, period: 300 })));
    expect(summarize(stack, group.metricActiveConnectionCount({ statistic: 'Maximum', period: Duration.minutes(1) }))).toMatchObject({ statistic: 'Maximum', period: 60 });
  });

  test('an imported target group is measured by the ID in its ARN', () => {
    const stack = strictStack();
    const imported = TargetGroupBase.fromTargetGroupArn(stack, 'Imported', TG_ARN);
    expect(summarize(stack, imported.metricHttpCodeCount(HttpCodeClass.HTTP_5XX)).dimensions).toEqual({ TargetGroup: 'tg-0123456789abcdef0' });
  });
});

describe('service metrics', () => {
  test('request count, request time and status classes, by service ID', () => {
    const { stack, service } = setup();
    const dimensions = { Service: { 'Fn::GetAtt': [stack.getLogicalId(service.node.defaultChild as any), 'Id'] } };
    expect(summarize(stack, service.metricTotalRequestCount())).toEqual({ namespace: 'AWS/VpcLattice', metricName: 'TotalRequestCount', dimensions, statistic: 'Sum', period: 300 });
    expect(summarize(stack, service.metricRequestTime())).toEqual({ namespace: 'AWS/VpcLattice', metricName: 'RequestTime', dimensions, statistic: 'Average', period: 300 });
    expect(summarize(stack, service.metricHttpCodeCount(HttpCodeClass.HTTP_4XX)).metricName).toBe('HTTPCode_4XX_Count');
    expect(summarize(stack, service.metric('HTTPCode_VpcLattice_403_Count')).dimensions).toEqual(dimensions);
  });

  test("VPC Lattice's own answers by status code, and request timeouts", () => {
    const { stack, service } = setup();
    const dimensions = { Service: { 'Fn::GetAtt': [stack.getLogicalId(service.node.defaultChild as any), 'Id'] } };
    // The status code as a number, as JavaScript callers gave it before the enum.
    expect([400, 403, 404, 429, 500, 502, 504].map(code => summarize(stack, service.metricHttpCodeVpcLattice(code as any)).metricName))
      .toEqual(['400', '403', '404', '429', '500', '502', '504'].map(code => `HTTPCode_VpcLattice_${code}_Count`));
    expect(Object.values(HttpCodeVpcLattice).map(code => summarize(stack, service.metricHttpCodeVpcLattice(code)).metricName))
      .toEqual(['400', '403', '404', '429', '500', '502', '504'].map(code => `HTTPCode_VpcLattice_${code}_Count`));
    expect(summarize(stack, service.metricHttpCodeVpcLattice(HttpCodeVpcLattice.VPC_LATTICE_403_COUNT))).toEqual({
      namespace: 'AWS/VpcLattice', metricName: 'HTTPCode_VpcLattice_403_Count', dimensions, statistic: 'Sum', period: 300,
    });
    expect(summarize(stack, service.metricRequestTimeoutCount({ period: Duration.minutes(1) }))).toEqual({
      namespace: 'AWS/VpcLattice', metricName: 'RequestTimeoutCount', dimensions, statistic: 'Sum', period: 60,
    });
  });

  test('a status code VPC Lattice publishes no count for is rejected, naming the codes it does', () => {
    const { service } = setup();
    expect(() => service.metricHttpCodeVpcLattice('HTTPCode_VpcLattice_401_Count' as HttpCodeVpcLattice))
      .toThrow(/Stack\/Service: invalid metricHttpCodeVpcLattice code 'HTTPCode_VpcLattice_401_Count': must be one of 'HTTPCode_VpcLattice_400_Count'/);
    expect(() => service.metricHttpCodeVpcLattice(401 as any)).toThrow(/Stack\/Service: invalid metricHttpCodeVpcLattice code 401: must be one of 400, 403, 404, 429, 500, 502, 504/);
  });

  test('an imported service is measured by its ID', () => {
    const stack = strictStack();
    const imported = LatticeService.fromServiceArn(stack, 'Imported', SVC_ARN);
    expect(summarize(stack, imported.metricTotalRequestCount()).dimensions).toEqual({ Service: 'svc-0123456789abcdef0' });
    expect(summarize(stack, imported.metricHttpCodeVpcLattice(HttpCodeVpcLattice.VPC_LATTICE_403_COUNT)).dimensions).toEqual({ Service: 'svc-0123456789abcdef0' });
  });

  test('alarms on the metrics synthesize under strict validation', () => {
    const { stack, group, service } = setup();
    group.metricHttpCodeCount(HttpCodeClass.HTTP_5XX).createAlarm(stack, 'GroupErrors', { threshold: 1, evaluationPeriods: 1 });
    service.metricRequestTime({ statistic: 'p99' }).createAlarm(stack, 'Slow', { threshold: 500, evaluationPeriods: 3 });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/VpcLattice',
      MetricName: 'HTTPCode_5XX_Count',
      Statistic: 'Sum',
      Period: 300,
      Dimensions: [{ Name: 'TargetGroup', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Group'), 'Id'] } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/VpcLattice',
      MetricName: 'RequestTime',
      ExtendedStatistic: 'p99',
      Dimensions: [{ Name: 'Service', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Id'] } }],
    });
  });
});
