import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AuthType, EcsTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork } from 'cdk-vpc-lattice';

/** nginx answering on 8080: `/health` for VPC Lattice's health checks, anything else for callers. */
const WEB_SERVER = [
  "cat > /etc/nginx/conf.d/default.conf <<'EOF'",
  'server {',
  '  listen 8080;',
  '  default_type text/plain;',
  '  location = /health { return 200 "ok"; }',
  '  location / { return 200 "hello from $hostname"; }',
  '}',
  'EOF',
  "exec nginx -g 'daemon off;'",
].join('\n');

/**
 * An ECS service as a VPC Lattice target, open to every client of the network. The provider VPC runs a Fargate
 * service (nginx on container port 8080) whose tasks ECS registers in a VPC Lattice target group by itself: the
 * service gets its VPC Lattice configuration and infrastructure role, the port mapping its name, and the tasks'
 * security group admits VPC Lattice on 8080, all from the one `EcsTargetGroup`. A VPC Lattice service forwards its
 * HTTP:80 listener to the group, and a consumer VPC is associated with the network. Auth is NONE on both, so a client
 * in the consumer VPC calls `curl http://<service domain>/` unsigned; the synth warnings say so.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'EcsOpen');

  // The tasks pull their image from the ECR Public Gallery, through a NAT gateway.
  const providerVpc = new ec2.Vpc(stack, 'ProviderVpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const consumerVpc = new ec2.Vpc(stack, 'ConsumerVpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'clients', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });

  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: providerVpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'WebTask', { cpu: 256, memoryLimitMiB: 512 });
  taskDefinition.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    entryPoint: ['sh', '-c'],
    command: [WEB_SERVER],
    portMappings: [{ containerPort: 8080 }],
    logging: ecs.LogDrivers.awsLogs({
      streamPrefix: 'web',
      logGroup: new logs.LogGroup(stack, 'WebLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    }),
  });
  const web = new ecs.FargateService(stack, 'Web', {
    cluster,
    taskDefinition,
    desiredCount: 2,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
  });

  const webTasks = new EcsTargetGroup(stack, 'WebTasks', {
    service: web,
    containerPort: 8080,
    healthCheck: { path: '/health', healthyThresholdCount: 2, unhealthyThresholdCount: 2, healthyHttpCodes: '200' },
  });

  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'ecs-open', authType: AuthType.NONE });
  network.associateVpc(consumerVpc);
  new LatticeService(stack, 'Service', {
    serviceName: 'web',
    authType: AuthType.NONE,
    serviceNetwork: network,
    listeners: [{ protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(webTasks) }],
  });
}
