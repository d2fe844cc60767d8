import { Resource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type { IListener } from './listener';
import { ListenerAction } from './listener-action';
import { RuleMatch, renderRuleMatch } from './matches';
import { recordRule } from './private/registry';
import { checkInteger, checkResourceName } from './private/validation';

/**
 * Options for adding a rule to a listener.
 */
export interface ListenerRuleOptions {
  /**
   * The priority, 1 to 100, unique within the listener. Rules are evaluated from the lowest priority up.
   */
  readonly priority: number;

  /**
   * What the rule matches: a path, a method and/or headers. To match every request, use `PathMatch.prefix('/')`.
   */
  readonly match: RuleMatch;

  /**
   * What happens to the requests the rule matches.
   */
  readonly action: ListenerAction;

  /**
   * The name of the rule: 3 to 63 characters of a-z, 0-9 and '-', not starting with `rule-`.
   *
   * @default - CloudFormation generates a name
   */
  readonly ruleName?: string;
}

/**
 * Properties of a `ListenerRule`.
 */
export interface ListenerRuleProps extends ListenerRuleOptions {
  /** The listener to add the rule to. */
  readonly listener: IListener;
}

/**
 * A rule of a listener: requests that match go to its action instead of the listener's default action.
 *
 * @resource AWS::VpcLattice::Rule
 */
export class ListenerRule extends Resource {
  /**
   * The ARN of the rule.
   *
   * @attribute
   */
  public readonly ruleArn: string;

  /**
   * The ID of the rule (`rule-…`).
   *
   * @attribute
   */
  public readonly ruleId: string;

  /** The priority of the rule within its listener. */
  public readonly priority: number;

  /** What happens to the requests the rule matches. */
  public readonly action: ListenerAction;

  constructor(scope: Construct, id: string, props: ListenerRuleProps) {
    super(scope, id, { physicalName: props.ruleName });
    checkInteger(this, 'priority', props.priority, 1, 100);
    checkResourceName(this, 'ruleName', props.ruleName, 'rule');
    this.priority = props.priority;
    this.action = props.action;

    const resource = new CfnRule(this, 'Resource', {
      serviceIdentifier: props.listener.service.serviceId,
      listenerIdentifier: props.listener.listenerId,
      name: props.ruleName,
      priority: props.priority,
      match: renderRuleMatch(this, props.match),
      action: props.action._render(this, 'rule'),
    });
    this.ruleArn = resource.attrArn;
    this.ruleId = resource.attrId;
    recordRule(props.listener, this);
  }
}
