import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { echoServerScript, integVpc, serverInstance } from './common';
import { ResourceConfiguration, ResourceDefinition, ResourceGateway } from '../../src';

/** The port of the echo server behind the resource configuration. */
export const ECHO_PORT = 7000;

/**
 * A VPC resource for the integ tests: a TCP echo server on an EC2 instance in a provider VPC, a resource gateway in
 * that VPC with the library's default security group, and a resource configuration for the instance's address and
 * the echo port. The instance admits the gateway on that port (the configuration opens the gateway's egress).
 */
export function echoResource(scope: Construct, cidr: string) {
  const vpc = integVpc(scope, 'ProviderVpc', cidr);
  const server = serverInstance(scope, 'EchoServer', vpc, echoServerScript(ECHO_PORT));
  const gateway = new ResourceGateway(scope, 'Gateway', { vpc });
  server.connections.allowFrom(gateway, ec2.Port.tcp(ECHO_PORT), 'The resource gateway to the echo server');
  const configuration = new ResourceConfiguration(scope, 'Echo', {
    gateway, definition: ResourceDefinition.ipAddress(server.instancePrivateIp), portRanges: [String(ECHO_PORT)],
  });
  return { vpc, server, gateway, configuration };
}
