import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import {
  acknowledgeTestOnly, answeringFunction, clientFunction, expectAnswer, httpServerScript, integApp, integTest, integVpc, serverInstance,
} from './common';
import { nginxService } from '../../examples/shared/web-service';
import {
  AlbTargetGroup, EcsTargetGroup, InstanceTargetGroup, IpTargetGroup, ITargetGroup, LambdaEventStructureVersion, LambdaTargetGroup,
  LatticePrefixList, LatticeService, ListenerAction, ListenerProtocol, PathMatch, ServiceNetwork, TargetProtocol,
} from '../../src';

/*
 * Targets of every type behind one service: an IP address and an EC2 instance (Python HTTP servers on 8080), a
 * Lambda function, an internal ALB (a fixed 200 answer) and an ECS service (two nginx tasks on 8080, /health). The
 * library opens the instance's, the ALB's and the tasks' security groups to VPC Lattice's prefix list; the IP target's
 * is opened here, with LatticePrefixList.peer, as a user would.
 *
 * Asserted: ListTargets reports the IP, instance and ECS targets HEALTHY (VPC Lattice's health checks reach them on the
 * traffic and health-check ports through the prefix-list ingress); the Lambda function and the ALB are registered
 * (VPC Lattice does not health-check them); a request through each rule gets that target's answer.
 * Settles (docs/lattice-facts.md, Verified on AWS): the health-check matcher's default (the IP and instance groups
 * write no matcher), and the ECS service's start order after the listener rules that forward to its group.
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegTargetHealth');
  const clientVpc = integVpc(stack, 'ClientVpc', '10.30.0.0/16');
  const providerVpc = integVpc(stack, 'ProviderVpc', '10.31.0.0/16', { natGateway: true });
  const network = new ServiceNetwork(stack, 'Network');
  network.associateVpc(clientVpc);

  const healthCheck = { path: '/', healthyThresholdCount: 2, unhealthyThresholdCount: 2, interval: Duration.seconds(10) };
  const ipServer = serverInstance(stack, 'IpServer', providerVpc, httpServerScript('ip', 8080));
  ipServer.connections.allowFrom(LatticePrefixList.peer(stack), ec2.Port.tcp(8080), 'VPC Lattice to the IP target');
  const ip = new IpTargetGroup(stack, 'IpTargets', {
    vpc: providerVpc, port: 8080, protocol: TargetProtocol.HTTP, targets: [ipServer.instancePrivateIp], healthCheck,
  });
  const instance = new InstanceTargetGroup(stack, 'InstanceTargets', {
    vpc: providerVpc,
    port: 8080,
    protocol: TargetProtocol.HTTP,
    healthCheck,
    instances: [serverInstance(stack, 'InstanceServer', providerVpc, httpServerScript('instance', 8080))],
  });
  const fn = answeringFunction(stack, 'Function', 'lambda');
  const lambdaGroup = new LambdaTargetGroup(stack, 'LambdaTargets', { function: fn, eventStructureVersion: LambdaEventStructureVersion.V2 });

  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: providerVpc, internetFacing: false, dropInvalidHeaderFields: true });
  acknowledgeTestOnly(alb, 'AwsSolutions::AwsSolutions-ELB2', 'the ALB answers a fixed response to the integ test; its access logs would outlive the run in a bucket');
  const albListener = alb.addListener('Http', {
    port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'alb' }),
  });
  const albGroup = new AlbTargetGroup(stack, 'AlbTargets', { loadBalancer: alb, listener: albListener });

  const tasks = nginxService(stack, 'Web', providerVpc);
  const ecsGroup = new EcsTargetGroup(stack, 'EcsTargets', {
    service: tasks, healthCheck: { ...healthCheck, path: '/health', healthyHttpCodes: '200' },
  });

  const routes: Array<[string, ITargetGroup]> = [['ip', ip], ['instance', instance], ['lambda', lambdaGroup], ['alb', albGroup], ['ecs', ecsGroup]];
  const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
  const listener = service.addListener('Https', { protocol: ListenerProtocol.HTTPS, defaultAction: ListenerAction.fixedResponse(404) });
  routes.forEach(([name, group], i) => listener.addRule(name, {
    priority: i + 1, match: { path: PathMatch.prefix(`/${name}`) }, action: ListenerAction.forward(group),
  }));
  const caller = clientFunction(stack, 'Caller', clientVpc, 'http-caller');
  service.grantInvoke(caller.role!);

  const test = integTest(app, 'TargetHealth', [stack]);
  const listTargets = (group: ITargetGroup, items: unknown) => test.integ.assertions
    .awsApiCall('VPCLattice', 'listTargets', { targetGroupIdentifier: group.targetGroupId })
    .expect(ExpectedResult.objectLike({ items }))
    .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) });
  const healthy = Match.objectLike({ status: 'HEALTHY' });
  listTargets(ip, [healthy]);
  listTargets(instance, [healthy]);
  listTargets(ecsGroup, [healthy, healthy]);
  listTargets(lambdaGroup, [Match.objectLike({ id: fn.functionArn })]);
  listTargets(albGroup, [Match.objectLike({ id: alb.loadBalancerArn })]);
  // nginx answers `hello from <task hostname>` on any path but /health.
  for (const [name] of routes) {
    if (name === 'ecs') {
      expectAnswer(test, caller, { url: `https://${service.domainName}/ecs` }, 'status', 200);
    } else {
      expectAnswer(test, caller, { url: `https://${service.domainName}/${name}` }, 'body', name);
    }
  }
  return { stack, test };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
