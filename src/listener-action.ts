import { CfnListener } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import { checkCount, checkInteger, checkOneOf } from './private/validation';
import { ITargetGroup } from './target-groups/target-group-base';

/**
 * A target group and the share of requests it receives.
 */
export interface WeightedTargetGroup {
  /** The target group. */
  readonly targetGroup: ITargetGroup;

  /**
   * The relative weight: the group receives `weight / (sum of weights)` of the requests. 1 to 999 on rules; 0 to 999
   * on a listener's default action.
   */
  readonly weight: number;
}

/**
 * What a listener or rule does with the requests it matches.
 */
export abstract class ListenerAction {
  /**
   * Sends every request to one target group.
   */
  public static forward(targetGroup: ITargetGroup): ListenerAction {
    return new ForwardAction([{ targetGroup }]);
  }

  /**
   * Splits requests between 1 to 10 target groups by weight, for example 90/10 for a canary.
   */
  public static weightedForward(targetGroups: WeightedTargetGroup[]): ListenerAction {
    return new ForwardAction(targetGroups);
  }

  /**
   * Answers every request with a fixed status code, without calling a target. VPC Lattice supports 404 and 500.
   */
  public static fixedResponse(statusCode: number): ListenerAction {
    return new FixedResponseAction(statusCode);
  }

  /** The target groups that receive requests from this action (none for a fixed response). */
  public abstract readonly targetGroups: ITargetGroup[];

  /**
   * The action in CloudFormation's shape; `site` tells whether it is a listener's default action or a rule's action.
   *
   * @internal
   */
  public abstract _render(scope: IConstruct, site: 'listener' | 'rule'): CfnListener.DefaultActionProperty;
}

class ForwardAction extends ListenerAction {
  public readonly targetGroups: ITargetGroup[];

  constructor(private readonly weighted: Array<{ readonly targetGroup: ITargetGroup; readonly weight?: number }>) {
    super();
    this.targetGroups = weighted.map(entry => entry.targetGroup);
  }

  public _render(scope: IConstruct, site: 'listener' | 'rule'): CfnListener.DefaultActionProperty {
    const property = site === 'listener' ? 'defaultAction' : 'action';
    checkCount(scope, `${property} target groups`, this.weighted, 1, 10);
    // CloudFormation accepts a weight of 0 on a listener's default action, but not on a rule.
    const minWeight = site === 'listener' ? 0 : 1;
    this.weighted.forEach(entry => checkInteger(scope, `${property} weight`, entry.weight, minWeight, 999));
    return {
      forward: {
        targetGroups: this.weighted.map(entry => ({ targetGroupIdentifier: entry.targetGroup.targetGroupArn, weight: entry.weight })),
      },
    };
  }
}

class FixedResponseAction extends ListenerAction {
  public readonly targetGroups: ITargetGroup[] = [];

  constructor(private readonly statusCode: number) {
    super();
  }

  public _render(scope: IConstruct, site: 'listener' | 'rule'): CfnListener.DefaultActionProperty {
    checkOneOf(scope, `${site === 'listener' ? 'defaultAction' : 'action'} fixed-response status code`, this.statusCode, [404, 500],
      'VPC Lattice supports only these two');
    return { fixedResponse: { statusCode: this.statusCode } };
  }
}
