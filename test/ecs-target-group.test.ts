import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BadInput, deployTimeValues, named, rejectsEachBadInput, strictApp, strictStack } from './util';
import {
  EcsTargetGroup, HeaderMatch, IpAddressType, IpTargetGroup, LatticeService, ListenerAction, ListenerProtocol, PathMatch,
  ProtocolVersion, TargetProtocol,
} from 'cdk-vpc-lattice';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');
const LOOKUP = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'PrefixLists.0.PrefixListId'] });
const ROLE_ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcLatticeEcsInfrastructureRole'), 'Arn'] };
const GROUP_ARN = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'Arn'] });

function fixture(stack: Stack = strictStack()) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), maxAzs: 2, natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  /** A Fargate service whose task definition has a container 'web' with the given port mappings. */
  const fargate = (id: string, portMappings: ecs.PortMapping[] = [{ containerPort: 8080 }]) => {
    const taskDefinition = new ecs.FargateTaskDefinition(stack, `${id}Task`);
    const web = taskDefinition.addContainer('web', { image: IMAGE, portMappings });
    const service = new ecs.FargateService(stack, id, { cluster, taskDefinition, minHealthyPercent: 100 });
    return { service, taskDefinition, web };
  };
  return { stack, vpc, cluster, fargate };
}

/** The ingress rules that admit VPC Lattice, as `<security group logical ID prefix> <prefix list> <from>-<to>`. */
function latticeIngress(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .filter(rule => rule.Properties.SourcePrefixListId !== undefined)
    .map(rule => [
      rule.Properties.GroupId['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''),
      rule.Properties.SourcePrefixListId['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''),
      `${rule.Properties.FromPort}-${rule.Properties.ToPort}`,
    ].join(' '))
    .sort();
}

function latticeConfigurations(template: Template): unknown[] {
  return Object.values(template.findResources('AWS::ECS::Service')).map(service => service.Properties.VpcLatticeConfigurations);
}

describe('EcsTargetGroup', () => {
  test('the ECS example of the pinned API synthesizes under strict validation and wires everything', () => {
    const { stack, fargate } = fixture();
    const { service: fargateService } = fargate('Orders');

    const orders = new EcsTargetGroup(stack, 'OrdersTasks', {
      service: fargateService, // ecs.FargateService or ecs.Ec2Service (awsvpc)
      containerName: 'web',
      containerPort: 8080, // default: the default container and its first port mapping
      healthCheck: { path: '/health' },
    });
    new LatticeService(stack, 'Service', { listeners: [{ protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(orders) }] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'IP',
      Config: {
        VpcIdentifier: { Ref: Match.stringLikeRegexp('^Vpc') },
        Port: 8080,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        IpAddressType: 'IPV4',
        HealthCheck: { Enabled: true, Path: '/health', Port: Match.absent(), Protocol: 'HTTP' },
      },
      Targets: Match.absent(),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      VpcLatticeConfigurations: [{ TargetGroupArn: GROUP_ARN('OrdersTasks'), PortName: 'web-8080-tcp', RoleArn: ROLE_ARN, AdvancedConfiguration: Match.absent() }],
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      NetworkMode: 'awsvpc',
      ContainerDefinitions: [{ Name: 'web', PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp', Name: 'web-8080-tcp' }] }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersSecurityGroup'), 'GroupId'] },
      SourcePrefixListId: LOOKUP('VpcLatticePrefixList'),
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      CidrIp: Match.absent(),
    });
    expect(latticeIngress(template)).toEqual(['OrdersSecurityGroup VpcLatticePrefixList 8080-8080']);
    expect([orders.containerName, orders.port, orders.portName, orders.protocol, orders.ipAddressType]).toEqual(['web', 8080, 'web-8080-tcp', 'HTTP', 'IPV4']);
  });

  test('defaults to the default container and its first port mapping; a named mapping keeps its name', () => {
    const { stack, fargate } = fixture();
    const first = fargate('First', [{ containerPort: 8080 }, { containerPort: 9090 }]);
    first.taskDefinition.addContainer('sidecar', { image: IMAGE, essential: false, portMappings: [{ containerPort: 7000 }] });
    const second = fargate('Second', [{ containerPort: 3000, name: 'http' }]);
    const a = new EcsTargetGroup(stack, 'A', { service: first.service });
    const b = new EcsTargetGroup(stack, 'B', { service: second.service });

    expect([a.containerName, a.port, a.portName, b.port, b.portName]).toEqual(['web', 8080, 'web-8080-tcp', 3000, 'http']);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        { Name: 'web', PortMappings: [{ ContainerPort: 8080, Name: 'web-8080-tcp' }, { ContainerPort: 9090, Name: Match.absent() }] },
        { Name: 'sidecar', PortMappings: [{ ContainerPort: 7000, Name: Match.absent() }] },
      ],
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'web', PortMappings: [{ ContainerPort: 3000, Name: 'http' }] }] });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { Port: 3000 } });
    expect(latticeConfigurations(template)).toEqual([
      [{ TargetGroupArn: GROUP_ARN('A'), PortName: 'web-8080-tcp', RoleArn: ROLE_ARN }],
      [{ TargetGroupArn: GROUP_ARN('B'), PortName: 'http', RoleArn: ROLE_ARN }],
    ].map(list => list.map(entry => expect.objectContaining({ ...entry, TargetGroupArn: expect.anything(), RoleArn: expect.anything() }))));
    template.hasResourceProperties('AWS::ECS::Service', { VpcLatticeConfigurations: [{ TargetGroupArn: GROUP_ARN('B'), PortName: 'http' }] });
  });

  test('another container and port are chosen by name and number; generated names are lowercase, at most 64 characters and unique', () => {
    const { stack, fargate } = fixture();
    const { service, taskDefinition } = fargate('Orders', [{ containerPort: 8080, name: 'envoy_9901-9901-tcp' }]);
    taskDefinition.addContainer('Envoy_Proxy', { image: IMAGE, essential: false, portMappings: [{ containerPort: 9901 }, { containerPort: 9902 }] });
    const longName = `Metrics${'x'.repeat(100)}`;
    taskDefinition.addContainer(longName, { image: IMAGE, essential: false, portMappings: [{ containerPort: 9100 }] });

    const envoy = new EcsTargetGroup(stack, 'Envoy', { service, containerName: 'Envoy_Proxy', containerPort: 9901 });
    const metrics = new EcsTargetGroup(stack, 'Metrics', { service, containerName: longName, containerPort: 9100 });

    expect(envoy.portName).toBe('envoy_proxy-9901-tcp');
    expect(metrics.portName).toBe(`metrics${'x'.repeat(48)}-9100-tcp`);
    expect(metrics.portName).toHaveLength(64);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        { Name: 'web' },
        { Name: 'Envoy_Proxy', PortMappings: [{ ContainerPort: 9901, Name: 'envoy_proxy-9901-tcp' }, { ContainerPort: 9902, Name: Match.absent() }] },
        { Name: longName, PortMappings: [{ ContainerPort: 9100, Name: metrics.portName }] },
      ],
    });
  });

  test('a generated name that is already taken in the task definition gets a number', () => {
    const { stack, fargate } = fixture();
    const { service, taskDefinition } = fargate('Orders', [{ containerPort: 8080, name: 'sidecar-9000-tcp' }]);
    taskDefinition.addContainer('Sidecar', { image: IMAGE, essential: false, portMappings: [{ containerPort: 9000 }] });
    expect(new EcsTargetGroup(stack, 'G', { service, containerName: 'Sidecar', containerPort: 9000 }).portName).toBe('sidecar-9000-tcp-2');
  });

  test('two groups on one service (two ports) add two configurations and admit both ports; one group per port is named once', () => {
    const { stack, fargate } = fixture();
    const { service } = fargate('Orders', [{ containerPort: 8080 }, { containerPort: 9090 }]);
    new EcsTargetGroup(stack, 'Http', { service, containerPort: 8080 });
    new EcsTargetGroup(stack, 'Admin', { service, containerPort: 9090, healthCheck: { port: 8080 } });
    new EcsTargetGroup(stack, 'HttpAgain', { service, containerPort: 8080 });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      VpcLatticeConfigurations: [
        { TargetGroupArn: GROUP_ARN('Http'), PortName: 'web-8080-tcp', RoleArn: ROLE_ARN },
        { TargetGroupArn: GROUP_ARN('Admin'), PortName: 'web-9090-tcp', RoleArn: ROLE_ARN },
        { TargetGroupArn: GROUP_ARN('HttpAgain'), PortName: 'web-8080-tcp', RoleArn: ROLE_ARN },
      ],
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [{ PortMappings: [{ ContainerPort: 8080, Name: 'web-8080-tcp' }, { ContainerPort: 9090, Name: 'web-9090-tcp' }] }],
    });
    expect(latticeIngress(template)).toEqual(['OrdersSecurityGroup VpcLatticePrefixList 8080-8080', 'OrdersSecurityGroup VpcLatticePrefixList 9090-9090']);
  });

  test('the task security group admits the prefix list on the container port and a separate health-check port, only there', () => {
    const { stack, fargate } = fixture();
    const { service } = fargate('Orders');
    service.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Extra', { vpc: service.cluster.vpc }));
    new EcsTargetGroup(stack, 'G', { service, healthCheck: { port: 8081, path: '/health' } });

    const template = Template.fromStack(stack);
    expect(latticeIngress(template)).toEqual([
      'Extra VpcLatticePrefixList 8080-8080', 'Extra VpcLatticePrefixList 8081-8081',
      'OrdersSecurityGroup VpcLatticePrefixList 8080-8080', 'OrdersSecurityGroup VpcLatticePrefixList 8081-8081',
    ]);
    for (const rule of Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))) {
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect(rule.Properties.CidrIpv6).toBeUndefined();
    }
  });

  test('with health checks off only the container port is admitted; IPv6 groups admit the IPv6 prefix list', () => {
    const { stack, fargate } = fixture();
    new EcsTargetGroup(stack, 'QuietGroup', { service: fargate('Quiet').service, healthCheck: { enabled: false, port: 8081 } });
    new EcsTargetGroup(stack, 'SixGroup', { service: fargate('Six').service, ipAddressType: IpAddressType.IPV6, healthCheck: { port: 8081 } });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { Port: 8080, IpAddressType: 'IPV6' } });
    expect(latticeIngress(template)).toEqual([
      'QuietSecurityGroup VpcLatticePrefixList 8080-8080',
      'SixSecurityGroup VpcLatticeIpv6PrefixList 8080-8080', 'SixSecurityGroup VpcLatticeIpv6PrefixList 8081-8081',
    ]);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 2);
  });

  test('a TCP group behind a TLS passthrough listener: no version, no health checks, the tasks admit VPC Lattice on the container port', () => {
    const { stack, fargate } = fixture();
    const broker = new EcsTargetGroup(stack, 'BrokerTasks', { service: fargate('Broker', [{ containerPort: 8443 }]).service, protocol: TargetProtocol.TCP });
    new LatticeService(stack, 'Service', { customDomain: { domainName: 'broker.internal.example.com' } })
      .addListener('Tls', { protocol: ListenerProtocol.TLS_PASSTHROUGH, port: 443, defaultAction: ListenerAction.forward(broker) });

    expect([broker.port, broker.protocol, broker.protocolVersion]).toEqual([8443, 'TCP', undefined]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'IP', Config: { Port: 8443, Protocol: 'TCP', ProtocolVersion: Match.absent(), HealthCheck: { Enabled: false } },
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      VpcLatticeConfigurations: [{ TargetGroupArn: GROUP_ARN('BrokerTasks'), PortName: 'web-8443-tcp', RoleArn: ROLE_ARN }],
    });
    expect(latticeIngress(template)).toEqual(['BrokerSecurityGroup VpcLatticePrefixList 8443-8443']);
  });

  test('one infrastructure role per stack for every group and service, trusting ECS, with the managed policy', () => {
    const { stack, fargate } = fixture();
    const first = new EcsTargetGroup(stack, 'A', { service: fargate('One').service });
    const second = new EcsTargetGroup(stack, 'B', { service: fargate('Two').service });
    expect(first.infrastructureRole).toBe(second.infrastructureRole);

    const template = Template.fromStack(stack);
    const roles = template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ecs.amazonaws.com' } }] } } });
    expect(Object.keys(roles)).toEqual([expect.stringMatching(/^VpcLatticeEcsInfrastructureRole/)]);
    expect(Object.values(roles)[0].Properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' } }],
      },
      Description: 'Lets Amazon ECS register the tasks of services in their VPC Lattice target groups',
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice']] }],
    });
    expect(latticeConfigurations(template)).toEqual([
      [expect.objectContaining({ RoleArn: { 'Fn::GetAtt': [Object.keys(roles)[0], 'Arn'] } })],
      [expect.objectContaining({ RoleArn: { 'Fn::GetAtt': [Object.keys(roles)[0], 'Arn'] } })],
    ]);
  });

  test('each stack has its own role; a role passed in is used instead and none is created', () => {
    const app = strictApp();
    const first = fixture(new Stack(app, 'First'));
    const second = fixture(new Stack(app, 'Second'));
    new EcsTargetGroup(first.stack, 'G', { service: first.fargate('Orders').service });
    const mine = iam.Role.fromRoleArn(second.stack, 'Mine', 'arn:aws:iam::111122223333:role/ecs-infrastructure');
    const group = new EcsTargetGroup(second.stack, 'G', { service: second.fargate('Orders').service, infrastructureRole: mine });

    expect(group.infrastructureRole).toBe(mine);
    expect(Object.keys(Template.fromStack(first.stack).findResources('AWS::IAM::Role')).filter(id => id.startsWith('VpcLatticeEcs'))).toHaveLength(1);
    const template = Template.fromStack(second.stack);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).filter(id => id.startsWith('VpcLatticeEcs'))).toEqual([]);
    template.hasResourceProperties('AWS::ECS::Service', { VpcLatticeConfigurations: [{ RoleArn: 'arn:aws:iam::111122223333:role/ecs-infrastructure' }] });
  });

  describe('entries the service already has are kept, before the library\'s', () => {
    const USER_ENTRY = { targetGroupArn: 'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0', portName: 'admin', roleArn: 'arn:aws:iam::111122223333:role/mine' };
    const USER_ENTRY_CFN = { TargetGroupArn: USER_ENTRY.targetGroupArn, PortName: 'admin', RoleArn: USER_ENTRY.roleArn };
    const setUp = () => {
      const f = fixture();
      const { service } = f.fargate('Orders', [{ containerPort: 8080 }, { containerPort: 9000, name: 'admin' }]);
      return { ...f, service, resource: service.node.defaultChild as ecs.CfnService };
    };
    const expectEntries = (stack: Stack, ...entries: unknown[]) =>
      expect(latticeConfigurations(Template.fromStack(stack))).toEqual([entries]);
    const ours = (id: string) => ({ TargetGroupArn: { 'Fn::GetAtt': [expect.stringMatching(`^${id}`), 'Arn'] }, PortName: 'web-8080-tcp', RoleArn: expect.anything() });

    test('set on the L1 property before the target groups', () => {
      const { stack, service, resource } = setUp();
      resource.vpcLatticeConfigurations = [USER_ENTRY];
      new EcsTargetGroup(stack, 'A', { service });
      new EcsTargetGroup(stack, 'B', { service });
      expectEntries(stack, USER_ENTRY_CFN, ours('A'), ours('B'));
    });

    test('set on the L1 property after the target groups', () => {
      const { stack, service, resource } = setUp();
      new EcsTargetGroup(stack, 'A', { service });
      resource.vpcLatticeConfigurations = [USER_ENTRY];
      expectEntries(stack, USER_ENTRY_CFN, ours('A'));
    });

    test.each(['before', 'after'])('an override of the whole list %s the target groups replaces the library\'s entries, as every override does', (when) => {
      // The library writes only through the L1 property; an override is applied on top of it when the template is written.
      const { stack, service, resource } = setUp();
      if (when === 'before') { resource.addPropertyOverride('VpcLatticeConfigurations', [USER_ENTRY_CFN]); }
      new EcsTargetGroup(stack, 'A', { service });
      if (when === 'after') { resource.addPropertyOverride('VpcLatticeConfigurations', [USER_ENTRY_CFN]); }
      expectEntries(stack, USER_ENTRY_CFN);
    });

    test('an override of one field of an entry still applies to that entry', () => {
      const { stack, service, resource } = setUp();
      resource.vpcLatticeConfigurations = [USER_ENTRY];
      new EcsTargetGroup(stack, 'A', { service });
      resource.addPropertyOverride('VpcLatticeConfigurations.0.PortName', 'renamed');
      expectEntries(stack, { ...USER_ENTRY_CFN, PortName: 'renamed' }, ours('A'));
    });

    test('synthesizing twice renders the same list', () => {
      const { stack, service, resource } = setUp();
      new EcsTargetGroup(stack, 'A', { service });
      resource.vpcLatticeConfigurations = [USER_ENTRY];
      Template.fromStack(stack);
      expectEntries(stack, USER_ENTRY_CFN, ours('A'));
    });
  });

  test('an Ec2Service in the awsvpc network mode works like a Fargate service', () => {
    const { stack, vpc, cluster } = fixture();
    cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small'), minCapacity: 1 });
    const taskDefinition = new ecs.Ec2TaskDefinition(stack, 'Task', { networkMode: ecs.NetworkMode.AWS_VPC });
    taskDefinition.addContainer('api', { image: IMAGE, memoryLimitMiB: 256, portMappings: [{ containerPort: 3000 }] });
    const service = new ecs.Ec2Service(stack, 'Api', { cluster, taskDefinition, minHealthyPercent: 100 });
    const group = new EcsTargetGroup(stack, 'G', { service, vpc });

    expect(group.portName).toBe('api-3000-tcp');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', { LaunchType: 'EC2', VpcLatticeConfigurations: [{ TargetGroupArn: GROUP_ARN('G'), PortName: 'api-3000-tcp' }] });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { NetworkMode: 'awsvpc', ContainerDefinitions: [{ PortMappings: [{ ContainerPort: 3000, Name: 'api-3000-tcp' }] }] });
    expect(latticeIngress(template)).toEqual(['ApiSecurityGroup VpcLatticePrefixList 3000-3000']);
  });

  test('the service starts after the listeners and rules of its stack that forward to the group', () => {
    const { stack, fargate } = fixture();
    const group = new EcsTargetGroup(stack, 'G', { service: fargate('Orders').service });
    const listener = new LatticeService(stack, 'Service').addListener('Http', { protocol: ListenerProtocol.HTTP });
    listener.addRule('Api', { priority: 1, match: { path: PathMatch.prefix('/api') }, action: ListenerAction.forward(group) });

    const dependsOn: string[] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::Service'))[0].DependsOn;
    expect(dependsOn.filter(id => id.startsWith('Service'))).toEqual([expect.stringMatching(/^ServiceHttpApi/)]);
  });

  test('a route in another stack is not waited for, so the two stacks do not depend on each other both ways', () => {
    const app = strictApp();
    const { stack, fargate } = fixture(new Stack(app, 'Tasks'));
    const group = new EcsTargetGroup(stack, 'G', { service: fargate('Orders').service });
    const routes = new Stack(app, 'Routes');
    new LatticeService(routes, 'Service').addListener('Http', { protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(group) });

    const service = Object.values(Template.fromStack(stack).findResources('AWS::ECS::Service'))[0];
    expect((service.DependsOn ?? []).filter((id: string) => id.startsWith('Service'))).toEqual([]);
    expect(routes.dependencies.map(dependency => dependency.stackName)).toEqual(['Tasks']);
    expect(stack.dependencies).toEqual([]);
  });

  test('metrics name the target group', () => {
    const { stack, fargate } = fixture();
    const group = new EcsTargetGroup(stack, 'G', { service: fargate('Orders').service });
    expect(stack.resolve(group.metricTotalRequestCount().dimensions)).toEqual({ TargetGroup: { 'Fn::GetAtt': [expect.stringMatching(/^G/), 'Id'] } });
  });
});

