import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BadInput, deployTimeValues, named, rejectsEachBadInput, strictApp, strictStack, wrong } from './util';
import {
  AlbTargetGroup, InstanceTargetGroup, IpAddressType, IpTargetGroup, LambdaEventStructureVersion,
  LambdaTargetGroup, LatticePrefixList, LatticeService, ListenerAction, ListenerProtocol, PathMatch, ProtocolVersion,
  TargetProtocol,
} from 'cdk-vpc-lattice';

const AMI = ec2.MachineImage.latestAmazonLinux2023();
const INSTANCE_TYPE = new ec2.InstanceType('t3.micro');
const PREFIX_LIST_ID = { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcLatticePrefixList'), 'PrefixLists.0.PrefixListId'] };

function fixture(stack: Stack = strictStack()) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), maxAzs: 2, natGateways: 0 });
  const instance = (id: string) => new ec2.Instance(stack, id, { vpc, instanceType: INSTANCE_TYPE, machineImage: AMI });
  const asg = (id: string, props: Partial<autoscaling.AutoScalingGroupProps> = {}) =>
    new autoscaling.AutoScalingGroup(stack, id, { vpc, instanceType: INSTANCE_TYPE, machineImage: AMI, ...props });
  const fn = (id: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const alb = (id: string, props: Partial<elbv2.ApplicationLoadBalancerProps> = {}) => {
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, id, { vpc, ...props });
    const listener = loadBalancer.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    return { loadBalancer, listener };
  };
  return { stack, vpc, instance, asg, fn, alb };
}

/** The security-group ingress rules of a template that admit VPC Lattice, as `<group logical ID prefix>:<port>`. */
function latticeIngress(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .filter(rule => rule.Properties.SourcePrefixListId !== undefined)
    .map(rule => `${rule.Properties.GroupId['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '')}:${rule.Properties.FromPort}-${rule.Properties.ToPort}`)
    .sort();
}

describe('IpTargetGroup', () => {
  test('renders an IP group with every default written out, and addresses with and without a port', () => {
    const { stack, vpc } = fixture();
    const group = new IpTargetGroup(stack, 'Ips', { vpc, targets: ['10.0.1.10', '10.0.1.11:8080'] });
    group.addTarget('10.0.1.12', 9090);

    expect([group.port, group.protocol, group.protocolVersion, group.ipAddressType]).toEqual([80, 'HTTP', 'HTTP1', 'IPV4']);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'IP',
      Name: Match.absent(),
      Config: {
        VpcIdentifier: { Ref: Match.stringLikeRegexp('^Vpc') },
        Port: 80,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        IpAddressType: 'IPV4',
        HealthCheck: {
          Enabled: true,
          HealthCheckIntervalSeconds: 30,
          HealthCheckTimeoutSeconds: 5,
          HealthyThresholdCount: 5,
          UnhealthyThresholdCount: 2,
          Path: '/',
          Port: Match.absent(),
          Protocol: 'HTTP',
          ProtocolVersion: 'HTTP1',
          Matcher: Match.absent(),
        },
      },
      Targets: [{ Id: '10.0.1.10', Port: Match.absent() }, { Id: '10.0.1.11', Port: 8080 }, { Id: '10.0.1.12', Port: 9090 }],
    });
  });

  test('HTTPS defaults to port 443 and HTTPS health checks; IPv6 addresses take a port in brackets', () => {
    const { stack, vpc } = fixture();
    new IpTargetGroup(stack, 'V6', {
      vpc, protocol: TargetProtocol.HTTPS, ipAddressType: IpAddressType.IPV6, targetGroupName: 'orders-v6', targets: ['fd00::10', '[fd00::11]:8443'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'IP',
      Name: 'orders-v6',
      Config: { Port: 443, Protocol: 'HTTPS', IpAddressType: 'IPV6', HealthCheck: { Protocol: 'HTTPS' } },
      Targets: [{ Id: 'fd00::10' }, { Id: 'fd00::11', Port: 8443 }],
    });
  });

  test('a group without targets has no Targets property, no security-group rule and no prefix-list lookup', () => {
    const { stack, vpc } = fixture();
    new IpTargetGroup(stack, 'Ips', { vpc });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Targets: Match.absent() });
    expect(latticeIngress(template)).toEqual([]);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 0);
  });

  test('an address outside the VPC CIDR is a warning (it may be in a secondary block), not an error', () => {
    const { stack, vpc } = fixture();
    new IpTargetGroup(stack, 'Ips', { vpc, targets: ['10.0.1.10', '192.168.0.10'] });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Ips', Match.stringLikeRegexp("The target 192.168.0.10 is outside the VPC's CIDR block 10.0.0.0/16"));
    expect(annotations.findWarning('/Stack/Ips', Match.stringLikeRegexp('10.0.1.10'))).toHaveLength(0);
  });
});

