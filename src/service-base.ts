import { Resource, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GrantInvokeOptions, IListener, ILatticeService, IServiceNetwork } from './interfaces';
import { checkHttpMethods } from './matches';
import { HttpCodeClass } from './metrics';
import { INVOKE_ACTION } from './private/constants';
import { LatticeMetrics } from './private/metrics';
import { acknowledgeWildcardResources } from './private/nag';
import { invalid } from './private/validation';

/**
 * What services defined in the app and imported ones have in common: grants, metrics, and what the app tells them
 * (their listeners, the networks they are associated with).
 *
 * @internal
 */
export abstract class LatticeServiceBase extends Resource implements ILatticeService {
  public abstract readonly serviceArn: string;
  public abstract readonly serviceId: string;

  private readonly _listeners: IListener[] = [];
  private readonly _serviceNetworks: IServiceNetwork[] = [];

  public get listeners(): IListener[] {
    return [...this._listeners];
  }

  public get serviceNetworks(): IServiceNetwork[] {
    return [...this._serviceNetworks];
  }

  public registerListener(listener: IListener): void {
    if (!this._listeners.includes(listener)) { this._listeners.push(listener); }
  }

  public registerServiceNetwork(serviceNetwork: IServiceNetwork): void {
    if (!this._serviceNetworks.includes(serviceNetwork)) { this._serviceNetworks.push(serviceNetwork); }
  }

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
