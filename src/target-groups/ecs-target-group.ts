import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, DependencyGroup } from 'constructs';
import { IpAddressType } from './enums';
import { HealthCheck } from './health-check';
import { IpTargetGroup } from './ip-target-group';
import { IListener, IListenerRule } from '../interfaces';
import { ProtocolVersion, TargetProtocol } from '../protocols';
import { DefinedTargetGroup } from './private/defined-target-group';
import type * as ecsService from './private/ecs-service';
import type * as ecsTask from './private/ecs-task';
import { ipAddressTypeSetting, RenderedHealthCheck, renderHealthCheck, trafficSettings } from './private/settings';
import { portsToAdmit, sameVpc } from './private/wiring';
import { Forwarder, TargetDescription, TargetGroupCommonProps } from './target-group-base';
import { awsEcs, lazy } from '../private/lazy';
import { checkHasMember, checkInteger, checkStruct, checkVpc, invalidValueError, physicalName } from '../private/validation';

/**
 * Properties of an `EcsTargetGroup`.
 */
export interface EcsTargetGroupProps extends TargetGroupCommonProps {
  /**
   * The ECS service whose tasks are the targets: an `ecs.FargateService`, or an `ecs.Ec2Service` whose tasks use the
   * `awsvpc` network mode. ECS registers and deregisters the tasks' IP addresses as they start and stop.
   */
  readonly service: ecs.BaseService;

  /**
   * The container that receives the requests.
   *
   * @default - the task definition's default container (its first essential container)
   */
  readonly containerName?: string;

  /**
   * The container port that receives the requests: one of the container's TCP port mappings. It is also the target
   * group's port. A port mapping without a name gets one (`<container>-<port>-tcp`), because ECS names the port in
   * the service's VPC Lattice configuration.
   *
   * @default - the container's first port mapping
   */
  readonly containerPort?: number;

  /**
   * The protocol VPC Lattice uses to reach the tasks. `TCP` groups sit only behind TLS_PASSTHROUGH listeners, and the
   * tasks decrypt the TLS themselves.
   *
   * @default TargetProtocol.HTTP
   */
  readonly protocol?: TargetProtocol;

  /**
   * The HTTP version of requests to the tasks. `HTTP2` and `GRPC` groups need HTTPS listeners, over which clients call
   * with HTTP/2: behind an HTTP listener their requests fail (a warning says so). TCP groups take none.
   *
   * @default - ProtocolVersion.HTTP1; none for TCP groups
   */
  readonly protocolVersion?: ProtocolVersion;

  /**
   * The address family ECS registers the tasks with. `IPV6` needs tasks in subnets with IPv6 addresses; their security
   * groups then admit VPC Lattice's IPv6 prefix list.
   *
   * @default IpAddressType.IPV4
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * How VPC Lattice checks the tasks' health.
   *
   * @default - health checks with the defaults of `HealthCheck`, on the container port (off for HTTP2, GRPC and TCP
   * groups)
   */
  readonly healthCheck?: HealthCheck;

  /**
   * The VPC of the tasks.
   *
   * @default - the VPC of the service's cluster; required if the cluster was imported without one
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The ECS infrastructure role ECS assumes to register the tasks in the target group. It must trust
   * `ecs.amazonaws.com` and allow what `AmazonECSInfrastructureRolePolicyForVpcLattice` allows.
   *
   * @default - one role per stack, shared by every ECS target group of the stack, with the managed policy
   * `AmazonECSInfrastructureRolePolicyForVpcLattice`
   */
  readonly infrastructureRole?: iam.IRole;
}

/**
 * Where ECS shifts traffic between the primary and the alternate target group during a blue/green, linear or canary
 * deployment. Give the production route as a listener (its default action) or as a rule, not both; the test route
 * likewise, if there is one.
 */