describe('InstanceTargetGroup', () => {
  test('registers instances and opens their security groups to the prefix list on the traffic and health-check ports', () => {
    const { stack, vpc, instance } = fixture();
    new InstanceTargetGroup(stack, 'Web', {
      vpc,
      port: 8080,
      instances: [instance('First')],
      healthCheck: { path: '/health', port: 8081, healthyThresholdCount: 2, unhealthyThresholdCount: 3, healthyHttpCodes: '200-299', interval: Duration.seconds(10), timeout: Duration.seconds(2) },
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'INSTANCE',
      Config: {
        Port: 8080,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        IpAddressType: Match.absent(),
        HealthCheck: {
          Enabled: true,
          Path: '/health',
          Port: 8081,
          HealthyThresholdCount: 2,
          UnhealthyThresholdCount: 3,
          Matcher: { HttpCode: '200-299' },
          HealthCheckIntervalSeconds: 10,
          HealthCheckTimeoutSeconds: 2,
        },
      },
      Targets: [{ Id: { Ref: Match.stringLikeRegexp('^First') }, Port: Match.absent() }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FirstInstanceSecurityGroup'), 'GroupId'] },
      SourcePrefixListId: PREFIX_LIST_ID,
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      CidrIp: Match.absent(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FirstInstanceSecurityGroup'), 'GroupId'] },
      SourcePrefixListId: PREFIX_LIST_ID,
      IpProtocol: 'tcp',
      FromPort: 8081,
      ToPort: 8081,
      CidrIp: Match.absent(),
    });
    expect(latticeIngress(template)).toEqual(['FirstInstanceSecurityGroup:8080-8080', 'FirstInstanceSecurityGroup:8081-8081']);
  });

  test('one rule when the health-check port is the traffic port; an instance with its own port is opened on that port', () => {
    const { stack, vpc, instance } = fixture();
    const group = new InstanceTargetGroup(stack, 'Web', { vpc, port: 8080, instances: [instance('First')] });
    group.addInstance(instance('Second'), 9000);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Targets: [{ Id: { Ref: Match.stringLikeRegexp('^First') }, Port: Match.absent() }, { Id: { Ref: Match.stringLikeRegexp('^Second') }, Port: 9000 }],
    });
    expect(latticeIngress(template)).toEqual(['FirstInstanceSecurityGroup:8080-8080', 'SecondInstanceSecurityGroup:9000-9000']);
  });

  test('a TCP group has no protocol version and no health checks: its instances and Auto Scaling groups are opened on the TCP port only', () => {
    const { stack, vpc, instance, asg } = fixture();
    const group = new InstanceTargetGroup(stack, 'Broker', { vpc, port: 8443, protocol: TargetProtocol.TCP, instances: [instance('First')] });
    group.addAutoScalingGroup(asg('Fleet'));

    expect([group.protocol, group.port, group.protocolVersion]).toEqual(['TCP', 8443, undefined]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'INSTANCE', Config: { Protocol: 'TCP', Port: 8443, ProtocolVersion: Match.absent(), HealthCheck: { Enabled: false } },
    });
    expect(latticeIngress(template)).toEqual(['FirstInstanceSecurityGroup:8443-8443', 'FleetInstanceSecurityGroup:8443-8443']);
  });

  test('a TCP group asked for health checks on another port checks it in HTTP/1.1 and opens that port too', () => {
    const { stack, vpc, instance } = fixture();
    new InstanceTargetGroup(stack, 'Broker', { vpc, port: 8443, protocol: TargetProtocol.TCP, instances: [instance('First')], healthCheck: { port: 8080, path: '/health' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Config: { Protocol: 'TCP', ProtocolVersion: Match.absent(), HealthCheck: { Enabled: true, Protocol: 'HTTP', ProtocolVersion: 'HTTP1', Port: 8080, Path: '/health' } },
    });
    expect(latticeIngress(template)).toEqual(['FirstInstanceSecurityGroup:8080-8080', 'FirstInstanceSecurityGroup:8443-8443']);
  });

  test('with health checks off only the traffic port is opened', () => {
    const { stack, vpc, instance } = fixture();
    new InstanceTargetGroup(stack, 'Web', { vpc, port: 8080, instances: [instance('First')], healthCheck: { enabled: false, port: 8081 } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { HealthCheck: { Enabled: false } } });
    expect(latticeIngress(template)).toEqual(['FirstInstanceSecurityGroup:8080-8080']);
  });

  test('addAutoScalingGroup adds a vpc-lattice traffic source beside existing ones and opens the group\'s security group', () => {
    const { stack, vpc, asg } = fixture();
    const group = new InstanceTargetGroup(stack, 'Web', { vpc, port: 8080 });
    const other = new InstanceTargetGroup(stack, 'Other', { vpc, port: 8080 });
    const scaling = asg('Asg');
    (scaling.node.defaultChild as autoscaling.CfnAutoScalingGroup).trafficSources = [{ identifier: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef', type: 'elbv2' }];
    group.addAutoScalingGroup(scaling);
    group.addAutoScalingGroup(scaling);
    other.addAutoScalingGroup(scaling);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      TrafficSources: [
        { Identifier: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef', Type: 'elbv2' },
        { Identifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Web'), 'Arn'] }, Type: 'vpc-lattice' },
        { Identifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Other'), 'Arn'] }, Type: 'vpc-lattice' },
      ],
    });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'INSTANCE', Targets: Match.absent() });
    expect(latticeIngress(template)).toEqual(['AsgInstanceSecurityGroup:8080-8080']);
  });

  test('security groups added to a target\'s connections later are opened too', () => {
    const { stack, vpc, alb } = fixture();
    const { loadBalancer, listener } = alb('Alb');
    new AlbTargetGroup(stack, 'Group', { loadBalancer, listener });
    loadBalancer.addSecurityGroup(new ec2.SecurityGroup(stack, 'Later', { vpc }));
    expect(latticeIngress(Template.fromStack(stack))).toEqual(['AlbSecurityGroup:80-80', 'Later:80-80']);
  });

  test('a security group the app cannot change is a warning; an imported one it may change gets the rule', () => {
    const { stack, vpc } = fixture();
    const withGroup = (id: string, mutable: boolean) => new ec2.Instance(stack, id, {
      vpc, instanceType: INSTANCE_TYPE, machineImage: AMI, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, `${id}Sg`, 'sg-12345678', { mutable }),
    });
    new InstanceTargetGroup(stack, 'Web', { vpc, port: 8080, instances: [withGroup('Fixed', false), withGroup('Open', true)] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-12345678', SourcePrefixListId: PREFIX_LIST_ID, FromPort: 8080 });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Web', Match.anyValue());
    expect(warnings.map(warning => warning.entry.data)).toEqual([expect.stringMatching(
      /^The security group Stack\/FixedSg of the target Stack\/Fixed cannot be changed by this app \(it was imported with mutable: false\): at run time VPC Lattice's requests and health checks on port 8080 get no answer/)]);
  });

  test('targets are never opened to a CIDR, only to the prefix list', () => {
    const { stack, vpc, instance, asg, alb } = fixture();
    const group = new InstanceTargetGroup(stack, 'Web', { vpc, port: 8080, instances: [instance('First')], healthCheck: { port: 8081 } });
    group.addAutoScalingGroup(asg('Asg'));
    const { loadBalancer, listener } = alb('Alb');
    new AlbTargetGroup(stack, 'AlbGroup', { loadBalancer, listener });

    const template = Template.fromStack(stack);
    for (const rule of Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))) {
      expect(rule.Properties.SourcePrefixListId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^VpcLatticePrefixList/), 'PrefixLists.0.PrefixListId'] });
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect(rule.Properties.CidrIpv6).toBeUndefined();
    }
    for (const securityGroup of Object.values(template.findResources('AWS::EC2::SecurityGroup'))) {
      expect(securityGroup.Properties.SecurityGroupIngress).toBeUndefined();
    }
    expect(latticeIngress(template)).toEqual([
      'AlbSecurityGroup:80-80', 'AsgInstanceSecurityGroup:8080-8080', 'AsgInstanceSecurityGroup:8081-8081',
      'FirstInstanceSecurityGroup:8080-8080', 'FirstInstanceSecurityGroup:8081-8081',
    ]);
  });

  test('HTTP2 and GRPC groups are not health-checked unless a health-check setting is given, then over HTTP2', () => {
    const { stack, vpc } = fixture();
    new InstanceTargetGroup(stack, 'Quiet', { vpc, port: 1001, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.GRPC });
    new InstanceTargetGroup(stack, 'Checked', { vpc, port: 1002, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.HTTP2, healthCheck: { path: '/ping' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { Port: 1001, ProtocolVersion: 'GRPC', HealthCheck: { Enabled: false } } });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Config: { Port: 1002, ProtocolVersion: 'HTTP2', HealthCheck: { Enabled: true, Path: '/ping', Protocol: 'HTTPS', ProtocolVersion: 'HTTP2' } },
    });
  });
});

