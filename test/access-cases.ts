import { AccessDecision, GrantInvokeOptions, HttpMethod } from 'cdk-vpc-lattice';

/*
 * The requests of the HTTP-with-IAM integ test (test/integ/integ.http-iam.ts), with the answer `canInvoke` gives for
 * them at synth (test/access.test.ts asserts it) and the one the deployed service must give (the integ test asserts
 * 200 for ALLOW and 403 for DENY): the synth-time answers are checked against VPC Lattice itself.
 *
 * The setup both tests use: a service network with its default auth policy (AuthType.AWS_IAM, authenticated callers
 * only), a service (AuthType.AWS_IAM, no auth policy of its own) with an HTTPS listener, associated with the network;
 * for each case a role of the app granted `service.grantInvoke(role, grant)`, which signs the request.
 */

/** One request of the integ test: how its caller is granted, what it sends, and the answer. */
export interface HttpIamCase {
  readonly name: string;
  readonly grant: GrantInvokeOptions;
  readonly request: { readonly method: HttpMethod; readonly path: string };
  readonly expected: AccessDecision.ALLOW | AccessDecision.DENY;
}

const { GET, POST, DELETE } = HttpMethod;
const { ALLOW, DENY } = AccessDecision;

export const HTTP_IAM_CASES: readonly HttpIamCase[] = [
  { name: 'every method and path by default', grant: {}, request: { method: DELETE, path: '/orders/42' }, expected: ALLOW },
  { name: 'a granted method on a granted path', grant: { methods: [GET], paths: ['/orders/*'] }, request: { method: GET, path: '/orders/42' }, expected: ALLOW },
  { name: 'a method not granted', grant: { methods: [GET], paths: ['/orders/*'] }, request: { method: POST, path: '/orders/42' }, expected: DENY },
  { name: 'a path not granted', grant: { methods: [GET], paths: ['/orders/*'] }, request: { method: GET, path: '/admin' }, expected: DENY },
  { name: "'/orders/*' does not cover '/orders'", grant: { paths: ['/orders/*'] }, request: { method: GET, path: '/orders' }, expected: DENY },
  { name: 'an exact path', grant: { paths: ['/health'] }, request: { method: GET, path: '/health' }, expected: ALLOW },
  { name: 'below an exact path', grant: { paths: ['/health'] }, request: { method: GET, path: '/health/deep' }, expected: DENY },
  { name: 'one of several methods and paths', grant: { methods: [GET, POST], paths: ['/a/*', '/b/*'] }, request: { method: POST, path: '/b/1' }, expected: ALLOW },
  { name: 'paths are case-sensitive', grant: { paths: ['/Orders/*'] }, request: { method: GET, path: '/orders/42' }, expected: DENY },
];
