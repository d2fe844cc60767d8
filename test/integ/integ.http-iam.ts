import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { answeringFunction, clientFunction, expectAnswer, integApp, integTest, integVpc } from './common';
import { HTTP_IAM_CASES, HttpIamCaller } from './http-iam-cases';
import {
  AuthPolicy, HttpMethod, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork,
} from '../../src';

/*
 * HTTP with IAM at both levels. An AWS_IAM service network whose auth policy names the network's own ARN as its
 * resource (it lets any signed caller through) and an AWS_IAM service behind it, with a Lambda target answering 'ok'.
 * Caller functions in the associated VPC, each with its own role, send SigV4-signed requests (or unsigned ones), and
 * every case of HTTP_IAM_CASES is asserted: granted -> 200, not granted -> 403, unsigned -> 403, a grant scoped to GET
 * on /api/* -> 200 for GET /api/x and 403 for POST /api/x and for GET /other.
 *
 * Settles (docs/lattice-facts.md, Verified on AWS): service-network ARNs as auth-policy resources (every 200 case
 * passes through the network's policy, whose only resource is the network's ARN), and the library's grants at both
 * halves (identity policy and auth policy).
 */
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

  const callers: Record<Exclude<HttpIamCaller, 'anonymous'>, lambda.Function> = {
    granted: clientFunction(stack, 'GrantedCaller', vpc, 'http-caller'),
    scoped: clientFunction(stack, 'ScopedCaller', vpc, 'http-caller'),
    notGranted: clientFunction(stack, 'NotGrantedCaller', vpc, 'http-caller'),
  };
  service.grantInvoke(callers.granted.role!);
  service.grantInvoke(callers.scoped.role!, { methods: [HttpMethod.GET], paths: ['/api/*'] });
  // The granted caller's identity policy is what lets it through the network's policy too: no grant there is needed,
  // since the network's policy allows any signed caller.

  const test = integTest(app, 'HttpIam', [stack]);
  for (const c of HTTP_IAM_CASES) {
    const fn = c.caller === 'anonymous' ? callers.notGranted : callers[c.caller];
    expectAnswer(test, fn, {
      url: `https://${service.domainName}${c.request.path}`,
      method: c.request.method,
      signed: c.caller !== 'anonymous',
    }, 'status', c.expectedStatus);
  }
  return { stack, test, service, network, callers };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
