import { Resource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { IListener, IListenerRule } from './interfaces';
import { ListenerAction } from './listener-action';
import { RuleMatch, renderRuleMatch } from './matches';
import { checkNameUnique, recordName } from './private/names';
import { checkGiven, checkHasMember, checkInteger, checkResourceName, checkStruct, physicalName } from './private/validation';

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
export class ListenerRule extends Resource implements IListenerRule {
  public get ruleArn(): string {
    return this.resource.attrArn;
  }
  public get ruleId(): string {
    return this.resource.attrId;
  }

  private readonly resource: CfnRule;
  public readonly listener: IListener;
  public readonly priority: number;

  /** What the rule matches. */
  public readonly match: RuleMatch;

  /** What happens to the requests the rule matches. */
  public readonly action: ListenerAction;

  constructor(scope: Construct, id: string, props: ListenerRuleProps) {
    super(scope, id, { physicalName: physicalName(props?.ruleName) });
    checkStruct(this, 'props', props, { like: "{ listener, priority: 10, match: { path: PathMatch.prefix('/api') }, action }", required: true });
    checkHasMember(this, 'listener', props.listener, 'registerRule', { like: 'an IListener, like a Listener', required: true });
    checkGiven(this, 'priority', props.priority, 'the priority, a whole number from 1 to 100, unique within the listener');
    checkInteger(this, 'priority', props.priority, 1, 100);
    checkResourceName(this, 'ruleName', props.ruleName, 'rule');
    checkNameUnique(this, 'ruleName', props.ruleName, props.listener.rules, { kind: 'rule', within: 'listener', owner: props.listener });
    checkHasMember(this, 'action', props.action, '_bind', { like: 'a ListenerAction, like ListenerAction.forward(targetGroup)', required: true });
    this.listener = props.listener;
    this.priority = props.priority;
    this.match = props.match;
    this.action = props.action;
    props.listener.registerRule(this);

    recordName(this, props.ruleName);
    this.resource = new CfnRule(this, 'Resource', {
      serviceIdentifier: props.listener.service.serviceId,
      listenerIdentifier: props.listener.listenerId,
      name: props.ruleName,
      priority: props.priority,
      match: renderRuleMatch(this, props.match),
      action: props.action._bind(this, props.listener, this),
    });
  }
}