describe('blue/green', () => {
  function blueGreen(strategy?: ecs.DeploymentStrategy) {
    const { stack, vpc, cluster } = fixture();
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('web', { image: IMAGE, portMappings: [{ containerPort: 8080 }] });
    const service = new ecs.FargateService(stack, 'Orders', { cluster, taskDefinition, minHealthyPercent: 100, deploymentStrategy: strategy });
    const blue = new EcsTargetGroup(stack, 'Blue', { service, healthCheck: { path: '/health' } });
    const green = new IpTargetGroup(stack, 'Green', { vpc, port: 8080, healthCheck: { path: '/health', port: 8081 } });
    const listener = new LatticeService(stack, 'Service').addListener('Http', {
      protocol: ListenerProtocol.HTTP,
      defaultAction: ListenerAction.weightedForward([{ targetGroup: blue, weight: 100 }, { targetGroup: green, weight: 0 }]),
    });
    const test = listener.addRule('Test', { priority: 1, match: { headers: [HeaderMatch.exact('x-deployment', 'test')] }, action: ListenerAction.forward(green) });
    return { stack, vpc, service, blue, green, listener, test };
  }

  test('the alternate group, production listener and test rule go to the service\'s configuration', () => {
    const { stack, blue, green, listener, test } = blueGreen(ecs.DeploymentStrategy.BLUE_GREEN);
    blue.addAlternateTargetGroup(green, { productionListener: listener, testListenerRule: test });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: { Strategy: 'BLUE_GREEN' },
      VpcLatticeConfigurations: [{
        TargetGroupArn: GROUP_ARN('Blue'),
        PortName: 'web-8080-tcp',
        RoleArn: ROLE_ARN,
        AdvancedConfiguration: {
          AlternateTargetGroupArn: GROUP_ARN('Green'),
          ProductionListenerRule: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceHttp'), 'Arn'] },
          TestListenerRule: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceHttpTest'), 'Arn'] },
        },
      }],
    });
    // The green group's own health-check port is admitted too.
    expect(latticeIngress(template)).toEqual(['OrdersSecurityGroup VpcLatticePrefixList 8080-8080', 'OrdersSecurityGroup VpcLatticePrefixList 8081-8081']);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Blue', Match.anyValue())).toEqual([]);
  });

  test('a production rule works without a test route', () => {
    const { stack, blue, green, listener } = blueGreen(ecs.DeploymentStrategy.CANARY);
    const production = listener.addRule('Production', { priority: 2, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(blue) });
    blue.addAlternateTargetGroup(green, { productionListenerRule: production });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      VpcLatticeConfigurations: [{
        AdvancedConfiguration: {
          AlternateTargetGroupArn: GROUP_ARN('Green'),
          ProductionListenerRule: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceHttpProduction'), 'Arn'] },
          TestListenerRule: Match.absent(),
        },
      }],
    });
  });

  test('a service that deploys with the rolling strategy gets a warning: the alternate group would stay empty', () => {
    const { stack, blue, green, listener } = blueGreen();
    blue.addAlternateTargetGroup(green, { productionListener: listener });
    Annotations.fromStack(stack).hasWarning('/Stack/Blue', Match.stringLikeRegexp(
      'The alternate target group of Stack/Blue is used only by blue/green, linear and canary deployments, but Stack/Orders deploys with the ROLLING strategy'));
  });

  type BlueGreen = ReturnType<typeof blueGreen>;
  test.each<BadInput<BlueGreen>>([
    ['no production route', f => f.blue.addAlternateTargetGroup(f.green, {}),
      named('Stack/Blue: invalid productionListenerRule undefined')],
    ['a production listener and a production rule', f => f.blue.addAlternateTargetGroup(f.green, { productionListener: f.listener, productionListenerRule: f.test }),
      named("Stack/Blue: invalid productionListenerRule 'Stack/Service/Http/Test'")],
    ['a route that forwards to neither group', f => {
      const other = new IpTargetGroup(f.stack, 'Other', { vpc: f.vpc, port: 8080 });
      const rule = f.listener.addRule('Other', { priority: 3, match: { path: PathMatch.prefix('/other') }, action: ListenerAction.forward(other) });
      f.blue.addAlternateTargetGroup(f.green, { productionListener: f.listener, testListenerRule: rule });
    }, named("Stack/Blue: invalid testListenerRule 'Stack/Service/Http/Other'")],
    ['an alternate group on another port', f => f.blue.addAlternateTargetGroup(new IpTargetGroup(f.stack, 'G2', { vpc: f.vpc, port: 9090 }), { productionListener: f.listener }),
      named("Stack/Blue: invalid alternateTargetGroup 'Stack/G2'")],
    ['an alternate group in another VPC with another protocol', f => f.blue.addAlternateTargetGroup(new IpTargetGroup(f.stack, 'G2', {
      vpc: new ec2.Vpc(f.stack, 'OtherVpc', { maxAzs: 1, natGateways: 0 }), port: 8080, protocol: TargetProtocol.HTTPS,
    }), { productionListener: f.listener }), /invalid alternateTargetGroup 'Stack\/G2'.*protocol "HTTPS" \(this group's is "HTTP"\), VPC Stack\/OtherVpc/],
    ['a second alternate group', f => {
      f.blue.addAlternateTargetGroup(f.green, { productionListener: f.listener });
      f.blue.addAlternateTargetGroup(f.green, { productionListener: f.listener });
    }, named("Stack/Blue: invalid alternateTargetGroup 'Stack/Green'")],
  ])('%s is an error', (_name, build, message) => {
    const f = blueGreen(ecs.DeploymentStrategy.BLUE_GREEN);
    expect(() => build(f)).toThrow(message);
  });
});

