import { Arn, ArnFormat, IResource, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnAccessLogSubscription } from 'aws-cdk-lib/aws-vpclattice';
import { Construct, IDependable } from 'constructs';
import { freeChildId } from './private/ids';
import { checkGiven, checkHasMember, checkOneOf, checkString, invalidValueError, isToken } from './private/validation';

/**
 * Which traffic a service network's access logs record.
 */
export enum ServiceNetworkLogType {
  /** Requests to the services associated with the network (`VpcLatticeAccessLogs`). */
  SERVICE = 'SERVICE',
  /** Connections to the resource configurations associated with the network (`VpcLatticeResourceAccessLogs`). */
  RESOURCE = 'RESOURCE',
}

/**
 * Options for adding access logs to a service network.
 */
export interface ServiceNetworkAccessLogOptions {
  /**
   * Which traffic the logs record. Each log type can have one destination of each kind.
   *
   * @default ServiceNetworkLogType.SERVICE
   */
  readonly logType?: ServiceNetworkLogType;
}

/** The kinds of destination VPC Lattice delivers access logs to; a resource can have one of each per log type. */
type DestinationKind = 'CloudWatchLogs' | 'S3' | 'Firehose';

const KIND_NAMES: Record<DestinationKind, string> = { CloudWatchLogs: 'a CloudWatch Logs log group', S3: 'an S3 bucket', Firehose: 'a Firehose delivery stream' };

/** What a destination tells the subscription that sends logs to it. */
interface BoundDestination {
  /** The kind, when it is known at synth (an ARN given as a token has none). */
  readonly kind?: DestinationKind;
  readonly destinationArn: string;
  /** Something the subscription must wait for, like the bucket policy that lets log delivery write. */
  readonly dependable?: IDependable;
}

/**
 * Where VPC Lattice delivers the access logs of a service network or a service.
 *
 * A resource can send its logs to one destination of each kind (CloudWatch Logs, S3, Firehose); a service network
 * can do so once per log type.
 */
export abstract class AccessLogDestination {
  /**
   * Deliver access logs to a CloudWatch Logs log group (within about 2 minutes).
   *
   * CloudWatch Logs lets log delivery write to the group through the account's log resource policy
   * (`AWSLogDeliveryWrite20150319`), which VPC Lattice adds or extends at deploy time; this library does not create
   * one per log group because an account can have only 10 log resource policies per Region. The role that deploys
   * needs `logs:PutResourcePolicy` and `logs:DescribeResourcePolicies`.
   */
  public static cloudWatchLogs(logGroup: logs.ILogGroup): AccessLogDestination {
    return new BoundAccessLogDestination(owner => ({
      kind: checkDestination(owner, logGroup, 'logGroupName', 'CloudWatchLogs'),
      // `logGroupArn` of the L2s ends in `:*`, which VPC Lattice rejects, so the ARN is built from the group's name.
      destinationArn: Arn.format({
        service: 'logs',
        region: logGroup.env.region,
        account: logGroup.env.account,
        resource: 'log-group',
        resourceName: logGroup.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }, Stack.of(logGroup)),
    }));
  }

  /**
   * Deliver access logs to an S3 bucket (within about 6 minutes), under `AWSLogs/<account>/`.
   *
   * For a bucket defined in this app, the bucket policy lets `delivery.logs.amazonaws.com` write there (only for
   * this account's and Region's log deliveries), and the bucket's KMS key, if it has one, lets it generate data keys.
   * Writing the statements here matters: VPC Lattice would otherwise add them at deploy time, and the next update of a
   * bucket policy this app manages would remove them. An imported bucket's policy is not changed: VPC Lattice adds the
   * statements at deploy time if the deploying role may `s3:GetBucketPolicy` and `s3:PutBucketPolicy`.
   */
  public static s3(bucket: s3.IBucket): AccessLogDestination {
    return new BoundAccessLogDestination(owner => ({
      kind: checkDestination(owner, bucket, 'bucketArn', 'S3'),
      destinationArn: bucket.bucketArn,
      dependable: allowLogDeliveryToBucket(owner, bucket),
    }));
  }

  /**
   * Deliver access logs to an Amazon Data Firehose delivery stream.
   *
   * Log delivery writes through the `AWSServiceRoleForLogDelivery` service-linked role, which may only write to
   * streams tagged `LogDeliveryEnabled=true`. A stream defined in this app gets the tag here; tag an imported stream
   * yourself (VPC Lattice tags it at deploy time if the deploying role may `firehose:TagDeliveryStream`).
   */
  public static firehose(deliveryStream: firehose.IDeliveryStream): AccessLogDestination {
    return new BoundAccessLogDestination(owner => {
      checkDestination(owner, deliveryStream, 'deliveryStreamArn', 'Firehose');
      Tags.of(deliveryStream).add('LogDeliveryEnabled', 'true', { includeResourceTypes: ['AWS::KinesisFirehose::DeliveryStream'] });
      return { kind: 'Firehose', destinationArn: deliveryStream.deliveryStreamArn };
    });
  }

  /**
   * Deliver access logs to a destination defined elsewhere, by its ARN: a CloudWatch Logs log group
   * (`arn:aws:logs:<region>:<account>:log-group:<name>`, without a trailing `:*`), an S3 bucket (`arn:aws:s3:::<bucket>`,
   * optionally followed by `/<prefix>`) or a Firehose delivery stream (`arn:aws:firehose:<region>:<account>:deliverystream/<name>`).
   *
   * Nothing is wired: the destination must already let log delivery write to it (see the other factories).
   */
  public static fromArn(destinationArn: string): AccessLogDestination {
    return new BoundAccessLogDestination(owner => ({ kind: kindOfArn(owner, destinationArn), destinationArn }));
  }

