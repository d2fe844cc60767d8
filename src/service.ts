import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { CfnAccessLogSubscription, CfnService } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type * as decision from './access/decision';
import { AccessLogDestination, addAccessLogSubscription } from './access-logs';
import { AuthPolicy, AuthType } from './auth';
import { customDomainProperties, wireCustomDomain } from './custom-domain';
import { IListener, ILatticeService, IServiceNetwork } from './interfaces';
import { Listener, ListenerOptions, listenerIdFor, listenerPortFor } from './listener';
import { anonymousOnlyListeners, describeListeners } from './private/anonymous-callers';
import { AuthPolicyHolder } from './private/auth-policy';
import { CONNECT_ACTION } from './private/constants';
import type * as imported from './private/imported-service';
import { lazy } from './private/lazy';
import { recordName } from './private/names';
import { listenerProtocolRules } from './private/protocol-table';
import { checkAuthPolicy, checkServiceNetwork } from './private/references';
import { checkList, checkOneOf, checkResourceName, checkSeconds, checkStruct, invalidValueError, physicalName } from './private/validation';
import { LatticeServiceBase } from './service-base';
import { shareResource, ShareOptions } from './sharing';
import { CustomDomain, GrantInvokeOptions, LatticeServiceAttributes } from './structs';

/**
 * Properties of a `LatticeService`.
 */
export interface LatticeServiceProps {
  /**
   * The name of the service: 3 to 40 characters of a-z, 0-9 and '-', not starting with `svc-`. Changing it replaces
   * the service.
   *
   * @default - CloudFormation generates a name
   */
  readonly serviceName?: string;

  /**
   * How callers are authenticated.
   *
   * @default AuthType.AWS_IAM
   */
  readonly authType?: AuthType;

  /**
   * Who may call the service. Only enforced when `authType` is `AWS_IAM`; `grantInvoke` adds to it.
   *
   * @default - no policy: with `AWS_IAM`, nobody may call until `grantInvoke` or `addToAuthPolicy` allows someone
   */
  readonly authPolicy?: AuthPolicy;

  /**
   * A service network to associate the service with.
   *
   * @default - not associated; call `serviceNetwork.associateService(service)` later
   */
  readonly serviceNetwork?: IServiceNetwork;

  /**
   * How long an idle connection stays open: 60 to 600 seconds. A connection lasts at most 10 minutes regardless.
   *
   * @default Duration.seconds(60)
   */
  readonly idleTimeout?: Duration;

  /**
   * Listeners to add now; more can be added with `addListener`. Each listener's construct ID is its protocol and
   * port, like `Https443`.
   *
   * @default - no listeners
   */
  readonly listeners?: ListenerOptions[];

  /**
   * A name of your own for the service, with the certificate HTTPS listeners serve for it and, optionally, the
   * Route 53 record that points it at the generated name. Changing the name replaces the service. Required for
   * TLS_PASSTHROUGH listeners, which VPC Lattice routes by it (the TLS server name); they need no certificate.
   *
   * @default - clients call the name VPC Lattice generates; no TLS_PASSTHROUGH listener
   */
  readonly customDomain?: CustomDomain;

  /**
   * Where to deliver the service's access logs, at most one destination of each kind. More can be added with
   * `addAccessLogs`.
   *
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogDestination[];
}

// Imported services, and the deploy-time lookup by name, are loaded by the first import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const importedService = lazy(() => require('./private/imported-service') as typeof imported);
// The access evaluator, which judges grants against the networks' auth policies when the app is validated.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const accessDecision = lazy(() => require('./access/decision') as typeof decision);

/**
 * A VPC Lattice service: listeners and rules that route requests to target groups, behind an auth policy.
 *
 * Secure by default: the auth type is `AWS_IAM` and nobody may call the service until `grantInvoke` (or the auth
 * policy) allows someone.
 *
 * @resource AWS::VpcLattice::Service
 */
export class LatticeService extends LatticeServiceBase {
  /**
   * Imports a service by its ARN.
   */
  public static fromServiceArn(scope: Construct, id: string, serviceArn: string): ILatticeService {
    return LatticeService.fromServiceAttributes(scope, id, { serviceArn });
  }

