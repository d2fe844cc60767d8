import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { LookupFunction } from './lookup-function';
import { LIST_ACTIONS, LookupAttributes, LookupProperties, LookupResourceType } from './protocol';

/** The construct ID of the one lookup provider of a stack, at the stack's root. */
const PROVIDER_ID = 'VpcLatticeLookupProvider';

/**
 * The Lambda-backed provider behind every `Custom::VpcLatticeLookup` of a stack: one per stack however many lookups,
 * allowed only the `List*` actions of the kinds of lookups the stack makes.
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
    this.handler = new LookupFunction(this, 'Handler', {
      description: 'Finds VPC Lattice service networks and services by name at deploy time (cdk-vpc-lattice)',
      timeout: Duration.minutes(2),
    });
    this.serviceToken = new cr.Provider(this, 'Provider', { onEventHandler: this.handler }).serviceToken;
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
