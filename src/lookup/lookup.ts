import { CfnElement, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { LookupFunction } from './lookup-function';
import { LIST_ACTIONS, LookupAttributes, LookupProperties, LookupResourceType } from './protocol';

/** The construct ID of the one lookup provider of a stack, at the stack's root. */
const PROVIDER_ID = 'VpcLatticeLookupProvider';

/**
 * The Lambda-backed provider behind every `Custom::VpcLatticeLookup` of a stack: one per stack however many lookups.
 * The handler may only call the `List*` actions of the kinds of lookups the stack makes, and both functions may only
 * write to their own log group (kept for a year), rather than holding the AWSLambdaBasicExecutionRole managed policy.
 */
class LookupProvider extends Construct {
  /** The provider of the stack of `scope`, created by its first lookup, allowed to find resources of `type`. */
  public static of(scope: Construct, type: LookupResourceType): LookupProvider {
    const stack = Stack.of(scope);
    const provider = stack.node.tryFindChild(PROVIDER_ID) as LookupProvider | undefined ?? new LookupProvider(stack, PROVIDER_ID);
    provider.allow(type);
    return provider;
  }

  public readonly serviceToken: string;
  private readonly handler: LookupFunction;
  private readonly allowed = new Set<LookupResourceType>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    const lambdaRole = (roleId: string, description: string) => {
      const role = new iam.Role(this, roleId, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
      logGroup.grantWrite(role);
      return role;
    };

    const handlerRole = lambdaRole('HandlerRole', 'Lists VPC Lattice service networks and services to find one by name');
    this.handler = new LookupFunction(this, 'Handler', {
      description: 'Finds VPC Lattice service networks and services by name at deploy time (cdk-vpc-lattice)',
      timeout: Duration.minutes(2),
      role: handlerRole,
      logGroup,
    });
    const frameworkRole = lambdaRole('FrameworkRole', 'Invokes the VPC Lattice lookup function for CloudFormation');
    this.serviceToken = new cr.Provider(this, 'Provider', { onEventHandler: this.handler, frameworkOnEventRole: frameworkRole, logGroup }).serviceToken;

    Validations.of(handlerRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: "vpc-lattice:ListServiceNetworks and vpc-lattice:ListServices support no resource-level permissions, so their resource is '*'; " +
        'the role may call only those read-only actions, and only the ones its stack\'s lookups need.',
    });
    const handlerLogicalId = Stack.of(this).getLogicalId(this.handler.node.defaultChild as CfnElement);
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${handlerLogicalId}.Arn>:*]`,
      reason: 'The custom-resource framework may invoke the lookup function and its versions (<function ARN>:*), and no other function.',
    });
    Validations.of(this.handler).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'The handler is bundled with its AWS SDK for, and tested on, the nodejs22.x runtime this library is built for; ' +
        'a newer runtime is adopted in a library release, not by each stack.',
    });
  }

  private allow(type: LookupResourceType) {
    if (this.allowed.has(type)) { return; }
    this.allowed.add(type);
    // ListServiceNetworks and ListServices support no resource-level permissions (Service Authorization Reference):
    // `*` is the only resource that works.
    this.handler.addToRolePolicy(new iam.PolicyStatement({ actions: [LIST_ACTIONS[type]], resources: ['*'] }));
  }
}

/**
 * Looks up, at deploy time, the one service network or service named `name` that the stack's account can see (its
 * own, or shared with it through AWS RAM). The custom resource is `Lookup` under `scope`; deployment fails with a
 * message naming the candidates when none or several match.
 *
 * @internal
 */
export function lookUpByName(scope: Construct, type: LookupResourceType, name: string): { arn: string; id: string } {
  const properties: LookupProperties = { ResourceType: type, Name: name };
  const lookup = new CustomResource(scope, 'Lookup', {
    serviceToken: LookupProvider.of(scope, type).serviceToken,
    resourceType: 'Custom::VpcLatticeLookup',
    properties,
  });
  const attribute = (key: keyof LookupAttributes) => lookup.getAttString(key);
  return { arn: attribute('Arn'), id: attribute('Id') };
}