describe('LambdaTargetGroup', () => {
  test('registers the function and lets VPC Lattice invoke it from this target group only', () => {
    const { stack, fn } = fixture();
    const handler = fn('Handler');
    const group = new LambdaTargetGroup(stack, 'Fn', { function: handler, eventStructureVersion: LambdaEventStructureVersion.V2 });

    expect(group.function).toBe(handler);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'LAMBDA',
      Config: { LambdaEventStructureVersion: 'V2', Port: Match.absent(), Protocol: Match.absent(), VpcIdentifier: Match.absent(), HealthCheck: Match.absent() },
      Targets: [{ Id: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] }, Port: Match.absent() }],
    });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'vpc-lattice.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
      SourceAccount: Match.absent(),
    });
  });

  test('the permission is created after the group it names (the group cannot wait for it: that would be a cycle)', () => {
    const { stack, fn } = fixture();
    new LambdaTargetGroup(stack, 'Fn', { function: fn('Handler') });
    const template = Template.fromStack(stack);
    const [groupId] = Object.keys(template.findResources('AWS::VpcLattice::TargetGroup'));
    const [permission] = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permission.Properties.SourceArn).toEqual({ 'Fn::GetAtt': [groupId, 'Arn'] });
    expect(template.toJSON().Resources[groupId].DependsOn).toBeUndefined();
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { LambdaEventStructureVersion: 'V1' } });
  });

  test('an alias is registered by its ARN; a function of another stack gets its permission in the group\'s stack', () => {
    const app = strictApp();
    const functions = new Stack(app, 'Functions');
    const handler = fixture(functions).fn('Handler');
    const live = new lambda.Alias(functions, 'Live', { aliasName: 'live', version: handler.currentVersion });
    const groups = new Stack(app, 'Groups');
    new LambdaTargetGroup(groups, 'Fn', { function: live });

    const template = Template.fromStack(groups);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Targets: [{ Id: { 'Fn::ImportValue': Match.stringLikeRegexp('Live') } }] });
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::ImportValue': Match.stringLikeRegexp('Live') }, Principal: 'vpc-lattice.amazonaws.com' });
    Template.fromStack(functions).resourceCountIs('AWS::Lambda::Permission', 0);
  });
});

