import { Stack, Token, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { strictStack } from './util';
import { AccessLogDestination, LatticeService, ServiceNetwork, ServiceNetworkLogType } from 'cdk-vpc-lattice';

const LOG_DELIVERY = { Service: 'delivery.logs.amazonaws.com' };
const LOGS_SOURCE_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] };

/** aws-cdk-lib's Firehose module adds a CIDR mapping it does not always use; the validator warns about it. */
function firehoseStack(): Stack {
  const stack = strictStack();
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W7001', reason: 'unused mapping added by aws-cdk-lib aws-kinesisfirehose' });
  return stack;
}

function subscriptions(stack: Stack): Record<string, any> {
  return Template.fromStack(stack).findResources('AWS::VpcLattice::AccessLogSubscription');
}

describe('access logs of a service network', () => {
  test('accessLogs sends SERVICE logs to a log group by an ARN built from its name, without the trailing :*', () => {
    const stack = strictStack();
    const logGroup = new logs.LogGroup(stack, 'Logs');
    new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup)] });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AccessLogSubscription', 1);
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
      ServiceNetworkLogType: 'SERVICE',
      DestinationArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
          ':log-group:', { Ref: Match.stringLikeRegexp('^Logs') }]],
      },
    });
    // No log-group resource policy: VPC Lattice maintains the account's vended-logs policy itself.
    template.resourceCountIs('AWS::Logs::ResourcePolicy', 0);
  });

  test('an imported log group is addressed in its own account and Region, without the :* its ARN was given with', () => {
    const stack = strictStack();
    const logGroup = logs.LogGroup.fromLogGroupArn(stack, 'Central', 'arn:aws:logs:eu-west-1:999999999999:log-group:/central/lattice:*');
    new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup)] });

    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      DestinationArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:999999999999:log-group:/central/lattice']] },
    });
  });

  test('an S3 bucket of the app gets the vended-logs bucket policy, and the subscription waits for it', () => {
    const stack = strictStack();
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const network = new ServiceNetwork(stack, 'Network');
    network.addAccessLogs(AccessLogDestination.s3(bucket));

    const template = Template.fromStack(stack);
    template.hasResource('AWS::VpcLattice::AccessLogSubscription', {
      Properties: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }, ServiceNetworkLogType: 'SERVICE' },
      DependsOn: [Match.stringLikeRegexp('^BucketPolicy')],
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Principal: LOG_DELIVERY,
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }, '/AWSLogs/', { Ref: 'AWS::AccountId' }, '/*']] },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 's3:x-amz-acl': 'bucket-owner-full-control' },
              ArnLike: { 'aws:SourceArn': LOGS_SOURCE_ARN },
            },
          },
          {
            Effect: 'Allow',
            Principal: LOG_DELIVERY,
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': LOGS_SOURCE_ARN } },
          },
        ]),
      },
    });
  });

  test('a bucket used by a network and a service gets the statements once', () => {
    const stack = strictStack({ env: { account: '111122223333', region: 'eu-west-1' } });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const network = new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.s3(bucket)] });
    new LatticeService(stack, 'Service', { serviceNetwork: network, accessLogs: [AccessLogDestination.s3(bucket)] });

    const template = Template.fromStack(stack);
    const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0].Condition.StringEquals['aws:SourceAccount']).toEqual('111122223333');
    expect(statements[0].Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111122223333:*']] });
    expect(Object.values(subscriptions(stack)).map(s => s.DependsOn)).toEqual([[expect.stringMatching(/^BucketPolicy/)], [expect.stringMatching(/^BucketPolicy/)]]);
  });

  test("a bucket encrypted with the app's KMS key lets log delivery generate data keys", () => {
    const stack = strictStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey });
    new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.s3(bucket)] });

    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: LOG_DELIVERY,
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': LOGS_SOURCE_ARN } },
        }]),
      },
    });
  });

  test("an imported bucket's policy is left alone and the subscription depends on nothing", () => {
    const stack = strictStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Central', 'central-access-logs');
    new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.s3(bucket)] });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    template.hasResource('AWS::VpcLattice::AccessLogSubscription', {
      Properties: { DestinationArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::central-access-logs']] } },
      DependsOn: Match.absent(),
    });
  });

  test('a Firehose stream of the app is tagged LogDeliveryEnabled=true, and nothing else is', () => {
    const stack = firehoseStack();
    const stream = new firehose.DeliveryStream(stack, 'Stream', { destination: new firehose.S3Bucket(new s3.Bucket(stack, 'Archive')) });
    new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.firehose(stream)] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Stream'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', { Tags: [{ Key: 'LogDeliveryEnabled', Value: 'true' }] });
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.map(role => role.Properties.Tags)).toEqual(roles.map(() => undefined));
  });

  test('each log type takes one destination of each kind, in subscriptions named after both', () => {
    const stack = strictStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const logGroup = new logs.LogGroup(stack, 'Logs');
    const network = new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup), AccessLogDestination.s3(bucket)] });
    const resourceLogs = network.addAccessLogs(AccessLogDestination.s3(bucket), { logType: ServiceNetworkLogType.RESOURCE });
    network.addAccessLogs(AccessLogDestination.cloudWatchLogs(logGroup), { logType: ServiceNetworkLogType.RESOURCE });

    expect(resourceLogs.node.path).toBe('Stack/Network/ResourceAccessLogsS3');
    expect(network.node.children.map(child => child.node.id).filter(id => id.includes('AccessLogs'))).toEqual([
      'AccessLogsCloudWatchLogs', 'AccessLogsS3', 'ResourceAccessLogsS3', 'ResourceAccessLogsCloudWatchLogs',
    ]);
    expect(Object.values(subscriptions(stack)).map(s => s.Properties.ServiceNetworkLogType)).toEqual(['SERVICE', 'SERVICE', 'RESOURCE', 'RESOURCE']);
  });
});

