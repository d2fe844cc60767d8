import { Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { DefinedTargetGroup } from './private/defined-target-group';
import { TargetList } from './private/resource';
import { RenderedHealthCheck, renderHealthCheck, trafficSettings } from './private/settings';
import { portsToAdmit } from './private/wiring';
import { TargetDescription, VpcTargetGroupProps } from './target-group-base';
import { checkHasMember, checkList, checkStruct, checkVpc, invalidValueError, physicalName } from '../private/validation';
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
   * ports. To replace instances that fail VPC Lattice's health checks, also give the Auto Scaling group the
   * `VPC_LATTICE` health check.
   */
  public addAutoScalingGroup(autoScalingGroup: autoscaling.AutoScalingGroup): void {
    checkHasMember(this, 'autoScalingGroup', autoScalingGroup, 'autoScalingGroupName', { like: 'an autoscaling.AutoScalingGroup', required: true });
    if (this.autoScalingGroups.has(autoScalingGroup)) { return; }
    const resource = autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
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