describe('AlbTargetGroup', () => {
  test('takes port and protocol from the ALB listener, waits for it, and opens the ALB to the prefix list on its port', () => {
    const { stack, alb } = fixture();
    const { loadBalancer, listener } = alb('Alb');
    const group = new AlbTargetGroup(stack, 'Group', { loadBalancer, listener });

    expect([group.port, group.protocol]).toEqual([80, 'HTTP']);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::VpcLattice::TargetGroup', {
      Properties: {
        Type: 'ALB',
        Config: { Port: 80, Protocol: 'HTTP', VpcIdentifier: { Ref: Match.stringLikeRegexp('^Vpc') }, HealthCheck: Match.absent(), ProtocolVersion: Match.absent() },
        Targets: [{ Id: { Ref: Match.stringLikeRegexp('^Alb') }, Port: 80 }],
      },
      DependsOn: [Match.stringLikeRegexp('^AlbHttp')],
    });
    expect(latticeIngress(template)).toEqual(['AlbSecurityGroup:80-80']);
  });

  test('an HTTPS listener makes an HTTPS group; an imported listener needs port and protocol', () => {
    const { stack, vpc } = fixture();
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const https = loadBalancer.addListener('Https', {
      port: 8443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
      certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:us-east-1:111122223333:certificate/0123abcd-0123-abcd-0123-0123456789ab')],
    });
    new AlbTargetGroup(stack, 'Secure', { loadBalancer, listener: https });
    const imported = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/other/0123456789abcdef/0123456789abcdef',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'ImportedSg', 'sg-12345678'),
    });
    new AlbTargetGroup(stack, 'Plain', { loadBalancer, listener: imported, port: 8080, protocol: TargetProtocol.HTTP });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'ALB', Config: { Port: 8443, Protocol: 'HTTPS' } });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'ALB', Config: { Port: 8080, Protocol: 'HTTP' }, Targets: [{ Port: 8080 }] });
    expect(latticeIngress(template)).toEqual(['AlbSecurityGroup:8080-8080', 'AlbSecurityGroup:8443-8443']);
  });
});

