import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AuthType, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork, TargetGroupBase } from 'cdk-vpc-lattice';

/**
 * The simplest thing that works: a service network with one associated client VPC, and a service whose HTTP:80
 * listener forwards to a target group made elsewhere (here imported by ARN). Auth is NONE on both, so clients in the
 * VPC call the service without signing requests; the synth warnings say so.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'SimpleNetwork');

  const clientVpc = new ec2.Vpc(stack, 'ClientVpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'clients', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });

  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'simple', authType: AuthType.NONE });
  network.associateVpc(clientVpc);

  // Reachability.of(app) answers UNKNOWN at the targets: an imported group's targets are not known to this app.
  const targets = TargetGroupBase.fromTargetGroupArn(stack, 'Targets',
    'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0');
  new LatticeService(stack, 'Service', {
    serviceName: 'hello',
    authType: AuthType.NONE,
    serviceNetwork: network,
    listeners: [{ protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(targets) }],
  });
}
