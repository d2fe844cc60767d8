import { IResolvable, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { invalidValueError } from '../../private/validation';

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
      throw invalidValueError(group, 'infrastructureRole', undefined,
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

/** The construct ID, under an ECS service, of what the library adds to the service's VPC Lattice configurations. */
const CONFIGURATIONS_ID = 'VpcLatticeConfigurations';

/**
 * Adds an entry to the `VpcLatticeConfigurations` of an ECS service, after the ones already there. `render` is called
 * when the template is written, so the entry may change until then (blue/green settings added later).
 */
export function addVpcLatticeConfiguration(
  group: IConstruct,
  service: ecs.BaseService,
  render: () => ecs.CfnService.VpcLatticeConfigurationProperty,
) {
  const existing = service.node.tryFindChild(CONFIGURATIONS_ID);
  const configurations = existing instanceof LatticeConfigurations ? existing : new LatticeConfigurations(service, group);
  configurations.add(render);
}

/**
 * The list ECS registers the service's tasks by, which the ECS L2 does not model. The library sets the L1 property to
 * a lazy list: the entries the user set on the property first (before or after the target groups), then one per target
 * group. Overrides apply on top, as always: one of a single entry (`VpcLatticeConfigurations.0.PortName`) changes that
 * entry; one of the whole list replaces the library's entries too, so set the L1 property to add entries of your own.
 */
class LatticeConfigurations extends Construct {
  private readonly added: Array<() => ecs.CfnService.VpcLatticeConfigurationProperty> = [];
  private readonly list: IResolvable;
  private readonly resource: ecs.CfnService;
  private userEntries: Configuration[] = [];

  constructor(private readonly service: ecs.BaseService, private readonly group: IConstruct) {
    super(service, CONFIGURATIONS_ID);
    this.resource = service.node.defaultChild as ecs.CfnService;
    this.list = Lazy.any({ produce: () => [...this.userEntries, ...this.added.map(render => render())] }, { omitEmptyArray: true });
    this.takeOver();
    // Entries the user sets on the L1 property after the target groups replace the lazy list; once the app is complete
    // (validation runs before the template is written) the list takes them in and its place back.
    this.node.addValidation({ validate: () => { this.takeOver(); return []; } });
  }

  public add(render: () => ecs.CfnService.VpcLatticeConfigurationProperty) {
    this.added.push(render);
  }

  /** Keeps what the L1 property holds and puts the lazy list in its place (again, if it was replaced). */
  private takeOver() {
    const current = this.resource.vpcLatticeConfigurations;
    if (current === this.list) { return; }
    if (current !== undefined && (Token.isUnresolved(current) || !Array.isArray(current))) {
      throw invalidValueError(this.group, 'service', this.service.node.path,
        'its vpcLatticeConfigurations are only known at deploy time, so the target group cannot be added to them; give the entries as a list');
    }
    this.userEntries = [...(current ?? [])];
    this.resource.vpcLatticeConfigurations = this.list;
  }
}