describe('protocol versions and listeners', () => {
  test('GRPC and HTTP2 groups behind HTTPS listeners synthesize', () => {
    const { stack, vpc } = fixture();
    const grpc = new IpTargetGroup(stack, 'Grpc', { vpc, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.GRPC });
    const http2 = new InstanceTargetGroup(stack, 'Http2', { vpc, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.HTTP2 });
    const listener = new LatticeService(stack, 'Service').addListener('Https', { defaultAction: ListenerAction.forward(grpc) });
    listener.addRule('Http2', { priority: 1, match: { path: PathMatch.prefix('/h2') }, action: ListenerAction.forward(http2) });
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::TargetGroup', 2);
  });

  test.each([
    ['default action', ProtocolVersion.GRPC, 'Stack/Service/Http', /The HTTP listener Stack\/Service\/Http forwards to the target group Stack\/Group \(HTTPS GRPC\): at run time requests reach it as HTTP\/1\.1/],
    ['rule', ProtocolVersion.HTTP2, 'Stack/Service/Http/Rule', /forwards to the target group Stack\/Group \(HTTPS HTTP2\) \(rule Stack\/Service\/Http\/Rule\): at run time/],
  ])('a %s of an HTTP listener that forwards to a %s group deploys, with a warning on the route that says requests fail', (site, protocolVersion, path, message) => {
    const { stack, vpc } = fixture();
    const group = new IpTargetGroup(stack, 'Group', { vpc, protocol: TargetProtocol.HTTPS, protocolVersion });
    const listener = new LatticeService(stack, 'Service').addListener('Http', {
      protocol: ListenerProtocol.HTTP,
      defaultAction: site === 'rule' ? ListenerAction.fixedResponse(404) : ListenerAction.forward(group),
    });
    if (site === 'rule') {
      listener.addRule('Rule', { priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.weightedForward([{ targetGroup: group, weight: 1 }]) });
    }
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { ProtocolVersion: protocolVersion } });
    const warnings = Annotations.fromStack(stack).findWarning(`/${path}`, Match.stringLikeRegexp('protocolVersionNeedsHttps'));
    expect(warnings.map(w => w.entry.data)).toEqual([expect.stringMatching(message)]);
  });

  test('an ALB group takes protocol version HTTP2, and writes none when none is given', () => {
    const { stack, alb } = fixture();
    new AlbTargetGroup(stack, 'Http2', { ...alb('A'), protocolVersion: ProtocolVersion.HTTP2 });
    new AlbTargetGroup(stack, 'Default', { ...alb('B') });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'ALB', Config: { ProtocolVersion: 'HTTP2' } });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'ALB', Config: { ProtocolVersion: Match.absent() } });
  });
});

