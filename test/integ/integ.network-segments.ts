import * as fs from 'fs';
import * as path from 'path';
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { clientFunction, echoServerScript, expectAnswer, expectCreateOnly, integApp, integTest, integVpc, serverInstance } from './common';
import { ECHO_PORT } from './resource-fixture';
import { ResourceConfigDnsResolution, ResourceConfiguration, ResourceDefinition, ResourceGateway } from '../../src';

/*
 * A network segment (a resource configuration of type CIDR) reached through a tunnel VPC endpoint, as far as an integ
 * test can drive one. The provider VPC (the segment) holds the TCP echo server and a resource gateway that resolves
 * names in the VPC (IN_VPC); the segment is the provider VPC's CIDR on the DNS and echo ports. In the consumer VPC:
 * `segment.addTunnelEndpoint(vpc)` with the library's default security group, and a "GENEVE appliance", an instance
 * whose probe (handlers/geneve-probe.py) sends the packets routed to the segment and to 169.254.168.253 in GENEVE
 * (VNI 0, inner IPv4) to the endpoint on UDP 6081 and writes what comes back to a TUN device, so that the kernel's own
 * TCP and the probe's DNS query go through the tunnel. A function in the consumer VPC asks the probe over plain HTTP.
 *
 * Asserted: DescribeVpcEndpoints reads the endpoint as VpcEndpointType Tunnel, available, IpAddressType ipv4 (none
 * written); GetResourceConfiguration reads type CIDR, ACTIVE; a line sent to the echo server's private address through
 * the tunnel comes back ('ping from lattice'); a DNS query for the echo server's private name sent to 169.254.168.253
 * through the tunnel answers its private address. CloudFormation's schema (DescribeType) lists the gateway's
 * ResourceConfigDnsResolution as create-only.
 * Settles (docs/lattice-facts.md, Verified on AWS): the library's default tunnel-endpoint security group (the VPC's
 * CIDR on UDP 6081, no egress) is enough for GENEVE both ways; the gateway's egress to the range on the configuration's
 * ports (TCP) is enough, and it needs no rule for the DNS queries; the protocol the library writes (TCP) still carries
 * the inner DNS queries over UDP; the endpoint's address type defaults to IPv4 in IPv4-only subnets; a change of a
 * gateway's DNS resolution replaces it.
 */

/** The provider VPC's CIDR: the whole segment. */
const SEGMENT = '10.70.0.0/16';
/** The consumer VPC's CIDR. */
const CONSUMER = '10.71.0.0/16';
/** The port of the probe's HTTP server on the appliance. */
const PROBE_PORT = 8080;
/** GENEVE's port, on the endpoint and on the appliance. */
const GENEVE_PORT = 6081;

/**
 * The appliance's boot script: handlers/geneve-probe.py (Python in the image; no internet needed), run as root with the
 * segment to route through the tunnel and the port of its HTTP server.
 */
function geneveProbeScript(): string {
  const probe = fs.readFileSync(path.join(__dirname, 'handlers', 'geneve-probe.py'), 'utf8');
  return [
    "cat > /srv/geneve-probe.py <<'EOF'", probe.trimEnd(), 'EOF',
    `nohup python3 /srv/geneve-probe.py ${SEGMENT} ${PROBE_PORT} > /srv/geneve-probe.log 2>&1 &`,
  ].join('\n');
}

export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegNetworkSegments');

  // The provider: the segment's VPC, its echo server, and a gateway resolving names in the VPC.
  const providerVpc = integVpc(stack, 'ProviderVpc', SEGMENT);
  const server = serverInstance(stack, 'EchoServer', providerVpc, echoServerScript(ECHO_PORT));
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: providerVpc, dnsResolution: ResourceConfigDnsResolution.IN_VPC });
  server.connections.allowFrom(gateway, ec2.Port.tcp(ECHO_PORT), 'The resource gateway to the echo server');
  const segment = new ResourceConfiguration(stack, 'Segment', {
    gateway, definition: ResourceDefinition.cidr([SEGMENT]), portRanges: ['53', String(ECHO_PORT)],
  });

  // The consumer: a tunnel endpoint with the library's default security group, the appliance, and the asking function.
  const consumerVpc = integVpc(stack, 'ConsumerVpc', CONSUMER);
  const tunnel = segment.addTunnelEndpoint(consumerVpc);
  const appliance = serverInstance(stack, 'GeneveAppliance', consumerVpc, geneveProbeScript());
  // Only the appliance's own group is opened here, to and from the VPC's CIDR on UDP 6081: the endpoint's group is the
  // library's, so that the test shows it admits the appliance.
  const applianceGroup = appliance.connections.securityGroups[0];
  applianceGroup.addEgressRule(ec2.Peer.ipv4(CONSUMER), ec2.Port.udp(GENEVE_PORT), 'GENEVE to the tunnel endpoint');
  applianceGroup.addIngressRule(ec2.Peer.ipv4(CONSUMER), ec2.Port.udp(GENEVE_PORT), 'GENEVE from the tunnel endpoint');
  const asker = clientFunction(stack, 'Asker', consumerVpc, 'http-caller');
  appliance.connections.allowFrom(asker, ec2.Port.tcp(PROBE_PORT), 'The integ test asks the probe');

  const test = integTest(app, 'NetworkSegments', [stack]);
  const { assertions } = test.integ;
  assertions.awsApiCall('EC2', 'describeVpcEndpoints', { VpcEndpointIds: [tunnel.vpcEndpointId] })
    .expect(ExpectedResult.objectLike({
      VpcEndpoints: [Match.objectLike({ VpcEndpointType: 'Tunnel', State: 'available', IpAddressType: 'ipv4' })],
    }));
  assertions.awsApiCall('VPCLattice', 'getResourceConfiguration', { resourceConfigurationIdentifier: segment.resourceConfigurationId })
    .expect(ExpectedResult.objectLike({ type: 'CIDR', status: 'ACTIVE' }));
  const endpointName = assertions.awsApiCall('EC2', 'describeVpcEndpoints', { VpcEndpointIds: [tunnel.vpcEndpointId] })
    .getAttString('VpcEndpoints.0.DnsEntries.0.DnsName');
  const probe = `http://${appliance.instancePrivateIp}:${PROBE_PORT}`;
  expectAnswer(test, asker, {
    url: `${probe}/echo?endpoint=${endpointName}&host=${server.instancePrivateIp}&port=${ECHO_PORT}`, signed: false,
  }, 'body', 'ping from lattice');
  expectAnswer(test, asker, {
    url: `${probe}/dns?endpoint=${endpointName}&name=${server.instancePrivateDnsName}`, signed: false,
  }, 'body', server.instancePrivateIp);
  expectCreateOnly(test, 'AWS::VpcLattice::ResourceGateway', { ResourceConfigDnsResolution: true });
  return { stack, test, segment, tunnel };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
