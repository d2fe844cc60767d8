import { App, Stack } from 'aws-cdk-lib';
import { clientVpc, nginxService, vpcWithNatGateway } from '../shared/web-service';
import { AuthType, EcsTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork } from 'cdk-vpc-lattice';

/**
 * An ECS service as a VPC Lattice target, open to every client of the network. The provider VPC runs a Fargate
 * service (nginx on container port 8080, see ../shared/web-service.ts) whose tasks ECS registers in a VPC Lattice
 * target group by itself: the service gets its VPC Lattice configuration and infrastructure role, the port mapping its
 * name, and the tasks' security group admits VPC Lattice on 8080, all from the one `EcsTargetGroup`. A VPC Lattice
 * service forwards its HTTP:80 listener to the group, and a consumer VPC is associated with the network. Auth is NONE
 * on both, so a client in the consumer VPC calls `curl http://<service domain>/` unsigned; the synth warnings say so.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'EcsOpen');

  const providerVpc = vpcWithNatGateway(stack, 'ProviderVpc', '10.0.0.0/16');
  const consumerVpc = clientVpc(stack, 'ConsumerVpc', '10.1.0.0/16');

  const webTasks = new EcsTargetGroup(stack, 'WebTasks', {
    service: nginxService(stack, 'Web', providerVpc),
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
