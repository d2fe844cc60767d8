import { Resource, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import type { AccessAnswer, AccessRequest } from './access/answer';
import type * as decision from './access/decision';
import { IListener, ILatticeService, IServiceNetwork } from './interfaces';
import { HttpCodeClass, HttpCodeVpcLattice } from './metrics';
import { INVOKE_ACTION } from './private/constants';
import { lazy, latticeMetrics } from './private/lazy';
import type * as metrics from './private/metrics';
import { acknowledgeWildcardResources } from './private/nag';
import { characters, checkHasMember, checkList, checkStruct, invalidValueError, isToken } from './private/validation';
import { Client, reachabilityAnswers, reachabilityHops } from './reachability/lazy';
import type { CanConnectOptions, ReachabilityAnswer } from './reachability/reachability';
import type { CustomDomain, GrantInvokeOptions } from './structs';

// The access answers are loaded when one is first asked for.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const accessDecision = lazy(() => require('./access/decision') as typeof decision);

/**
 * What services defined in the app and imported ones have in common: grants, metrics, and what the app tells them
 * (their listeners, the networks they are associated with).
 *
 * @internal
 */
export abstract class LatticeServiceBase extends Resource implements ILatticeService {
  public abstract readonly serviceArn: string;
  public abstract readonly serviceId: string;
  public abstract readonly customDomain?: CustomDomain;
  public abstract readonly dnsName?: string;

  private readonly _listeners: IListener[] = [];
  private readonly _serviceNetworks: IServiceNetwork[] = [];

  public get listeners(): IListener[] {
    return [...this._listeners];
  }

  public get serviceNetworks(): IServiceNetwork[] {
    return [...this._serviceNetworks];
  }

  /** Undefined here: only a service defined in this app writes its auth policy. */
  public get authPolicy(): iam.PolicyDocument | undefined {
    return undefined;
  }

  public get sharableArn(): string {
    return this.serviceArn;
  }

  /** @deprecated use `sharableArn` */
  public get shareableArn(): string {
    return this.serviceArn;
  }

  public registerListener(listener: IListener): void {
    if (!this._listeners.includes(listener)) { this._listeners.push(listener); }
  }

  public registerServiceNetwork(serviceNetwork: IServiceNetwork): void {
    if (!this._serviceNetworks.includes(serviceNetwork)) { this._serviceNetworks.push(serviceNetwork); }
  }

  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    const { paths, methods } = checkGrantInvoke(this, grantee, options);
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
      const arnInFindings = this._arnInFindings(Stack.of(grantee.grantPrincipal));
      acknowledgeWildcardResources(grantee.grantPrincipal, resourceArns,
        `Granted by grantInvoke on ${this.node.path}: the wildcard is a request path of that VPC Lattice service only (paths ${paths.join(', ')}).`,
        arnInFindings && !paths.some(isToken) ? () => paths.map(path => `${arnInFindings()}${path}`) : undefined);
    }
    return grant;
  }

  /**
   * Whether `client` in `vpc` can open connections to this service, hop by hop, from the rules the app defines: the
   * way in (an association of the VPC with a network of the service, or an endpoint to one), name resolution, the
   * client's egress, the association's or endpoint's ingress, and the targets of each listener (the VPC Lattice prefix
   * list on the traffic and health-check ports, a Lambda function's permission). See docs/lattice-facts.md#reachability.
   *
   * @param vpc the VPC the client is in
   * @param client the client: an `ec2.IConnectable` with security groups, like a security group, an instance, a
   * function in a VPC or an ECS service
   */
  public canConnect(vpc: ec2.IVpc, client: ec2.IConnectable, options: CanConnectOptions = {}): ReachabilityAnswer {
    const hops = reachabilityHops();
    hops.checkArguments(this, vpc, client, options);
    return reachabilityAnswers().Reachability._public(hops.serviceAnswer(this, vpc, client as Client, options.port));
  }

  public abstract addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /**
   * Whether VPC Lattice would let this caller make this request, from the caller's identity policies, the auth policy
   * of the service network and the service's own, as far as the app knows them. An answer is never a guess:
   * `UNKNOWN`, with the reason, when a value known only at deploy time or a fact the app cannot know decides it.
   * Service control policies and session policies outside the app are not evaluated.
   *
   * @param caller the principal that signs the request: a role, a user, a Lambda function, an imported role,
   * `iam.ArnPrincipal` or `iam.AccountPrincipal`
   * @param request the request; what is left out is not known
   */
  public canInvoke(caller: iam.IGrantable, request?: AccessRequest): AccessAnswer {
    return accessDecision().canInvoke(this, caller, request, 'canInvoke');
  }

  /**
   * Whether VPC Lattice would let an unsigned (anonymous) caller in a connected VPC make this request.
   *
   * @param request the request; what is left out is not known
   */
  public canInvokeAnonymously(request?: AccessRequest): AccessAnswer {
    return accessDecision().canInvoke(this, undefined, request, 'canInvokeAnonymously');
  }

  /**
   * How to read the service's ARN as cdk-nag writes it in the finding IDs of IAM policies in `stack`, when that is
   * known without resolving the ARN; undefined to resolve it.
   *
   * @internal
   */
  protected _arnInFindings(_stack: Stack): (() => string) | undefined {
    return undefined;
  }

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

  public metricHttpCodeVpcLattice(code: HttpCodeVpcLattice, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.httpCodeVpcLattice(code, props);
  }

  public metricRequestTimeoutCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metrics.requestTimeoutCount(props);
  }

  private get metrics(): metrics.LatticeMetrics {
    return new (latticeMetrics()).LatticeMetrics(this, 'Service', this.serviceId);
  }
}

