import { Resource, Token } from 'aws-cdk-lib';
import { CfnListener } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { IListener, IListenerRule, ILatticeService } from './interfaces';
import { ListenerAction } from './listener-action';
import { ListenerRule, ListenerRuleOptions } from './listener-rule';
import { checkNameUnique, recordName } from './private/names';
import { forwardableTargetProtocols, LISTENER_PROTOCOLS, listenerProtocolRules } from './private/protocol-table';
import { checkService } from './private/references';
import { checkHasMember, checkInteger, checkList, checkOneOf, checkResourceName, checkStruct, invalidValueError, physicalName } from './private/validation';
import { ListenerProtocol } from './protocols';

/**
 * Options for adding a listener to a service.
 */
export interface ListenerOptions {
  /**
   * The protocol clients use. A `TLS_PASSTHROUGH` listener passes TLS connections through to TCP target groups
   * undecrypted; its service needs a custom domain name, and VPC Lattice cannot authenticate its callers.
   *
   * @default ListenerProtocol.HTTPS
   */
  readonly protocol?: ListenerProtocol;

  /**
   * The port clients connect to, 1 to 65535. Unique within the service.
   *
   * @default - 80 for HTTP, 443 for HTTPS; TLS_PASSTHROUGH listeners have no default and need it
   */
  readonly port?: number;

  /**
   * What happens to requests no rule matches. A TLS_PASSTHROUGH listener forwards every connection (`forward` or
   * `weightedForward` to TCP target groups) and cannot answer with a fixed response.
   *
   * @default ListenerAction.fixedResponse(404); TLS_PASSTHROUGH listeners have no default and need it
   */
  readonly defaultAction?: ListenerAction;

  /**
   * The name of the listener: 3 to 63 characters of a-z, 0-9 and '-', not starting with `listener-`.
   *
   * @default - CloudFormation generates a name
   */
  readonly listenerName?: string;

  /**
   * Rules to add now; more can be added with `addRule`. Each rule's construct ID is `Rule<priority>`. TLS_PASSTHROUGH
   * listeners take none.
   *
   * @default - no rules: every request takes the default action
   */
  readonly rules?: ListenerRuleOptions[];
}

/**
 * Properties of a `Listener`.
 */
export interface ListenerProps extends ListenerOptions {
  /** The service to add the listener to. */
  readonly service: ILatticeService;
}

/**
 * A listener of a VPC Lattice service: the protocol and port clients use, and where their requests go.
 *
 * @resource AWS::VpcLattice::Listener
 */
export class Listener extends Resource implements IListener {
  public get listenerArn(): string {
    return this.resource.attrArn;
  }
  public get listenerId(): string {
    return this.resource.attrId;
  }

  private readonly resource: CfnListener;
  public readonly service: ILatticeService;
  public readonly protocol: ListenerProtocol;
  public readonly port: number;

  /** What happens to requests no rule matches. */
  public readonly defaultAction: ListenerAction;

  private readonly _rules: IListenerRule[] = [];

  constructor(scope: Construct, id: string, props: ListenerProps) {
    super(scope, id, { physicalName: physicalName(props?.listenerName) });
    checkStruct(this, 'props', props, { like: '{ service, protocol: ListenerProtocol.HTTPS }', required: true });
    checkService(this, props.service);
    this.service = props.service;
    checkOneOf(this, 'protocol', props.protocol, Object.values(ListenerProtocol));
    this.protocol = props.protocol ?? ListenerProtocol.HTTPS;
    this.port = listenerPort(this, this.protocol, props.port);
    checkResourceName(this, 'listenerName', props.listenerName, 'listener');
    checkNameUnique(this, 'listenerName', props.listenerName, props.service.listeners, { kind: 'listener', within: 'service', owner: props.service });
    checkHasMember(this, 'defaultAction', props.defaultAction, '_bind', { like: 'a ListenerAction, like ListenerAction.fixedResponse(404)' });
    checkList(this, 'rules', props.rules);
    this.defaultAction = props.defaultAction ?? defaultActionOf(this, this.protocol);

    recordName(this, props.listenerName);
    this.resource = new CfnListener(this, 'Resource', {
      serviceIdentifier: props.service.serviceId,
      name: props.listenerName,
      protocol: this.protocol,
      port: this.port,
      defaultAction: this.defaultAction._bind(this, this),
    });
    props.service.registerListener(this);

    checkRulePrioritiesDistinct(this, props.rules);
    props.rules?.forEach(rule => this.addRule(`Rule${rule?.priority}`, rule));
  }

  public get rules(): IListenerRule[] {
    return [...this._rules];
  }

