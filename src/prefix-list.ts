import { Aws, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { awsLogs, customResources } from './private/lazy';
import { checkOneOf, checkStruct, invalidValueError, show } from './private/validation';

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
    const stack = stackOf(scope, 'useKnownId', options);
    const property = options.ipv6 ? 'IPv6 prefixListId' : 'prefixListId';
    if (!Token.isUnresolved(prefixListId) && !(typeof prefixListId === 'string' && /^pl-([0-9a-f]{8}|[0-9a-f]{17})$/.test(prefixListId))) {
      throw invalidValueError(stack, property, prefixListId, "must be a prefix-list ID: 'pl-' followed by 8 or 17 characters of 0-9 and a-f");
    }
    prefixListOf(stack, options.ipv6 ?? false).useKnownId(prefixListId, property);
  }

  /**
   * The ID of the prefix list in `scope`'s stack: the known ID if one was given, else the result of the stack's one
   * deploy-time lookup.
   */
  public static idOf(scope: IConstruct, options: LatticePrefixListOptions = {}): string {
    return prefixListOf(stackOf(scope, 'idOf', options), options.ipv6 ?? false).use().id;
  }

  /**
   * The prefix list as the source of security-group rules in `scope`'s stack, for targets the library does not wire
   * itself, such as the addresses of an IP target group:
   * `securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup), ec2.Port.tcp(8080))`.
   *
   * Rules from this peer on the same security group and port are made once, however often they are added.
   */
  public static peer(scope: IConstruct, options: LatticePrefixListOptions = {}): ec2.IPeer {
    return prefixListOf(stackOf(scope, 'peer', options), options.ipv6 ?? false).use().peer;
  }

  private constructor() {}
}

/**
 * The stack of `scope`, after checking the arguments every method takes: the scope must be a construct (with no path to
 * name otherwise, the message names the method), the options an object whose `ipv6` is a boolean.
 */
function stackOf(scope: IConstruct, method: string, options: LatticePrefixListOptions): Stack {
  if (!Construct.isConstruct(scope)) {
    throw new Error(`LatticePrefixList.${method}: invalid scope ${show(scope)}: must be a construct of the stack, like this`);
  }
  const stack = Stack.of(scope);
  checkStruct(stack, `LatticePrefixList.${method} options`, options, { like: '{ ipv6: true }' });
  checkOneOf(stack, `LatticePrefixList.${method} options.ipv6`, options.ipv6, [true, false]);
  return stack;
}

/**
 * The ID of the prefix list in `stack` when the app uses it (else nothing can refer to it), without starting a lookup.
 *
 * @internal
 */
export function usedPrefixListId(stack: Stack, ipv6: boolean): string | undefined {
  const existing = stack.node.tryFindChild(ipv6 ? 'VpcLatticeIpv6PrefixListId' : 'VpcLatticePrefixListId');
  return existing instanceof PrefixListInStack ? existing.id : undefined;
}

function prefixListOf(stack: Stack, ipv6: boolean): PrefixListInStack {
  const id = ipv6 ? 'VpcLatticeIpv6PrefixListId' : 'VpcLatticePrefixListId';
  const existing = stack.node.tryFindChild(id);
  return existing instanceof PrefixListInStack ? existing : new PrefixListInStack(stack, id, ipv6);
}

/**
 * One prefix list in one stack, held in the stack's tree (it renders nothing). Its ID is a lazy value: the ID given to
 * `useKnownId`, else the result of a deploy-time lookup made on first use. A known ID given after the first use
 * removes the lookup again, so that the order of `useKnownId` and the target groups does not matter.
 */
class PrefixListInStack extends Construct {
  public readonly id: string;
  public readonly peer: ec2.IPeer;
  private knownId?: string;
  private lookup?: { readonly resource: cr.AwsCustomResource; readonly id: string; readonly madeProvider: boolean };