export interface EcsAlternateTargetGroupOptions {
  /**
   * The rule that carries production traffic. It forwards to the primary target group (or to both groups).
   *
   * @default - give productionListener instead
   */
  readonly productionListenerRule?: IListenerRule;

  /**
   * The listener whose default action carries production traffic. It forwards to the primary target group (or to both
   * groups).
   *
   * @default - give productionListenerRule instead
   */
  readonly productionListener?: IListener;

  /**
   * The rule that carries test traffic to the new tasks before production traffic moves to them.
   *
   * @default - no test traffic
   */
  readonly testListenerRule?: IListenerRule;

  /**
   * The listener whose default action carries test traffic to the new tasks before production traffic moves to them.
   *
   * @default - no test traffic
   */
  readonly testListener?: IListener;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// What ECS target groups read of task definitions and write on services is loaded by the first one.
const ecsServices = lazy(() => require('./private/ecs-service') as typeof ecsService);
const ecsTasks = lazy(() => require('./private/ecs-task') as typeof ecsTask);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A target group of the tasks of an ECS service, which ECS registers natively, with no load balancer in between.
 *
 * The target group is an IP group in the service's VPC. The service gets an entry in its `VpcLatticeConfigurations`
 * (beside any it has) naming the group, the container's port mapping and the ECS infrastructure role; the port mapping
 * gets a name if it has none; and the tasks' security groups admit VPC Lattice's managed prefix list on the container
 * port and the health-check port (see `LatticePrefixList`). Several target groups may serve one service, for two
 * ports or for blue/green deployments (`addAlternateTargetGroup`).
 *
 * @resource AWS::VpcLattice::TargetGroup
 */
export class EcsTargetGroup extends DefinedTargetGroup {
  /** The ECS service whose tasks are the targets. */
  public readonly service: ecs.BaseService;

  /** The name of the container that receives the requests. */
  public readonly containerName: string;

  /** The container port that receives the requests, and the port of the target group. */
  public readonly port: number;

  /** The name of the container's port mapping that the service's VPC Lattice configuration names. */
  public readonly portName: string;

  /** The protocol VPC Lattice uses to reach the tasks. */
  public readonly protocol: TargetProtocol;

  /** The HTTP version of requests to the tasks; none for TCP groups, whose TLS connections VPC Lattice does not read. */
  public readonly protocolVersion?: ProtocolVersion;

  /** The address family of the tasks' addresses. */
  public readonly ipAddressType: IpAddressType;

  /** The VPC of the tasks. */
  public readonly vpc: ec2.IVpc;

  /** The role ECS assumes to register the tasks. */
  public readonly infrastructureRole: iam.IRole;

  private readonly healthCheck: RenderedHealthCheck;
  private readonly routesInServiceStack = new DependencyGroup();
  private alternate?: { readonly group: IpTargetGroup; readonly production: string; readonly test?: string };