test('the target-group examples of the pinned API (except ECS) synthesize under strict validation', () => {
  const { stack, vpc, instance, asg, fn, alb } = fixture();
  const handler = fn('Handler');
  const { loadBalancer: internalAlb, listener: albListener } = alb('InternalAlb');

  new IpTargetGroup(stack, 'Ips', { vpc, port: 80, protocol: TargetProtocol.HTTP, targets: ['10.0.1.10'] });
  const web = new InstanceTargetGroup(stack, 'Web', {
    vpc,
    port: 8080,
    protocol: TargetProtocol.HTTP,
    instances: [instance('Instance')],
    healthCheck: { path: '/health', healthyThresholdCount: 2, unhealthyThresholdCount: 2, healthyHttpCodes: '200' },
  });
  web.addAutoScalingGroup(asg('Asg'));
  const lambdaGroup = new LambdaTargetGroup(stack, 'Fn', { function: handler, eventStructureVersion: LambdaEventStructureVersion.V2 });
  const albGroup = new AlbTargetGroup(stack, 'Alb', { loadBalancer: internalAlb, listener: albListener });

  const service = new LatticeService(stack, 'Orders');
  service.addListener('Https', { defaultAction: ListenerAction.weightedForward([{ targetGroup: web, weight: 90 }, { targetGroup: albGroup, weight: 10 }]) })
    .addRule('Fn', { priority: 10, match: { path: PathMatch.prefix('/fn') }, action: ListenerAction.forward(lambdaGroup) });

  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::VpcLattice::TargetGroup', 4);
  template.resourceCountIs('Custom::VpcLatticePrefixList', 1);
});

/**
 * Each per-type rule, with an input it rejects and the message it gives: construct path, property, value, and what
 * is allowed.
 */
