import { IResolvable, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { whenTreeIsComplete } from '../../private/tree';
import { invalid } from '../../private/validation';

type Configuration = ecs.CfnService.VpcLatticeConfigurationProperty | IResolvable;

const INFRASTRUCTURE_ROLE_ID = 'VpcLatticeEcsInfrastructureRole';
const INFRASTRUCTURE_POLICY = 'AmazonECSInfrastructureRolePolicyForVpcLattice';

/**
 * The ECS infrastructure role of `scope`'s stack, created on first use: ECS assumes it to register and deregister the
 * tasks of every service in the stack in their VPC Lattice target groups.
 */
export function ecsInfrastructureRoleOf(group: IConstruct, service: ecs.BaseService): iam.IRole {
  const stack = Stack.of(service);
  const existing = stack.node.tryFindChild(INFRASTRUCTURE_ROLE_ID);
  if (existing) {
    if (!(existing instanceof iam.Role)) {
      throw invalid(group, 'infrastructureRole', undefined,
        `the stack has a construct with the ID '${INFRASTRUCTURE_ROLE_ID}' that is not the library's role; rename it, or pass infrastructureRole`);
    }
    return existing;
  }
  const role = new iam.Role(stack, INFRASTRUCTURE_ROLE_ID, {
    assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
    description: 'Lets Amazon ECS register the tasks of services in their VPC Lattice target groups',
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(INFRASTRUCTURE_POLICY)],
  });
  Validations.of(role).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${INFRASTRUCTURE_POLICY}]`,
    reason: `${INFRASTRUCTURE_POLICY} is the policy AWS documents for the ECS infrastructure role of VPC Lattice and keeps up to date as ECS needs ` +
      'new actions; it allows registering targets in VPC Lattice target groups and describing the VPC, nothing else.',
  });
  return role;
}

/** The VPC Lattice configurations the library adds to each ECS service. */
const configurationsByService = new WeakMap<ecs.CfnService, LatticeConfigurations>();

/**
 * Adds an entry to the `VpcLatticeConfigurations` of an ECS service, after the ones already there. `render` is called
 * when the template is written, so the entry may change until then (blue/green settings added later).
 */
export function addVpcLatticeConfiguration(
  group: IConstruct,
  service: ecs.BaseService,
  render: () => ecs.CfnService.VpcLatticeConfigurationProperty,
) {
  const resource = service.node.defaultChild as ecs.CfnService;
  let configurations = configurationsByService.get(resource);
  if (!configurations) {
    configurations = new LatticeConfigurations(group, service, resource);
    configurationsByService.set(resource, configurations);
  }
  configurations.add(render);
}

/**
 * The list ECS registers the service's tasks by. The ECS L2 does not model it, so the library appends to the L1
 * property with a lazy list: the user's entries first (set on the L1 before or after the target groups), then one per
 * target group. A user who replaces the whole list with `addPropertyOverride` keeps those entries too: the override is
 * extended with the library's once the app is complete.
 */
class LatticeConfigurations {
  private readonly added: Array<() => ecs.CfnService.VpcLatticeConfigurationProperty> = [];
  private readonly list: IResolvable;
  private overrideList?: IResolvable;
  private userEntries: Configuration[] = [];

  constructor(private readonly group: IConstruct, private readonly service: ecs.BaseService, private readonly resource: ecs.CfnService) {
    this.list = Lazy.any({ produce: () => [...this.userEntries, ...this.rendered()] }, { omitEmptyArray: true });
    this.takeOver();
    whenTreeIsComplete(resource, () => {
      this.takeOver();
      this.extendUserOverride();
    });
  }

  public add(render: () => ecs.CfnService.VpcLatticeConfigurationProperty) {
    this.added.push(render);
  }

  private rendered(): ecs.CfnService.VpcLatticeConfigurationProperty[] {
    return this.added.map(render => render());
  }

  /** Keeps what the L1 property holds and puts the lazy list in its place (again, if it was replaced). */
  private takeOver() {
    const current = this.resource.vpcLatticeConfigurations;
    if (current === this.list) { return; }
    this.userEntries = this.entriesOf(current, 'vpcLatticeConfigurations');
    this.resource.vpcLatticeConfigurations = this.list;
  }

  /**
   * An override of the whole list would replace the library's entries. CloudFormation resources keep overrides in
   * `rawOverrides`, which has no public reader; an override of single entries (`VpcLatticeConfigurations.0.PortName`)
   * is an object, not a list, and applies to the rendered list as it is.
   */
  private extendUserOverride() {
    const overrides = (this.resource as unknown as { rawOverrides?: { Properties?: Record<string, unknown> } }).rawOverrides;
    const overridden = overrides?.Properties?.VpcLatticeConfigurations;
    const singleEntries = typeof overridden === 'object' && overridden !== null && !Array.isArray(overridden) && !Token.isUnresolved(overridden);
    if (overridden === undefined || overridden === this.overrideList || singleEntries) { return; }
    const entries = this.entriesOf(overridden, 'VpcLatticeConfigurations override');
    // Overrides are written as they are, so the library's entries take CloudFormation's property names there.
    this.overrideList = Lazy.any({ produce: () => [...entries, ...this.rendered().map(toCloudFormation)] });
    this.resource.addPropertyOverride('VpcLatticeConfigurations', this.overrideList);
  }

  private entriesOf(value: unknown, what: string): Configuration[] {
    if (value === undefined) { return []; }
    if (Token.isUnresolved(value) || !Array.isArray(value)) {
      throw invalid(this.group, 'service', this.service.node.path,
        `its ${what} is only known at deploy time, so the target group cannot be added to it; give the entries as a list`);
    }
    return [...value];
  }
}

function toCloudFormation(entry: ecs.CfnService.VpcLatticeConfigurationProperty): Record<string, unknown> {
  const advanced = entry.advancedConfiguration as ecs.CfnService.VpcLatticeAdvancedConfigurationProperty | undefined;
  return withoutUndefined({
    TargetGroupArn: entry.targetGroupArn,
    PortName: entry.portName,
    RoleArn: entry.roleArn,
    AdvancedConfiguration: advanced && withoutUndefined({
      AlternateTargetGroupArn: advanced.alternateTargetGroupArn,
      ProductionListenerRule: advanced.productionListenerRule,
      TestListenerRule: advanced.testListenerRule,
    }),
  });
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
