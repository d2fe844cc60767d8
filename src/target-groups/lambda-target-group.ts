import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { LambdaEventStructureVersion } from './enums';
import { DefinedTargetGroup } from './private/defined-target-group';
import { TargetDescription, TargetGroupCommonProps } from './target-group-base';
import { awsLambda } from '../private/lazy';
import { checkHasMember, checkOneOf, checkStruct, physicalName } from '../private/validation';

/**
 * Properties of a `LambdaTargetGroup`.
 */
export interface LambdaTargetGroupProps extends TargetGroupCommonProps {
  /**
   * The function that answers the requests: one per target group, in the same account and region. A version or an
   * alias may be given.
   */
  readonly function: lambda.IFunction;

  /**
   * The shape of the event the function receives. Changing it replaces the target group.
   *
   * @default LambdaEventStructureVersion.V1
   */
  readonly eventStructureVersion?: LambdaEventStructureVersion;
}

/**
 * A target group whose one target is a Lambda function.
 *
 * The function gets a resource-based permission: `lambda:InvokeFunction` for `vpc-lattice.amazonaws.com`, with this
 * target group as source ARN, so no other target group (and no other service) can invoke it through this statement.
 *
 * @resource AWS::VpcLattice::TargetGroup
 */
export class LambdaTargetGroup extends DefinedTargetGroup {
  /** The function that answers the requests. */
  public readonly function: lambda.IFunction;

  /** The shape of the event the function receives. */
  public readonly eventStructureVersion: LambdaEventStructureVersion;

  constructor(scope: Construct, id: string, props: LambdaTargetGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.targetGroupName) });
    checkStruct(this, 'props', props, { like: '{ function }', required: true });
    checkHasMember(this, 'function', props.function, 'functionArn', { like: 'a lambda.IFunction, like a lambda.Function or an alias', required: true });
    this.function = props.function;
    checkOneOf(this, 'eventStructureVersion', props.eventStructureVersion, [LambdaEventStructureVersion.V1, LambdaEventStructureVersion.V2]);
    this.eventStructureVersion = props.eventStructureVersion ?? LambdaEventStructureVersion.V1;

    this._createResource({ type: 'LAMBDA' }, {
      name: props.targetGroupName,
      config: { lambdaEventStructureVersion: this.eventStructureVersion },
      targets: [{ id: this.function.functionArn }],
    });

    // The permission names this target group as its source ARN, so it is created after the group: the group cannot
    // wait for it without a dependency cycle. Registration does not wait for it either: the target group's
    // CloudFormation handler holds lambda:AddPermission on create and lambda:RemovePermission on delete, i.e. VPC
    // Lattice grants itself invocation while it registers the function. This statement keeps the function invocable
    // by this group alone, whoever deploys. It lives in this construct's stack, so that a function from another
    // stack makes no cross-stack reference cycle. Open (docs/lattice-facts.md#lambda-targets): the order is settled by
    // integ.routing.ts (the stack deploys, and its Lambda targets answer).
    new (awsLambda()).CfnPermission(this, 'InvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionArn,
      principal: 'vpc-lattice.amazonaws.com',
      sourceArn: this.targetGroupArn,
    });
  }

  /** @internal */
  public _targets(): TargetDescription[] {
    return [{ type: 'LAMBDA', construct: this.function }];
  }
}
