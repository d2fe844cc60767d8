import { Token } from 'aws-cdk-lib';
import { CONNECT_ACTION, INVOKE_ACTION } from './constants';
import { show } from './validation';

/*
 * What a statement of a VPC Lattice auth policy can say and still apply (docs/lattice-facts.md#auth-policies). An
 * auth policy is evaluated for one thing only: a caller invoking (HTTP, gRPC) or connecting to (TLS passthrough) a
 * service. So:
 *
 * - actions: `vpc-lattice-svcs:Invoke` and `vpc-lattice-svcs:Connect` are the only ones VPC Lattice evaluates there; an
 *   action pattern applies when it matches one of them, as IAM matches (`vpc-lattice-svcs:*`, and `*`, which deployed
 *   examples use). Any other (`s3:GetObject`, or `vpc-lattice:Invoke`, which does not exist: `vpc-lattice:` is the
 *   prefix of the API that manages VPC Lattice) never applies. A `NotAction` that covers both never applies either.
 * - principals: callers are identified by their IAM identity (SigV4) or are anonymous, so only AWS principals
 *   (accounts, roles, users, `{"AWS": "*"}`) and `*` can match. Service, federated and canonical-user principals never
 *   do: a service or a federated user calls with an IAM role, which is the principal to name.
 * - resources: `*`, or ARNs of VPC Lattice services (`…:vpc-lattice:<region>:<account>:service/svc-…[/<path>]`, the
 *   resource a request is authorized on) and of service networks. Open (docs/lattice-facts.md#auth-policies, settled
 *   by integ.http-iam.ts: its 200 cases pass a network policy whose only resource is the network's ARN): the Service
 *   Authorization Reference lists only service resources for Invoke and Connect; a
 *   service-network ARN is accepted rather than rejected, the safer side for a check that must not refuse what might
 *   work. Patterns are read as IAM reads them (`*`, `?`); a resource of another service (an S3 bucket) never matches.
 * - a statement needs a principal (CloudFormation and VPC Lattice reject a resource policy without one).
 *
 * Each of these can never apply, so each is an error; tokens (values resolved later, like ARNs known only at deploy
 * time) are not judged. Conditions are not read here.
 */

/** The parts of a policy statement (`toStatementJson()`, resolved or not) these checks read. */
interface StatementJson {
  readonly Sid?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
}

const ACTIONS = [INVOKE_ACTION, CONNECT_ACTION];
const WHAT_WORKS = {
  action: `actions must be '${INVOKE_ACTION}' (HTTP and gRPC requests), '${CONNECT_ACTION}' (TLS passthrough connections) or a pattern ` +
    "that matches one of them, like 'vpc-lattice-svcs:*': VPC Lattice evaluates no other action in an auth policy",
  principal: "only AWS principals (an account, a role, a user: iam.AccountPrincipal, iam.ArnPrincipal, a role) and '*' (iam.AnyPrincipal, " +
    'narrowed with conditions) can match, because VPC Lattice identifies callers by their IAM identity (SigV4) or lets them in anonymously',
  resource: "resources must be '*' or ARNs of VPC Lattice services or service networks, like service.serviceArn or " +
    '`${service.serviceArn}/api/*` (arn:aws:vpc-lattice:<region>:<account>:service/svc-…/<path>)',
};
const PRINCIPAL_HINTS: Record<string, string> = {
  Service: 'An AWS service calls a VPC Lattice service with an IAM role (a Lambda function its execution role, an ECS task its task role): name that role',
  Federated: 'A federated user calls with the IAM role it assumed: name that role',
  CanonicalUser: 'Canonical user IDs identify S3 accounts and never call VPC Lattice',
};

/**
 * The errors of a statement (`statement.toStatementJson()`, resolved or not), each naming the value at fault.
 *
 * @param resolve how a value at fault is resolved for its message (the values of an unresolved statement can hold tokens)
 */
