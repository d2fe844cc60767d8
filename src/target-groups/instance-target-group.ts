import { Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { DefinedTargetGroup } from './private/defined-target-group';
import { TargetList } from './private/resource';
import { RenderedHealthCheck, renderHealthCheck, trafficSettings } from './private/settings';
import { portsToAdmit } from './private/wiring';
import { TargetDescription, VpcTargetGroupProps } from './target-group-base';
import { checkHasMember, checkList, checkOneOf, checkStruct, checkVpc, invalidValueError, physicalName } from '../private/validation';
import { ProtocolVersion, TargetProtocol } from '../protocols';

/**
 * Properties of an `InstanceTargetGroup`.
 */
export interface InstanceTargetGroupProps extends VpcTargetGroupProps {
  /**
   * EC2 instances to register, on the group's port. More can be added with `addInstance`, and Auto Scaling groups
   * with `addAutoScalingGroup`. At most 100 instances.
   *
   * @default - no instances
   */
  readonly instances?: ec2.IInstance[];
}

/**
 * Options for adding an Auto Scaling group to an `InstanceTargetGroup`.
 */
export interface AddAutoScalingGroupOptions {
  /**
   * Whether the group also replaces instances that fail VPC Lattice's health checks: adds `VPC_LATTICE` to its health
   * check types. Give the group a grace period, or new instances are replaced before they are ready.
   *
   * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html
   * @default false - only the group's own health checks replace instances
   */
  readonly vpcLatticeHealthCheck?: boolean;
}

/**
 * A target group of EC2 instances, registered one by one or by Auto Scaling groups.
 *
 * Every instance and Auto Scaling group added gets ingress on its security groups from VPC Lattice's managed prefix
 * list, on the traffic port and the health-check port (see `LatticePrefixList`).
 *
 * @resource AWS::VpcLattice::TargetGroup
 */
export class InstanceTargetGroup extends DefinedTargetGroup {
  /** The port the instances receive traffic on, unless an instance was added with its own. */
  public readonly port: number;

  /** The protocol VPC Lattice uses to reach the instances. */
  public readonly protocol: TargetProtocol;

  /** The HTTP version of requests to the instances; none for TCP groups, whose TLS connections VPC Lattice does not read. */
  public readonly protocolVersion?: ProtocolVersion;

  private readonly healthCheck: RenderedHealthCheck;
  private readonly targetList: TargetList;
  private readonly autoScalingGroups = new Set<autoscaling.AutoScalingGroup>();
  private readonly instances: TargetDescription[] = [];

  constructor(scope: Construct, id: string, props: InstanceTargetGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.targetGroupName) });
    checkStruct(this, 'props', props, { like: '{ vpc, instances }', required: true });
    checkVpc(this, 'vpc', props.vpc, { required: true });
    checkList(this, 'instances', props.instances);
    const traffic = trafficSettings(this, 'INSTANCE', props);
    this.port = traffic.port;
    this.protocol = traffic.protocol;
    this.protocolVersion = traffic.protocolVersion;
    this.healthCheck = renderHealthCheck(this, props.healthCheck, traffic);
    this.targetList = new TargetList(this, 'instances');

    this._createResource({ type: 'INSTANCE', ...traffic }, {
      vpc: props.vpc,
      name: props.targetGroupName,
      config: { vpcIdentifier: props.vpc.vpcId, ...traffic, healthCheck: this.healthCheck.config },
      targets: this.targetList.render(),
    });

    props.instances?.forEach(instance => this.addInstance(instance));
  }

  /**
   * Registers an EC2 instance, and admits VPC Lattice to its security groups on the traffic and health-check ports.
   *
   * @param port the port this instance receives traffic on, if not the group's
   */
  public addInstance(instance: ec2.IInstance, port?: number): void {
    checkHasMember(this, 'instances', instance, 'instanceId', { like: 'an ec2.IInstance, like an ec2.Instance', required: true });
    this.targetList.add(instance.instanceId, port, port === undefined ? instance.node.path : `${instance.node.path} port ${port}`);
    this._admitLatticeTraffic(instance, portsToAdmit(port ?? this.port, this.healthCheck));
    this.instances.push({ type: 'INSTANCE', construct: instance, port });
  }

  /**
   * Lets an Auto Scaling group register its instances: the group gets this target group as a traffic source of type
   * `vpc-lattice` (beside any it has), and its security groups admit VPC Lattice on the traffic and health-check
   * ports. With `vpcLatticeHealthCheck: true` the group also replaces instances that fail VPC Lattice's health checks.
   *
   * The group must be defined in this app: CloudFormation attaches traffic sources only through the group's own
   * `TrafficSources`, which another stack cannot change; add the target group there for a group defined elsewhere.
   */
  public addAutoScalingGroup(autoScalingGroup: autoscaling.AutoScalingGroup, options: AddAutoScalingGroupOptions = {}): void {
    checkHasMember(this, 'autoScalingGroup', autoScalingGroup, 'autoScalingGroupName', { like: 'an autoscaling.AutoScalingGroup', required: true });
    checkStruct(this, 'addAutoScalingGroup options', options, { like: '{ vpcLatticeHealthCheck: true }' });
    checkOneOf(this, 'vpcLatticeHealthCheck', options.vpcLatticeHealthCheck, [true, false]);
    const resource = autoScalingGroup.node.defaultChild;
    if (!(resource instanceof autoscaling.CfnAutoScalingGroup) || !('connections' in autoScalingGroup)) {
      throw invalidValueError(this, 'autoScalingGroup', autoScalingGroup.node.path,
        'must be an autoscaling.AutoScalingGroup defined in this app: CloudFormation attaches traffic sources only through the group\'s own ' +
        'TrafficSources property, which this stack cannot change for a group defined elsewhere; add this target group there (type vpc-lattice)');
    }
    if (options.vpcLatticeHealthCheck) { addLatticeHealthCheck(this, autoScalingGroup, resource); }
    if (this.autoScalingGroups.has(autoScalingGroup)) { return; }
    const existing = resource.trafficSources;
    if (existing !== undefined && (Token.isUnresolved(existing) || !Array.isArray(existing))) {
      throw invalidValueError(this, 'autoScalingGroup', autoScalingGroup.node.path,
        'its trafficSources are only known at deploy time, so this target group cannot be added to them; give trafficSources as a list');
    }
    resource.trafficSources = [...(existing ?? []), { identifier: this.targetGroupArn, type: 'vpc-lattice' }];
    this.autoScalingGroups.add(autoScalingGroup);
    this._admitLatticeTraffic(autoScalingGroup, portsToAdmit(this.port, this.healthCheck));
  }

  /** @internal */
  public _targets(): TargetDescription[] {
    return [...this.instances, ...[...this.autoScalingGroups].map(group => ({ type: 'AUTO_SCALING_GROUP', construct: group }))];
  }
}

/**
 * Adds `VPC_LATTICE` to the health check types of an Auto Scaling group (a comma-separated list, as aws-cdk-lib writes
 * it), once, beside the types it has.
 */
function addLatticeHealthCheck(group: IConstruct, autoScalingGroup: IConstruct, resource: autoscaling.CfnAutoScalingGroup) {
  const types = resource.healthCheckType;
  if (types !== undefined && Token.isUnresolved(types)) {
    throw invalidValueError(group, 'vpcLatticeHealthCheck', true,
      `the health check types of ${autoScalingGroup.node.path} are only known at deploy time, so VPC_LATTICE cannot be added to them; give them literally`);
  }
  const listed = types === undefined ? [] : types.split(',').map(type => type.trim()).filter(type => type !== '');
  if (!listed.includes(autoscaling.AdditionalHealthCheckType.VPC_LATTICE)) {
    resource.healthCheckType = [...listed, autoscaling.AdditionalHealthCheckType.VPC_LATTICE].join(',');
  }
}