  /**
   * Imports a service by its ARN or its ID.
   */
  public static fromServiceAttributes(scope: Construct, id: string, attrs: LatticeServiceAttributes): ILatticeService {
    return new (importedService()).ImportedLatticeService(scope, id, attrs);
  }

  /**
   * Imports the service with this name, found at deploy time among the services the stack's account owns or that
   * are shared with it through AWS RAM. Deployment fails when no service or several have the name (import by ARN
   * then). The lookup runs when the stack is first deployed and when the name changes.
   *
   * One Lambda-backed provider per stack serves every lookup; its role may only `vpc-lattice:ListServices` (and
   * `vpc-lattice:ListServiceNetworks` for network lookups), on `*`, the only resource these actions accept.
   */
  public static fromServiceName(scope: Construct, id: string, serviceName: string): ILatticeService {
    return new (importedService()).ImportedLatticeService(scope, id, {}, serviceName);
  }

  public readonly serviceArn: string;
  public readonly serviceId: string;

  /** How callers are authenticated. */
  public readonly authType: AuthType;

  /**
   * The DNS name clients call: the custom domain name when the service has one, else the name VPC Lattice generates.
   */
  public get domainName(): string {
    return this.customDomain?.domainName ?? this.resource.attrDnsEntryDomainName;
  }

  /**
   * The DNS name VPC Lattice generates for the service, which a custom domain points at; always known here.
   *
   * @attribute DnsEntry.DomainName
   */
  public get dnsName(): string | undefined {
    return this.resource.attrDnsEntryDomainName;
  }

  /**
   * @deprecated use `dnsName`
   */
  public get generatedDomainName(): string {
    return this.resource.attrDnsEntryDomainName;
  }

  /**
   * The ID of the Route 53 hosted zone of the generated DNS name.
   *
   * @attribute
   */
  public get hostedZoneId(): string {
    return this.resource.attrDnsEntryHostedZoneId;
  }

  public readonly customDomain?: CustomDomain;

  private readonly authPolicyHolder: AuthPolicyHolder;
  private readonly grantees: iam.IGrantable[] = [];
  private readonly resource: CfnService;

  constructor(scope: Construct, id: string, props: LatticeServiceProps = {}) {
    super(scope, id, { physicalName: physicalName(props?.serviceName) });
    checkStruct(this, 'props', props, { like: "{ serviceName: 'orders', listeners: [{ protocol: ListenerProtocol.HTTPS }] }" });
    checkResourceName(this, 'serviceName', props.serviceName, 'service');
    const idleTimeoutSeconds = checkSeconds(this, 'idleTimeout', props.idleTimeout, 60, 600);
    checkOneOf(this, 'authType', props.authType, Object.values(AuthType));
    checkAuthPolicy(this, props.authPolicy);
    checkServiceNetwork(this, props.serviceNetwork, false);
    checkList(this, 'listeners', props.listeners);
    checkList(this, 'accessLogs', props.accessLogs);
    this.authType = props.authType ?? AuthType.AWS_IAM;

    recordName(this, props.serviceName);
    const resource = this.resource = new CfnService(this, 'Resource', {
      name: props.serviceName,
      authType: this.authType,
      idleTimeoutSeconds,
      ...customDomainProperties(this, props.customDomain),
    });
    this.serviceArn = resource.attrArn;
    this.serviceId = resource.attrId;
    this.customDomain = props.customDomain;
    if (props.customDomain) {
      wireCustomDomain(this, props.customDomain, resource.attrDnsEntryDomainName);
    }
    props.accessLogs?.forEach(destination => this.addAccessLogs(destination));

    this.authPolicyHolder = new AuthPolicyHolder(this, this.serviceId, { initial: props.authPolicy, enforced: this.authType === AuthType.AWS_IAM });

    const firstOnPort = new Map<number, number>();
    props.listeners?.forEach((listener, index) => {
      checkStruct(this, 'listeners', listener, { like: '{ protocol: ListenerProtocol.HTTPS, port: 443 }', required: true });
      // Named by their places in the list: two listeners on one port would get one construct ID.
      const port = listenerPortFor(listener);
      const earlier = firstOnPort.get(port);
      if (earlier !== undefined) {
        throw invalidValueError(this, `listeners[${index}] port`, port,
          `each listener of a service needs its own port, and listeners[${earlier}] and listeners[${index}] both listen on ${port}`);
      }
      if (typeof port === 'number' && !Token.isUnresolved(port)) { firstOnPort.set(port, index); }
      this.addListener(listenerIdFor(listener, index), listener);
    });
    props.serviceNetwork?.associateService(this);

    if (this.authType === AuthType.NONE) {
      Annotations.of(this).addWarningV2('cdk-vpc-lattice:serviceAuthNone',
        'This service has AuthType.NONE: at run time any client that can reach it (through an associated service network) calls it without signing requests. ' +
        'Use AuthType.AWS_IAM (the default) and grantInvoke unless this is intended.');
    }
    this.node.addValidation({ validate: () => [...this.validateListenerPorts(), ...this.warnAboutMissingWiring()] });
  }