export function authPolicyStatementErrors(statement: StatementJson, index: number, resolve: (value: unknown) => unknown = value => value): string[] {
  const where = `(statement ${typeof statement.Sid === 'string' ? `'${statement.Sid}'` : index + 1} of the auth policy)`;
  const error = (property: string, value: unknown, allowed: string) => `invalid auth policy ${property} ${show(resolve(value))} ${where}: ${allowed}`;
  const errors: string[] = [];

  if (statement.Principal === undefined && statement.NotPrincipal === undefined) {
    errors.push(error('principals', undefined, 'a statement of an auth policy needs principals: add principals: [new iam.AnyPrincipal()] ' +
      '(every caller, narrowed with conditions) or the callers, like principals: [new iam.ArnPrincipal(role.roleArn)] (or use grantInvoke(role))'));
  }
  for (const [kind, value] of principalEntries(statement.Principal)) {
    if (kind !== 'AWS') {
      errors.push(error('principal', { [kind]: value }, `${WHAT_WORKS.principal}. ${PRINCIPAL_HINTS[kind] ?? ''}`.trim()));
    }
  }

  for (const action of literalStrings(statement.Action)) {
    if (!ACTIONS.some(known => matchesPattern(action, known, true))) {
      const hint = action.toLowerCase().startsWith('vpc-lattice:')
        ? `. '${action}' does not exist for callers: 'vpc-lattice:' is the prefix of the API that manages VPC Lattice; did you mean '${action.replace(/^vpc-lattice:/i, 'vpc-lattice-svcs:')}'?`
        : '';
      errors.push(error('action', action, `${WHAT_WORKS.action}${hint}`));
    }
  }
  const notActions = literalStrings(statement.NotAction);
  if (notActions.length > 0 && ACTIONS.every(known => notActions.some(pattern => matchesPattern(pattern, known, true)))) {
    errors.push(error('NotAction', statement.NotAction, `it excludes both '${INVOKE_ACTION}' and '${CONNECT_ACTION}', so the statement never applies`));
  }

  for (const resource of literalStrings(statement.Resource)) {
    if (!couldBeLatticeResource(resource)) {
      errors.push(error('resource', resource, WHAT_WORKS.resource));
    }
  }
  return errors;
}

/** `[kind, value]` for each principal of a `Principal` element; `'*'` is an AWS principal. */
function principalEntries(principal: unknown): Array<[string, unknown]> {
  if (principal === undefined || principal === '*') { return []; }
  if (typeof principal !== 'object' || principal === null) { return []; }
  return Object.entries(principal).flatMap(([kind, values]) => [values].flat().map(value => [kind, value] as [string, unknown]));
}

/**
 * The literal strings of an element that is a string or a list; values only known later (CloudFormation intrinsics in
 * a resolved statement, tokens in an unresolved one) are left out.
 */
function literalStrings(element: unknown): string[] {
  if (element === undefined || Token.isUnresolved(element)) { return []; }
  return [element].flat().filter((value): value is string => typeof value === 'string' && !Token.isUnresolved(value));
}

/** Whether an IAM pattern (`*` any characters, `?` one) matches a value; actions match without regard to case. */
export function matchesPattern(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Whether an IAM pattern can match some value that starts with `prefix`. */
function couldStartWith(pattern: string, prefix: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '*' || i >= prefix.length) { return true; }
    if (pattern[i] !== '?' && pattern[i] !== prefix[i]) { return false; }
  }
  return pattern.length >= prefix.length;
}

/**
 * Whether a resource pattern can match a VPC Lattice service or service network: `*…`, or an ARN whose service is
 * `vpc-lattice` and whose resource starts `service/` or `servicenetwork/` (wildcards matched as IAM does).
 */
function couldBeLatticeResource(resource: string): boolean {
  if (resource.startsWith('*')) { return true; }
  const parts = resource.split(':');
  if (parts.length < 6 || !matchesPattern(parts[0], 'arn', false)) { return false; }
  const service = parts[2];
  const resourcePart = parts.slice(5).join(':');
  return matchesPattern(service, 'vpc-lattice', false)
    && (couldStartWith(resourcePart, 'service/') || couldStartWith(resourcePart, 'servicenetwork/'));
}