describe('access logs of a service', () => {
  test('accessLogs and addAccessLogs subscribe the service, without a log type', () => {
    const stack = firehoseStack();
    const stream = firehose.DeliveryStream.fromDeliveryStreamArn(stack, 'Stream', 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/lattice');
    const service = new LatticeService(stack, 'Service', { accessLogs: [AccessLogDestination.firehose(stream)] });
    service.addAccessLogs(AccessLogDestination.cloudWatchLogs(new logs.LogGroup(stack, 'Logs')));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AccessLogSubscription', 2);
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] },
      DestinationArn: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/lattice',
      ServiceNetworkLogType: Match.absent(),
    });
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] },
      DestinationArn: { 'Fn::Join': Match.anyValue() },
      ServiceNetworkLogType: Match.absent(),
    });
  });
});

describe('AccessLogDestination.fromArn', () => {
  test.each([
    ['a log group', 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc-lattice/platform', 'AccessLogsCloudWatchLogs'],
    ['a bucket', 'arn:aws:s3:::central-access-logs', 'AccessLogsS3'],
    ['a bucket with a prefix', 'arn:aws:s3:::central-access-logs/lattice', 'AccessLogsS3'],
    ['a delivery stream', 'arn:aws-us-gov:firehose:us-gov-west-1:111122223333:deliverystream/lattice-logs', 'AccessLogsFirehose'],
  ])('takes the ARN of %s as given', (_what, arn, id) => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    expect(network.addAccessLogs(AccessLogDestination.fromArn(arn)).node.id).toBe(id);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', { DestinationArn: arn });
  });

  test('ARNs that are tokens pass, each in its own subscription', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    network.addAccessLogs(AccessLogDestination.fromArn(Token.asString({ Ref: 'DestinationA' })));
    network.addAccessLogs(AccessLogDestination.fromArn(Token.asString({ Ref: 'DestinationB' })));
    expect(network.node.children.map(child => child.node.id).filter(id => id.startsWith('AccessLogs'))).toEqual(['AccessLogs', 'AccessLogs2']);
  });
});

describe('access-log rules', () => {
  const bucketArn = 'arn:aws:s3:::central-access-logs';

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a log-group ARN ending in :*',
      stack => new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.fromArn('arn:aws:logs:eu-west-1:111122223333:log-group:/lattice:*')] }),
      /^Stack\/Network: invalid access log destination ARN 'arn:aws:logs:eu-west-1:111122223333:log-group:\/lattice:\*': a log group ARN must not end in ':\*'.*remove the ':\*'$/],
    ['an ARN of another service',
      stack => new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.fromArn('arn:aws:kinesis:eu-west-1:111122223333:stream/logs')] }),
      /^Stack\/Network: invalid access log destination ARN 'arn:aws:kinesis:eu-west-1:111122223333:stream\/logs': must be the ARN of a CloudWatch Logs log group .*, an S3 bucket .* or a Firehose delivery stream/],
    ['an ARN that is too short',
      stack => new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.fromArn('arn:aws:s3:::ab')] }),
      /^Stack\/Network: invalid access log destination ARN 'arn:aws:s3:::ab': must be 20 to 2048 characters long \(it has 15\)$/],
    ['two S3 destinations for the SERVICE logs of a network',
      stack => new ServiceNetwork(stack, 'Network', { accessLogs: [AccessLogDestination.s3(new s3.Bucket(stack, 'A')), AccessLogDestination.fromArn(bucketArn)] }),
      /^Stack\/Network: invalid accessLogs 'an S3 bucket': Stack\/Network\/AccessLogsS3 already sends SERVICE access logs to an S3 bucket, and VPC Lattice allows one destination of each kind \(CloudWatch Logs, S3, Firehose\) per resource and log type$/],
    ['two S3 destinations for the RESOURCE logs of a network',
      stack => {
        const network = new ServiceNetwork(stack, 'Network');
        network.addAccessLogs(AccessLogDestination.fromArn(bucketArn), { logType: ServiceNetworkLogType.RESOURCE });
        network.addAccessLogs(AccessLogDestination.fromArn(`${bucketArn}/other`), { logType: ServiceNetworkLogType.RESOURCE });
      },
      /^Stack\/Network: invalid accessLogs 'an S3 bucket': Stack\/Network\/ResourceAccessLogsS3 already sends RESOURCE access logs/],
    ['two log groups for a service',
      stack => new LatticeService(stack, 'Service', {
        accessLogs: [AccessLogDestination.cloudWatchLogs(new logs.LogGroup(stack, 'A')), AccessLogDestination.cloudWatchLogs(new logs.LogGroup(stack, 'B'))],
      }),
      /^Stack\/Service: invalid accessLogs 'a CloudWatch Logs log group': Stack\/Service\/AccessLogsCloudWatchLogs already sends access logs to a CloudWatch Logs log group, and VPC Lattice allows one destination of each kind \(CloudWatch Logs, S3, Firehose\) per resource$/],
    ['an unknown log type',
      stack => new ServiceNetwork(stack, 'Network').addAccessLogs(AccessLogDestination.fromArn(bucketArn), { logType: 'ALL' as ServiceNetworkLogType }),
      /^Stack\/Network: invalid logType 'ALL': must be one of 'SERVICE', 'RESOURCE'$/],
  ])('rejects %s', (_what, build, message) => {
    expect(() => build(strictStack())).toThrow(message);
  });
});