  /**
   * Adds a listener: the protocol and port clients use, and where their requests go.
   */
  public addListener(id: string, options: ListenerOptions = {}): Listener {
    checkStruct(this, 'addListener options', options, { like: '{ protocol: ListenerProtocol.HTTPS, port: 443 }' });
    return new Listener(this, id, { ...options, service: this });
  }

  public get authPolicy(): iam.PolicyDocument | undefined {
    return this.authPolicyHolder.policy;
  }

  public addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return this.authPolicyHolder.addStatement(statement);
  }

  /**
   * Lets a principal call the service: adds `vpc-lattice-svcs:Invoke` to the principal's IAM policy and a statement for
   * the principal to the service's auth policy. Callers of TLS_PASSTHROUGH listeners are anonymous, so a grant cannot
   * take effect on those (a warning says so).
   */
  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    this.grantees.push(grantee);
    return super.grantInvoke(grantee, options);
  }

  /**
   * `<LogicalId.Arn>` in the service's own stack: the logical ID alone, rather than the whole ARN, is resolved.
   *
   * @internal
   */
  protected _arnInFindings(stack: Stack): (() => string) | undefined {
    return stack === Stack.of(this) ? () => `<${stack.resolve(this.resource.logicalId)}.Arn>` : undefined;
  }

  /** Records a listener of this service, after checking that the service has what its protocol needs (a custom domain). */
  public registerListener(listener: IListener): void {
    const needsCustomDomain = listenerProtocolRules(listener.protocol)?.needsCustomDomain;
    if (needsCustomDomain && !this.customDomain) {
      throw invalidValueError(this, 'customDomain', undefined, `the ${listener.protocol} listener ${listener.node.path} needs the service to have a custom ` +
        `domain name: ${needsCustomDomain}. Give customDomain: { domainName, hostedZone } to the service`);
    }
    super.registerListener(listener);
  }

  /**
   * Delivers the service's access logs to a destination. One destination of each kind.
   */
  public addAccessLogs(destination: AccessLogDestination): CfnAccessLogSubscription {
    return addAccessLogSubscription(this, this.serviceArn, destination);
  }

  /**
   * Shares the service with other accounts, an organization or organizational units through an AWS RAM resource
   * share. Accounts given the service can associate it with their service networks.
   */
  public shareWith(options: ShareOptions): CfnResourceShare {
    return shareResource(this, this.serviceArn, options);
  }

  private validateListenerPorts(): string[] {
    const ports = this.listeners.map(listener => listener.port).filter(port => !Token.isUnresolved(port));
    const repeated = [...new Set(ports.filter((port, index) => ports.indexOf(port) !== index))];
    return repeated.map(port => `invalid listener port ${port}: each listener of a service needs its own port, and several listen on ${port}`);
  }

  /**
   * Setups that deploy but cannot work, known once the app is complete: warnings, so the validation finds no error.
   */
  private warnAboutMissingWiring(): string[] {
    const warn = (id: string, message: string) => Annotations.of(this).addWarningV2(id, message);
    const anonymousOnly = anonymousOnlyListeners(this);
    const onlyAnonymousListeners = anonymousOnly.length > 0 && anonymousOnly.length === this.listeners.length;
    if (this.authType === AuthType.AWS_IAM && !this.authPolicyHolder.allowsAnything && !onlyAnonymousListeners) {
      warn('cdk-vpc-lattice:noPrincipalAllowed',
        'This service has AuthType.AWS_IAM but its auth policy allows no one: at run time every request gets 403 (AccessDeniedException). ' +
        'Call service.grantInvoke(role), give authPolicy (e.g. AuthPolicy.authenticatedOnly()), or use service.addToAuthPolicy(statement).');
    }
    if (anonymousOnly.length > 0) {
      this.warnAboutAnonymousCallers(anonymousOnly);
    }
    for (const grantee of new Set(this.grantees)) {
      const denying = accessDecision().networksDenying(this, grantee);
      if (denying.length > 0) {
        warn('cdk-vpc-lattice:grantDeniedByNetwork',
          `grantInvoke on this service for ${principalName(grantee)} cannot take effect: the auth policy of ${denying.join(', ')} denies every ` +
          'request from it, so at run time its requests get 403 (AccessDeniedException). Allow it there too (network.grantInvoke(role) or ' +
          'network.addToAuthPolicy(statement)), or associate the service with a network that allows it.');
      }
    }
    if (this.listeners.length === 0) {
      warn('cdk-vpc-lattice:noListener',
        'This service has no listener: at run time clients cannot connect to it. Add one with service.addListener(id, { protocol, port, defaultAction }).');
    }
    if (this.serviceNetworks.length === 0) {
      warn('cdk-vpc-lattice:notAssociated',
        'This service is not associated with any service network in this app: at run time no client VPC can reach it. ' +
        'Pass serviceNetwork, or call network.associateService(service). If another app associates it, acknowledge this warning.');
    }
    return [];
  }

  /** Callers of TLS passthrough listeners are anonymous: an auth policy or a grant that needs them signed refuses them. */
  private warnAboutAnonymousCallers(listeners: ReturnType<typeof anonymousOnlyListeners>) {
    if (this.authType !== AuthType.AWS_IAM) { return; }
    const annotations = Annotations.of(this);
    const which = describeListeners(listeners);
    if (!this.authPolicyHolder.admitsAnonymousConnections) {
      annotations.addWarningV2('cdk-vpc-lattice:serviceRefusesAnonymousCallers',
        `This service has AuthType.AWS_IAM and the ${which}, but its auth policy lets no anonymous caller connect: ${listeners[0].reason}. ` +
        `At run time every connection to ${listeners.length > 1 ? 'them' : 'it'} is refused. Use AuthType.NONE on the service, or add a ` +
        `statement that allows '${CONNECT_ACTION}' to any principal (iam.AnyPrincipal) without a condition anonymous callers cannot meet; ` +
        'narrow it with vpc-lattice-svcs:SourceVpc if you like, and let security groups decide which clients may connect.');
    }
    if (this.grantees.length > 0) {
      const principals = this.grantees.map(principalName);
      annotations.addWarningV2('cdk-vpc-lattice:grantCannotTakeEffect',
        `grantInvoke on this service (for ${principals.join(', ')}) cannot take effect on its ${which}: ${listeners[0].reason}, so a ` +
        'statement for a principal never matches them. Remove the grant unless other listeners need it, and let the security groups of ' +
        'the VPC associations (or auth-policy conditions on the source VPC) decide which clients may connect.');
    }
  }
}

function principalName(grantee: iam.IGrantable): string {
  return Construct.isConstruct(grantee) ? grantee.node.path : grantee.grantPrincipal.toString();
}