  constructor(scope: Construct, id: string, props: EcsTargetGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.targetGroupName) });
    checkStruct(this, 'props', props, { like: '{ service }', required: true });
    checkHasMember(this, 'service', props.service, 'taskDefinition', { like: 'an ecs.FargateService or ecs.Ec2Service', required: true });
    this.service = props.service;
    const { checkAwsVpcNetworkMode, selectPortMapping } = ecsTasks();
    checkAwsVpcNetworkMode(this, props.service);
    this.vpc = this.vpcOf(props);
    checkInteger(this, 'containerPort', props.containerPort, 1, 65535);
    const selected = selectPortMapping(this, props.service.taskDefinition, props.containerName, props.containerPort);
    this.containerName = selected.container.containerName;
    this.portName = selected.portName;

    const traffic = trafficSettings(this, 'IP', { ...props, port: selected.containerPort });
    this.port = traffic.port;
    this.protocol = traffic.protocol;
    this.protocolVersion = traffic.protocolVersion;
    this.ipAddressType = ipAddressTypeSetting(this, props.ipAddressType);
    this.healthCheck = renderHealthCheck(this, props.healthCheck, traffic);

    this._createResource({ type: 'IP', ...traffic }, {
      vpc: this.vpc,
      name: props.targetGroupName,
      config: { vpcIdentifier: this.vpc.vpcId, ...traffic, ipAddressType: this.ipAddressType, healthCheck: this.healthCheck.config },
    });

    const { addVpcLatticeConfiguration, ecsInfrastructureRoleOf } = ecsServices();
    this.infrastructureRole = props.infrastructureRole ?? ecsInfrastructureRoleOf(this, props.service);
    addVpcLatticeConfiguration(this, props.service, () => ({
      targetGroupArn: this.targetGroupArn,
      portName: this.portName,
      roleArn: this.infrastructureRole.roleArn,
      advancedConfiguration: this.alternate && {
        alternateTargetGroupArn: this.alternate.group.targetGroupArn,
        productionListenerRule: this.alternate.production,
        testListenerRule: this.alternate.test,
      },
    }));
    this._admitLatticeTraffic(props.service, portsToAdmit(this.port, this.healthCheck), { ipv6: this.ipAddressType === IpAddressType.IPV6 });
    // The service starts after the listeners and rules of its stack that forward to this group, so that its first
    // tasks are registered in a group VPC Lattice already routes to. (Whether ECS needs this is not documented;
    // waiting is the safer order and costs nothing. Open, docs/lattice-facts.md#ecs-targets: settled by
    // integ.target-health.ts, whose ListTargets of EcsTargets must report two HEALTHY tasks.) Routes in other stacks are left out: a dependency on them could
    // make the stacks depend on each other both ways.
    props.service.node.defaultChild!.node.addDependency(this.routesInServiceStack);
  }

  /**
   * Makes `alternate` the group ECS registers the new tasks in during blue/green, linear and canary deployments
   * (`deploymentStrategy` of the service), and tells ECS which listener or rule carries production traffic, and which
   * one test traffic, while it shifts them from this group to the alternate. The alternate is an IP target group in
   * the same VPC with the same port, protocol, protocol version and address type; the tasks' security groups admit
   * VPC Lattice on its health-check port too.
   *
   * ECS changes the weights of the production and test routes during a deployment; the next stack update sets them
   * back to the ones in the app.
   */
  public addAlternateTargetGroup(alternate: IpTargetGroup, options: EcsAlternateTargetGroupOptions): void {
    if (this.alternate) {
      throw invalidValueError(this, 'alternateTargetGroup', alternate.node.path, `this group already has the alternate target group ${this.alternate.group.node.path}`);
    }
    this.checkAlternate(alternate);
    const production = this.route(alternate, 'production', options.productionListenerRule, options.productionListener, true);
    const test = this.route(alternate, 'test', options.testListenerRule, options.testListener, false);
    this.alternate = { group: alternate, production: production!, test };
    this._admitLatticeTraffic(this.service, portsToAdmit(alternate.port, alternate._healthCheck), {
      ipv6: this.ipAddressType === IpAddressType.IPV6,
    });
    this.warnUnlessTrafficShifting();
  }

  /** @internal */
  public _targets(): TargetDescription[] {
    return [{ type: 'ECS_SERVICE', construct: this.service }];
  }

  private vpcOf(props: EcsTargetGroupProps): ec2.IVpc {
    let clusterVpc: ec2.IVpc | undefined;
    try {
      clusterVpc = props.service.cluster.vpc;
    } catch {
      clusterVpc = undefined; // an imported cluster without a VPC
    }
    checkVpc(this, 'vpc', props.vpc);
    const vpc = props.vpc ?? clusterVpc;
    if (!vpc) {
      throw invalidValueError(this, 'vpc', undefined, `give the VPC of the tasks: the cluster of ${props.service.node.path} was imported without one`);
    }
    if (props.vpc && clusterVpc && sameVpc(props.vpc, clusterVpc) === false) {
      throw invalidValueError(this, 'vpc', props.vpc.node.path,
        `must be the VPC of the service's cluster (${clusterVpc.node.path}): ECS registers the tasks' addresses, which are in that VPC`);
    }
    return vpc;
  }

  private checkAlternate(alternate: IpTargetGroup) {
    const differences = ([
      ['port', alternate.port, this.port],
      ['protocol', alternate.protocol, this.protocol],
      ['protocolVersion', alternate.protocolVersion, this.protocolVersion],
      ['ipAddressType', alternate.ipAddressType, this.ipAddressType],
    ] as Array<[string, unknown, unknown]>)
      .filter(([, theirs, ours]) => !Token.isUnresolved(theirs) && !Token.isUnresolved(ours) && theirs !== ours)
      .map(([property, theirs, ours]) => `${property} ${JSON.stringify(theirs)} (this group's is ${JSON.stringify(ours)})`);
    if (sameVpc(alternate.vpc, this.vpc) === false) {
      differences.push(`VPC ${alternate.vpc.node.path} (this group's is ${this.vpc.node.path})`);
    }
    if (differences.length > 0) {
      throw invalidValueError(this, 'alternateTargetGroup', alternate.node.path,
        `must reach the same tasks the same way, since ECS registers them in either group, but it has ${differences.join(', ')}`);
    }
  }

  /** The ARN of a production or test route, checked: one of rule and listener, forwarding to one of the two groups. */
  private route(alternate: IpTargetGroup, kind: 'production' | 'test', rule: IListenerRule | undefined, listener: IListener | undefined, required: boolean) {
    if (rule && listener) {
      throw invalidValueError(this, `${kind}ListenerRule`, rule.node.path, `give ${kind}ListenerRule or ${kind}Listener, not both`);
    }
    if (!rule && !listener) {
      if (required) {
        throw invalidValueError(this, `${kind}ListenerRule`, undefined,
          `give the rule (${kind}ListenerRule) or the listener (${kind}Listener) that carries ${kind} traffic: ECS shifts it between the two groups`);
      }
      return undefined;
    }
    const forwards = [...this._forwarders, ...alternate._forwarders]
      .some(forwarder => rule ? forwarder.rule === rule : forwarder.listener === listener && forwarder.rule === undefined);
    if (!forwards) {
      const route = rule ?? listener!;
      throw invalidValueError(this, rule ? `${kind}ListenerRule` : `${kind}Listener`, route.node.path,
        `must forward to this target group or to ${alternate.node.path}: ECS shifts ${kind} traffic between the two, and this one forwards to neither`);
    }
    return rule ? rule.ruleArn : listener!.listenerArn;
  }

  /** ECS uses the alternate group only when it shifts traffic; a rolling deployment leaves it empty. */
  private warnUnlessTrafficShifting() {
    const configuration = (this.service.node.defaultChild as ecs.CfnService).deploymentConfiguration;
    const strategy = configuration && !Token.isUnresolved(configuration)
      ? (configuration as ecs.CfnService.DeploymentConfigurationProperty).strategy
      : undefined;
    if (strategy === undefined || strategy === awsEcs().DeploymentStrategy.ROLLING) {
      Annotations.of(this).addWarningV2('cdk-vpc-lattice:ecsAlternateTargetGroupUnused',
        `The alternate target group of ${this.node.path} is used only by blue/green, linear and canary deployments, but ${this.service.node.path} ` +
        `deploys with the ${strategy ?? 'ROLLING'} strategy. Set deploymentStrategy (ecs.DeploymentStrategy.BLUE_GREEN, LINEAR or CANARY) on the service.`);
    }
  }

  /** @internal */
  protected _onForwarder(forwarder: Forwarder): void {
    const route = forwarder.rule ?? forwarder.listener;
    if (Stack.of(route) === Stack.of(this.service)) {
      this.routesInServiceStack.add(route);
    }
  }
}