  constructor(private readonly stack: Stack, id: string, private readonly ipv6: boolean) {
    super(stack, id);
    this.id = Lazy.string({ produce: () => this.knownId ?? this.lookup?.id });
    this.peer = new PrefixListPeer(this.id, ipv6 ? 'VpcLatticeIpv6PrefixList' : 'VpcLatticePrefixList');
  }

  /** The ID, looking it up at deploy time unless it is known. */
  public use(): this {
    if (this.knownId === undefined && !this.lookup) {
      this.lookup = lookUpPrefixListId(this.stack, this.ipv6);
    }
    return this;
  }

  public useKnownId(prefixListId: string, property: string) {
    if (this.knownId !== undefined && this.knownId !== prefixListId) {
      throw invalidValueError(this.stack, property, prefixListId, `this stack already uses the known ID '${this.knownId}'; give one ID per stack`);
    }
    this.knownId = prefixListId;
    if (this.lookup) {
      removeLookup(this.stack, this.lookup);
      this.lookup = undefined;
    }
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
const awsCustomResourceProviderId = () => `AWS${customResources().AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;
const LOOKUP_ROLE_ID = 'VpcLatticePrefixListLookupRole';
const LOOKUP_LOGS_ID = 'VpcLatticePrefixListLookupLogs';

/** The lookup of the list's ID, and whether it made the stack's `AwsCustomResource` provider (its role, log group). */
function lookUpPrefixListId(stack: Stack, ipv6: boolean): { resource: cr.AwsCustomResource; id: string; madeProvider: boolean } {
  const name = ipv6 ? `com.amazonaws.${Aws.REGION}.ipv6.vpc-lattice` : `com.amazonaws.${Aws.REGION}.vpc-lattice`;
  const { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } = customResources();
  const call: cr.AwsSdkCall = {
    service: 'EC2',
    action: 'describeManagedPrefixLists',
    parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
    physicalResourceId: PhysicalResourceId.of(name),
    outputPaths: ['PrefixLists.0.PrefixListId'],
  };
  // All AwsCustomResources of a stack share one function; only the first one to exist sets its role and log group.
  const providerExists = stack.node.tryFindChild(awsCustomResourceProviderId()) !== undefined;
  const lookup = new AwsCustomResource(stack, ipv6 ? 'VpcLatticeIpv6PrefixList' : 'VpcLatticePrefixList', {
    resourceType: 'Custom::VpcLatticePrefixList',
    onUpdate: call,
    policy: AwsCustomResourcePolicy.fromStatements([
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
  return { resource: lookup, id: lookup.getResponseField('PrefixLists.0.PrefixListId'), madeProvider: !providerExists };
}

/**
 * Removes a lookup that a known ID made unnecessary, with the provider it made, unless another `AwsCustomResource` of
 * the stack uses it.
 */
function removeLookup(stack: Stack, lookup: { resource: cr.AwsCustomResource; madeProvider: boolean }) {
  stack.node.tryRemoveChild(lookup.resource.node.id);
  // Whether another AwsCustomResource of this stack uses aws-cdk-lib's shared provider is aws-cdk-lib's fact, and it
  // keeps no list of them: only this stack is read, and only on this rare path (a known ID replacing a lookup).
  const providerUsed = stack.node.findAll().some(construct => construct instanceof customResources().AwsCustomResource);
  if (lookup.madeProvider && !providerUsed) {
    [awsCustomResourceProviderId(), LOOKUP_ROLE_ID, LOOKUP_LOGS_ID].forEach(id => stack.node.tryRemoveChild(id));
  }
}

/**
 * A role that may only write to its own log group, rather than the AWSLambdaBasicExecutionRole managed policy, and
 * logs kept for a year rather than forever.
 */
function lookupFunctionSettings(stack: Stack): { role: iam.IRole; logGroup: logs.ILogGroup } {
  const { LogGroup, RetentionDays } = awsLogs();
  const logGroup = new LogGroup(stack, LOOKUP_LOGS_ID, {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(stack, LOOKUP_ROLE_ID, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Looks up the VPC Lattice managed prefix list at deploy time',
  });
  logGroup.grantWrite(role);
  return { role, logGroup };
}
