import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/*
 * What the ECS examples share: VPCs whose tasks pull images from the ECR Public Gallery, and the service they put
 * behind VPC Lattice. Nothing here knows VPC Lattice; each example's app.ts does the VPC Lattice part.
 */

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

/** A VPC whose tasks run in private subnets and reach the ECR Public Gallery through one NAT gateway. */
export function vpcWithNatGateway(scope: Construct, id: string, cidr: string): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
}

/**
 * A VPC of isolated subnets (no internet) in two Availability Zones, with flow logs: for clients, or whatever else needs
 * no internet. `subnetGroupName` names the subnet group (and so the subnets' construct IDs).
 */
export function clientVpc(scope: Construct, id: string, cidr: string, subnetGroupName = 'clients'): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: subnetGroupName, subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
}

/** A Fargate task definition for one container, whose output goes to a log group of its own kept for a month. */
export function taskWithLogs(scope: Construct, id: string, container: string, options: Omit<ecs.ContainerDefinitionOptions, 'logging'>) {
  const taskDefinition = new ecs.FargateTaskDefinition(scope, id, { cpu: 256, memoryLimitMiB: 512 });
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  taskDefinition.addContainer(container, { ...options, logging: ecs.LogDrivers.awsLogs({ streamPrefix: container, logGroup }) });
  return taskDefinition;
}

/** What runs in a Fargate service of these examples: one container, the shell command it runs and its one port. */
export interface ContainerSpec {
  readonly container: string;
  readonly image: ecs.ContainerImage;
  readonly command: string;
  readonly containerPort: number;
}

/**
 * A cluster in `vpc` with Container Insights, running two tasks of one container that runs `command` with `sh -c`
 * and listens on `containerPort`. The tasks' security group starts closed: the `EcsTargetGroup` opens it to VPC
 * Lattice.
 */
export function fargateService(scope: Construct, id: string, vpc: ec2.IVpc, spec: ContainerSpec): ecs.FargateService {
  const cluster = new ecs.Cluster(scope, `${id}Cluster`, { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const taskDefinition = taskWithLogs(scope, `${id}Task`, spec.container, {
    image: spec.image,
    entryPoint: ['sh', '-c'],
    command: [spec.command],
    portMappings: [{ containerPort: spec.containerPort }],
  });
  return new ecs.FargateService(scope, id, {
    cluster,
    taskDefinition,
    desiredCount: 2,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
  });
}

/** Two nginx tasks with container port 8080 (container `web`), as `fargateService` runs them. */
export function nginxService(scope: Construct, id: string, vpc: ec2.IVpc): ecs.FargateService {
  return fargateService(scope, id, vpc, {
    container: 'web',
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    command: WEB_SERVER,
    containerPort: 8080,
  });
}
