import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { strictApp, strictStack, wrong } from './util';
import {
  IpTargetGroup, LambdaTargetGroup, LatticeDashboard, LatticeService, ListenerAction, ServiceNetwork, TargetGroupBase, TargetProtocol, Topology,
} from 'cdk-vpc-lattice';

const SVC_ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-0123456789abcdef0';
const TG_ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0';

/** A widget of the dashboard body as CloudWatch reads it. */
interface Widget {
  readonly type: string;
  readonly width: number;
  readonly height: number;
  readonly properties: { title?: string; markdown?: string; metrics?: unknown[][] };
}

/**
 * The dashboard body of the stack's one dashboard, parsed: the `Fn::Join` of JSON text and references, with each
 * reference written as `<GetAtt Logical.Attribute>`, `<Ref Name>` or `<Fn::…>` for other functions.
 */
function dashboardBody(stack: Stack): { widgets: Widget[] } {
  const dashboards = Object.values(templateOf(stack).findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  return JSON.parse(parts.map(part => {
    if (typeof part === 'string') { return part; }
    const reference = part as { 'Fn::GetAtt'?: string[]; 'Ref'?: string };
    if (reference.Ref) { return `<Ref ${reference.Ref}>`; }
    if (reference['Fn::GetAtt']) { return `<GetAtt ${reference['Fn::GetAtt'].join('.')}>`; }
    return `<${Object.keys(part as object)[0]}>`;
  }).join(''));
}

/** The template of a stack, synthesized (under strict schema validation) once however often a test reads it. */
const templates = new WeakMap<Stack, Template>();
function templateOf(stack: Stack): Template {
  if (!templates.has(stack)) { templates.set(stack, Template.fromStack(stack)); }
  return templates.get(stack)!;
}

/** A metric of a graph, summarised: name, dimensions and its options (statistic, label, period). */
function metricsOf(widget: Widget) {
  return (widget.properties.metrics ?? []).map(row => {
    const [namespace, metricName, ...rest] = row as [string, string, ...unknown[]];
    const options = (typeof rest[rest.length - 1] === 'object' ? rest.pop() : {}) as { stat?: string; label?: string; period?: number };
    const dimensions = Object.fromEntries(Array.from({ length: rest.length / 2 }, (_, i) => [rest[2 * i], rest[2 * i + 1]]));
    return { namespace, metricName, dimensions, ...options };
  });
}

function graphs(stack: Stack) {
  return dashboardBody(stack).widgets.filter(widget => widget.type === 'metric');
}

/** The graphs by title, each with its metrics as `name stat label`. */
function titlesAndMetrics(stack: Stack): Record<string, string[]> {
  return Object.fromEntries(graphs(stack).map(widget => [
    widget.properties.title!,
    metricsOf(widget).map(metric => `${metric.metricName} ${metric.stat ?? 'Average'} ${metric.label}`),
  ]));
}

const idOf = (stack: Stack, construct: Construct) => `<GetAtt ${stack.getLogicalId(construct.node.defaultChild as any)}.Id>`;

function setup(stack: Stack = strictStack()) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], vpcCidrBlock: '10.0.0.0/16' });
  const service = new LatticeService(stack, 'Orders', { serviceName: 'orders' });
  const web = new IpTargetGroup(stack, 'Web', { vpc, targetGroupName: 'web', targets: ['10.0.1.10'] });
  return { stack, vpc, service, web };
}

