import { CfnElement, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { LookupFunction } from './lookup-function';
import { LOOKUP_ACTIONS, LookupAttributes, LookupProperties, LookupResourceType, NamedResourceType } from './protocol';

/** The construct ID of the one lookup provider of a stack, at the stack's root. */
const PROVIDER_ID = 'VpcLatticeLookupProvider';

/**
 * The Lambda-backed provider behind every `Custom::VpcLatticeLookup` of a stack: one per stack however many lookups.
 * The handler may only call the `List*` actions of the kinds of lookups the stack makes (on `*`) and
 * `GetDomainVerification` on the domain verifications the stack reads, and both functions may only write to their own
 * log group (kept for a year), rather than holding the AWSLambdaBasicExecutionRole managed policy.
 */
class LookupProvider extends Construct {
  /**
   * The provider of the stack of `scope`, created by its first lookup, allowed the action of `type` on `resource`
   * (`*` for the `List*` actions, which support no resource-level permissions).
   */
  public static of(scope: Construct, type: LookupResourceType, resource = '*'): LookupProvider {
    const stack = Stack.of(scope);
    const provider = stack.node.tryFindChild(PROVIDER_ID) as LookupProvider | undefined ?? new LookupProvider(stack, PROVIDER_ID);
    provider.allow(type, resource);
    return provider;
  }

  public readonly serviceToken: string;
  private readonly handler: LookupFunction;
  private readonly allowed = new Set<string>();

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
      reason: "vpc-lattice:ListServiceNetworks, ListServices and ListResourceConfigurations support no resource-level permissions, so their resource is '*'; " +
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

  private allow(type: LookupResourceType, resource: string) {
    const key = `${type} ${resource}`;
    if (this.allowed.has(key)) { return; }
    this.allowed.add(key);
    // The List* actions support no resource-level permissions (Service Authorization Reference): `*` is the only
    // resource that works. GetDomainVerification takes the verification's ARN.
    this.handler.addToRolePolicy(new iam.PolicyStatement({ actions: [LOOKUP_ACTIONS[type]], resources: [resource] }));
  }
}

/**
 * Looks up, at deploy time, the one service network, service or resource configuration named `name` that the stack's
 * account can see (its own, or shared with it through AWS RAM). The custom resource is `Lookup` under `scope`;
 * deployment fails with a message naming the candidates when none or several match.
 *
 * @internal
 */
export function lookUpByName(scope: Construct, type: NamedResourceType, name: string): { arn: string; id: string } {
  const attribute = lookUp(scope, 'Lookup', { ResourceType: type, Name: name });
  return { arn: attribute('Arn'), id: attribute('Id') };
}

/**
 * Reads, at deploy time, the TXT record that the domain verification `verificationArn` asks for: the custom resource
 * `id` under `scope`. CloudFormation cannot give the record's parts (`TxtMethodConfig.name` is no attribute it accepts).
 *
 * @internal
 */
export function readVerificationTxtRecord(scope: Construct, id: string, verificationArn: string): { name: string; value: string } {
  const attribute = lookUp(scope, id, { ResourceType: 'DomainVerification', Identifier: verificationArn }, verificationArn);
  return { name: attribute('TxtRecordName'), value: attribute('TxtRecordValue') };
}

function lookUp(scope: Construct, id: string, properties: LookupProperties, resource?: string): (key: keyof LookupAttributes) => string {
  const lookup = new CustomResource(scope, id, {
    serviceToken: LookupProvider.of(scope, properties.ResourceType, resource).serviceToken,
    resourceType: 'Custom::VpcLatticeLookup',
    properties,
  });
  return key => lookup.getAttString(key);
}
