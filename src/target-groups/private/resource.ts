import { Lazy, Token } from 'aws-cdk-lib';
import { CfnTargetGroup } from 'aws-cdk-lib/aws-vpclattice';
import { Construct, IConstruct } from 'constructs';
import { recordName } from '../../private/names';
import type { TargetType } from '../../private/protocol-table';
import { checkResourceName, invalidValueError, isToken } from '../../private/validation';

/** CloudFormation lists at most 100 targets in a target group (RegisterTargets takes at most 100 too). */
const MAX_TARGETS = 100;

/**
 * The targets a group lists in CloudFormation, added over time (`addInstance`, `addTarget`) and rendered when the
 * template is written.
 */
export class TargetList {
  private readonly targets: CfnTargetGroup.TargetProperty[] = [];

  constructor(private readonly scope: IConstruct, private readonly property: string) {}

  /**
   * Adds a target by its ID (instance ID, IP address, function or load balancer ARN) and optional port of its own.
   *
   * @param shown the target as the user gave it, for messages
   */
  public add(id: string, port: number | undefined, shown: string) {
    if (port !== undefined && !isToken(port) && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      throw invalidValueError(this.scope, this.property, shown, 'the port of a target must be a whole number from 1 to 65535');
    }
    if (!Token.isUnresolved(id) && this.targets.some(target => target.id === id && target.port === port)) {
      throw invalidValueError(this.scope, this.property, shown, 'is already a target of this group; each target (and port) may be listed once');
    }
    if (this.targets.length === MAX_TARGETS) {
      throw invalidValueError(this.scope, this.property, shown,
        `cannot be added: a target group lists at most ${MAX_TARGETS} targets in CloudFormation. Use an Auto Scaling group or another target group for more`);
    }
    this.targets.push({ id, port });
  }

  /** The targets added so far: ID (instance ID, address, ARN) and port of their own. */
  public get entries(): ReadonlyArray<{ readonly id: string; readonly port?: number }> {
    return this.targets.map(({ id, port }) => ({ id, port: port as number | undefined }));
  }

  /** The targets, rendered when the template is written; none is no `Targets` property at all. */
  public render(): CfnTargetGroup.TargetProperty[] | undefined {
    return Lazy.any({ produce: () => (this.targets.length > 0 ? [...this.targets] : undefined) }, { omitEmptyArray: true }) as any;
  }
}

/** Creates the `AWS::VpcLattice::TargetGroup` of a target group construct, after checking its name. */
export function createTargetGroupResource(scope: Construct, props: {
  readonly type: TargetType;
  readonly name?: string;
  readonly config: CfnTargetGroup.TargetGroupConfigProperty;
  readonly targets?: CfnTargetGroup.TargetProperty[];
}): CfnTargetGroup {
  checkResourceName(scope, 'targetGroupName', props.name, 'target group');
  recordName(scope, props.name);
  return new CfnTargetGroup(scope, 'Resource', {
    type: props.type,
    name: props.name,
    config: props.config,
    targets: props.targets,
  });
}