describe('a service row', () => {
  test('requests, request time p50 and p99, answers by status class, auth denials, VPC Lattice 5XX and timeouts', () => {
    const { stack, service } = setup();
    new LatticeDashboard(stack, 'Dashboard', { services: [service] });

    expect(titlesAndMetrics(stack)).toEqual({
      'orders: requests': ['TotalRequestCount Sum requests'],
      'orders: request time (ms)': ['RequestTime p50 p50', 'RequestTime p99 p99'],
      'orders: answers by status': ['HTTPCode_2XX_Count Sum 2xx', 'HTTPCode_4XX_Count Sum 4xx', 'HTTPCode_5XX_Count Sum 5xx'],
      'orders: auth denials (VPC Lattice 403)': ['HTTPCode_VpcLattice_403_Count Sum 403'],
      'orders: VPC Lattice 5XX and timeouts': [
        'HTTPCode_VpcLattice_502_Count Sum 502', 'HTTPCode_VpcLattice_504_Count Sum 504', 'RequestTimeoutCount Sum request timeouts',
      ],
    });
  });

  test('every metric is in AWS/VpcLattice, by the Service dimension, over 5 minutes; the graphs fill one row', () => {
    const { stack, service } = setup();
    new LatticeDashboard(stack, 'Dashboard', { services: [service] });

    const metrics = graphs(stack).flatMap(metricsOf);
    expect(metrics).toHaveLength(10);
    metrics.forEach(metric => {
      expect(metric).toMatchObject({ namespace: 'AWS/VpcLattice', dimensions: { Service: idOf(stack, service) } });
      expect(metric.period ?? 300).toBe(300);
    });
    const [heading, ...row] = dashboardBody(stack).widgets;
    expect(heading).toMatchObject({ type: 'text', width: 24, height: 1, properties: { markdown: '### Service orders `Stack/Orders`' } });
    expect(row.map(widget => widget.width)).toEqual([5, 5, 5, 5, 4]);
  });

  test('a service without a name is called by its construct ID; an imported one by the ID in its ARN', () => {
    const stack = strictStack();
    const unnamed = new LatticeService(stack, 'Payments');
    const imported = LatticeService.fromServiceArn(stack, 'Billing', SVC_ARN);
    new LatticeDashboard(stack, 'Dashboard', { services: [unnamed, imported] });

    const titles = Object.keys(titlesAndMetrics(stack));
    expect(titles).toContain('Payments: requests');
    expect(titles).toContain('svc-0123456789abcdef0: auth denials (VPC Lattice 403)');
    const importedMetrics = graphs(stack).filter(widget => widget.properties.title!.startsWith('svc-')).flatMap(metricsOf);
    expect(importedMetrics).toHaveLength(10);
    importedMetrics.forEach(metric => expect(metric.dimensions).toEqual({ Service: 'svc-0123456789abcdef0' }));
  });
});

describe('a target group row', () => {
  test('an HTTP group: requests, request time p50 and p99, 5XX answers, connection errors and timeouts', () => {
    const { stack, web } = setup();
    new LatticeDashboard(stack, 'Dashboard', { targetGroups: [web] });

    expect(titlesAndMetrics(stack)).toEqual({
      'web: requests': ['TotalRequestCount Sum requests'],
      'web: request time (ms)': ['RequestTime p50 p50', 'RequestTime p99 p99'],
      'web: 5XX answers': ['HTTPCode_5XX_Count Sum 5xx'],
      'web: connection errors': ['ConnectionErrorCount Sum connection errors', 'ConnectionTimeoutCount Sum connection timeouts'],
    });
    graphs(stack).flatMap(metricsOf).forEach(metric =>
      expect(metric).toMatchObject({ namespace: 'AWS/VpcLattice', dimensions: { TargetGroup: idOf(stack, web) } }));
  });

  test('an HTTPS group also shows TLS connection errors', () => {
    const { stack, vpc } = setup();
    const secure = new IpTargetGroup(stack, 'Secure', { vpc, protocol: TargetProtocol.HTTPS });
    new LatticeDashboard(stack, 'Dashboard', { targetGroups: [secure] });

    expect(titlesAndMetrics(stack)['Secure: connection errors']).toEqual([
      'ConnectionErrorCount Sum connection errors', 'ConnectionTimeoutCount Sum connection timeouts', 'TLSConnectionErrorCount Sum TLS connection errors',
    ]);
  });

  test('a Lambda group has no connections: requests, request time and 5XX answers only', () => {
    const stack = strictStack();
    const handler = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:111122223333:function:orders');
    const functions = new LambdaTargetGroup(stack, 'Functions', { function: handler });
    new LatticeDashboard(stack, 'Dashboard', { targetGroups: [functions] });

    expect(Object.keys(titlesAndMetrics(stack))).toEqual(['Functions: requests', 'Functions: request time (ms)', 'Functions: 5XX answers']);
  });

  test('a TCP group has no requests: connections, connection errors and bytes', () => {
    const stack = strictStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], vpcCidrBlock: '10.0.0.0/16' });
    const tcp = new IpTargetGroup(stack, 'Broker', { vpc, targetGroupName: 'broker', port: 8443, protocol: TargetProtocol.TCP });
    new LatticeDashboard(stack, 'Dashboard', { targetGroups: [tcp] });

    expect(titlesAndMetrics(stack)).toEqual({
      'broker: connections': ['TotalConnectionCount Sum new connections', 'ActiveConnectionCount Average active connections'],
      'broker: connection errors': [
        'ConnectionErrorCount Sum connection errors', 'ConnectionTimeoutCount Sum connection timeouts', 'TLSConnectionErrorCount Sum TLS connection errors',
      ],
      'broker: bytes': ['TotalReceivedConnectionBytes Sum received', 'TotalSentConnectionBytes Sum sent'],
    });
    expect(dashboardBody(stack).widgets[0].properties.markdown).toBe('### Target group broker \\(TCP\\) `Stack/Broker`');
  });

  test('an imported group, whose protocol is unknown, gets the request graphs and every connection error, by the ID in its ARN', () => {
    const stack = strictStack();
    const imported = TargetGroupBase.fromTargetGroupArn(stack, 'Imported', TG_ARN);
    new LatticeDashboard(stack, 'Dashboard', { targetGroups: [imported] });

    expect(Object.keys(titlesAndMetrics(stack))).toEqual([
      'tg-0123456789abcdef0: requests', 'tg-0123456789abcdef0: request time (ms)', 'tg-0123456789abcdef0: 5XX answers', 'tg-0123456789abcdef0: connection errors',
    ]);
    expect(titlesAndMetrics(stack)['tg-0123456789abcdef0: connection errors']).toHaveLength(3);
    graphs(stack).flatMap(metricsOf).forEach(metric => expect(metric.dimensions).toEqual({ TargetGroup: 'tg-0123456789abcdef0' }));
  });
});

