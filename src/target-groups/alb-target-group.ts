import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { DefinedTargetGroup } from './private/defined-target-group';
import { trafficSettings } from './private/settings';
import { sameVpc } from './private/wiring';
import { TargetDescription, TargetGroupCommonProps } from './target-group-base';
import { awsElasticLoadBalancingV2 } from '../private/lazy';
import { ALB_LISTENER_TARGET_PROTOCOLS } from '../private/protocol-table';
import { checkHasMember, checkStruct, checkVpc, invalidValueError, physicalName } from '../private/validation';
import { ProtocolVersion, TargetProtocol } from '../protocols';

/**
 * Properties of an `AlbTargetGroup`.
 */
export interface AlbTargetGroupProps extends TargetGroupCommonProps {
  /**
   * The Application Load Balancer that receives the requests: internal, in the target group's VPC, in the same
   * account. An ALB can be the target of at most two target groups, used by two different services.
   */
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;

  /**
   * The listener of the load balancer that receives the requests; the target group takes its port and protocol. An
   * HTTPS listener works only if the VPC Lattice service uses the same certificate.
   */
  readonly listener: elbv2.IApplicationListener;

  /**
   * The VPC of the load balancer.
   *
   * @default - the load balancer's VPC; required if it was imported without one
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The port of the listener.
   *
   * @default - the listener's port; required if the listener was imported
   */
  readonly port?: number;

  /**
   * The protocol of the listener: `TargetProtocol.HTTP` or `TargetProtocol.HTTPS`.
   *
   * @default - the listener's protocol; required if the listener was imported
   */
  readonly protocol?: TargetProtocol;

  /**
   * The HTTP version of requests to the load balancer: `HTTP1` or `HTTP2` (clients then call with HTTP/2, which HTTPS
   * listeners negotiate).
   *
   * @default ProtocolVersion.HTTP1
   */
  readonly protocolVersion?: ProtocolVersion;
}

/**
 * A target group whose one target is an internal Application Load Balancer, which then routes the requests itself.
 *
 * The load balancer's security groups admit VPC Lattice's managed prefix list on the listener's port (see
 * `LatticePrefixList`); the target group is created after the listener, whose port must exist when the load balancer
 * is registered.
 *
 * @resource AWS::VpcLattice::TargetGroup
 */
export class AlbTargetGroup extends DefinedTargetGroup {
  /** The port of the load balancer's listener. */
  public readonly port: number;

  /** The protocol of the load balancer's listener. */
  public readonly protocol: TargetProtocol;

  /** The HTTP version of requests to the load balancer. */
  public readonly protocolVersion: ProtocolVersion;

  /** The load balancer. */
  public readonly loadBalancer: elbv2.IApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: AlbTargetGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.targetGroupName) });
    checkStruct(this, 'props', props, { like: '{ loadBalancer, listener }', required: true });
    checkHasMember(this, 'loadBalancer', props.loadBalancer, 'loadBalancerArn', { like: 'an elbv2.IApplicationLoadBalancer', required: true });
    checkHasMember(this, 'listener', props.listener, 'listenerArn', { like: 'an elbv2.IApplicationListener of the load balancer', required: true });
    this.loadBalancer = props.loadBalancer;
    checkLoadBalancer(this, props);
    const listener = props.listener instanceof awsElasticLoadBalancingV2().ApplicationListener ? props.listener : undefined;
    const traffic = trafficSettings(this, 'ALB', {
      port: fromListener(this, 'port', props.port, listener?.port),
      protocol: fromListener(this, 'protocol', props.protocol, listener && ALB_LISTENER_TARGET_PROTOCOLS[listener.protocol]),
      protocolVersion: props.protocolVersion,
    });
    this.port = traffic.port;
    this.protocol = traffic.protocol;
    // ALB groups are HTTP or HTTPS (the table rejects TCP), which always have a version.
    this.protocolVersion = traffic.protocolVersion!;
    const vpc = this.vpcOf(props);

    const resource = this._createResource({ type: 'ALB', ...traffic }, {
      vpc,
      name: props.targetGroupName,
      // The version is written only when given: CloudFormation's default is HTTP1.
      config: { vpcIdentifier: vpc.vpcId, port: this.port, protocol: this.protocol, protocolVersion: props.protocolVersion },
      targets: [{ id: props.loadBalancer.loadBalancerArn, port: this.port }],
    });
    resource.node.addDependency(props.listener);

    this._admitLatticeTraffic(props.loadBalancer, [this.port]);
  }

  /** @internal */
  public _targets(): TargetDescription[] {
    return [{ type: 'ALB', construct: this.loadBalancer }];
  }

  private vpcOf(props: AlbTargetGroupProps): ec2.IVpc {
    // `null` is a VPC given, and wrong: only a VPC left out (`undefined`) falls back to the load balancer's.
    const vpc = props.vpc === undefined ? props.loadBalancer.vpc : props.vpc;
    checkVpc(this, props.vpc === undefined ? 'loadBalancer.vpc' : 'vpc', vpc);
    if (!vpc) {
      throw invalidValueError(this, 'vpc', undefined, 'give the VPC of the load balancer: it was imported without one');
    }
    if (props.vpc && props.loadBalancer.vpc && sameVpc(props.vpc, props.loadBalancer.vpc) === false) {
      throw invalidValueError(this, 'vpc', props.vpc.node.path,
        `must be the VPC of the load balancer (${props.loadBalancer.vpc.node.path}): VPC Lattice registers only an ALB in the target group's VPC`);
    }
    return vpc;
  }
}

/** The ALB must be internal, and the listener one of its own, when the app defines them. */
function checkLoadBalancer(scope: AlbTargetGroup, props: AlbTargetGroupProps) {
  const resource = props.loadBalancer.node.defaultChild;
  if (resource instanceof awsElasticLoadBalancingV2().CfnLoadBalancer && resource.scheme === 'internet-facing') {
    throw invalidValueError(scope, 'loadBalancer', props.loadBalancer.node.path,
      'must be internal (internetFacing: false): VPC Lattice registers only internal Application Load Balancers');
  }
  if (props.listener instanceof awsElasticLoadBalancingV2().ApplicationListener && props.listener.loadBalancer !== props.loadBalancer) {
    throw invalidValueError(scope, 'listener', props.listener.node.path, `must be a listener of the load balancer ${props.loadBalancer.node.path}`);
  }
}

/** A setting the listener has: the given value must match it, and is required when the listener is imported. */
function fromListener<T>(scope: AlbTargetGroup, property: 'port' | 'protocol', given: T | undefined, ofListener: T | undefined): T {
  if (given === undefined && ofListener === undefined) {
    throw invalidValueError(scope, property, undefined, `give the ${property} of the ALB listener: the listener was imported, so its ${property} is unknown`);
  }
  if (given !== undefined && ofListener !== undefined && !Token.isUnresolved(given) && !Token.isUnresolved(ofListener) && given !== ofListener) {
    throw invalidValueError(scope, property, given, `must be the ${property} of the ALB listener (${JSON.stringify(ofListener)}), or left out`);
  }
  return (given ?? ofListener)!;
}
