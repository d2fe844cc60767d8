import { App, Aws, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EcsTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork } from 'cdk-vpc-lattice';

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
 * An ECS service as a VPC Lattice target behind IAM auth, called by an ECS task in another VPC. The provider VPC runs
 * a Fargate service (nginx on container port 8080) registered by ECS in a VPC Lattice target group; a VPC Lattice
 * service with IAM auth (the default) forwards its HTTP:80 listener to the group. The consumer VPC is associated with
 * the network, which lets only signed requests through, and the service lets only the consumer's task role call it:
 * `service.grantInvoke(clientTask.taskRole)` writes the role's IAM policy and the service's auth policy.
 *
 * The consumer's task makes one signed call and prints the answer to its log. Run it with the stack's outputs:
 * `aws ecs run-task --cluster <ClientClusterName> --task-definition <ClientTaskDefinitionArn> --launch-type FARGATE
 * --network-configuration 'awsvpcConfiguration={subnets=[<ClientSubnetId>]}'`.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'EcsIam');

  // Each VPC pulls its task images from the ECR Public Gallery, through a NAT gateway.
  const vpc = (id: string, cidr: string) => new ec2.Vpc(stack, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const providerVpc = vpc('ProviderVpc', '10.0.0.0/16');
  const consumerVpc = vpc('ConsumerVpc', '10.1.0.0/16');
  const logGroup = (id: string) => new logs.LogGroup(stack, id, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

  // The provider: nginx on 8080, two tasks.
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: providerVpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const webTask = new ecs.FargateTaskDefinition(stack, 'WebTask', { cpu: 256, memoryLimitMiB: 512 });
  webTask.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    entryPoint: ['sh', '-c'],
    command: [WEB_SERVER],
    portMappings: [{ containerPort: 8080 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup: logGroup('WebLogs') }),
  });
  const web = new ecs.FargateService(stack, 'Web', {
    cluster,
    taskDefinition: webTask,
    desiredCount: 2,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
  });
  const webTasks = new EcsTargetGroup(stack, 'WebTasks', {
    service: web,
    containerPort: 8080,
    healthCheck: { path: '/health', healthyThresholdCount: 2, unhealthyThresholdCount: 2, healthyHttpCodes: '200' },
  });

  // IAM auth on the network (only signed requests) and on the service (only the principals granted below).
  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'ecs-iam' });
  network.associateVpc(consumerVpc);
  const service = new LatticeService(stack, 'Service', {
    serviceName: 'web',
    serviceNetwork: network,
    listeners: [{ protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(webTasks) }],
  });

  // The consumer: a task that signs one request with its task role's credentials (SigV4, service vpc-lattice-svcs).
  const clientCluster = new ecs.Cluster(stack, 'ClientCluster', { vpc: consumerVpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const clientTask = new ecs.FargateTaskDefinition(stack, 'ClientTask', { cpu: 256, memoryLimitMiB: 512 });
  clientTask.addContainer('client', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-cli/aws-cli:latest'),
    entryPoint: ['sh', '-c'],
    command: [[
      'eval "$(aws configure export-credentials --format env)"',
      `curl --silent --show-error --aws-sigv4 "aws:amz:${Aws.REGION}:vpc-lattice-svcs"`
        + ' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" --header "x-amz-security-token: $AWS_SESSION_TOKEN"'
        + ` --header "x-amz-content-sha256: UNSIGNED-PAYLOAD" "http://${service.domainName}/"`,
    ].join(' && ')],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'client', logGroup: logGroup('ClientLogs') }),
  });
  service.grantInvoke(clientTask.taskRole);

  new CfnOutput(stack, 'ClientClusterName', { value: clientCluster.clusterName });
  new CfnOutput(stack, 'ClientTaskDefinitionArn', { value: clientTask.taskDefinitionArn });
  new CfnOutput(stack, 'ClientSubnetId', { value: consumerVpc.privateSubnets[0].subnetId });
}
