import { IResource, Resource, Token } from 'aws-cdk-lib';
import { CfnListener } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { ListenerAction } from './listener-action';
import { ListenerRule, ListenerRuleOptions } from './listener-rule';
import { recordListener, rulesOf } from './private/registry';
import { checkInteger, checkResourceName, invalid } from './private/validation';
import type { ILatticeService } from './service';

/**
 * The protocol clients use to reach a listener.
 */
export enum ListenerProtocol {
  /** HTTP. Default port 80. */
  HTTP = 'HTTP',
  /** HTTPS, with a certificate VPC Lattice manages for the service's generated name. Default port 443. */
  HTTPS = 'HTTPS',
  /**
   * TLS passthrough to TCP target groups. Not supported by this version of the library: it comes with TCP support.
   */
  TLS_PASSTHROUGH = 'TLS_PASSTHROUGH',
}

/**
 * A listener of a VPC Lattice service.
 */
export interface IListener extends IResource {
  /**
   * The ARN of the listener.
   *
   * @attribute
   */
  readonly listenerArn: string;

  /**
   * The ID of the listener (`listener-…`).
   *
   * @attribute
   */
  readonly listenerId: string;

  /** The service the listener belongs to. */
  readonly service: ILatticeService;

  /** Adds a rule that routes the requests it matches. */
  addRule(id: string, options: ListenerRuleOptions): ListenerRule;
}

/**
 * Options for adding a listener to a service.
 */
export interface ListenerOptions {
  /**
   * The protocol clients use.
   *
   * @default ListenerProtocol.HTTPS
   */
  readonly protocol?: ListenerProtocol;

  /**
   * The port clients connect to, 1 to 65535. Unique within the service.
   *
   * @default - 80 for HTTP, 443 for HTTPS
   */
  readonly port?: number;

  /**
   * What happens to requests no rule matches.
   *
   * @default ListenerAction.fixedResponse(404)
   */
  readonly defaultAction?: ListenerAction;

  /**
   * The name of the listener: 3 to 63 characters of a-z, 0-9 and '-', not starting with `listener-`.
   *
   * @default - CloudFormation generates a name
   */
  readonly listenerName?: string;

  /**
   * Rules to add now; more can be added with `addRule`. Each rule's construct ID is `Rule<priority>`.
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
  public readonly listenerArn: string;
  public readonly listenerId: string;
  public readonly service: ILatticeService;

  /** The protocol clients use. */
  public readonly protocol: ListenerProtocol;

  /** The port clients connect to. */
  public readonly port: number;

  /** What happens to requests no rule matches. */
  public readonly defaultAction: ListenerAction;

  constructor(scope: Construct, id: string, props: ListenerProps) {
    super(scope, id, { physicalName: props.listenerName });
    this.service = props.service;
    this.protocol = props.protocol ?? ListenerProtocol.HTTPS;
    if (this.protocol === ListenerProtocol.TLS_PASSTHROUGH) {
      throw invalid(this, 'protocol', this.protocol,
        'TLS_PASSTHROUGH listeners need TCP target groups, which this version of the library does not support yet; use ListenerProtocol.HTTP or ListenerProtocol.HTTPS');
    }
    if (this.protocol !== ListenerProtocol.HTTP && this.protocol !== ListenerProtocol.HTTPS && !Token.isUnresolved(this.protocol)) {
      throw invalid(this, 'protocol', this.protocol, "must be 'HTTP' or 'HTTPS'");
    }
    this.port = props.port ?? defaultListenerPort(this.protocol);
    checkInteger(this, 'port', this.port, 1, 65535);
    checkResourceName(this, 'listenerName', props.listenerName, 'listener');
    this.defaultAction = props.defaultAction ?? ListenerAction.fixedResponse(404);

    const resource = new CfnListener(this, 'Resource', {
      serviceIdentifier: props.service.serviceId,
      name: props.listenerName,
      protocol: this.protocol,
      port: this.port,
      defaultAction: this.defaultAction._render(this, 'listener'),
    });
    this.listenerArn = resource.attrArn;
    this.listenerId = resource.attrId;
    recordListener(props.service, this);

    props.rules?.forEach(rule => this.addRule(`Rule${rule.priority}`, rule));
    this.node.addValidation({ validate: () => this.validateRulePriorities() });
  }

  public addRule(id: string, options: ListenerRuleOptions): ListenerRule {
    return new ListenerRule(this, id, { ...options, listener: this });
  }

  private validateRulePriorities(): string[] {
    const byPriority = new Map<number, string[]>();
    for (const rule of rulesOf(this)) {
      if (Token.isUnresolved(rule.priority)) { continue; }
      byPriority.set(rule.priority, [...(byPriority.get(rule.priority) ?? []), rule.node.path]);
    }
    return [...byPriority.entries()]
      .filter(([, paths]) => paths.length > 1)
      .map(([priority, paths]) => `invalid priority ${priority}: rule priorities must be unique within a listener, and ${paths.join(' and ')} share it`);
  }
}

/**
 * The port a listener gets when none is given: 80 for HTTP, 443 otherwise.
 *
 * @internal
 */
export function defaultListenerPort(protocol: ListenerProtocol | undefined): number {
  return protocol === ListenerProtocol.HTTP ? 80 : 443;
}
