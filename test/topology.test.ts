import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WITHOUT_STACK_TRACES } from './util';
import { exampleApp, exampleNames } from '../scripts/example-apps';
import { NASTY_HEADERS, NASTY_IDS, nastyApp } from '../scripts/nasty-topology';
import { nodeId } from '../src/topology/builder';
import {
  AlbTargetGroup, AuthType, EcsTargetGroup, HeaderMatch, HttpMethod, InstanceTargetGroup, IpTargetGroup, LambdaTargetGroup, LatticeService,
  ListenerAction, ListenerProtocol, PathMatch, ResourceConfiguration, ResourceConfigurationChild, ResourceConfigurationGroup, ResourceDefinition,
  ResourceGateway, ServiceNetwork, TargetGroupBase, Topology, TopologyEdgeKind, TopologyGraph, TopologyNodeKind,
} from 'cdk-vpc-lattice';

const TG_ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0';

/** The nodes as `id: label lines joined by |`, and the edges as `from -> to [kind label]`. */
function outline(graph: TopologyGraph) {
  return {
    nodes: graph.nodes.map(node => `${node.id}: ${node.label.split('\n').join(' | ')}`),
    edges: graph.edges.map(edge => `${edge.from} -> ${edge.to} [${edge.kind}${edge.label ? ` ${edge.label}` : ''}]`),
  };
}

function nodeAt(graph: TopologyGraph, pathOrId: string) {
  const node = graph.nodes.find(candidate => candidate.path === pathOrId || candidate.id === pathOrId);
  if (!node) { throw new Error(`no node ${pathOrId} in ${graph.nodes.map(n => n.id).join(', ')}`); }
  return node;
}

