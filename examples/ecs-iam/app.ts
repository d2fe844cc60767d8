import { App, Aws, CfnOutput, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { nginxService, taskWithLogs, vpcWithNatGateway } from '../shared/web-service';
import { EcsTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork } from 'cdk-vpc-lattice';

/** One request signed with the task role's credentials (SigV4 for `vpc-lattice-svcs`, payload unsigned). */
function signedRequest(url: string): string {
  return [
    'eval "$(aws configure export-credentials --format env)"',
    `curl --silent --show-error --aws-sigv4 "aws:amz:${Aws.REGION}:vpc-lattice-svcs"`
      + ' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" --header "x-amz-security-token: $AWS_SESSION_TOKEN"'
      + ` --header "x-amz-content-sha256: UNSIGNED-PAYLOAD" "${url}"`,
  ].join(' && ');
}

/**
 * An ECS service as a VPC Lattice target behind IAM auth, called by an ECS task in another VPC. The provider VPC runs
 * a Fargate service (nginx on container port 8080, see ../shared/web-service.ts) that ECS registers in a VPC Lattice
 * target group; a VPC Lattice service with IAM auth (the default) forwards its HTTP:80 listener to the group. The
 * consumer VPC is associated with the network, which lets only signed requests through, and the service lets only the
 * consumer's task role call it: `service.grantInvoke(clientTask.taskRole)` writes the role's IAM policy and the
 * service's auth policy.
 *
 * The consumer's task makes one signed call and prints the answer to its log. Run it with the stack's outputs:
 * `aws ecs run-task --cluster <ClientClusterName> --task-definition <ClientTaskDefinitionArn> --launch-type FARGATE
 * --network-configuration 'awsvpcConfiguration={subnets=[<ClientSubnetId>]}'`.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'EcsIam');
  const providerVpc = vpcWithNatGateway(stack, 'ProviderVpc', '10.0.0.0/16');
  const consumerVpc = vpcWithNatGateway(stack, 'ConsumerVpc', '10.1.0.0/16');

  const webTasks = new EcsTargetGroup(stack, 'WebTasks', {
    service: nginxService(stack, 'Web', providerVpc),
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

  // The consumer: a task run on demand in the consumer VPC, whose task role may call the service.
  const clientCluster = new ecs.Cluster(stack, 'ClientCluster', { vpc: consumerVpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const clientTask = taskWithLogs(stack, 'ClientTask', 'client', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-cli/aws-cli:latest'),
    entryPoint: ['sh', '-c'],
    command: [signedRequest(`http://${service.domainName}/`)],
  });
  service.grantInvoke(clientTask.taskRole);

  new CfnOutput(stack, 'ClientClusterName', { value: clientCluster.clusterName });
  new CfnOutput(stack, 'ClientTaskDefinitionArn', { value: clientTask.taskDefinitionArn });
  new CfnOutput(stack, 'ClientSubnetId', { value: consumerVpc.privateSubnets[0].subnetId });
}