  /** Adds a rule that routes the requests it matches. TLS_PASSTHROUGH listeners take no rules. */
  public addRule(id: string, options: ListenerRuleOptions): ListenerRule {
    checkStruct(this, 'rule', options, { like: "{ priority: 10, match: { path: PathMatch.prefix('/api') }, action }", required: true });
    // Checked before the rule exists, so that rules given as props, named after their priority, get this message
    // rather than a clash of construct IDs.
    this.checkRuleFits(`${this.node.path}/${id}`, options.priority);
    return new ListenerRule(this, id, { ...options, listener: this });
  }

  public registerRule(rule: IListenerRule): void {
    if (this._rules.includes(rule)) { return; }
    this.checkRuleFits(rule.node.path, rule.priority);
    this._rules.push(rule);
  }

  /** A listener of this protocol takes the rule, and no other rule of the listener has its priority. */
  private checkRuleFits(path: string, priority: number) {
    if (listenerProtocolRules(this.protocol)?.takesRules === false) {
      throw invalidValueError(this, 'rule', path, `${this.protocol} listeners take no rules: their default action forwards every connection, which ` +
        'VPC Lattice cannot look into. To route connections differently, give them another service (with its own custom domain name)');
    }
    const sharing = this._rules.find(rule => !Token.isUnresolved(priority) && rule.priority === priority);
    if (sharing) {
      throw invalidValueError(this, 'priority', priority, `rule priorities must be unique within a listener, and ${sharing.node.path} and ${path} share it`);
    }
  }
}

/**
 * Rules given in `rules` get the construct ID `Rule<priority>`, so two of one priority would have one path: they are
 * named by their places in the list instead.
 */
function checkRulePrioritiesDistinct(scope: Listener, rules: ListenerRuleOptions[] | undefined) {
  const firstWith = new Map<number, number>();
  rules?.forEach((rule, index) => {
    const priority = rule?.priority;
    if (typeof priority !== 'number' || Token.isUnresolved(priority)) { return; }
    const earlier = firstWith.get(priority);
    if (earlier !== undefined) {
      throw invalidValueError(scope, 'priority', priority, `rule priorities must be unique within a listener, and rules[${earlier}] and rules[${index}] share it`);
    }
    firstWith.set(priority, index);
  });
}

/** The port of a listener (of a protocol checked already): the one given, checked, or its protocol's default. */
function listenerPort(scope: Listener, protocol: ListenerProtocol, port: number | undefined): number {
  const rules = listenerProtocolRules(protocol);
  checkInteger(scope, 'port', port, 1, 65535);
  // A protocol only known at deploy time gets the port of HTTPS, the default protocol.
  const result = port ?? (rules ?? LISTENER_PROTOCOLS[ListenerProtocol.HTTPS]).defaultPort;
  if (result === undefined) {
    // Open (docs/lattice-facts.md#tls-passthrough): no integ test can settle the default, since every listener made here has a port.
    throw invalidValueError(scope, 'port', undefined, `give the port: ${protocol} listeners have no default port (VPC Lattice documents none), e.g. port: 443`);
  }
  return result;
}

/**
 * The default action of a listener given none: a 404, where the protocol takes fixed responses; an error otherwise.
 */
function defaultActionOf(scope: Listener, protocol: ListenerProtocol): ListenerAction {
  if (listenerProtocolRules(protocol)?.takesFixedResponse === false) {
    const groups = forwardableTargetProtocols(protocol).join(' or ');
    throw invalidValueError(scope, 'defaultAction', undefined, `${protocol} listeners forward every connection and cannot answer with a fixed response, ` +
      `so they have no default action: give defaultAction: ListenerAction.forward(targetGroup) (or weightedForward) with a ${groups} target group`);
  }
  return ListenerAction.fixedResponse(404);
}

/**
 * The construct ID of a listener given in a service's props: its protocol and port, like `Https443` or
 * `TlsPassthrough443`, or its position when the port is only known at deploy time.
 *
 * @internal
 */
export function listenerIdFor(options: ListenerOptions, index: number): string {
  // Anything but a string is rejected by the listener itself, with a message.
  const protocol = typeof options.protocol === 'string' ? options.protocol : ListenerProtocol.HTTPS;
  const port = listenerPortFor(options);
  const name = protocol.split('_').map(word => `${word.charAt(0)}${word.slice(1).toLowerCase()}`).join('');
  return `${name}${Token.isUnresolved(port) ? index : port}`;
}

/**
 * The port a listener given in a service's props will have: the one given, else its protocol's default (HTTPS's when
 * the protocol is unknown).
 *
 * @internal
 */
export function listenerPortFor(options: ListenerOptions): number {
  const protocol = typeof options.protocol === 'string' ? options.protocol : ListenerProtocol.HTTPS;
  return options.port ?? listenerProtocolRules(protocol)?.defaultPort ?? LISTENER_PROTOCOLS[ListenerProtocol.HTTPS].defaultPort!;
}