  /**
   * The destination for the subscriptions of `owner`, with whatever it needs to receive logs wired.
   *
   * @internal
   */
  public abstract _bind(owner: Construct): BoundDestination;
}

class BoundAccessLogDestination extends AccessLogDestination {
  constructor(private readonly bind: (owner: Construct) => BoundDestination) {
    super();
  }

  public _bind(owner: Construct): BoundDestination {
    return this.bind(owner);
  }
}

const ARN_PATTERNS: Record<DestinationKind, RegExp> = {
  CloudWatchLogs: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]{1,512}$/,
  S3: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
  Firehose: /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[a-zA-Z0-9_.-]{1,64}$/,
};

/** The destination given to a factory is one of its kind (JavaScript callers can pass anything). */
function checkDestination(owner: Construct, destination: unknown, member: string, kind: DestinationKind): DestinationKind {
  checkHasMember(owner, 'accessLogs', destination, member, { like: KIND_NAMES[kind], required: true });
  return kind;
}

function kindOfArn(owner: Construct, arn: string): DestinationKind | undefined {
  checkGiven(owner, 'access log destination ARN', arn, 'the ARN of a log group, bucket or delivery stream');
  checkString(owner, 'access log destination ARN', arn, { min: 20, max: 2048 });
  if (isToken(arn)) { return undefined; }
  if (/^arn:[^:]+:logs:.*:\*$/.test(arn)) {
    throw invalidValueError(owner, 'access log destination ARN', arn,
      "a log group ARN must not end in ':*' (the form IAM policies and some consoles show): remove the ':*'");
  }
  const kind = (Object.keys(ARN_PATTERNS) as DestinationKind[]).find(k => ARN_PATTERNS[k].test(arn));
  if (!kind) {
    throw invalidValueError(owner, 'access log destination ARN', arn,
      'must be the ARN of a CloudWatch Logs log group (arn:aws:logs:<region>:<account>:log-group:<name>), ' +
      'an S3 bucket (arn:aws:s3:::<bucket>[/<prefix>]) or a Firehose delivery stream (arn:aws:firehose:<region>:<account>:deliverystream/<name>)');
  }
  return kind;
}

/**
 * The vended-logs bucket policy (CloudWatch Logs user guide, "Logs sent to Amazon S3"), scoped to the log deliveries
 * of the owner's account and Region. A bucket used by several resources gets the same statements again, which IAM
 * policy documents render once.
 */
function allowLogDeliveryToBucket(owner: Construct, bucket: s3.IBucket): IDependable | undefined {
  const stack = Stack.of(owner);
  const deliveryService = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  const sourceArn = { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) };
  const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: sourceArn };
  const result = bucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [deliveryService],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 's3:x-amz-acl': 'bucket-owner-full-control' }, ArnLike: sourceArn },
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [deliveryService],
    actions: ['s3:GetBucketAcl', 's3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: fromThisAccount,
  }));
  bucket.encryptionKey?.addToResourcePolicy(new iam.PolicyStatement({
    principals: [deliveryService],
    actions: ['kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: fromThisAccount,
  }));
  return result.policyDependable;
}

/**
 * Sends the access logs of a service network or a service (`owner`, identified by `resourceIdentifier`) to a
 * destination, allowing one destination of each kind per resource and log type as VPC Lattice does.
 *
 * @internal
 */
export function addAccessLogSubscription(
  owner: IResource, resourceIdentifier: string, destination: AccessLogDestination, logType?: ServiceNetworkLogType,
): CfnAccessLogSubscription {
  checkOneOf(owner, 'logType', logType, Object.values(ServiceNetworkLogType));
  checkHasMember(owner, 'accessLogs', destination, '_bind', { like: 'an AccessLogDestination, like AccessLogDestination.cloudWatchLogs(logGroup)', required: true });
  const bound = destination._bind(owner);
  const prefix = logType === ServiceNetworkLogType.RESOURCE ? 'ResourceAccessLogs' : 'AccessLogs';
  // A subscription's ID names its log type and destination kind, so an earlier one of the same kind is found by ID.
  // The kind of an ARN given as a token is unknown: VPC Lattice judges it at deploy time.
  const kind = bound.kind;
  const id = kind ? `${prefix}${kind}` : freeChildId(owner, prefix);
  const earlier = kind ? owner.node.tryFindChild(id) : undefined;
  if (kind && earlier) {
    throw invalidValueError(owner, 'accessLogs', KIND_NAMES[kind],
      `${earlier.node.path} already sends ${logType ? `${logType} ` : ''}access logs to ${KIND_NAMES[kind]}, and VPC Lattice allows one ` +
      `destination of each kind (CloudWatch Logs, S3, Firehose) per resource${logType ? ' and log type' : ''}`);
  }

  const subscription = new CfnAccessLogSubscription(owner, id, {
    resourceIdentifier,
    destinationArn: bound.destinationArn,
    // Open (docs/lattice-facts.md#access-logs): replacement on a change settled by integ.access-logs.ts (DescribeType), and
    // delivery without a log resource policy from the library by its FilterLogEvents assertions.
    serviceNetworkLogType: logType,
  });
  if (bound.dependable) {
    subscription.node.addDependency(bound.dependable);
  }
  return subscription;
}