type Fixture = ReturnType<typeof fixture>;
const BAD_INPUT: Array<BadInput<Fixture>> = [
  ['protocol version GRPC on an ALB group', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), protocolVersion: ProtocolVersion.GRPC }),
    named("Stack/G: invalid protocolVersion 'GRPC'")],
  // Protocol, port, version, name.
  ['a TCP group without a port', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, protocol: TargetProtocol.TCP }),
    /Stack\/G: invalid port undefined: give the port: TCP target groups have no default port/],
  ['a protocol version on a TCP group', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, port: 8443, protocol: TargetProtocol.TCP, protocolVersion: ProtocolVersion.HTTP1 }),
    /Stack\/G: invalid protocolVersion 'HTTP1': TCP target groups have no protocol version/],
  ['an ALB group in TCP', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), protocol: TargetProtocol.TCP }),
    named("Stack/G: invalid protocol 'TCP'")],
  ['TCP health checks on a TCP group', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, port: 8443, protocol: TargetProtocol.TCP, healthCheck: { protocol: TargetProtocol.TCP } }),
    /Stack\/G: invalid healthCheck.protocol 'TCP': must be one of 'HTTP', 'HTTPS'. Health checks use HTTP or HTTPS, also for TCP target groups/],
  ['GRPC health checks on a TCP group', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, port: 8443, protocol: TargetProtocol.TCP, healthCheck: { protocolVersion: ProtocolVersion.GRPC } }),
    named("Stack/G: invalid healthCheck.protocolVersion 'GRPC'")],
  ['a protocol CloudFormation does not know', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, protocol: 'UDP' as TargetProtocol }),
    named("Stack/G: invalid protocol 'UDP'")],
  ['port 0', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, port: 0 }), named('Stack/G: invalid port 0')],
  ['port 65536', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, port: 65536 }), named('Stack/G: invalid port 65536')],
  ['protocol version HTTP3', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, protocolVersion: 'HTTP3' as ProtocolVersion }),
    named("Stack/G: invalid protocolVersion 'HTTP3'")],
  ['a name with the reserved prefix', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targetGroupName: 'tg-orders' }),
    named("Stack/G: invalid targetGroupName 'tg-orders'")],
  ['a name with uppercase letters', f => new LambdaTargetGroup(f.stack, 'G', { function: f.fn('F'), targetGroupName: 'Orders' }),
    named("Stack/G: invalid targetGroupName 'Orders'")],
  ['a name of 129 characters', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, targetGroupName: 'a'.repeat(129) }),
    named(`Stack/G: invalid targetGroupName '${'a'.repeat(129)}'`)],
  ['event structure version V3', f => new LambdaTargetGroup(f.stack, 'G', { function: f.fn('F'), eventStructureVersion: 'V3' as LambdaEventStructureVersion }),
    named("Stack/G: invalid eventStructureVersion 'V3'")],
  ['IP address type DUALSTACK', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, ipAddressType: IpAddressType.DUALSTACK }),
    /Stack\/G: invalid ipAddressType 'DUALSTACK'.*DUALSTACK is for resource gateways only/],
  // Health checks: every range.
  ['a health-check interval of 1000 seconds', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { interval: Duration.seconds(1000) } }),
    named('Stack/G: invalid healthCheck.interval 1000 seconds')],
  ['a health-check interval of 4 seconds', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { interval: Duration.seconds(4) } }),
    named('Stack/G: invalid healthCheck.interval 4 seconds')],
  ['a health-check timeout of 0.5 seconds', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { timeout: Duration.millis(500) } }),
    named('Stack/G: invalid healthCheck.timeout 0.5 seconds')],
  ['a health-check timeout of 121 seconds', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { timeout: Duration.seconds(121) } }),
    named('Stack/G: invalid healthCheck.timeout 121 seconds')],
  ['a healthy threshold of 1', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { healthyThresholdCount: 1 } }),
    named('Stack/G: invalid healthCheck.healthyThresholdCount 1')],
  ['an unhealthy threshold of 11', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { unhealthyThresholdCount: 11 } }),
    named('Stack/G: invalid healthCheck.unhealthyThresholdCount 11')],
  ['a health-check path without a leading slash', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { path: 'health' } }),
    named("Stack/G: invalid healthCheck.path 'health'")],
  ['a health-check path with a space', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { path: '/health check' } }),
    named("Stack/G: invalid healthCheck.path '/health check'")],
  ['a health-check port of 0', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { port: 0 } }),
    named('Stack/G: invalid healthCheck.port 0')],
  ['TCP health checks', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { protocol: TargetProtocol.TCP } }),
    named("Stack/G: invalid healthCheck.protocol 'TCP'")],
  ['GRPC health checks', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, protocolVersion: ProtocolVersion.GRPC, healthCheck: { protocolVersion: ProtocolVersion.GRPC } }),
    named("Stack/G: invalid healthCheck.protocolVersion 'GRPC'")],
  ['healthy HTTP codes in words', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { healthyHttpCodes: 'ok!' } }),
    named("Stack/G: invalid healthCheck.healthyHttpCodes 'ok!'")],
  ['healthy HTTP codes of 2 characters', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, healthCheck: { healthyHttpCodes: '20' } }),
    named("Stack/G: invalid healthCheck.healthyHttpCodes '20'")],
  // Targets.
  ['an IPv6 address in an IPv4 group', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targets: ['fd00::10'] }),
    named("Stack/G: invalid targets 'fd00::10'")],
  ['an IPv4 address in an IPv6 group', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, ipAddressType: IpAddressType.IPV6, targets: ['10.0.1.10'] }),
    named("Stack/G: invalid targets '10.0.1.10'")],
  ['a host name as an IP target', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targets: ['db.internal:5432'] }),
    named("Stack/G: invalid targets 'db.internal:5432'")],
  ['an IP target port of 70000', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targets: ['10.0.1.10:70000'] }),
    named("Stack/G: invalid targets '10.0.1.10:70000': the port of a target must be a whole number from 1 to 65535")],
  ['an instance port of 0', f => new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc }).addInstance(f.instance('I'), 0),
    named("Stack/G: invalid instances 'Stack/I port 0': the port of a target")],
  ['the same address twice', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targets: ['10.0.1.10', '10.0.1.10'] }),
    named("Stack/G: invalid targets '10.0.1.10'")],
  ['101 targets', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc, targets: Array.from({ length: 101 }, (_, i) => `10.0.${Math.floor(i / 200)}.${i + 1}`) }),
    named("Stack/G: invalid targets '10.0.0.101'")],
  ['an Auto Scaling group whose traffic sources are a token', f => {
    const scaling = f.asg('Asg');
    (scaling.node.defaultChild as autoscaling.CfnAutoScalingGroup).trafficSources = Token.asAny({ resolve: () => [] }) as any;
    new InstanceTargetGroup(f.stack, 'G', { vpc: f.vpc }).addAutoScalingGroup(scaling);
  }, named("Stack/G: invalid autoScalingGroup 'Stack/Asg'")],
  // Application Load Balancers.
  ['an internet-facing ALB', f => new AlbTargetGroup(f.stack, 'G', f.alb('Alb', { internetFacing: true })),
    named("Stack/G: invalid loadBalancer 'Stack/Alb'")],
  ['a listener of another ALB', f => new AlbTargetGroup(f.stack, 'G', { loadBalancer: f.alb('A').loadBalancer, listener: f.alb('B').listener }),
    named("Stack/G: invalid listener 'Stack/B/Http'")],
  ['an ALB in another VPC', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), vpc: new ec2.Vpc(f.stack, 'Other', { maxAzs: 1, natGateways: 0 }) }),
    named("Stack/G: invalid vpc 'Stack/Other'")],
  // A VPC of null was taken for the load balancer's: only a VPC left out is.
  ['an ALB group with a VPC of null', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), vpc: wrong(null) }), named('Stack/G: invalid vpc null')],
  ['a port other than the ALB listener\'s', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), port: 8080 }),
    named('Stack/G: invalid port 8080')],
  ['a protocol other than the ALB listener\'s', f => new AlbTargetGroup(f.stack, 'G', { ...f.alb('Alb'), protocol: TargetProtocol.HTTPS }),
    named("Stack/G: invalid protocol 'HTTPS'")],
  ['an imported ALB listener without a port', f => new AlbTargetGroup(f.stack, 'G', {
    loadBalancer: f.alb('Alb').loadBalancer,
    listener: elbv2.ApplicationListener.fromApplicationListenerAttributes(f.stack, 'L', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/a/0123456789abcdef/0123456789abcdef',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(f.stack, 'Sg', 'sg-12345678'),
    }),
  }), named('Stack/G: invalid port undefined')],
];

