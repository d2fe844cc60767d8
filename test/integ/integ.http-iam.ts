import { createHash } from 'crypto';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HTTP_IAM_CASES } from '../access-cases';
import { answeringFunction, clientFunction, expectAnswer, integApp, integTest, integVpc } from './common';
import {
  AuthPolicy, GrantInvokeOptions, HttpMethod, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol,
  ServiceNetwork,
} from '../../src';

/*
 * HTTP with IAM at both levels. An AWS_IAM service network whose auth policy names the network's own ARN as its
 * resource (it lets any signed caller through) and an AWS_IAM service behind it, with a Lambda target answering 'ok'.
 * Caller functions in the associated VPC, one per distinct grant of HTTP_IAM_INTEG_CASES (each with its own role,
 * granted with `service.grantInvoke(role, grant)`, or not at all), send SigV4-signed requests, and an unsigned caller
 * sends the UNSIGNED_CASES; each case's status is asserted (expectAnswer on `Payload.status`).
 *
 * Settles (docs/lattice-facts.md, Verified on AWS): service-network ARNs as auth-policy resources (every 200 case
 * passes through the network's policy, whose only resource is the network's ARN), and the library's grants at both
 * halves (identity policy and auth policy) answering as the synth-time access answers do.
 */

/** A request of a case: what the caller sends. */
export interface HttpIamRequest {
  readonly method: HttpMethod;
  /** Starts with `/`. */
  readonly path: string;
}

/**
 * One signed case, shaped as the synth-time access cases are (grant options, request, expected answer), with the
 * status VPC Lattice answers instead of the decision: ALLOW is 200 (the target answered), DENY is 403.
 */
export interface HttpIamIntegCase {
  /** The options of `service.grantInvoke(callerRole, grant)`; undefined: the caller's role is not granted at all. */
  readonly grant?: GrantInvokeOptions;
  readonly request: HttpIamRequest;
  readonly expected: 200 | 403;
}

/** The status an access decision comes to on the live system. */
export function statusOf(decision: 'ALLOW' | 'DENY'): 200 | 403 {
  return decision === 'ALLOW' ? 200 : 403;
}

const SCOPED: GrantInvokeOptions = { methods: [HttpMethod.GET], paths: ['/api/*'] };

/**
 * The signed cases: the synth-time access cases (test/access-cases.ts, which test/access.test.ts answers with
 * `canInvoke` on this very app), then the issue's own: a role not granted at all, and a method and path scoped grant.
 */
export const HTTP_IAM_INTEG_CASES: readonly HttpIamIntegCase[] = [
  ...HTTP_IAM_CASES.map(c => ({ grant: c.grant, request: c.request, expected: statusOf(c.expected) })),
  { grant: undefined, request: { method: HttpMethod.GET, path: '/api/x' }, expected: 403 },
  { grant: SCOPED, request: { method: HttpMethod.GET, path: '/api/x' }, expected: 200 },
  { grant: SCOPED, request: { method: HttpMethod.POST, path: '/api/x' }, expected: 403 },
  { grant: SCOPED, request: { method: HttpMethod.GET, path: '/other' }, expected: 403 },
];

/** Unsigned requests (the synth-time `canInvokeAnonymously`): the service's auth policy refuses anonymous callers. */
export const UNSIGNED_CASES: ReadonlyArray<{ readonly request: HttpIamRequest; readonly expected: 200 | 403 }> = [
  { request: { method: HttpMethod.GET, path: '/api/x' }, expected: 403 },
];

/**
 * The construct ID of the caller for `grant`: one caller per distinct grant, named after the grant's content (not the
 * case order), so reordering the cases keeps the template.
 */
function callerId(grant: GrantInvokeOptions | undefined): string {
  if (grant === undefined) {
    return 'NotGrantedCaller';
  }
  return `Caller${createHash('sha256').update(JSON.stringify(grant)).digest('hex').slice(0, 8)}`;
}

export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegHttpIam');
  const vpc = integVpc(stack, 'ClientVpc', '10.10.0.0/16');

  const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument()) });
  network.addToAuthPolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    actions: ['vpc-lattice-svcs:Invoke'],
    resources: [network.serviceNetworkArn],
    conditions: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } },
  }));
  network.associateVpc(vpc);

  const target = answeringFunction(stack, 'Target', 'ok');
  const service = new LatticeService(stack, 'Service', {
    serviceNetwork: network,
    listeners: [{
      protocol: ListenerProtocol.HTTPS,
      defaultAction: ListenerAction.forward(new LambdaTargetGroup(stack, 'Targets', {
        function: target, eventStructureVersion: LambdaEventStructureVersion.V2,
      })),
    }],
  });

  // One caller per distinct grant; the network's policy allows any signed caller, so only the service's grant differs.
  const byGrant = new Map<string, lambda.Function>();
  const callerOf = (grant: GrantInvokeOptions | undefined) => {
    const id = callerId(grant);
    let fn = byGrant.get(id);
    if (!fn) {
      fn = clientFunction(stack, id, vpc, 'http-caller');
      if (grant !== undefined) {
        service.grantInvoke(fn.role!, grant);
      }
      byGrant.set(id, fn);
    }
    return fn;
  };
  const callers = HTTP_IAM_INTEG_CASES.map(c => ({ case: c, role: callerOf(c.grant).role! }));
  const unsignedCaller = callerOf(undefined);

  const test = integTest(app, 'HttpIam', [stack]);
  const url = (request: HttpIamRequest) => `https://${service.domainName}${request.path}`;
  for (const c of HTTP_IAM_INTEG_CASES) {
    expectAnswer(test, callerOf(c.grant), { url: url(c.request), method: c.request.method, signed: true }, 'status', c.expected);
  }
  for (const c of UNSIGNED_CASES) {
    expectAnswer(test, unsignedCaller, { url: url(c.request), method: c.request.method, signed: false }, 'status', c.expected);
  }
  return { stack, test, service, network, callers };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