/** Mermaid's numeric entity codes (`#35;`) back to characters. */
function decodeEntities(text: string): string {
  return text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** The topology of each example app, read once: a topology is a snapshot of the app, and reading it changes nothing. */
const exampleTopologies = new Map(exampleNames().map(name => [name, Topology.of(exampleApp(name, WITHOUT_STACK_TRACES))]));
const topologyOf = (name: string) => exampleTopologies.get(name)!;

describe('the topology of every example', () => {
  describe.each(exampleNames())('%s', (name) => {
    const topology = topologyOf(name);

    test('graph and diagram match their snapshots', () => {
      expect(outline(topology.toJson())).toMatchSnapshot();
      expect(topology.toMermaid()).toMatchSnapshot();
    });

    test('every edge joins two nodes of the graph, and every node but a client VPC is reached by one', () => {
      const { nodes, edges } = topology.toJson();
      const ids = new Set(nodes.map(node => node.id));
      edges.forEach(edge => expect([ids.has(edge.from), ids.has(edge.to)]).toEqual([true, true]));
      nodes.filter(node => node.kind !== TopologyNodeKind.VPC && node.kind !== TopologyNodeKind.SERVICE_NETWORK)
        .forEach(node => expect(edges.some(edge => edge.to === node.id)).toBe(true));
    });
  });

  test('target-groups: a weighted default action, two rules by priority and path, an instance and a function as targets', () => {
    const graph = topologyOf('target-groups').toJson();
    expect(outline(graph)).toEqual({
      nodes: [
        'TargetGroups_ClientVpc: ClientVpc | 10.0.0.0/16',
        'TargetGroups_Network: target-groups-demo | service network, auth AWS_IAM',
        'TargetGroups_Service: hello | service, auth AWS_IAM',
        'TargetGroups_Service_Https: HTTPS:443',
        'TargetGroups_Service_Https_ToFunction: priority 2 | prefix /to-function',
        'TargetGroups_Service_Https_ToInstance: priority 1 | prefix /to-instance',
        'TargetGroups_Functions: Functions | LAMBDA',
        'TargetGroups_Instances: Instances | INSTANCE HTTP:8080',
        'TargetGroups_Handler: Handler | Lambda function',
        'TargetGroups_Web: Web | EC2 instance',
      ],
      edges: [
        'TargetGroups_ClientVpc -> TargetGroups_Network [VPC_ASSOCIATION]',
        'TargetGroups_Functions -> TargetGroups_Handler [TARGET]',
        'TargetGroups_Instances -> TargetGroups_Web [TARGET]',
        'TargetGroups_Network -> TargetGroups_Service [SERVICE_ASSOCIATION]',
        'TargetGroups_Service -> TargetGroups_Service_Https [LISTENER]',
        'TargetGroups_Service_Https -> TargetGroups_Functions [FORWARD default, weight 1 (33%)]',
        'TargetGroups_Service_Https -> TargetGroups_Instances [FORWARD default, weight 2 (67%)]',
        'TargetGroups_Service_Https -> TargetGroups_Service_Https_ToFunction [RULE]',
        'TargetGroups_Service_Https -> TargetGroups_Service_Https_ToInstance [RULE]',
        'TargetGroups_Service_Https_ToFunction -> TargetGroups_Functions [FORWARD]',
        'TargetGroups_Service_Https_ToInstance -> TargetGroups_Instances [FORWARD]',
      ],
    });
    expect(graph.edges.filter(edge => edge.weight !== undefined).map(edge => [edge.to, edge.weight]))
      .toEqual([['TargetGroups_Functions', 1], ['TargetGroups_Instances', 2]]);
    expect(nodeAt(graph, 'TargetGroups/Instances').properties).toEqual({ targetGroupType: 'INSTANCE', protocol: 'HTTP', port: '8080' });
    expect(nodeAt(graph, 'TargetGroups/Service/Https/ToInstance').properties).toEqual({ priority: '1', match: 'prefix /to-instance' });
  });

  test('platform-blueprint: the network imported by name in the application account, and the one defined in the network account', () => {
    const graph = topologyOf('platform-blueprint').toJson();
    expect(nodeAt(graph, 'OrdersApplication/Platform')).toMatchObject({
      kind: TopologyNodeKind.SERVICE_NETWORK, label: 'platform\nservice network (imported by name)', properties: { imported: 'true' },
    });
    expect(nodeAt(graph, 'PlatformNetwork/Network').properties).toEqual({ authType: 'AWS_IAM' });
    expect(graph.edges).toContainEqual({ from: 'OrdersApplication_Platform', to: 'OrdersApplication_Orders', kind: TopologyEdgeKind.SERVICE_ASSOCIATION });
  });

  test('simple-network: a target group imported by ARN is named by its ID', () => {
    const graph = topologyOf('simple-network').toJson();
    expect(nodeAt(graph, 'SimpleNetwork/Targets')).toMatchObject({ label: 'tg-0123456789abcdef0\ntarget group (imported)', properties: { imported: 'true' } });
  });

  test('vpc-resources: configurations associated with the shared network and reached through their gateway; a VPC associated, a VPC through an endpoint', () => {
    const graph = topologyOf('vpc-resources').toJson();
    const kinds = (kind: TopologyNodeKind) => graph.nodes.filter(node => node.kind === kind);
    expect(kinds(TopologyNodeKind.RESOURCE_GATEWAY).map(node => node.label.split('\n')[1])).toEqual(['resource gateway']);
    const configurations = kinds(TopologyNodeKind.RESOURCE_CONFIGURATION);
    expect(configurations.map(node => node.properties.resourceConfigurationType).sort()).toEqual(['ARN', 'SINGLE']);
    const gateway = kinds(TopologyNodeKind.RESOURCE_GATEWAY)[0].id;
    configurations.forEach(configuration =>
      expect(graph.edges).toContainEqual({ from: configuration.id, to: gateway, kind: TopologyEdgeKind.GATEWAY }));
    const associations = graph.edges.filter(edge => edge.kind === TopologyEdgeKind.RESOURCE_ASSOCIATION);
    expect(associations.map(edge => edge.to).sort()).toEqual(configurations.map(node => node.id).sort());
    const endpoints = graph.edges.filter(edge => edge.kind === TopologyEdgeKind.VPC_ENDPOINT);
    expect(endpoints).toEqual([expect.objectContaining({ from: expect.stringMatching(/^Billing_/), label: 'endpoint' })]);
    expect(graph.nodes.find(node => node.id === endpoints[0].to)?.kind).toBe(TopologyNodeKind.SERVICE_NETWORK);
  });

  test('a resource configuration group leads to its children, which have no gateway of their own', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const gateway = new ResourceGateway(stack, 'Gateway', { vpc });
    const group = new ResourceConfigurationGroup(stack, 'Internal', { gateway, groupDomain: 'internal.example.com', portRanges: ['443'] });
    group.addChild('Orders', { definition: ResourceDefinition.dnsName('orders.internal.example.com') });
    new ServiceNetwork(stack, 'Network').associateResource(group);

    expect(outline(Topology.of(stack).toJson()).edges).toEqual([
      'Stack_Internal -> Stack_Gateway [GATEWAY]',
      'Stack_Internal -> Stack_Internal_Orders [CHILD]',
      'Stack_Network -> Stack_Internal [RESOURCE_ASSOCIATION]',
    ]);
    expect(nodeAt(Topology.of(stack).toJson(), 'Stack/Internal/Orders').properties)
      .toMatchObject({ resourceConfigurationType: 'CHILD', resource: 'orders.internal.example.com' });
  });

  test('a topology read from a group includes its children created elsewhere in the app', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const group = new ResourceConfigurationGroup(stack, 'Internal', { gateway: new ResourceGateway(stack, 'Gateway', { vpc }), groupDomain: 'internal.example.com', portRanges: ['443'] });
    new ResourceConfigurationChild(stack, 'Billing', { group, definition: ResourceDefinition.dnsName('billing.internal.example.com') });

    expect(outline(Topology.of(group).toJson()).edges).toContain('Stack_Internal -> Stack_Billing [CHILD]');
  });

  test('the guide shows the target-groups diagram as the library draws it', () => {
    const guide = fs.readFileSync(path.join(__dirname, '..', 'docs', 'GUIDE.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(guide);
    expect(block?.[1]).toEqual(topologyOf('target-groups').toMermaid());
  });
});

describe('nodes and labels', () => {
  function everyTarget() {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), maxAzs: 2, natGateways: 0 });
    const instance = new ec2.Instance(stack, 'Instance', {
      vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    const asg = new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    const instances = new InstanceTargetGroup(stack, 'Instances', { vpc, port: 8080, instances: [instance] });
    instances.addInstance(instance, 9090);
    instances.addAutoScalingGroup(asg);
    const ips = new IpTargetGroup(stack, 'Ips', { vpc, targets: ['10.0.1.10', '10.0.1.11:8080'] });
    const handler = lambda.Function.fromFunctionArn(stack, 'Handler', 'arn:aws:lambda:us-east-1:111122223333:function:orders');
    const functions = new LambdaTargetGroup(stack, 'Functions', { function: handler });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const albListener = loadBalancer.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const alb = new AlbTargetGroup(stack, 'AlbGroup', { loadBalancer, listener: albListener });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx'), portMappings: [{ containerPort: 8080 }] });
    const fargate = new ecs.FargateService(stack, 'Fargate', { cluster, taskDefinition });
    const tasks = new EcsTargetGroup(stack, 'Tasks', { service: fargate });
    const service = new LatticeService(stack, 'Service');
    service.addListener('Http', {
      protocol: ListenerProtocol.HTTP,
      defaultAction: ListenerAction.weightedForward([
        { targetGroup: instances, weight: 0 }, { targetGroup: ips, weight: 10 }, { targetGroup: functions, weight: 10 },
        { targetGroup: alb, weight: 10 }, { targetGroup: tasks, weight: 10 },
      ]),
    });
    return { stack, graph: Topology.of(stack).toJson() };
  }

  test('targets: instances (with their own ports), an Auto Scaling group, IP addresses, a function, an ALB, an ECS service', () => {
    const { graph } = everyTarget();
    const targets = graph.edges.filter(edge => edge.kind === TopologyEdgeKind.TARGET)
      .map(edge => `${edge.from} -> ${nodeAt(graph, edge.to).label.replace('\n', ' | ')}${edge.label ? ` [${edge.label}]` : ''}`);
    expect(targets).toEqual([
      'Stack_AlbGroup -> Alb | Application Load Balancer',
      'Stack_Functions -> Handler | Lambda function',
      'Stack_Instances -> Asg | Auto Scaling group',
      'Stack_Instances -> Instance | EC2 instance',
      'Stack_Instances -> Instance | EC2 instance [port 9090]',
      'Stack_Ips -> 10.0.1.10 | IP address',
      'Stack_Ips -> 10.0.1.11 | IP address [port 8080]',
      'Stack_Tasks -> Fargate | ECS service',
    ]);
    expect(graph.nodes.filter(node => node.kind === TopologyNodeKind.TARGET).map(node => node.properties.targetType).sort())
      .toEqual(['ALB', 'AUTO_SCALING_GROUP', 'ECS_SERVICE', 'INSTANCE', 'IP', 'IP', 'LAMBDA']);
  });

  test('target groups: type and protocol:port; weights with their share, a weight of 0 included', () => {
    const { graph } = everyTarget();
    expect(['Stack/Instances', 'Stack/Ips', 'Stack/Functions', 'Stack/AlbGroup', 'Stack/Tasks'].map(at => nodeAt(graph, at).label.split('\n')[1]))
      .toEqual(['INSTANCE HTTP:8080', 'IP HTTP:80', 'LAMBDA', 'ALB HTTP:80', 'IP HTTP:8080']);
    expect(graph.edges.filter(edge => edge.kind === TopologyEdgeKind.FORWARD).map(edge => [edge.to, edge.label, edge.weight])).toEqual([
      ['Stack_AlbGroup', 'default, weight 10 (25%)', 10],
      ['Stack_Functions', 'default, weight 10 (25%)', 10],
      ['Stack_Instances', 'default, weight 0 (0%)', 0],
      ['Stack_Ips', 'default, weight 10 (25%)', 10],
      ['Stack_Tasks', 'default, weight 10 (25%)', 10],
    ]);
  });

  test('services: auth type and custom domain; listeners: protocol:port and a fixed-response default; rules: method, path and headers', () => {
    const stack = new Stack(new App(), 'Stack');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111122223333:certificate/abc');
    const service = new LatticeService(stack, 'Orders', {
      serviceName: 'orders', authType: AuthType.NONE, customDomain: { domainName: 'orders.internal.example.com', certificate },
    });
    const group = TargetGroupBase.fromTargetGroupArn(stack, 'Group', TG_ARN);
    const listener = service.addListener('Https', { port: 8443 });
    listener.addRule('Canary', {
      priority: 10,
      match: { method: HttpMethod.GET, path: PathMatch.prefix('/api'), headers: [HeaderMatch.exact('x-canary', 'true'), HeaderMatch.contains('user-agent', 'bot')] },
      action: ListenerAction.forward(group),
    });
    listener.addRule('Gone', { priority: 20, match: { path: PathMatch.exact('/v1') }, action: ListenerAction.fixedResponse(404) });
    const graph = Topology.of(stack).toJson();

    expect(nodeAt(graph, 'Stack/Orders')).toMatchObject({
      label: 'orders\nservice, auth NONE\norders.internal.example.com', properties: { authType: 'NONE', customDomain: 'orders.internal.example.com' },
    });
    expect(nodeAt(graph, 'Stack/Orders/Https')).toMatchObject({ label: 'HTTPS:8443\ndefault: fixed response 404', properties: { protocol: 'HTTPS', port: '8443' } });
    expect(nodeAt(graph, 'Stack/Orders/Https/Canary').label).toBe('priority 10\nGET, prefix /api, x-canary: true, user-agent: contains bot');
    expect(nodeAt(graph, 'Stack/Orders/Https/Gone').label).toBe('priority 20\n/v1\nfixed response 404');
    expect(graph.edges.filter(edge => edge.kind === TopologyEdgeKind.FORWARD)).toEqual([{ from: 'Stack_Orders_Https_Canary', to: 'Stack_Group', kind: TopologyEdgeKind.FORWARD }]);
  });

  test('imported services and networks: named by their IDs, or by the name they are looked up by', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Network', 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0');
    const shared = LatticeService.fromServiceArn(stack, 'Shared', 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-0123456789abcdef0');
    const found = LatticeService.fromServiceName(stack, 'Found', 'billing');
    network.associateService(shared);
    network.associateService(found);
    const graph = Topology.of(stack).toJson();

    expect(outline(graph).nodes).toEqual([
      'Stack_Network: sn-0123456789abcdef0 | service network (imported)',
      'Stack_Found: billing | service (imported by name)',
      'Stack_Shared: svc-0123456789abcdef0 | service (imported)',
    ]);
  });

  test('a resource configuration imported by name shows the name it is looked up by', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'platform' });
    network.associateResource(ResourceConfiguration.fromResourceConfigurationName(stack, 'Db', 'orders-db'));
    network.associateResource(ResourceConfiguration.fromResourceConfigurationArn(stack, 'Cache',
      'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0'));

    expect(outline(Topology.of(stack).toJson()).nodes).toEqual(expect.arrayContaining([
      'Stack_Db: orders-db | resource configuration (imported by name)',
      'Stack_Cache: rcfg-0123456789abcdef0 | resource configuration (imported)',
    ]));
  });

  test('a VPC imported with its ID and CIDR block shows both', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Clients', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], vpcCidrBlock: '10.9.0.0/16' });
    new ServiceNetwork(stack, 'Network').associateVpc(vpc);
    expect(nodeAt(Topology.of(stack).toJson(), 'Stack/Clients')).toMatchObject({
      kind: TopologyNodeKind.VPC, label: 'Clients\nvpc-12345678\n10.9.0.0/16', properties: { vpcId: 'vpc-12345678', cidr: '10.9.0.0/16' },
    });
  });
});