rejectsEachBadInput(BAD_INPUT, fixture);

test('values only known at deploy time are left for deploy time', () => {
  const f = fixture();
  const { text, number, healthCheck } = deployTimeValues(f.stack);

  const ips = new IpTargetGroup(f.stack, 'Ips', {
    vpc: f.vpc,
    port: number('Port'),
    targetGroupName: text('Name'),
    targets: [text('Address')],
    healthCheck: healthCheck(),
  });
  ips.addTarget(text('Other'), number('OtherPort'));
  new InstanceTargetGroup(f.stack, 'Web', { vpc: f.vpc, port: number('WebPort'), instances: [f.instance('I')] });
  LatticePrefixList.useKnownId(f.stack, text('PrefixList'));

  const template = Template.fromStack(f.stack);
  template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
    Name: { Ref: 'Name' },
    Config: { Port: { Ref: 'Port' }, HealthCheck: { HealthCheckIntervalSeconds: { Ref: 'Interval' }, Path: { Ref: 'Path' }, Matcher: { HttpCode: { Ref: 'Codes' } } } },
    Targets: [{ Id: { Ref: 'Address' } }, { Id: { Ref: 'Other' }, Port: { Ref: 'OtherPort' } }],
  });
  template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourcePrefixListId: { Ref: 'PrefixList' }, FromPort: { Ref: 'WebPort' } });
});
