import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as fc from 'fast-check';
import { hop, resources } from './reachability-fixtures';
import { isolatedVpc, strictStack, wrong, WITHOUT_STACK_TRACES } from './util';
import { blockedApp } from '../scripts/blocked-topology';
import { exampleApp, exampleNames } from '../scripts/example-apps';
import { judgeRules, RuleFact } from '../src/reachability/judge';
import {
  InstanceTargetGroup, LambdaTargetGroup, LatticePrefixList, LatticeService, ListenerAction, ListenerProtocol, Reachability,
  ResourceConfigDnsResolution, ResourceConfiguration, ResourceDefinition, ResourceGateway, ServiceNetwork, Topology,
  TopologyEdgeKind,
} from 'cdk-vpc-lattice';

/*
 * Reachability answers, hop by hop, from the rules the AWS documentation gives (docs/lattice-facts.md#reachability):
 * a client's security groups control its outbound traffic to VPC Lattice, an association's or endpoint's security
 * groups control which clients of the VPC may use it, the targets' security groups must admit the VPC Lattice managed
 * prefix list on the traffic and health-check ports, and a resource gateway's security groups control what it sends on
 * to resources. Each case breaks one hop on purpose and asserts the hop and the rule that is missing.
 */


interface Fixture {
  readonly stack: Stack;
  readonly clientVpc: ec2.Vpc;
  readonly network: ServiceNetwork;
  readonly service: LatticeService;
  readonly client: ec2.SecurityGroup;
  readonly instance: ec2.Instance;
}

/** A client VPC associated with a network whose service forwards HTTPS on 443 to an instance on 8080. */
function fixture(options: { associate?: boolean; clientOutbound?: boolean; healthPort?: number } = {}): Fixture {
  const stack = strictStack();
  const clientVpc = isolatedVpc(stack, 'ClientVpc', '10.0.0.0/16');
  const providerVpc = isolatedVpc(stack, 'ProviderVpc', '10.1.0.0/16');
  const network = new ServiceNetwork(stack, 'Network');
  if (options.associate ?? true) { network.associateVpc(clientVpc); }
  const instance = new ec2.Instance(stack, 'Web', {
    vpc: providerVpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), allowAllOutbound: false,
  });
  const group = new InstanceTargetGroup(stack, 'Instances', {
    vpc: providerVpc, port: 8080, instances: [instance], healthCheck: options.healthPort ? { port: options.healthPort } : undefined,
  });
  const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
  service.addListener('Https', { protocol: ListenerProtocol.HTTPS, defaultAction: ListenerAction.forward(group) });
  const client = new ec2.SecurityGroup(stack, 'Client', { vpc: clientVpc, allowAllOutbound: options.clientOutbound ?? true });
  return { stack, clientVpc, network, service, client, instance };
}

