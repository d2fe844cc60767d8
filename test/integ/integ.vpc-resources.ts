import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import { clientFunction, expectAnswer, expectCreateOnly, integApp, integTest, integVpc } from './common';
import { ECHO_PORT, echoResource } from './resource-fixture';
import { ServiceNetwork } from '../../src';

/*
 * TCP access to a VPC resource (a TCP echo server on an EC2 instance, behind a resource gateway and a resource
 * configuration) three ways, each from a consumer Lambda function in a VPC of its own:
 * - through the service network's VPC association (the configuration is associated with the network);
 * - through a service-network VPC endpoint of the same network;
 * - through a resource VPC endpoint to the configuration alone.
 * The association and both endpoints are made without private-DNS options, so VPC Lattice's and EC2's defaults apply.
 *
 * Asserted: a line sent through each path comes back; GetServiceNetworkResourceAssociation reads privateDnsEnabled
 * false, DescribeVpcEndpoints reads PrivateDnsEnabled false for both endpoints, and GetResourceConfiguration reads
 * allowAssociationToShareableServiceNetwork false (the library writes false). CloudFormation's schemas (DescribeType)
 * list PrivateDnsEnabled and DnsOptions of VPC associations, PrivateDnsEnabled of resource associations and the
 * DnsOptions preference and domains of VPC endpoints as create-only, and SharingConfig of networks not. CloudWatch
 * (ListMetrics, AWS/VpcLattice) has a metric with each endpoint's ID as a dimension value once traffic went through it.
 * Settles (docs/lattice-facts.md, Verified on AWS): the private-DNS defaults of resource associations and endpoints,
 * what a configuration's AllowAssociationToSharableServiceNetwork reads back as, which private-DNS and sharing changes
 * replace a resource, and that endpoints publish metrics (their names and dimensions are then in the assertion's output).
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
  const resourceEndpointName = assertions.awsApiCall('EC2', 'describeVpcEndpoints', {
    VpcEndpointIds: [resourceEndpoint.vpcEndpointId],
  }).getAttString('VpcEndpoints.0.DnsEntries.0.DnsName');
  expectAnswer(test, clients.association, { host: associationName, port: ECHO_PORT }, 'detail', 'ping from lattice');
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

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
