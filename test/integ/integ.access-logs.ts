import { ExpectedResult, IApiCall, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { answeringFunction, clientFunction, expectAnswer, expectCreateOnly, integApp, integTest, integVpc, logGroup } from './common';
import { ECHO_PORT, echoResource } from './resource-fixture';
import {
  AccessLogDestination, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork,
  ServiceNetworkLogType,
} from '../../src';

/*
 * Access logs on a service network (both log types), a service and a resource configuration, each to a CloudWatch
 * Logs log group of its own (deleted with the stack). A caller in the associated client VPC sends a request to the
 * service, and a TCP client opens a connection to the resource through the network.
 *
 * Asserted: ListAccessLogSubscriptions finds two subscriptions on the network and one each on the service and on the
 * resource configuration; a log entry arrives in each of the four log groups (CloudWatch Logs delivery takes a few
 * minutes, so they are awaited for up to 15); CloudFormation's schema (DescribeType) does not list
 * ServiceNetworkLogType as create-only.
 * Settles (docs/lattice-facts.md, Verified on AWS): that access-log subscriptions accept resource configurations, that
 * delivery to a log group works without a log resource policy written by the library, and that a change of a network
 * subscription's log type updates it in place.
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegAccessLogs');
  const clientVpc = integVpc(stack, 'ClientVpc', '10.70.0.0/16');
  const { configuration } = echoResource(stack, '10.71.0.0/16');

  const network = new ServiceNetwork(stack, 'Network');
  network.associateVpc(clientVpc);
  const association = network.associateResource(configuration);
  const service = new LatticeService(stack, 'Service', {
    serviceNetwork: network,
    listeners: [{
      protocol: ListenerProtocol.HTTPS,
      defaultAction: ListenerAction.forward(new LambdaTargetGroup(stack, 'Targets', {
        function: answeringFunction(stack, 'Target', 'logged'), eventStructureVersion: LambdaEventStructureVersion.V2,
      })),
    }],
  });

  const groups = {
    networkRequests: logGroup(stack, 'NetworkRequestLogs'),
    networkConnections: logGroup(stack, 'NetworkConnectionLogs'),
    service: logGroup(stack, 'ServiceLogs'),
    resource: logGroup(stack, 'ResourceLogs'),
  };
  network.addAccessLogs(AccessLogDestination.cloudWatchLogs(groups.networkRequests));
  network.addAccessLogs(AccessLogDestination.cloudWatchLogs(groups.networkConnections), { logType: ServiceNetworkLogType.RESOURCE });
  service.addAccessLogs(AccessLogDestination.cloudWatchLogs(groups.service));
  configuration.addAccessLogs(AccessLogDestination.cloudWatchLogs(groups.resource));

  const caller = clientFunction(stack, 'Caller', clientVpc, 'http-caller');
  service.grantInvoke(caller.role!);
  const tcpClient = clientFunction(stack, 'TcpClient', clientVpc, 'tcp-client');

  const test = integTest(app, 'AccessLogs', [stack]);
  const { assertions } = test.integ;
  const subscriptions = (resourceArn: string, count: number) => assertions
    .awsApiCall('VPCLattice', 'listAccessLogSubscriptions', { resourceIdentifier: resourceArn })
    .expect(ExpectedResult.objectLike({ items: Array.from({ length: count }, () => Match.objectLike({ resourceArn })) }));
  subscriptions(network.serviceNetworkArn, 2);
  subscriptions(service.serviceArn, 1);
  subscriptions(configuration.resourceConfigurationArn, 1);

  const request = expectAnswer(test, caller, { url: `https://${service.domainName}/` }, 'body', 'logged');
  const resourceName = assertions.awsApiCall('VPCLattice', 'getServiceNetworkResourceAssociation', {
    serviceNetworkResourceAssociationIdentifier: association.associationId,
  }).getAttString('dnsEntry.domainName');
  const connection = expectAnswer(test, tcpClient, { host: resourceName, port: ECHO_PORT }, 'detail', 'ping from lattice');
  const entryArrives = (group: logs.ILogGroup, after: IApiCall) => after.next(assertions
    .awsApiCall('CloudWatchLogs', 'filterLogEvents', { logGroupName: group.logGroupName, limit: 1 })
    .expect(ExpectedResult.objectLike({ events: Match.arrayWith([Match.objectLike({ message: Match.stringLikeRegexp('.+') })]) }))
    .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(60) }));
  entryArrives(groups.networkRequests, request);
  entryArrives(groups.service, request);
  entryArrives(groups.networkConnections, connection);
  entryArrives(groups.resource, connection);
  expectCreateOnly(test, 'AWS::VpcLattice::AccessLogSubscription', { ServiceNetworkLogType: false });
  return { stack, test };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
