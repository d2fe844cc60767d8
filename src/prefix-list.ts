import { Aws, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { whenTreeIsComplete } from './private/tree';
import { invalid } from './private/validation';

/**
 * Which of VPC Lattice's managed prefix lists is meant.
 */
export interface LatticePrefixListOptions {
  /**
   * The IPv6 list (`com.amazonaws.<region>.ipv6.vpc-lattice`) rather than the IPv4 one
   * (`com.amazonaws.<region>.vpc-lattice`).
   *
   * @default false
   */
  readonly ipv6?: boolean;
}

/**
 * The managed prefix lists VPC Lattice sends traffic and health checks from: `com.amazonaws.<region>.vpc-lattice`
 * and `com.amazonaws.<region>.ipv6.vpc-lattice`. A target's security group must admit them, or every request ends in
 * a 503.
 *
 * Target groups admit the list on their targets' security groups by themselves. Its ID differs per region and
 * account, so by default it is looked up at deploy time, at most once per stack whatever the number of target groups
 * (an `AwsCustomResource` calling EC2 `DescribeManagedPrefixLists`). To skip the lookup, pass the ID you know (from
 * `aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.vpc-lattice`)
 * with `LatticePrefixList.useKnownId(stack, 'pl-0123456789abcdef0')`.
 */
export class LatticePrefixList {
  /**
   * Uses `prefixListId` for the prefix list in `scope`'s stack instead of looking it up at deploy time: the stack
   * then has no lookup. May be called before or after target groups are added.
   *
   * @param scope any construct of the stack
   * @param prefixListId the ID of the list, `pl-` and 8 or 17 hexadecimal digits; a token (such as a parameter) is
   * used as given
   */
  public static useKnownId(scope: IConstruct, prefixListId: string, options: LatticePrefixListOptions = {}): void {
    const stack = Stack.of(scope);
    const list = prefixListOf(stack, options.ipv6 ?? false);
    const property = options.ipv6 ? 'IPv6 prefixListId' : 'prefixListId';
    if (!Token.isUnresolved(prefixListId) && !/^pl-([0-9a-f]{8}|[0-9a-f]{17})$/.test(prefixListId)) {
      throw invalid(stack, property, prefixListId, "must be a prefix-list ID: 'pl-' followed by 8 or 17 characters of 0-9 and a-f");
    }
    if (list.knownId !== undefined && list.knownId !== prefixListId) {
      throw invalid(stack, property, prefixListId, `this stack already uses the known ID '${list.knownId}'; give one ID per stack`);
    }
    list.knownId = prefixListId;
  }

  /**
   * The ID of the prefix list in `scope`'s stack: the known ID if one was given, else the result of the stack's one
   * deploy-time lookup.
   */
  public static idOf(scope: IConstruct, options: LatticePrefixListOptions = {}): string {
    return prefixListOf(Stack.of(scope), options.ipv6 ?? false).id;
  }

  /**
   * The prefix list as the source of security-group rules in `scope`'s stack, for targets the library does not wire
   * itself, such as the addresses of an IP target group:
   * `securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup), ec2.Port.tcp(8080))`.
   *
   * Rules from this peer on the same security group and port are made once, however often they are added.
   */
  public static peer(scope: IConstruct, options: LatticePrefixListOptions = {}): ec2.IPeer {
    return prefixListOf(Stack.of(scope), options.ipv6 ?? false).peer;
  }

  private constructor() {}
}

/** The prefix lists of each stack, created on first use. */
const prefixListsByStack = new WeakMap<Stack, Map<boolean, PrefixListInStack>>();

function prefixListOf(stack: Stack, ipv6: boolean): PrefixListInStack {
  const lists = prefixListsByStack.get(stack) ?? new Map<boolean, PrefixListInStack>();
  prefixListsByStack.set(stack, lists);
  let list = lists.get(ipv6);
  if (!list) {
    list = new PrefixListInStack(stack, ipv6);
    lists.set(ipv6, list);
  }
  return list;
}

/**
 * One prefix list in one stack. Its ID is a lazy value, so that `useKnownId` may come after the first target group:
 * whether the stack needs a lookup is decided once the tree is complete.
 */
class PrefixListInStack {
  public knownId?: string;
  public readonly id: string;
  public readonly peer: ec2.IPeer;
  private lookupId?: string;

  constructor(stack: Stack, ipv6: boolean) {
    this.id = Lazy.string({
      produce: () => {
        const id = this.knownId ?? this.lookupId;
        if (id === undefined) {
          throw invalid(stack, 'VPC Lattice prefix list', ipv6 ? 'IPv6' : 'IPv4',
            'was first used after the construct tree was complete (from an Aspect); use LatticePrefixList.useKnownId, or add the target earlier');
        }
        return id;
      },
    });
    this.peer = new PrefixListPeer(this.id, ipv6 ? 'VpcLatticeIpv6PrefixList' : 'VpcLatticePrefixList');
    // Synthesizing an app again runs this again: the lookup is made once.
    whenTreeIsComplete(stack, () => {
      if (this.knownId === undefined && this.lookupId === undefined) {
        this.lookupId = lookUpPrefixListId(stack, ipv6);
      }
    });
  }
}

/**
 * A prefix list as a security-group peer. Unlike `ec2.Peer.prefixList`, its unique ID is a fixed name rather than the
 * (deploy-time) ID, so a security group makes one rule per port however many target groups ask for it.
 */
class PrefixListPeer implements ec2.IPeer {
  public readonly canInlineRule = false;
  public readonly connections: ec2.Connections = new ec2.Connections({ peer: this });

  constructor(private readonly prefixListId: string, public readonly uniqueId: string) {}

  public toIngressRuleConfig(): any {
    return { sourcePrefixListId: this.prefixListId };
  }

  public toEgressRuleConfig(): any {
    return { destinationPrefixListId: this.prefixListId };
  }
}

/** The construct ID aws-cdk-lib gives the one Lambda function behind every `AwsCustomResource` of a stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

function lookUpPrefixListId(stack: Stack, ipv6: boolean): string {
  const name = ipv6 ? `com.amazonaws.${Aws.REGION}.ipv6.vpc-lattice` : `com.amazonaws.${Aws.REGION}.vpc-lattice`;
  const call: cr.AwsSdkCall = {
    service: 'EC2',
    action: 'describeManagedPrefixLists',
    parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
    physicalResourceId: cr.PhysicalResourceId.of(name),
    outputPaths: ['PrefixLists.0.PrefixListId'],
  };
  // All AwsCustomResources of a stack share one function; only the first one to exist sets its role and log group.
  const providerExists = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID) !== undefined;
  const lookup = new cr.AwsCustomResource(stack, ipv6 ? 'VpcLatticeIpv6PrefixList' : 'VpcLatticePrefixList', {
    resourceType: 'Custom::VpcLatticePrefixList',
    onUpdate: call,
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      // EC2 Describe* calls support no resource-level permissions: the resource can only be '*'.
      new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] }),
    ]),
    // The call is in the SDK every Lambda runtime bundles; installing the latest SDK would need internet access.
    installLatestAwsSdk: false,
    ...(providerExists ? {} : lookupFunctionSettings(stack)),
  });
  Validations.of(lookup).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason: "ec2:DescribeManagedPrefixLists supports no resource-level permissions, so its resource is '*'; the policy allows that one read-only action.",
  });
  return lookup.getResponseField('PrefixLists.0.PrefixListId');
}

/**
 * A role that may only write to its own log group, rather than the AWSLambdaBasicExecutionRole managed policy, and
 * logs kept for a year rather than forever.
 */
function lookupFunctionSettings(stack: Stack): { role: iam.IRole; logGroup: logs.ILogGroup } {
  const logGroup = new logs.LogGroup(stack, 'VpcLatticePrefixListLookupLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(stack, 'VpcLatticePrefixListLookupRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Looks up the VPC Lattice managed prefix list at deploy time',
  });
  logGroup.grantWrite(role);
  return { role, logGroup };
}
