/*
 * The cases of the HTTP-with-IAM integ test (integ.http-iam.ts), as one table: the integ test sends each request as
 * its caller through VPC Lattice and asserts the status; a synth-time test can ask the library the same question
 * (may this caller make this request?) of the same app and assert the same answer, so the two cannot drift apart.
 */

/**
 * Who sends the request, as integ.http-iam.ts builds them:
 * - `granted`: a role granted every request (`service.grantInvoke(role)`);
 * - `scoped`: a role granted only GET on `/api/*` (`grantInvoke(role, { methods: [GET], paths: ['/api/*'] })`);
 * - `notGranted`: a role with no grant at all;
 * - `anonymous`: no signature.
 */
export type HttpIamCaller = 'granted' | 'scoped' | 'notGranted' | 'anonymous';

export interface HttpIamCase {
  /** What the case shows, used as the assertion's and the test's label. */
  readonly label: string;
  readonly caller: HttpIamCaller;
  readonly request: { readonly method: 'GET' | 'POST'; readonly path: string };
  /** 200: VPC Lattice let it through to the target; 403: an auth policy or the caller's IAM policy refused it. */
  readonly expectedStatus: 200 | 403;
}

export const HTTP_IAM_CASES: readonly HttpIamCase[] = [
  { label: 'GrantedGet', caller: 'granted', request: { method: 'GET', path: '/api/x' }, expectedStatus: 200 },
  { label: 'GrantedPost', caller: 'granted', request: { method: 'POST', path: '/api/x' }, expectedStatus: 200 },
  { label: 'NotGrantedGet', caller: 'notGranted', request: { method: 'GET', path: '/api/x' }, expectedStatus: 403 },
  { label: 'AnonymousGet', caller: 'anonymous', request: { method: 'GET', path: '/api/x' }, expectedStatus: 403 },
  { label: 'ScopedGetInScope', caller: 'scoped', request: { method: 'GET', path: '/api/x' }, expectedStatus: 200 },
  { label: 'ScopedPostInScope', caller: 'scoped', request: { method: 'POST', path: '/api/x' }, expectedStatus: 403 },
  { label: 'ScopedGetOutOfScope', caller: 'scoped', request: { method: 'GET', path: '/other' }, expectedStatus: 403 },
];