describe('the dashboard', () => {
  test('rows in the order added: props first, then addService and addTargetGroup; each service or group once', () => {
    const { stack, service, web } = setup();
    const dashboard = new LatticeDashboard(stack, 'Dashboard', { services: [service], targetGroups: [web] });
    const payments = new LatticeService(stack, 'Payments');
    dashboard.addService(payments);
    dashboard.addService(service);
    dashboard.addTargetGroup(web);

    const headings = dashboardBody(stack).widgets.filter(widget => widget.type === 'text').map(widget => widget.properties.markdown);
    expect(headings).toEqual(['### Service orders `Stack/Orders`', '### Target group web `Stack/Web`', '### Service Payments `Stack/Payments`']);
  });

  test('a period of whole minutes applies to every metric; anything else is rejected', () => {
    const { stack, service, web } = setup();
    new LatticeDashboard(stack, 'Dashboard', { services: [service], targetGroups: [web], period: Duration.minutes(1) });
    graphs(stack).flatMap(metricsOf).forEach(metric => expect(metric.period).toBe(60));

    expect(() => new LatticeDashboard(stack, 'Fast', { period: Duration.seconds(30) }))
      .toThrow(/Stack\/Fast: invalid period 30 seconds: must be a whole number of minutes/);
  });

  test('wrong types get a message naming the property: a number for the period, a service not in a list, null for a row', () => {
    const { stack, service } = setup();
    expect(() => new LatticeDashboard(stack, 'Number', { period: wrong(300) }))
      .toThrow(/Stack\/Number: invalid period 300: must be a Duration of whole minutes, like Duration.minutes\(5\)/);
    expect(() => new LatticeDashboard(stack, 'One', { services: wrong(service) })).toThrow(/Stack\/One: invalid services .*: must be a list/);
    const dashboard = new LatticeDashboard(stack, 'Rows');
    expect(() => dashboard.addService(wrong(null))).toThrow(/Stack\/Rows: invalid addService service null: must be an ILatticeService/);
    expect(() => dashboard.addTargetGroup(wrong(service))).toThrow(/Stack\/Rows: invalid addTargetGroup targetGroup .*: must be an ITargetGroup/);
  });

  test('is a CloudWatch dashboard: a name, widgets of your own, no warnings, valid under strict schema validation', () => {
    const { stack, service, web } = setup();
    const dashboard = new LatticeDashboard(stack, 'Dashboard', { dashboardName: 'lattice-operations', services: [service], targetGroups: [web] });
    dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: 'runbook', width: 24 }));

    templateOf(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'lattice-operations' });
    expect(dashboardBody(stack).widgets.slice(-1)[0].properties.markdown).toBe('runbook');
    expect(Annotations.fromStack(stack).findWarning('*', {})).toEqual([]);
  });

  test('shows a service defined in another stack of the same environment', () => {
    const { stack, service } = setup();
    const operations = new Stack(stack.node.root as Construct, 'Operations');
    new LatticeDashboard(operations, 'Dashboard', { services: [service] });

    graphs(operations).flatMap(metricsOf).forEach(metric => expect(metric.dimensions).toEqual({ Service: '<Fn::ImportValue>' }));
  });
});

test('the "Operations" section of the API contract works as written', () => {
  const app = strictApp();
  const { stack, service: orders, web } = setup(new Stack(app, 'Platform'));
  const payments = new LatticeService(stack, 'Payments', { serviceNetwork: new ServiceNetwork(stack, 'Network') });
  payments.addListener('Https', { defaultAction: ListenerAction.forward(web) });

  const dashboard = new LatticeDashboard(stack, 'Dashboard', { services: [orders], targetGroups: [web] });
  dashboard.addService(payments);
  const diagram = Topology.of(app).toMermaid();

  expect(Object.keys(titlesAndMetrics(stack))).toHaveLength(5 + 4 + 5);
  expect(diagram).toMatch(/^flowchart LR\n/);
  expect(diagram).toContain('Platform_Payments_Https -->|"default"| Platform_Web');
});
