import { Annotations, Duration, IResource, Resource, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { CfnAccessLogSubscription, CfnService } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { AccessLogDestination, addAccessLogSubscription } from './access-logs';
import { AuthPolicy, AuthType } from './auth';
import { CustomDomain, customDomainProperties, wireCustomDomain } from './custom-domain';
import { defaultListenerPort, Listener, ListenerOptions, ListenerProtocol } from './listener';
import { lookUpByName } from './lookup/lookup';
import { checkHttpMethods, HttpMethod } from './matches';
import { HttpCodeClass } from './metrics';
import { importedIdentity } from './private/arns';
import { AuthPolicyHolder, INVOKE_ACTION } from './private/auth-policy';
import { LatticeMetrics } from './private/metrics';
import { acknowledgeWildcardResources } from './private/nag';
import { listenersOf, networksOf } from './private/registry';
import { whenTreeIsComplete } from './private/tree';
import { checkResourceName, checkSeconds, invalid } from './private/validation';
import type { IServiceNetwork } from './service-network';
import { shareResource, ShareOptions } from './sharing';

/**
 * A VPC Lattice service.
 */
export interface ILatticeService extends IResource, iam.IResourceWithPolicy {
  /**
   * The ARN of the service.
   *
   * @attribute
   */
  readonly serviceArn: string;

  /**
   * The ID of the service (`svc-…`).
   *
   * @attribute
   */
  readonly serviceId: string;

  /**
   * Lets a principal call the service: adds `vpc-lattice-svcs:Invoke` to the principal's IAM policy and, for a
   * service defined in this app, a statement for the principal to the service's auth policy.
   */
  grantInvoke(grantee: iam.IGrantable, options?: GrantInvokeOptions): iam.Grant;

  /**
   * Adds a statement to the service's auth policy. Imported services cannot be changed: the statement is not added.
   */
  addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /**
   * A metric VPC Lattice publishes for this service (namespace `AWS/VpcLattice`, dimension `Service`), such as
   * `RequestTimeoutCount` or `HTTPCode_VpcLattice_403_Count`.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of requests the service received (sum over 5 minutes).
   */
  metricTotalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The time from a request to its answer, in milliseconds (average over 5 minutes).
   */
  metricRequestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of answers of the given status class, such as `HttpCodeClass.HTTP_5XX` (sum over 5 minutes).
   */
  metricHttpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * What `grantInvoke` allows.
 */
export interface GrantInvokeOptions {
  /**
   * The HTTP methods the principal may use.
   *
   * @default - every method
   */
  readonly methods?: HttpMethod[];

  /**
   * The request paths the principal may call, each starting with `/`; `*` matches any characters, e.g. `/api/*`.
   *
   * @default ['/*'] - every path
   */
  readonly paths?: string[];
}

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
   * Route 53 record that points it at the generated name. Changing the name replaces the service.
   *
   * @default - clients call the name VPC Lattice generates
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

/**
 * Attributes to import a service defined elsewhere. Give at least one of them.
 */
export interface LatticeServiceAttributes {
  /**
   * The ARN of the service. Required when the service is in another account.
   *
   * @default - derived from `serviceId`, in this stack's account and region
   */
  readonly serviceArn?: string;

  /**
   * The ID of the service (`svc-…`).
   *
   * @default - taken from `serviceArn`
   */
  readonly serviceId?: string;
}

/**
 * What services defined in the app and imported ones have in common.
 */
abstract class LatticeServiceBase extends Resource implements ILatticeService {
  public abstract readonly serviceArn: string;
  public abstract readonly serviceId: string;

  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    const paths = options.paths ?? ['/*'];
    if (paths.length === 0) {
      throw invalid(this, 'grantInvoke paths', paths, "give at least one path, or leave paths out to allow every path ('/*')");
    }
    paths.filter(path => !Token.isUnresolved(path) && !/^\/[^\s]{0,199}$/.test(path)).forEach(path => {
      throw invalid(this, 'grantInvoke paths', path, "each path must start with '/' and have no spaces, e.g. '/api/*'");
    });
    const methods = options.methods ?? [];
    checkHttpMethods(this, 'grantInvoke methods', methods);
    const resourceArns = paths.map(path => `${this.serviceArn}${path}`);
    const grant = iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: [INVOKE_ACTION],
      resourceArns,
      resource: this,
      conditions: methods.length > 0 ? { StringEquals: { 'vpc-lattice-svcs:RequestMethod': methods } } : undefined,
    });
    // The `*` in these resources is a request path within this one service, which is as narrow as the grant asked for.
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledgeWildcardResources(grantee.grantPrincipal, resourceArns,
        `Granted by grantInvoke on ${this.node.path}: the wildcard is a request path of that VPC Lattice service only (paths ${paths.join(', ')}).`);
    }
    return grant;
  }

  public abstract addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /** The same as `addToAuthPolicy`: the auth policy is the service's resource policy. */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return this.addToAuthPolicy(statement);
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.metric(metricName, props);
  }

  public metricTotalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.totalRequestCount(props);
  }

  public metricRequestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.requestTime(props);
  }

  public metricHttpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.httpCodeCount(codeClass, props);
  }

  private get metrics(): LatticeMetrics {
    return new LatticeMetrics(this, 'Service', this.serviceId);
  }
}

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
    return new ImportedLatticeService(scope, id, attrs);
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
    return new ImportedLatticeService(scope, id, {}, serviceName);
  }

  public readonly serviceArn: string;
  public readonly serviceId: string;

  /** How callers are authenticated. */
  public readonly authType: AuthType;

  /**
   * The DNS name clients call: the custom domain name when the service has one, else the name VPC Lattice generates.
   */
  public readonly domainName: string;

  /**
   * The DNS name VPC Lattice generates for the service (`<name>-<id>.<partition id>.vpc-lattice-svcs.<region>.on.aws`).
   *
   * @attribute DnsEntry.DomainName
   */
  public readonly generatedDomainName: string;

  /**
   * The ID of the Route 53 hosted zone of the generated DNS name.
   *
   * @attribute
   */
  public readonly hostedZoneId: string;

  private readonly authPolicy: AuthPolicyHolder;

  constructor(scope: Construct, id: string, props: LatticeServiceProps = {}) {
    super(scope, id, { physicalName: props.serviceName });
    checkResourceName(this, 'serviceName', props.serviceName, 'service');
    const idleTimeoutSeconds = checkSeconds(this, 'idleTimeout', props.idleTimeout, 60, 600);
    this.authType = props.authType ?? AuthType.AWS_IAM;

    const resource = new CfnService(this, 'Resource', {
      name: props.serviceName,
      authType: this.authType,
      idleTimeoutSeconds,
      ...customDomainProperties(this, props.customDomain),
    });
    this.serviceArn = resource.attrArn;
    this.serviceId = resource.attrId;
    this.generatedDomainName = resource.attrDnsEntryDomainName;
    this.domainName = props.customDomain?.domainName ?? this.generatedDomainName;
    this.hostedZoneId = resource.attrDnsEntryHostedZoneId;
    if (props.customDomain) {
      wireCustomDomain(this, props.customDomain, this.generatedDomainName);
    }
    props.accessLogs?.forEach(destination => this.addAccessLogs(destination));

    this.authPolicy = new AuthPolicyHolder(this, this.serviceId, { initial: props.authPolicy, enforced: this.authType === AuthType.AWS_IAM });

    props.listeners?.forEach((listener, index) => {
      const protocol = listener.protocol ?? ListenerProtocol.HTTPS;
      const port = listener.port ?? defaultListenerPort(protocol);
      this.addListener(`${protocol.charAt(0)}${protocol.slice(1).toLowerCase()}${Token.isUnresolved(port) ? index : port}`, listener);
    });
    props.serviceNetwork?.associateService(this);

    this.node.addValidation({ validate: () => this.validateListenerPorts() });
    this.warnAboutUnreachableSetups();
  }

  /**
   * Adds a listener: the protocol and port clients use, and where their requests go.
   */
  public addListener(id: string, options: ListenerOptions = {}): Listener {
    return new Listener(this, id, { ...options, service: this });
  }

  /** The listeners added to this service in this app. */
  public get listeners(): Listener[] {
    return listenersOf(this);
  }

  public addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return this.authPolicy.addStatement(statement);
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

  /** Setups that deploy but cannot work, reported once the app is complete. */
  private warnAboutUnreachableSetups() {
    const annotations = Annotations.of(this);
    if (this.authType === AuthType.NONE) {
      annotations.addWarningV2('cdk-vpc-lattice:serviceAuthNone',
        'This service has AuthType.NONE: at run time any client that can reach it (through an associated service network) calls it without signing requests. ' +
        'Use AuthType.AWS_IAM (the default) and grantInvoke unless this is intended.');
    }
    whenTreeIsComplete(this, () => {
      if (this.authType === AuthType.AWS_IAM && !this.authPolicy.allowsAnything) {
        annotations.addWarningV2('cdk-vpc-lattice:noPrincipalAllowed',
          'This service has AuthType.AWS_IAM but its auth policy allows no one: at run time every request gets 403 (AccessDeniedException). ' +
          'Call service.grantInvoke(role), give authPolicy (e.g. AuthPolicy.authenticatedOnly()), or use service.addToAuthPolicy(statement).');
      }
      if (this.listeners.length === 0) {
        annotations.addWarningV2('cdk-vpc-lattice:noListener',
          'This service has no listener: at run time clients cannot connect to it. Add one with service.addListener(id, { protocol, port, defaultAction }).');
      }
      if (networksOf(this).length === 0) {
        annotations.addWarningV2('cdk-vpc-lattice:notAssociated',
          'This service is not associated with any service network in this app: at run time no client VPC can reach it. ' +
          'Pass serviceNetwork, or call network.associateService(service). If another app associates it, acknowledge this warning.');
      }
    });
  }
}

class ImportedLatticeService extends LatticeServiceBase {
  public readonly serviceArn: string;
  public readonly serviceId: string;

  constructor(scope: Construct, id: string, attrs: LatticeServiceAttributes, lookUpName?: string) {
    super(scope, id);
    checkResourceName(this, 'serviceName', lookUpName, 'service');
    const { arn, id: resourceId } = lookUpName === undefined
      ? importedIdentity(this, 'service', attrs.serviceArn, attrs.serviceId)
      : lookUpByName(this, 'Service', lookUpName);
    this.serviceArn = arn;
    this.serviceId = resourceId;
  }

  public addToAuthPolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }
}