test('cdk-nag AwsSolutions has no finding on the infrastructure role (its managed policy is acknowledged with a reason)', () => {
  const app = strictApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Stack');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-12345678'] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('web', {
    image: IMAGE,
    portMappings: [{ containerPort: 8080 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK }) }),
  });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, minHealthyPercent: 100 });
  new EcsTargetGroup(stack, 'G', { service });
  expect(() => app.synth()).not.toThrow();
  expect(Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Role')).filter(id => id.startsWith('VpcLatticeEcs'))).toHaveLength(1);
});

/**
 * Each rule, with an input it rejects and the message it gives: construct path, property, value, and what is allowed.
 */
type Fixture = ReturnType<typeof fixture>;
const BAD_INPUT: Array<BadInput<Fixture>> = [
  ['the bridge network mode', f => {
    f.cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small') });
    const taskDefinition = new ecs.Ec2TaskDefinition(f.stack, 'Task', { networkMode: ecs.NetworkMode.BRIDGE });
    taskDefinition.addContainer('web', { image: IMAGE, memoryLimitMiB: 256, portMappings: [{ containerPort: 8080 }] });
    new EcsTargetGroup(f.stack, 'G', { service: new ecs.Ec2Service(f.stack, 'Svc', { cluster: f.cluster, taskDefinition, minHealthyPercent: 100 }) });
  }, named("Stack/G: invalid service 'Stack/Svc'")],
  ['the host network mode', f => {
    f.cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small') });
    const taskDefinition = new ecs.Ec2TaskDefinition(f.stack, 'Task', { networkMode: ecs.NetworkMode.HOST });
    taskDefinition.addContainer('web', { image: IMAGE, memoryLimitMiB: 256, portMappings: [{ containerPort: 8080 }] });
    new EcsTargetGroup(f.stack, 'G', { service: new ecs.Ec2Service(f.stack, 'Svc', { cluster: f.cluster, taskDefinition, minHealthyPercent: 100 }) });
  }, /Stack\/G: invalid service 'Stack\/Svc'.*'host' network mode/],
  ['an unknown container', f => {
    const { service, taskDefinition } = f.fargate('Svc');
    taskDefinition.addContainer('sidecar', { image: IMAGE, essential: false });
    new EcsTargetGroup(f.stack, 'G', { service, containerName: 'api' });
  }, named("Stack/G: invalid containerName 'api'")],
  ['no essential container to default to', f => {
    const taskDefinition = new ecs.FargateTaskDefinition(f.stack, 'Task');
    taskDefinition.addContainer('helper', { image: IMAGE, essential: false, portMappings: [{ containerPort: 8080 }] });
    new EcsTargetGroup(f.stack, 'G', { service: new ecs.FargateService(f.stack, 'Svc', { cluster: f.cluster, taskDefinition, minHealthyPercent: 100 }) });
  }, named('Stack/G: invalid containerName undefined')],
  ['an unknown port', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc', [{ containerPort: 8080 }, { containerPort: 53, protocol: ecs.Protocol.UDP }]).service, containerPort: 9090 }),
    named('Stack/G: invalid containerPort 9090')],
  ['a UDP port', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc', [{ containerPort: 53, protocol: ecs.Protocol.UDP }]).service, containerPort: 53 }),
    named('Stack/G: invalid containerPort 53')],
  ['a first port mapping in UDP', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc', [{ containerPort: 53, protocol: ecs.Protocol.UDP }, { containerPort: 8080 }]).service }),
    named('Stack/G: invalid containerPort undefined')],
  ['a first port mapping that is a range', f => new EcsTargetGroup(f.stack, 'G', {
    service: f.fargate('Svc', [{ containerPort: ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE, containerPortRange: '8000-8010' }]).service,
  }), /Stack\/G: invalid containerPort undefined.*8000-8010\/tcp/],
  ['a container without port mappings', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc', []).service }),
    named('Stack/G: invalid containerPort undefined')],
  ['a container port of 0', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, containerPort: 0 }),
    named('Stack/G: invalid containerPort 0')],
  ['a port-mapping name ECS rejects', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc', [{ containerPort: 8080, name: 'Web' }]).service }),
    named("Stack/G: invalid port-mapping name of container 'web' 'Web'")],
  ['a group in another VPC', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, vpc: new ec2.Vpc(f.stack, 'Other', { maxAzs: 1, natGateways: 0 }) }),
    named("Stack/G: invalid vpc 'Stack/Other'")],
  ['IP address type DUALSTACK', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, ipAddressType: IpAddressType.DUALSTACK }),
    /Stack\/G: invalid ipAddressType 'DUALSTACK'.*DUALSTACK is for resource gateways only/],
  ['a protocol version on a TCP group', f => new EcsTargetGroup(f.stack, 'G', {
    service: f.fargate('Svc').service, protocol: TargetProtocol.TCP, protocolVersion: ProtocolVersion.HTTP2,
  }), /Stack\/G: invalid protocolVersion 'HTTP2': TCP target groups have no protocol version/],
  ['TCP health checks on a TCP group', f => new EcsTargetGroup(f.stack, 'G', {
    service: f.fargate('Svc').service, protocol: TargetProtocol.TCP, healthCheck: { protocol: TargetProtocol.TCP },
  }), named("Stack/G: invalid healthCheck.protocol 'TCP'")],
  ['a name with the reserved prefix', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, targetGroupName: 'tg-orders' }),
    named("Stack/G: invalid targetGroupName 'tg-orders'")],
  ['a health-check interval of 301 seconds', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { interval: Duration.seconds(301) } }),
    named('Stack/G: invalid healthCheck.interval 301 seconds')],
  ['a health-check timeout of 0 seconds', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { timeout: Duration.seconds(0) } }),
    named('Stack/G: invalid healthCheck.timeout 0 seconds')],
  ['a healthy threshold of 11', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { healthyThresholdCount: 11 } }),
    named('Stack/G: invalid healthCheck.healthyThresholdCount 11')],
  ['an unhealthy threshold of 1', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { unhealthyThresholdCount: 1 } }),
    named('Stack/G: invalid healthCheck.unhealthyThresholdCount 1')],
  ['a health-check path without a slash', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { path: 'health' } }),
    named("Stack/G: invalid healthCheck.path 'health'")],
  ['a health-check port of 70000', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { port: 70000 } }),
    named('Stack/G: invalid healthCheck.port 70000')],
  ['healthy HTTP codes in words', f => new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service, healthCheck: { healthyHttpCodes: 'ok!' } }),
    named("Stack/G: invalid healthCheck.healthyHttpCodes 'ok!'")],
  ['a service whose VPC Lattice configurations are a token', f => {
    const { service } = f.fargate('Svc');
    (service.node.defaultChild as ecs.CfnService).vpcLatticeConfigurations = deployTimeValues(f.stack).text('P') as any;
    new EcsTargetGroup(f.stack, 'G', { service });
  }, named("Stack/G: invalid service 'Stack/Svc'")],
  ['a construct in the infrastructure role\'s place', f => {
    new ec2.SecurityGroup(f.stack, 'VpcLatticeEcsInfrastructureRole', { vpc: f.vpc });
    new EcsTargetGroup(f.stack, 'G', { service: f.fargate('Svc').service });
  }, named('Stack/G: invalid infrastructureRole undefined')],
];

rejectsEachBadInput(BAD_INPUT, fixture);

test('values only known at deploy time are left for deploy time', () => {
  const f = fixture();
  const { text, number, healthCheck } = deployTimeValues(f.stack);
  const port = number('Port');
  const { service } = f.fargate('Svc', [{ containerPort: port, name: text('PortName') }]);

  const group = new EcsTargetGroup(f.stack, 'G', {
    service,
    containerPort: port,
    targetGroupName: text('Name'),
    healthCheck: healthCheck(),
  });

  expect(group.port).toBe(port);
  const template = Template.fromStack(f.stack);
  template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
    Name: { Ref: 'Name' },
    Config: { Port: { Ref: 'Port' }, HealthCheck: { HealthCheckIntervalSeconds: { Ref: 'Interval' }, Port: { Ref: 'HealthPort' }, Path: { Ref: 'Path' } } },
  });
  template.hasResourceProperties('AWS::ECS::Service', { VpcLatticeConfigurations: [{ PortName: { Ref: 'PortName' } }] });
  template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: { Ref: 'Port' }, SourcePrefixListId: LOOKUP('VpcLatticePrefixList') });
  template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: { Ref: 'HealthPort' }, SourcePrefixListId: LOOKUP('VpcLatticePrefixList') });
});