/**
 * The grantee and options of a `grantInvoke`, checked: the paths (every path, `/*`, by default) and the methods (none:
 * every method).
 *
 * @internal
 */
export function checkGrantInvoke(scope: IConstruct, grantee: iam.IGrantable, options: GrantInvokeOptions): { paths: string[]; methods: string[] } {
  checkHasMember(scope, 'grantInvoke grantee', grantee, 'grantPrincipal', { like: 'an iam.IGrantable, like an iam.Role', required: true });
  checkStruct(scope, 'grantInvoke options', options, { like: "{ methods: [HttpMethod.GET], paths: ['/api/*'] }" });
  checkList(scope, 'grantInvoke paths', options.paths, { noToken: "each path becomes part of a resource ARN; give a list whose paths may be tokens, like ['/api/*']" });
  const paths = options.paths ?? ['/*'];
  if (paths.length === 0) {
    throw invalidValueError(scope, 'grantInvoke paths', paths, "give at least one path, or leave paths out to allow every path ('/*')");
  }
  paths.filter(path => !isToken(path) && !isRequestPath(path)).forEach(path => {
    throw invalidValueError(scope, 'grantInvoke paths', path, "each path must start with '/' and have no spaces, 200 characters at most, e.g. '/api/*'");
  });
  // A list only known at deploy time becomes the condition's list of values, which works.
  if (checkList(scope, 'grantInvoke methods', options.methods)) { checkConditionMethods(scope, options.methods); }
  return { paths, methods: options.methods ?? [] };
}

/** A request path: '/' first, no whitespace, at most 200 characters (VPC Lattice's longest path match). */
function isRequestPath(path: unknown): boolean {
  return typeof path === 'string' && path.startsWith('/') && !/\s/.test(path) && characters(path) <= 200;
}

/** HTTP method names as RFC 9110 defines them (a token): letters, digits and !#$%&'*+.^_`|~- */
const METHOD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The methods of a grant: they become the values of a `vpc-lattice-svcs:RequestMethod` condition, which takes any
 * method name, PATCH and custom methods too (only rule matches are limited to CloudFormation's list). An empty string
 * never matches a request.
 */
function checkConditionMethods(scope: IConstruct, methods: readonly unknown[]) {
  methods.filter(method => !isToken(method) && !(typeof method === 'string' && METHOD_NAME.test(method))).forEach(method => {
    throw invalidValueError(scope, 'grantInvoke methods', method,
      "each method must be an HTTP method name, like 'GET' or 'PATCH': letters, digits and !#$%&'*+.^_`|~- (no spaces, not empty)");
  });
}
