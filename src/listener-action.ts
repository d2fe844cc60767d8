import { CfnListener } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import { IListener, IListenerRule } from './interfaces';
import { forwardableTargetProtocols, listenerProtocolRules } from './private/protocol-table';
import { checkTargetGroup } from './private/references';
import { checkCount, checkInteger, checkOneOf, checkStruct, invalidValueError } from './private/validation';
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
   * Answers every request with a fixed status code, without calling a target. VPC Lattice supports 404 and 500. Not for
   * TLS_PASSTHROUGH listeners, which forward every connection.
   */
  public static fixedResponse(statusCode: number): ListenerAction {
    return new FixedResponseAction(statusCode);
  }

  /** The target groups that receive requests from this action (none for a fixed response). */
  public abstract readonly targetGroups: ITargetGroup[];

  /**
   * The target groups with their weights as given (undefined: CloudFormation's default); none for a fixed response.
   *
   * @internal
   */
  public abstract readonly _weightedTargetGroups: ReadonlyArray<{ readonly targetGroup: ITargetGroup; readonly weight?: number }>;

  /**
   * The status code of a fixed response; undefined for a forward.
   *
   * @internal
   */
  public abstract readonly _fixedResponseCode?: number;

  /**
   * Binds the action to the listener whose default action it is, or to the rule that takes it: checks it against the
   * listener, tells each target group who forwards to it, and returns the action in CloudFormation's shape.
   *
   * @param scope the listener or rule, for messages
   * @internal
   */
  public abstract _bind(scope: IConstruct, listener: IListener, rule?: IListenerRule): CfnListener.DefaultActionProperty;
}

class ForwardAction extends ListenerAction {
  public readonly targetGroups: ITargetGroup[];
  public readonly _fixedResponseCode = undefined;

  /** What the caller gave, judged when the action is bound, where the message can name the listener or rule. */
  constructor(private readonly weighted: Array<{ readonly targetGroup: ITargetGroup; readonly weight?: number }>) {
    super();
    this.targetGroups = Array.isArray(weighted) ? weighted.map(entry => entry?.targetGroup) : [];
  }

  public get _weightedTargetGroups() {
    return [...this.weighted];
  }

  public _bind(scope: IConstruct, listener: IListener, rule?: IListenerRule): CfnListener.DefaultActionProperty {
    const property = rule ? 'action' : 'defaultAction';
    if (this.weighted === null || this.weighted === undefined) {
      throw invalidValueError(scope, `${property} target groups`, this.weighted, 'give 1 to 10 target groups, like [{ targetGroup, weight: 100 }]');
    }
    checkCount(scope, `${property} target groups`, this.weighted, 1, 10);
    this.weighted.forEach(entry => {
      checkStruct(scope, `${property} target groups`, entry, { like: '{ targetGroup, weight: 100 }', required: true });
      checkTargetGroup(scope, `${property} targetGroup`, entry.targetGroup);
    });
    // CloudFormation accepts a weight of 0 on a listener's default action, but not on a rule.
    const minWeight = rule ? 1 : 0;
    this.weighted.forEach(entry => checkInteger(scope, `${property} weight`, entry.weight, minWeight, 999));
    // A weight is required when there are several target groups (docs/lattice-facts.md#actions).
    const unweighted = this.weighted.length > 1 ? this.weighted.find(entry => entry.weight === undefined) : undefined;
    if (unweighted) {
      throw invalidValueError(scope, `${property} weight`, undefined, `give each target group a weight when forwarding to several (${unweighted.targetGroup.node.path} has none), ` +
        'like [{ targetGroup: blue, weight: 90 }, { targetGroup: green, weight: 10 }]');
    }
    this.targetGroups.forEach(targetGroup => targetGroup.registerListener(listener, rule));
    return {
      forward: {
        targetGroups: this.weighted.map(entry => ({ targetGroupIdentifier: entry.targetGroup.targetGroupArn, weight: entry.weight })),
      },
    };
  }
}

class FixedResponseAction extends ListenerAction {
  public readonly targetGroups: ITargetGroup[] = [];
  public readonly _weightedTargetGroups = [];

  constructor(private readonly statusCode: number) {
    super();
  }

  public get _fixedResponseCode() {
    return this.statusCode;
  }

  public _bind(scope: IConstruct, listener: IListener, rule?: IListenerRule): CfnListener.DefaultActionProperty {
    const property = rule ? 'action' : 'defaultAction';
    checkOneOf(scope, `${property} fixed-response status code`, this.statusCode, [404, 500], 'VPC Lattice supports only these two');
    if (listenerProtocolRules(listener.protocol)?.takesFixedResponse === false) {
      throw invalidValueError(scope, property, `fixed response ${this.statusCode}`,
        `${listener.protocol} listeners forward every connection to target groups and cannot answer themselves; use ListenerAction.forward or ` +
        `weightedForward with ${forwardableTargetProtocols(listener.protocol).join(' or ')} target groups`);
    }
    return { fixedResponse: { statusCode: this.statusCode } };
  }
}