describe('a service', () => {
  test('is REACHABLE through an association, hop by hop in path order', () => {
    const f = fixture();
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.REACHABLE);
    expect(answer.hops.map(h => h.description)).toEqual([
      'The way in', 'Name resolution', 'Client egress', 'Association ingress',
      'Targets of Stack/Instances: Stack/Web (traffic, port 8080)',
    ]);
    expect(answer.hops.every(h => h.verdict === Reachability.REACHABLE)).toBe(true);
    expect(hop(answer, 'Association ingress').reason).toMatch(/ClientVpcAssociation\/SecurityGroup allows tcp 443-443/);
    expect(hop(answer, /Targets/).reason).toMatch(/prefix list/);
  });

  test('the way in: a VPC without an association or endpoint is BLOCKED there', () => {
    const f = fixture({ associate: false });
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.BLOCKED);
    expect(answer.hops).toEqual([expect.objectContaining({ description: 'The way in', verdict: Reachability.BLOCKED, reason: expect.stringMatching(/neither associated.*nor has an endpoint/) })]);
  });

  test('the way in: a VPC reaches only the one network it is associated with, and endpoints for more', () => {
    const f = fixture({ associate: false });
    new ServiceNetwork(f.stack, 'Other').associateVpc(f.clientVpc);
    expect(hop(f.service.canConnect(f.clientVpc, f.client), 'The way in').verdict).toBe(Reachability.BLOCKED);
    f.network.addVpcEndpoint(f.clientVpc);
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.REACHABLE);
    expect(hop(answer, 'The way in').reason).toMatch(/endpoint Stack\/Network\/ClientVpcEndpoint/);
    expect(hop(answer, 'Endpoint ingress').verdict).toBe(Reachability.REACHABLE);
  });

  test('client egress: a client group that lets nothing out is BLOCKED there, and the prefix list opens it', () => {
    const f = fixture({ clientOutbound: false });
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.BLOCKED);
    expect(hop(answer, 'Client egress')).toEqual(expect.objectContaining({
      verdict: Reachability.BLOCKED, reason: expect.stringMatching(/missing rule: the security group Stack\/Client allows no TCP port 443 to the association/),
    }));
    expect(answer.hops.filter(h => h.verdict === Reachability.BLOCKED)).toHaveLength(1);
    f.client.addEgressRule(LatticePrefixList.peer(f.stack), ec2.Port.tcp(443));
    expect(f.service.canConnect(f.clientVpc, f.client).decision).toBe(Reachability.REACHABLE);
  });

  test('client egress naming the association\'s security group is UNKNOWN: AWS does not document it', () => {
    const f = fixture({ clientOutbound: false });
    const association = f.network.node.findAll().find(c => c.node.id === 'ClientVpcAssociation') as unknown as ec2.IConnectable;
    f.client.addEgressRule(ec2.Peer.ipv4('10.9.0.0/16'), ec2.Port.tcp(22));
    f.client.connections.allowTo(association, ec2.Port.tcp(443));
    const egress = hop(f.service.canConnect(f.clientVpc, f.client), 'Client egress');
    expect(egress.verdict).toBe(Reachability.UNKNOWN);
    expect(egress.reason).toMatch(/does not document whether a rule naming the association's security group allows it/);
  });

  test('client egress: a group whose only egress rule names another group has no inline rule, so EC2 lets all out', () => {
    const f = fixture({ clientOutbound: false });
    const association = f.network.node.findAll().find(c => c.node.id === 'ClientVpcAssociation') as unknown as ec2.IConnectable;
    f.client.connections.allowTo(association, ec2.Port.tcp(443));
    const groups = Object.values(Template.fromStack(f.stack).findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'Stack/Client' } }));
    expect(groups).toHaveLength(1);
    expect(groups[0].Properties.SecurityGroupEgress).toBeUndefined();
    const egress = hop(f.service.canConnect(f.clientVpc, f.client), 'Client egress');
    expect(egress).toEqual(expect.objectContaining({ verdict: Reachability.REACHABLE, reason: expect.stringMatching(/the rule EC2 gives a group without inline egress rules/) }));
  });

  test('client egress naming the endpoint\'s security group opens it', () => {
    const f = fixture({ associate: false, clientOutbound: false });
    const endpoint = f.network.addVpcEndpoint(f.clientVpc);
    f.client.connections.allowTo(endpoint, ec2.Port.tcp(443));
    expect(f.service.canConnect(f.clientVpc, f.client).decision).toBe(Reachability.REACHABLE);
  });

  test('association ingress: its own security groups admit only what they say', () => {
    const f = fixture({ associate: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    const blocked = f.service.canConnect(f.clientVpc, f.client);
    expect(hop(blocked, 'Association ingress')).toEqual(expect.objectContaining({
      verdict: Reachability.BLOCKED, reason: expect.stringMatching(/missing rule: the security group Stack\/Guard allows no TCP port 443 from the client Stack\/Client/),
    }));
    guard.connections.allowFrom(f.client, ec2.Port.tcp(443));
    expect(f.service.canConnect(f.clientVpc, f.client).decision).toBe(Reachability.REACHABLE);
  });

  test.each([
    ['10.0.0.0/8', Reachability.REACHABLE],
    ['10.0.0.0/16', Reachability.REACHABLE],
    ['192.168.0.0/16', Reachability.BLOCKED],
    ['10.0.0.0/24', Reachability.UNKNOWN],
  ])('association ingress from %s: the client VPC\'s range held, apart, or in part', (cidr, verdict) => {
    const f = fixture({ associate: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    guard.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443));
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    expect(hop(f.service.canConnect(f.clientVpc, f.client), 'Association ingress').verdict).toBe(verdict);
  });

  test('a deploy-time CIDR or port gives UNKNOWN with the value, never BLOCKED', () => {
    const f = fixture({ associate: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    guard.addIngressRule(ec2.Peer.ipv4(new CfnParameter(f.stack, 'Cidr').valueAsString), ec2.Port.tcp(443));
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    const answer = hop(f.service.canConnect(f.clientVpc, f.client), 'Association ingress');
    expect(answer.verdict).toBe(Reachability.UNKNOWN);
    expect(answer.reason).toMatch(/known only at deploy time/);
  });

  test('targets: the health-check port is a hop of its own, opened by the target group', () => {
    const f = fixture({ healthPort: 8081 });
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.REACHABLE);
    expect(hop(answer, /health checks, port 8081/).verdict).toBe(Reachability.REACHABLE);
  });

  test('targets: a security group the app cannot change is UNKNOWN, and the warning stays targetSecurityGroupNotOpened', () => {
    const stack = strictStack();
    const vpc = isolatedVpc(stack, 'Vpc', '10.0.0.0/16');
    const network = new ServiceNetwork(stack, 'Network');
    network.associateVpc(vpc);
    const closed = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Closed', 'sg-0123456789abcdef0', { mutable: false });
    const instance = new ec2.Instance(stack, 'Web', {
      vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: closed,
    });
    const group = new InstanceTargetGroup(stack, 'Instances', { vpc, port: 8080, instances: [instance] });
    const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
    service.addListener('Https', { protocol: ListenerProtocol.HTTPS, defaultAction: ListenerAction.forward(group) });
    const client = new ec2.SecurityGroup(stack, 'Client', { vpc });
    const answer = service.canConnect(vpc, client);
    expect(answer.decision).toBe(Reachability.UNKNOWN);
    expect(hop(answer, /Targets/).reason).toMatch(/imported, and only the rules this app adds to it are known/);
    Annotations.fromStack(stack).hasWarning('/Stack/Instances', Match.stringLikeRegexp('Stack/Closed.*mutable: false.*targetSecurityGroupNotOpened'));
  });

  test('targets: a Lambda function is reached through the permission its target group gives', () => {
    const f = fixture();
    const fn = new lambda.Function(f.stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });
    const service = new LatticeService(f.stack, 'Functions', { serviceNetwork: f.network });
    service.addListener('Http', { protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(new LambdaTargetGroup(f.stack, 'FnGroup', { function: fn })) });
    const answer = service.canConnect(f.clientVpc, f.client);
    expect(answer.decision).toBe(Reachability.REACHABLE);
    expect(hop(answer, /Targets/).reason).toMatch(/lambda:InvokeFunction/);
  });

  // Network ACLs are stateless (VPC Lattice User Guide, network ACLs): the client subnets need the listener port out and
  // the ephemeral ports 1024-65535 in; the target subnets the target and health-check ports in and the ephemeral ports out.
  const aclOf = (f: Fixture, vpc: ec2.IVpc, name: string) =>
    new ec2.NetworkAcl(f.stack, name, { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const allowAll = (acl: ec2.NetworkAcl, directions: ec2.TrafficDirection[], traffic = ec2.AclTraffic.allTraffic()) =>
    directions.forEach((direction, at) => acl.addEntry(`Allow${at}`, { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 100 + at, traffic, direction }));
  const BOTH = [ec2.TrafficDirection.EGRESS, ec2.TrafficDirection.INGRESS];

  test('network ACLs: an ACL of the app with no entries denies all, BLOCKED at the client side', () => {
    const f = fixture();
    aclOf(f, f.clientVpc, 'Acl');
    const answer = f.service.canConnect(f.clientVpc, f.client);
    expect(hop(answer, 'Network ACLs of Stack/ClientVpc (client)')).toEqual(expect.objectContaining({
      verdict: Reachability.BLOCKED, reason: expect.stringMatching(/Stack\/Acl .* allow none of the client traffic \(out TCP 443-443, in TCP 1024-65535\)/),
    }));
  });

  test('network ACLs: the listener port out without the ephemeral ports in is BLOCKED', () => {
    const f = fixture();
    const acl = aclOf(f, f.clientVpc, 'Acl');
    allowAll(acl, [ec2.TrafficDirection.EGRESS], ec2.AclTraffic.tcpPort(443));
    expect(hop(f.service.canConnect(f.clientVpc, f.client), /Network ACLs of Stack\/ClientVpc/).verdict).toBe(Reachability.BLOCKED);
    allowAll(new ec2.NetworkAcl(f.stack, 'Unused', { vpc: f.clientVpc }), BOTH);
    acl.addEntry('Return', { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 200, traffic: ec2.AclTraffic.tcpPortRange(1024, 65535), direction: ec2.TrafficDirection.INGRESS });
    expect(hop(f.service.canConnect(f.clientVpc, f.client), /Network ACLs of Stack\/ClientVpc/).verdict).toBe(Reachability.REACHABLE);
  });

  test('network ACLs: target subnets need the target and health-check ports in and the ephemeral ports out', () => {
    const f = fixture({ healthPort: 8081 });
    const providerVpc = f.stack.node.findChild('ProviderVpc') as ec2.Vpc;
    const acl = aclOf(f, providerVpc, 'TargetAcl');
    acl.addEntry('Traffic', { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 100, traffic: ec2.AclTraffic.tcpPort(8080), direction: ec2.TrafficDirection.INGRESS });
    acl.addEntry('Return', { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 110, traffic: ec2.AclTraffic.tcpPortRange(1024, 65535), direction: ec2.TrafficDirection.EGRESS });
    expect(hop(f.service.canConnect(f.clientVpc, f.client), /Network ACLs of Stack\/ProviderVpc/).verdict).toBe(Reachability.BLOCKED);
    acl.addEntry('Health', { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 120, traffic: ec2.AclTraffic.tcpPort(8081), direction: ec2.TrafficDirection.INGRESS });
    expect(f.service.canConnect(f.clientVpc, f.client).decision).toBe(Reachability.REACHABLE);
  });

  test('network ACLs: a lower-numbered deny wins; an entry for some addresses only is UNKNOWN (VPC Lattice\'s addresses are not known here)', () => {
    const f = fixture();
    const acl = aclOf(f, f.clientVpc, 'Acl');
    allowAll(acl, BOTH);
    acl.addEntry('Deny', { cidr: ec2.AclCidr.anyIpv4(), ruleNumber: 50, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.EGRESS, ruleAction: ec2.Action.DENY });
    expect(hop(f.service.canConnect(f.clientVpc, f.client), /Network ACLs/).verdict).toBe(Reachability.BLOCKED);
    const g = fixture();
    const partial = aclOf(g, g.clientVpc, 'Acl');
    partial.addEntry('Some', { cidr: ec2.AclCidr.ipv4('169.254.171.0/24'), ruleNumber: 100, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.EGRESS });
    allowAll(partial, [ec2.TrafficDirection.INGRESS]);
    const answer = g.service.canConnect(g.clientVpc, g.client);
    expect(answer.decision).toBe(Reachability.UNKNOWN);
    expect(hop(answer, /Network ACLs/).reason).toMatch(/whether VPC Lattice's addresses match an entry/);
  });

  test('network ACLs on some subnets only: the client may be in either, UNKNOWN', () => {
    const f = fixture();
    new ec2.NetworkAcl(f.stack, 'Acl', { vpc: f.clientVpc, subnetSelection: { subnets: [f.clientVpc.isolatedSubnets[0]] } });
    expect(hop(f.service.canConnect(f.clientVpc, f.client), /Network ACLs/).verdict).toBe(Reachability.UNKNOWN);
  });

  test('clients: an instance, a function in the VPC and an ECS service are judged by their security groups', () => {
    const f = fixture();
    const instance = new ec2.Instance(f.stack, 'ClientInstance', {
      vpc: f.clientVpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    const fn = new lambda.Function(f.stack, 'ClientFunction', {
      vpc: f.clientVpc,
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      allowAllOutbound: false,
    });
    expect(f.service.canConnect(f.clientVpc, instance).decision).toBe(Reachability.REACHABLE);
    expect(hop(f.service.canConnect(f.clientVpc, fn), 'Client egress').verdict).toBe(Reachability.BLOCKED);
    fn.connections.allowTo(LatticePrefixList.peer(fn), ec2.Port.tcp(443));
    expect(f.service.canConnect(f.clientVpc, fn).decision).toBe(Reachability.REACHABLE);
    const task = new ecs.FargateTaskDefinition(f.stack, 'ClientTask');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') });
    const ecsService = new ecs.FargateService(f.stack, 'ClientService', { cluster: new ecs.Cluster(f.stack, 'Cluster', { vpc: f.clientVpc }), taskDefinition: task });
    expect(f.service.canConnect(f.clientVpc, ecsService).decision).toBe(Reachability.REACHABLE);
  });

  test('a port no listener serves is BLOCKED at the listener', () => {
    const f = fixture();
    const answer = f.service.canConnect(f.clientVpc, f.client, { port: 8443 });
    expect(hop(answer, 'The listener')).toEqual(expect.objectContaining({ verdict: Reachability.BLOCKED, reason: expect.stringMatching(/no listener on port 8443/) }));
  });
});

describe('a resource configuration', () => {
  test('is REACHABLE through a service network, gateway and database included', () => {
    const r = resources();
    const network = new ServiceNetwork(r.stack, 'Network');
    network.associateResource(r.db);
    network.associateVpc(r.consumerVpc);
    const answer = r.db.canConnect(r.consumerVpc, r.client);
    expect(answer.hops.map(h => [h.description, h.verdict])).toEqual([
      ['The way in', 'REACHABLE'], ['Client egress', 'REACHABLE'], ['Association ingress', 'REACHABLE'],
      ['Resource gateway egress', 'REACHABLE'], ['Resource ingress', 'REACHABLE'],
    ]);
  });

  test('endpoint ingress: a resource endpoint whose group admits nobody is BLOCKED there', () => {
    const r = resources();
    const guard = new ec2.SecurityGroup(r.stack, 'Guard', { vpc: r.consumerVpc });
    r.db.addVpcEndpoint(r.consumerVpc, { securityGroups: [guard] });
    const answer = r.db.canConnect(r.consumerVpc, r.client);
    expect(hop(answer, 'Endpoint ingress')).toEqual(expect.objectContaining({ verdict: Reachability.BLOCKED, reason: expect.stringMatching(/Stack\/Guard allows no TCP/) }));
    expect(hop(answer, 'Resource ingress').verdict).toBe(Reachability.REACHABLE);
  });

  test('without a way in, BLOCKED at the way in', () => {
    const r = resources();
    expect(r.db.canConnect(r.consumerVpc, r.client).hops[0]).toEqual(expect.objectContaining({ description: 'The way in', verdict: Reachability.BLOCKED }));
  });

  test('the gateway\'s own group keeps a no-traffic inline egress rule when its only egress is a separate rule to the database', () => {
    const r = resources();
    const template = Template.fromStack(r.stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('VPC Lattice resource gateway'),
      SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86, Description: 'Disallow all traffic' }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { DestinationSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DbSecurityGroup'), 'GroupId'] } });
    expect(hop(r.db.canConnect(r.consumerVpc, r.client), 'The way in').verdict).toBe(Reachability.BLOCKED);
  });
  test('gateway egress: a port outside the configuration\'s ranges is BLOCKED at the gateway (it opens only those)', () => {
    const stack = strictStack();
    const dataVpc = isolatedVpc(stack, 'DataVpc', '10.10.0.0/16');
    const consumerVpc = isolatedVpc(stack, 'ConsumerVpc', '10.20.0.0/16');
    const gateway = new ResourceGateway(stack, 'Gateway', { vpc: dataVpc });
    const config = new ResourceConfiguration(stack, 'Cache', { gateway, definition: ResourceDefinition.ipAddress('10.10.0.9'), portRanges: ['6379'] });
    config.addVpcEndpoint(consumerVpc);
    const client = new ec2.SecurityGroup(stack, 'App', { vpc: consumerVpc });
    expect(config.canConnect(consumerVpc, client).decision).toBe(Reachability.UNKNOWN);
    const answer = config.canConnect(consumerVpc, client, { port: 6380 });
    expect(hop(answer, 'Resource gateway egress')).toEqual(expect.objectContaining({
      verdict: Reachability.BLOCKED, reason: expect.stringMatching(/Stack\/Gateway\/SecurityGroup allows no TCP port 6380 to 10.10.0.9/),
    }));
  });

  test('resource ingress: a database whose group does not admit the gateway is BLOCKED there, with the fix', () => {
    const r = resources();
    const network = new ServiceNetwork(r.stack, 'Network');
    network.associateResource(r.db);
    network.associateVpc(r.consumerVpc);
    const dbGroup = (r.stack.node.findChild('Db') as rds.DatabaseInstance).connections.securityGroups[0];
    dbGroup.node.children.filter(child => child instanceof ec2.CfnSecurityGroupIngress).forEach(rule => dbGroup.node.tryRemoveChild(rule.node.id));
    const answer = r.db.canConnect(r.consumerVpc, r.client);
    expect(hop(answer, 'Resource ingress')).toEqual(expect.objectContaining({ verdict: Reachability.BLOCKED, reason: expect.stringMatching(/from the resource gateway Stack\/Gateway/) }));
    expect(Reachability.of(r.stack).toJson()).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'Stack/Database', decision: 'BLOCKED' })]));
  });

  test('a network segment through a tunnel endpoint: GENEVE (UDP 6081) from the appliances, then the gateway to the ranges', () => {
    const stack = strictStack();
    const dataVpc = isolatedVpc(stack, 'DataVpc', '10.10.0.0/16');
    const consumerVpc = isolatedVpc(stack, 'ConsumerVpc', '10.20.0.0/16');
    const gateway = new ResourceGateway(stack, 'Gateway', { vpc: dataVpc, dnsResolution: ResourceConfigDnsResolution.IN_VPC });
    const segment = new ResourceConfiguration(stack, 'Segment', { gateway, definition: ResourceDefinition.cidr(['10.10.0.0/16']), portRanges: ['443'] });
    const guard = new ec2.SecurityGroup(stack, 'Guard', { vpc: consumerVpc, allowAllOutbound: false });
    const tunnel = segment.addTunnelEndpoint(consumerVpc, { securityGroups: [guard] });
    const appliances = new ec2.SecurityGroup(stack, 'Appliances', { vpc: consumerVpc, allowAllOutbound: false });
    const blocked = segment.canConnect(consumerVpc, appliances);
    expect(hop(blocked, 'Endpoint ingress')).toEqual(expect.objectContaining({ verdict: Reachability.BLOCKED, reason: expect.stringMatching(/no UDP port 6081/) }));
    tunnel.connections.allowDefaultPortFrom(appliances);
    const answer = segment.canConnect(consumerVpc, appliances);
    expect(answer.hops.map(h => [h.description, h.verdict])).toEqual([
      ['The way in', 'REACHABLE'], ['Client egress', 'REACHABLE'], ['Endpoint ingress', 'REACHABLE'],
      ['Resource gateway egress', 'REACHABLE'], ['Resource ingress', 'UNKNOWN'],
    ]);
  });
});

describe('warnings for declared paths', () => {
  test('a client the association admits, whose own group lets nothing out, gets clientEgressBlocked with the fix', () => {
    const f = fixture({ associate: false, clientOutbound: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    // Only the association's side: connections.allowFrom would open the client's egress as well.
    guard.addIngressRule(f.client, ec2.Port.tcp(443));
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    const annotations = Annotations.fromStack(f.stack);
    annotations.hasWarning('/Stack/Network/ClientVpcAssociation', Match.stringLikeRegexp(
      'admits Stack/Client.*client egress.*Open it: client.connections.allowTo\\(association, ec2.Port.tcp\\(443\\)\\).*clientEgressBlocked'));
  });

  test('a client the association admits on another port than the listener\'s gets clientNotAdmitted with the fix', () => {
    const f = fixture({ associate: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    guard.connections.allowFrom(f.client, ec2.Port.tcp(80));
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Network/ClientVpcAssociation', Match.stringLikeRegexp(
      'admits Stack/Client.*association ingress.*no TCP port 443.*association.connections.allowFrom\\(client, ec2.Port.tcp\\(443\\)\\).*clientNotAdmitted'));
  });

  test('a declared client whose database does not admit the gateway gets resourceIngressBlocked with the fix', () => {
    const stack = strictStack();
    const dataVpc = isolatedVpc(stack, 'DataVpc', '10.10.0.0/16');
    const consumerVpc = isolatedVpc(stack, 'ConsumerVpc', '10.20.0.0/16');
    const database = new rds.DatabaseInstance(stack, 'Db', {
      vpc: dataVpc,
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      port: 5432,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const db = new ResourceConfiguration(stack, 'Database', { gateway: new ResourceGateway(stack, 'Gateway', { vpc: dataVpc }), definition: ResourceDefinition.rds(database) });
    const client = new ec2.SecurityGroup(stack, 'App', { vpc: consumerVpc });
    const endpoint = db.addVpcEndpoint(consumerVpc, { securityGroups: [new ec2.SecurityGroup(stack, 'Guard', { vpc: consumerVpc })] });
    endpoint.connections.allowDefaultPortFrom(client);
    const dbGroup = database.connections.securityGroups[0];
    dbGroup.node.children.filter(child => child instanceof ec2.CfnSecurityGroupIngress).forEach(rule => dbGroup.node.tryRemoveChild(rule.node.id));
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp(
      'admits Stack/App.*resource ingress.*resource.connections.allowDefaultPortFrom\\(gateway\\).*resourceIngressBlocked'));
  });

  test('a declared client behind network ACLs that deny all gets networkAclBlocked', () => {
    const f = fixture({ associate: false });
    const guard = new ec2.SecurityGroup(f.stack, 'Guard', { vpc: f.clientVpc });
    guard.connections.allowFrom(f.client, ec2.Port.tcp(443));
    f.network.associateVpc(f.clientVpc, { securityGroups: [guard] });
    new ec2.NetworkAcl(f.stack, 'Acl', { vpc: f.clientVpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Network/ClientVpcAssociation', Match.stringLikeRegexp(
      'admits Stack/Client.*network ACLs of Stack/ClientVpc \\(client\\).*Open it: acl.addEntry.*networkAclBlocked'));
  });

  test('a path the app never declares gets no warning', () => {
    const f = fixture({ clientOutbound: false });
    expect(f.service.canConnect(f.clientVpc, f.client).decision).toBe(Reachability.BLOCKED);
    expect(Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('clientEgressBlocked|clientNotAdmitted'))).toEqual([]);
  });
});

describe('bad input is rejected with what is allowed', () => {
  test.each([
    ['a client that is not connectable', (f: Fixture) => f.service.canConnect(f.clientVpc, wrong({})), /invalid canConnect client.*must be an ec2.IConnectable/],
    ['a null client', (f: Fixture) => f.service.canConnect(f.clientVpc, wrong(null)), /invalid canConnect client/],
    ['a client without security groups', (f: Fixture) => f.service.canConnect(f.clientVpc, ec2.Peer.anyIpv4()), /invalid canConnect client.*must have security groups/],
    ['a VPC that is not an ec2.IVpc', (f: Fixture) => f.service.canConnect(wrong('vpc-1'), f.client), /invalid canConnect vpc.*must be an ec2.IVpc/],
    ['a null VPC', (f: Fixture) => f.service.canConnect(wrong(null), f.client), /invalid canConnect vpc/],
    ['port 0', (f: Fixture) => f.service.canConnect(f.clientVpc, f.client, { port: 0 }), /invalid canConnect port 0/],
    ['port 65536', (f: Fixture) => f.service.canConnect(f.clientVpc, f.client, { port: 65536 }), /invalid canConnect port 65536/],
    ['a port that is text', (f: Fixture) => f.service.canConnect(f.clientVpc, f.client, { port: wrong('443') }), /invalid canConnect port/],
    ['options that are not an object', (f: Fixture) => f.service.canConnect(f.clientVpc, f.client, wrong(443)), /invalid canConnect options/],
  ])('%s', (_name, build, message) => {
    const f = fixture();
    expect(() => build(f)).toThrow(message);
  });

  test('Reachability.of without a construct', () => {
    expect(() => Reachability.of(wrong(null))).toThrow(/Reachability.of: invalid scope null: must be a construct/);
  });
});

describe('every example app', () => {
  /** Why an example's path is not REACHABLE, as the example shows it. */
  const WHY_NOT: Record<string, RegExp> = {
    'SimpleNetwork/Service': /target group is imported/,
    'Analytics/OrdersData': /is imported: its services and resources are not known here/,
    'Billing/OrdersData': /is imported: its services and resources are not known here/,
    'OrdersData/OrdersDatabaseByName': /DNS name of the resource is not a construct of this app/,
    // The consumer finds the shared segment by name at deploy time; the provider's gateway is in another account.
    'SegmentConsumer/Segment': /the configuration is imported/,
    // The provider's segment: its hosts are addresses, no construct of the app, so their own ingress is not known.
    'SegmentProvider/Segment': /10.40.0.0\/16 is not a construct of this app/,
  };
  test.each(exampleNames())('%s: every path is REACHABLE, or the example says why not', (name) => {
    type Path = { to: string; decision: string; hops: Array<{ verdict: string; reason: string }> };
    const paths = Reachability.of(exampleApp(name, WITHOUT_STACK_TRACES)).toJson() as Path[];
    for (const path of paths) {
      if (path.decision === 'REACHABLE') { continue; }
      expect([path.to, path.decision]).toEqual([path.to, 'UNKNOWN']);
      expect(path.hops.filter(h => h.verdict !== 'REACHABLE').map(h => h.reason).join('; ')).toMatch(WHY_NOT[path.to] ?? /^never$/);
    }
  });
});

describe('properties of the judge', () => {
  const party = { name: 'the client', securityGroupIds: ['sg-11111111'], cidrs: [['10.0.0.0/16']] };
  const admitting: RuleFact = { ipProtocol: 'tcp', fromPort: 443, toPort: 443, securityGroupId: 'sg-11111111' };
  /** Rules that never admit the party on 443: other ports, other groups, other ranges, other protocols. */
  const other = fc.oneof(
    fc.record({ ipProtocol: fc.constant('tcp'), fromPort: fc.integer({ min: 1, max: 442 }), toPort: fc.integer({ min: 1, max: 442 }), cidrIp: fc.constant('0.0.0.0/0') }),
    fc.record({ ipProtocol: fc.constant('tcp'), fromPort: fc.constant(0), toPort: fc.constant(65535), securityGroupId: fc.constant('sg-22222222') }),
    fc.record({ ipProtocol: fc.constant('-1'), cidrIp: fc.constantFrom('192.168.0.0/16', '10.1.0.0/16', '172.16.0.0/12') }),
    fc.record({ ipProtocol: fc.constant('udp'), fromPort: fc.constant(443), toPort: fc.constant(443), cidrIp: fc.constant('0.0.0.0/0') }),
  ) as fc.Arbitrary<RuleFact>;
  const ports = { from: 443, to: 443 };

  test('removing the one rule that admits a REACHABLE path makes it BLOCKED', () => {
    fc.assert(fc.property(fc.array(other, { maxLength: 8 }), fc.nat(8), (rules, at) => {
      const withRule = [...rules.slice(0, at), admitting, ...rules.slice(at)];
      expect(judgeRules([{ name: 'g', rules: withRule }], party, ports, 'from').verdict).toBe('REACHABLE');
      expect(judgeRules([{ name: 'g', rules }], party, ports, 'from').verdict).toBe('BLOCKED');
    }));
  });

  test('a token in place of any value of a rule gives UNKNOWN, never flips REACHABLE and BLOCKED', () => {
    const stack = new Stack();
    const token = (kind: 'text' | 'number') => (kind === 'text' ? new CfnParameter(stack, `P${stack.node.children.length}`).valueAsString
      : new CfnParameter(stack, `P${stack.node.children.length}`, { type: 'Number' }).valueAsNumber);
    fc.assert(fc.property(fc.array(other, { maxLength: 5 }), fc.boolean(), fc.constantFrom('fromPort', 'toPort', 'securityGroupId', 'ipProtocol'), (rules, admits, field) => {
      const rule = admits ? admitting : (rules[0] ?? { ipProtocol: 'tcp', fromPort: 80, toPort: 80, securityGroupId: 'sg-22222222' });
      const before = judgeRules([{ name: 'g', rules: [rule, ...rules.slice(1)] }], party, ports, 'from').verdict;
      const changed = { ...rule, [field]: token(field === 'fromPort' || field === 'toPort' ? 'number' : 'text') };
      const after = judgeRules([{ name: 'g', rules: [changed, ...rules.slice(1)] }], party, ports, 'from').verdict;
      expect(after === before || after === 'UNKNOWN').toBe(true);
    }), { numRuns: 60 });
  });

  test('on a built app, removing the rule of any one security-group hop makes it BLOCKED at that hop', () => {
    fc.assert(fc.property(fc.constantFrom('Client egress', 'Association ingress'), fc.constantFrom(443, 8443), (broken, port) => {
      const stack = strictStack();
      const vpc = isolatedVpc(stack, 'Vpc', '10.0.0.0/16');
      const network = new ServiceNetwork(stack, 'Network');
      const guard = new ec2.SecurityGroup(stack, 'Guard', { vpc, allowAllOutbound: false });
      const client = new ec2.SecurityGroup(stack, 'Client', { vpc, allowAllOutbound: false });
      network.associateVpc(vpc, { securityGroups: [guard] });
      // One side each: connections.allowFrom and allowTo open both.
      if (broken !== 'Client egress') { client.addEgressRule(guard, ec2.Port.tcp(port)); }
      if (broken !== 'Association ingress') { guard.addIngressRule(client, ec2.Port.tcp(port)); }
      const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
      service.addListener('Https', { protocol: ListenerProtocol.HTTPS, port, defaultAction: ListenerAction.fixedResponse(404) });
      const answer = service.canConnect(vpc, client);
      expect(answer.decision).toBe('BLOCKED');
      expect(answer.hops.filter(h => h.verdict === 'BLOCKED').map(h => h.description)).toEqual([broken]);
    }), { numRuns: 6 });
  });
});

describe('the topology draws the answer', () => {
  test('a blocked hop is a red dashed edge with the reason in its label', () => {
    const topology = Topology.of(blockedApp());
    const blocked = topology.toJson().edges.filter(edge => edge.kind === TopologyEdgeKind.BLOCKED);
    expect(blocked).toEqual([{
      from: 'Blocked_ClientVpc',
      to: 'Blocked_Orders',
      kind: TopologyEdgeKind.BLOCKED,
      label: expect.stringMatching(/^blocked: missing rule: the security group Blocked\/AdmitsNoOne allows no TCP port 443 from the clients of Blocked\/ClientVpc$/),
    }]);
    const mermaid = topology.toMermaid();
    const index = mermaid.split('\n').filter(line => / -->| -\.->/.test(line)).findIndex(line => line.includes('blocked'));
    expect(mermaid).toContain(`  linkStyle ${index} stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#c62828`);
  });

  test('the examples have no blocked hop to draw', () => {
    for (const name of exampleNames()) {
      expect(Topology.of(exampleApp(name, WITHOUT_STACK_TRACES)).toJson().edges.filter(edge => edge.kind === TopologyEdgeKind.BLOCKED)).toEqual([]);
    }
  });
});
