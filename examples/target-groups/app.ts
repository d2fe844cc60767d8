import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  InstanceTargetGroup, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol, PathMatch,
  ServiceNetwork, TargetProtocol,
} from 'cdk-vpc-lattice';

/**
 * Two target types behind one service. Two VPCs with the same CIDR (VPC Lattice does not route between them, so
 * overlap is fine): the client VPC is associated with the network; the provider VPC runs an EC2 instance serving HTTP
 * on 8080, and a Lambda function stands beside it. The service's HTTPS listener sends 2/3 of requests to the instance
 * and 1/3 to the function, and the paths /to-instance and /to-function pick one. The instance's security group admits
 * VPC Lattice's managed prefix list, and the function's invoke permission is added, without a line of wiring here.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'TargetGroups');
  // The same CIDR in both VPCs. (An IpAddresses object allocates subnets as it goes, so each VPC gets its own.)
  const vpcProps = (): ec2.VpcProps => ({
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const clientVpc = new ec2.Vpc(stack, 'ClientVpc', vpcProps());
  const providerVpc = new ec2.Vpc(stack, 'ProviderVpc', vpcProps());

  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'target-groups-demo' });
  network.associateVpc(clientVpc);

  // An instance serving HTTP on 8080. Its security group starts closed; the target group opens it to VPC Lattice.
  const instance = new ec2.Instance(stack, 'Web', {
    vpc: providerVpc,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    allowAllOutbound: false,
    detailedMonitoring: true,
    disableApiTermination: true,
    requireImdsv2: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
    userData: ec2.UserData.custom('#!/bin/bash\nmkdir -p /srv && echo ok > /srv/health && cd /srv && nohup python3 -m http.server 8080 &\n'),
  });
  const instances = new InstanceTargetGroup(stack, 'Instances', {
    vpc: providerVpc,
    port: 8080,
    protocol: TargetProtocol.HTTP,
    instances: [instance],
    healthCheck: { path: '/health', healthyThresholdCount: 2, unhealthyThresholdCount: 2, healthyHttpCodes: '200' },
  });

  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      'exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "text/plain" }, body: `hello from ${event.path}` });'),
    role: new iam.Role(stack, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
    logGroup: new logs.LogGroup(stack, 'HandlerLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    timeout: Duration.seconds(5),
  });
  const functions = new LambdaTargetGroup(stack, 'Functions', { function: handler, eventStructureVersion: LambdaEventStructureVersion.V2 });

  const service = new LatticeService(stack, 'Service', { serviceName: 'hello', serviceNetwork: network });
  const listener = service.addListener('Https', {
    protocol: ListenerProtocol.HTTPS,
    defaultAction: ListenerAction.weightedForward([
      { targetGroup: instances, weight: 2 },
      { targetGroup: functions, weight: 1 },
    ]),
  });
  listener.addRule('ToInstance', { priority: 1, match: { path: PathMatch.prefix('/to-instance') }, action: ListenerAction.forward(instances) });
  listener.addRule('ToFunction', { priority: 2, match: { path: PathMatch.prefix('/to-function') }, action: ListenerAction.forward(functions) });

  // Callers: the role that clients in the client VPC run as.
  const clientRole = new iam.Role(stack, 'ClientRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
  service.grantInvoke(clientRole);
}
