import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { clientFunction, expectAnswer, expectCreateOnly, integApp, integTest, integVpc } from './common';
import { ECHO_PORT, echoResource } from './resource-fixture';
import { ServiceNetwork } from '../../src';

/*
 * TCP access to a VPC resource (a TCP echo server on an EC2 instance, behind a resource gateway and a resource
 * configuration) three ways, each from a consumer Lambda function in a VPC of its own:
 * - through the service network's VPC association (the configuration is associated with the network);
 * - through a service-network VPC endpoint of the same network;
 * - through a resource VPC endpoint to the configuration alone;
 * - through a resource VPC endpoint to a second echo server whose VPC's subnets (the resource gateway's) have a network
 *   ACL that admits only traffic within that VPC: the gateway's traffic to the server and its return, and nothing from or
 *   to any other address, so no entry admits VPC Lattice's traffic into the gateway.
 * The association and the endpoints are made without private-DNS options, so VPC Lattice's and EC2's defaults apply.
 *
 * Asserted: a line sent through each path comes back (behind the ACL too); GetServiceNetworkResourceAssociation reads privateDnsEnabled
 * false, DescribeVpcEndpoints reads PrivateDnsEnabled false for both endpoints, and GetResourceConfiguration reads
 * allowAssociationToShareableServiceNetwork false (the library writes false). CloudFormation's schemas (DescribeType)
 * list PrivateDnsEnabled and DnsOptions of VPC associations, PrivateDnsEnabled of resource associations and the
 * DnsOptions preference and domains of VPC endpoints as create-only, and SharingConfig of networks not. CloudWatch
 * (ListMetrics, AWS/VpcLattice) has a metric with each endpoint's ID as a dimension value once traffic went through it.
 * Settles (docs/lattice-facts.md, Verified on AWS): the private-DNS defaults of resource associations and endpoints,
 * what a configuration's AllowAssociationToSharableServiceNetwork reads back as, which private-DNS and sharing changes
 * replace a resource, that endpoints publish metrics (their names and dimensions are then in the assertion's output), and
 * whether network ACLs on a gateway's subnets need entries for VPC Lattice's traffic into the gateway.
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegVpcResources');
  const { configuration } = echoResource(stack, '10.50.0.0/16');

  const network = new ServiceNetwork(stack, 'Network');
  Annotations.of(network).acknowledgeWarning('cdk-vpc-lattice:authPolicyProtectsNothing',
    'this test reaches resources only, whose access the security groups and the association control; the network keeps the default auth type');
  const association = network.associateResource(configuration);
  const associatedVpc = integVpc(stack, 'AssociatedVpc', '10.51.0.0/16');
  network.associateVpc(associatedVpc);
  const networkEndpointVpc = integVpc(stack, 'NetworkEndpointVpc', '10.52.0.0/16');
  const networkEndpoint = network.addVpcEndpoint(networkEndpointVpc);
  const resourceEndpointVpc = integVpc(stack, 'ResourceEndpointVpc', '10.53.0.0/16');
  const resourceEndpoint = configuration.addVpcEndpoint(resourceEndpointVpc);
  const behindAcl = echoResource(new Construct(stack, 'BehindAcl'), '10.54.0.0/16');
  aclOfOwnRange(behindAcl.vpc, '10.54.0.0/16');
  const aclEndpoint = behindAcl.configuration.addVpcEndpoint(resourceEndpointVpc);

  const clients = {
    association: clientFunction(stack, 'AssociationClient', associatedVpc, 'tcp-client'),
    networkEndpoint: clientFunction(stack, 'NetworkEndpointClient', networkEndpointVpc, 'tcp-client'),
    resourceEndpoint: clientFunction(stack, 'ResourceEndpointClient', resourceEndpointVpc, 'tcp-client'),
  };

  const test = integTest(app, 'VpcResources', [stack]);
  const { assertions } = test.integ;
  const associationName = assertions.awsApiCall('VPCLattice', 'getServiceNetworkResourceAssociation', {
    serviceNetworkResourceAssociationIdentifier: association.associationId,
  }).getAttString('dnsEntry.domainName');
  const networkEndpointName = assertions.awsApiCall('EC2', 'describeVpcEndpointAssociations', {
    VpcEndpointIds: [networkEndpoint.vpcEndpointId],
  }).getAttString('VpcEndpointAssociations.0.DnsEntry.DnsName');
  const [resourceEndpointName, aclEndpointName] = [resourceEndpoint, aclEndpoint].map(endpoint => assertions.awsApiCall('EC2', 'describeVpcEndpoints', {
    VpcEndpointIds: [endpoint.vpcEndpointId],
  }).getAttString('VpcEndpoints.0.DnsEntries.0.DnsName'));
  expectAnswer(test, clients.association, { host: associationName, port: ECHO_PORT }, 'detail', 'ping from lattice');
  // Open (docs/lattice-facts.md#reachability): no entry of the gateway's ACL admits VPC Lattice, and yet the line comes back.
  expectAnswer(test, clients.resourceEndpoint, { host: aclEndpointName, port: ECHO_PORT }, 'detail', 'ping from lattice');
  const throughEndpoints = [
    expectAnswer(test, clients.networkEndpoint, { host: networkEndpointName, port: ECHO_PORT }, 'detail', 'ping from lattice'),
    expectAnswer(test, clients.resourceEndpoint, { host: resourceEndpointName, port: ECHO_PORT }, 'detail', 'ping from lattice'),
  ];
  // Endpoint metrics (AWS/VpcLattice; names and dimensions undocumented): a metric with the endpoint's ID as a dimension
  // value, after traffic went through it. In an account with more than 500 recent VPC Lattice metrics the first page
  // may not hold it.
  [networkEndpoint, resourceEndpoint].forEach((endpoint, i) => throughEndpoints[i].next(assertions
    .awsApiCall('CloudWatch', 'listMetrics', { Namespace: 'AWS/VpcLattice', RecentlyActive: 'PT3H' })
    .expect(ExpectedResult.objectLike({
      Metrics: Match.arrayWith([Match.objectLike({ Dimensions: Match.arrayWith([Match.objectLike({ Value: endpoint.vpcEndpointId })]) })]),
    }))
    .waitForAssertions({ totalTimeout: Duration.minutes(20), interval: Duration.seconds(60) })));

  assertions.awsApiCall('VPCLattice', 'getServiceNetworkResourceAssociation', {
    serviceNetworkResourceAssociationIdentifier: association.associationId,
  }).expect(ExpectedResult.objectLike({ privateDnsEnabled: false }));
  for (const endpoint of [networkEndpoint, resourceEndpoint]) {
    assertions.awsApiCall('EC2', 'describeVpcEndpoints', { VpcEndpointIds: [endpoint.vpcEndpointId] })
      .expect(ExpectedResult.objectLike({ VpcEndpoints: [Match.objectLike({ PrivateDnsEnabled: false })] }));
  }
  assertions.awsApiCall('VPCLattice', 'getResourceConfiguration', { resourceConfigurationIdentifier: configuration.resourceConfigurationId })
    .expect(ExpectedResult.objectLike({ allowAssociationToShareableServiceNetwork: false }));
  expectCreateOnly(test, 'AWS::VpcLattice::ServiceNetworkVpcAssociation', { PrivateDnsEnabled: true, DnsOptions: true });
  expectCreateOnly(test, 'AWS::VpcLattice::ServiceNetworkResourceAssociation', { PrivateDnsEnabled: true });
  expectCreateOnly(test, 'AWS::EC2::VPCEndpoint', { 'DnsOptions/PrivateDnsPreference': true, 'DnsOptions/PrivateDnsSpecifiedDomains': true });
  expectCreateOnly(test, 'AWS::VpcLattice::ServiceNetwork', { SharingConfig: false });
  return { stack, test };
}

/** A network ACL on every subnet of `vpc` that admits all traffic within the VPC's own range, both ways, and nothing else. */
function aclOfOwnRange(vpc: ec2.Vpc, cidr: string) {
  const acl = new ec2.NetworkAcl(vpc, 'OwnRangeOnly', { vpc, subnetSelection: { subnets: vpc.isolatedSubnets } });
  for (const direction of [ec2.TrafficDirection.INGRESS, ec2.TrafficDirection.EGRESS]) {
    acl.addEntry(`${direction === ec2.TrafficDirection.INGRESS ? 'From' : 'To'}OwnRange`, {
      cidr: ec2.AclCidr.ipv4(cidr), ruleNumber: 100, traffic: ec2.AclTraffic.allTraffic(), direction,
    });
  }
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
