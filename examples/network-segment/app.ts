import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { clientVpc } from '../shared/web-service';
import { ResourceConfigDnsResolution, ResourceConfiguration, ResourceDefinition, ResourceGateway } from 'cdk-vpc-lattice';

const REGION = 'eu-west-1';
const PROVIDER_ACCOUNT = '111111111111';
const CONSUMER_ACCOUNT = '222222222222';

/** The provider's application subnets: the network segment it shares. */
const SEGMENT = '10.40.0.0/16';

/**
 * A whole network segment shared with another account, without peering, transit gateways or listing its hosts. The
 * provider account shares the CIDR range of its application VPC as a resource configuration of type CIDR, reached
 * through a resource gateway that resolves DNS names in the VPC, and shares it with the consumer account through AWS RAM.
 *
 * The consumer account finds the segment by name at deploy time and reaches it through a tunnel VPC endpoint: its own
 * router or appliance (not part of this example) encapsulates traffic to the segment in GENEVE and sends it to the
 * endpoint on UDP port 6081. Only the appliances' security group may use the endpoint.
 */
export function build(app: App): void {
  buildProviderAccount(app);
  buildConsumerAccount(app);
}

function buildProviderAccount(app: App) {
  const stack = new Stack(app, 'SegmentProvider', { env: { account: PROVIDER_ACCOUNT, region: REGION } });
  const vpc = clientVpc(stack, 'ApplicationVpc', SEGMENT, 'applications');

  // A segment needs a gateway that resolves names in its VPC: the consumer's DNS queries are answered there.
  const gateway = new ResourceGateway(stack, 'SegmentGateway', {
    vpc,
    dnsResolution: ResourceConfigDnsResolution.IN_VPC,
    resourceGatewayName: 'applications-segment',
  });
  const segment = new ResourceConfiguration(stack, 'Segment', {
    gateway,
    definition: ResourceDefinition.cidr([SEGMENT]),
    // DNS, HTTPS and PostgreSQL: the gateway's security group lets out only these.
    portRanges: ['53', '443', '5432'],
    resourceConfigurationName: 'applications-segment',
  });
  // Reachability: UNKNOWN at the segment's hosts, addresses whose own security groups this app does not know.
  segment.shareWith({ name: 'applications-segment', principals: [CONSUMER_ACCOUNT] });
}

function buildConsumerAccount(app: App) {
  const stack = new Stack(app, 'SegmentConsumer', { env: { account: CONSUMER_ACCOUNT, region: REGION } });
  const vpc = clientVpc(stack, 'ConsumerVpc', '10.50.0.0/16', 'appliances');

  const appliances = new ec2.SecurityGroup(stack, 'GeneveAppliances', {
    vpc,
    description: 'Routers that encapsulate traffic to the shared network segment in GENEVE',
    allowAllOutbound: false,
  });
  // Reachability: UNKNOWN past the tunnel endpoint, since the gateway of a segment found by name is in the provider's account.
  const segment = ResourceConfiguration.fromResourceConfigurationName(stack, 'Segment', 'applications-segment');
  const tunnel = segment.addTunnelEndpoint(vpc, {
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [new ec2.SecurityGroup(stack, 'TunnelEndpointSecurityGroup', {
      vpc,
      description: 'The tunnel endpoint to the shared network segment: GENEVE from the appliances only',
      allowAllOutbound: false,
    })],
  });
  // Ingress on UDP 6081 to the endpoint from the appliances, and egress from the appliances to it.
  tunnel.connections.allowDefaultPortFrom(appliances, 'GENEVE from the appliances');
}
