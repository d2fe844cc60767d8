import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AccessLogDestination, AuthPolicy, HttpMethod, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction,
  ListenerProtocol, ServiceNetwork,
} from 'cdk-vpc-lattice';

const REGION = 'eu-west-1';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
const ORGANIZATION_ARN = `arn:aws:organizations::123456789012:organization/${ORGANIZATION_ID}`;

/**
 * A platform team's service network shared with a whole organization, and an application team that joins it from its
 * own account. The network stack (account 111111111111) creates the `platform` network with IAM auth that lets only
 * callers from the organization through, sends its access logs to CloudWatch Logs and to an S3 archive (the bucket
 * policy for log delivery is written for you), and shares the network with the organization through AWS RAM. The
 * application stack (account 222222222222) cannot know the network's ID when its code is written, so it finds the
 * network by name at deploy time, associates its `orders` service (a Lambda function behind an HTTPS listener) and its
 * client VPC with it, and lets one role call `GET /orders/*`.
 */
export function build(app: App): void {
  buildNetworkAccount(app);
  buildApplicationAccount(app);
}

function buildNetworkAccount(app: App) {
  const stack = new Stack(app, 'PlatformNetwork', { env: { account: '111111111111', region: REGION } });

  const logGroup = new logs.LogGroup(stack, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const archive = new s3.Bucket(stack, 'AccessLogArchive', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
  });
  Validations.of(archive).acknowledge({
    id: 'AwsSolutions::AwsSolutions-S1',
    reason: 'This bucket is itself the destination of access logs, written only by CloudWatch Logs delivery; logging the requests to it ' +
      'would need another log bucket, and so on. Reads of the archive are audited with CloudTrail data events.',
  });

  const network = new ServiceNetwork(stack, 'Network', {
    serviceNetworkName: 'platform',
    authPolicy: AuthPolicy.organizationOnly(ORGANIZATION_ID),
    accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup), AccessLogDestination.s3(archive)],
  });
  network.shareWith({ principals: [ORGANIZATION_ARN] });
}

function buildApplicationAccount(app: App) {
  const stack = new Stack(app, 'OrdersApplication', { env: { account: '222222222222', region: REGION } });

  // Found at deploy time among the networks shared with this account; the deployment fails if none or several match.
  const platform = ServiceNetwork.fromServiceNetworkName(stack, 'Platform', 'platform');

  const clientVpc = new ec2.Vpc(stack, 'ClientVpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'clients', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  platform.associateVpc(clientVpc);

  // The function may write to its own log group and nothing else.
  const handlerLogs = new logs.LogGroup(stack, 'OrdersHandlerLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const handlerRole = new iam.Role(stack, 'OrdersHandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  handlerLogs.grantWrite(handlerRole);
  const handler = new lambda.Function(stack, 'OrdersHandler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      'exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ path: event.path }) });'),
    role: handlerRole,
    logGroup: handlerLogs,
    timeout: Duration.seconds(5),
  });
  const orders = new LatticeService(stack, 'Orders', {
    serviceName: 'orders',
    serviceNetwork: platform,
    listeners: [{
      protocol: ListenerProtocol.HTTPS,
      defaultAction: ListenerAction.forward(new LambdaTargetGroup(stack, 'OrdersFunction', {
        function: handler,
        eventStructureVersion: LambdaEventStructureVersion.V2,
      })),
    }],
  });

  // The role the order-history job runs as, in the client VPC: it may read orders and nothing else.
  const reader = new iam.Role(stack, 'OrderHistoryJob', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  orders.grantInvoke(reader, { methods: [HttpMethod.GET], paths: ['/orders/*'] });
}