describe('node IDs', () => {
  test('are the construct path with `_` for `/`; other characters get a hash of the path, so that IDs never collide', () => {
    expect(nodeId('Stack/Orders/Https')).toBe('Stack_Orders_Https');
    expect(nodeId('A/B_C')).toMatch(/^A_B_C__[0-9a-f]{8}$/);
    expect(nodeId('A_B/C')).toMatch(/^A_B_C__[0-9a-f]{8}$/);
    expect(nodeId('A/B_C')).not.toBe(nodeId('A_B/C'));
    expect(nodeId('A/B_C')).not.toBe(nodeId('A/B/C'));
    expect(nodeId('Stack/🚀')).toMatch(/^Stack__[0-9a-f]{8}$/);
    expect(nodeId('Stack/🚀')).toBe(nodeId('Stack/🚀'));
  });

  test('do not depend on the order the constructs were created in, and the graph reads the same', () => {
    function build(order: 'network first' | 'groups first') {
      const stack = new Stack(new App(), 'Stack');
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], vpcCidrBlock: '10.0.0.0/16' });
      const makeGroups = () => ['Blue', 'Green'].map(id => new IpTargetGroup(stack, id, { vpc, targets: ['10.0.0.10'] }));
      const groups = order === 'groups first' ? makeGroups() : [];
      const network = new ServiceNetwork(stack, 'Network');
      const [blue, green] = order === 'groups first' ? groups : makeGroups();
      const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
      service.addListener('Https', { defaultAction: ListenerAction.weightedForward([{ targetGroup: blue, weight: 90 }, { targetGroup: green, weight: 10 }]) });
      network.associateVpc(vpc);
      return Topology.of(stack.node.root);
    }
    expect(build('groups first').toJson()).toEqual(build('network first').toJson());
    expect(build('groups first').toMermaid()).toEqual(build('network first').toMermaid());
  });
});

