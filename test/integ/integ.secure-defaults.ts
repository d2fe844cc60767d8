import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { clientFunction, expectAnswer, httpServerScript, integApp, integTest, integVpc, serverInstance } from './common';
import { ECHO_PORT, echoResource } from './resource-fixture';
import {
  InstanceTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork, TargetProtocol,
} from '../../src';

/*
 * The library's secure defaults on the live system. A provider VPC holds an instance target (HTTP on 8080) and a
 * resource (the TCP echo server behind a resource gateway with the library's default security group); a client VPC
 * is associated with the network with the library's default association security group; nothing is opened by hand.
 *
 * Asserted: the gateway's security group has no egress rule to 0.0.0.0/0 or ::/0 (EC2's allow-all egress is gone);
 * no security group in either VPC admits 0.0.0.0/0 or ::/0; and yet a signed request reaches the instance target
 * (200) and a line reaches the echo server through the association, so the rules the library writes are enough. A
 * second caller's only egress rule names the association's security group (443), and its signed request answers too.
 * Settles (docs/lattice-facts.md, Verified on AWS): the gateway's security group needs only egress; the rules a VPC
 * association's security group needs; the rule a client's egress needs through an association.
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegSecureDefaults');
  const { vpc: providerVpc, gateway, configuration } = echoResource(stack, '10.60.0.0/16');
  const clientVpc = integVpc(stack, 'ClientVpc', '10.61.0.0/16');

  const network = new ServiceNetwork(stack, 'Network');
  const vpcAssociation = network.associateVpc(clientVpc);
  const association = network.associateResource(configuration);
  const service = new LatticeService(stack, 'Service', {
    serviceNetwork: network,
    listeners: [{
      protocol: ListenerProtocol.HTTPS,
      defaultAction: ListenerAction.forward(new InstanceTargetGroup(stack, 'Targets', {
        vpc: providerVpc,
        port: 8080,
        protocol: TargetProtocol.HTTP,
        healthCheck: { path: '/' },
        instances: [serverInstance(stack, 'WebServer', providerVpc, httpServerScript('web', 8080))],
      })),
    }],
  });
  const caller = clientFunction(stack, 'Caller', clientVpc, 'http-caller');
  service.grantInvoke(caller.role!);
  const tcpClient = clientFunction(stack, 'TcpClient', clientVpc, 'tcp-client');
  // Open (docs/lattice-facts.md#reachability): whether an egress rule naming the association's group lets a client through.
  const toAssociation = new ec2.SecurityGroup(stack, 'EgressToAssociation', {
    vpc: clientVpc, allowAllOutbound: false, description: 'A caller whose only egress rule names the VPC association security group',
  });
  toAssociation.connections.allowTo(vpcAssociation, ec2.Port.tcp(443), 'Only to the VPC association, on the listener port');
  const restrictedCaller = clientFunction(stack, 'RestrictedCaller', clientVpc, 'http-caller', { securityGroups: [toAssociation] });
  service.grantInvoke(restrictedCaller.role!);

  const test = integTest(app, 'SecureDefaults', [stack]);
  const { assertions } = test.integ;
  const noGroups = (filters: Array<{ Name: string; Values: string[] }>) =>
    assertions.awsApiCall('EC2', 'describeSecurityGroups', { Filters: filters }).expect(ExpectedResult.objectLike({ SecurityGroups: [] }));
  const gatewayGroup = gateway.connections.securityGroups[0].securityGroupId;
  noGroups([{ Name: 'group-id', Values: [gatewayGroup] }, { Name: 'egress.ip-permission.cidr', Values: ['0.0.0.0/0'] }]);
  noGroups([{ Name: 'group-id', Values: [gatewayGroup] }, { Name: 'egress.ip-permission.ipv6-cidr', Values: ['::/0'] }]);
  for (const vpc of [providerVpc, clientVpc]) {
    noGroups([{ Name: 'vpc-id', Values: [vpc.vpcId] }, { Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }]);
    noGroups([{ Name: 'vpc-id', Values: [vpc.vpcId] }, { Name: 'ip-permission.ipv6-cidr', Values: ['::/0'] }]);
  }

  expectAnswer(test, caller, { url: `https://${service.domainName}/` }, 'body', 'web');
  expectAnswer(test, restrictedCaller, { url: `https://${service.domainName}/` }, 'body', 'web');
  const resourceName = assertions.awsApiCall('VPCLattice', 'getServiceNetworkResourceAssociation', {
    serviceNetworkResourceAssociationIdentifier: association.associationId,
  }).getAttString('dnsEntry.domainName');
  expectAnswer(test, tcpClient, { host: resourceName, port: ECHO_PORT }, 'detail', 'ping from lattice');
  return { stack, test };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
