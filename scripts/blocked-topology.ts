/*
 * An app broken on purpose for the reachability answers: the client VPC's association has a security group that
 * admits no one, so `Reachability.of(app)` finds the path to the service BLOCKED at the association's ingress, and the
 * topology draws that hop as a red dashed edge. The unit tests and the browser check both draw it; it is no example.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork } from 'cdk-vpc-lattice';

export function blockedApp(): App {
  const app = new App();
  const stack = new Stack(app, 'Blocked');
  const vpc = new ec2.Vpc(stack, 'ClientVpc', {
    maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const network = new ServiceNetwork(stack, 'Network');
  network.associateVpc(vpc, { securityGroups: [new ec2.SecurityGroup(stack, 'AdmitsNoOne', { vpc, allowAllOutbound: false })] });
  const service = new LatticeService(stack, 'Orders', { serviceNetwork: network });
  service.addListener('Https', { protocol: ListenerProtocol.HTTPS, defaultAction: ListenerAction.fixedResponse(404) });
  return app;
}