describe('labels that could break the diagram', () => {
  const app = nastyApp();
  const topology = Topology.of(app);
  const graph = topology.toJson();
  const mermaid = topology.toMermaid();

  test('the graph keeps them as they are', () => {
    const labels = graph.nodes.map(node => node.label);
    expect(labels).toContainEqual(expect.stringContaining(NASTY_IDS.service));
    expect(labels).toContainEqual(expect.stringContaining(`${NASTY_HEADERS.name}: ${NASTY_HEADERS.value}`));
    expect(labels).toContainEqual(expect.stringContaining(`${NASTY_HEADERS.containsName}: contains ${NASTY_HEADERS.containsValue}`));
  });

  test('in the diagram, each label is one quoted string of plain characters and entity codes, which decode to the label', () => {
    // A node is its ID, its shape's opening, a quoted label (its lines separated by line breaks) and the shape's end.
    const statements = [...mermaid.matchAll(/^ {2}([A-Za-z0-9_]+)(?:\(\[|\{\{|\(|>|\[\[|\[\/|\[)"([^"]*)"(?:\]\)|\}\}|\)|\]|\]\]|\/\])$/gm)];
    expect(statements.map(([, id]) => id)).toEqual(graph.nodes.map(node => node.id));
    statements.forEach(([, , label], index) => {
      label.split('\n').forEach(line => expect(line).toMatch(/^([A-Za-z0-9 .,\-_/()=+*@]|#\d+;)+$/));
      expect(label.split('\n').map(decodeEntities).join('\n')).toBe(graph.nodes[index].label);
    });
    // Without HTML in a label, Mermaid keeps entity codes as text rather than drawing icons and formulas.
    expect(mermaid).not.toMatch(/<br/);
  });

  test('no line of the diagram has a `:` that Mermaid could read as a style or an icon, except the classDef lines', () => {
    mermaid.split('\n').filter(line => !line.trimStart().startsWith('classDef')).forEach(line => expect(line).not.toContain(':'));
  });

  test('node IDs start with the stack IDs end, o and x, and are letters, digits and _', () => {
    const starts = new Set(graph.nodes.map(node => node.id.split('_')[0]));
    expect([...starts].sort()).toEqual(['end', 'o', 'x']);
    graph.nodes.forEach(node => expect(node.id).toMatch(/^[A-Za-z0-9_]+$/));
  });

  test('the topology of one stack takes in what it is connected to in the others', () => {
    const stackX = app.node.findChild('x');
    expect(Topology.of(stackX).toJson()).toEqual(graph);
  });
});
