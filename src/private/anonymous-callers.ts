import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { matchesPattern } from './auth-policy-contents';
import { CONNECT_ACTION } from './constants';
import { listenerProtocolRules } from './protocol-table';
import type { IListener, ILatticeService } from '../interfaces';

/*
 * Callers of TLS passthrough listeners are anonymous (docs/lattice-facts.md#tls-passthrough: "auth policies are limited
 * to anonymous principals"), at the service and at the service network alike. An AWS_IAM service or network whose
 * auth policy lets no anonymous caller connect refuses every such connection. Whether a policy lets them connect is
 * read from its statements, conservatively (when in doubt, it does not, and the user is warned; a warning can be
 * acknowledged, a refused connection is only found at run time):
 *
 * - a statement may match an anonymous connection when its principal is everyone (`*`, `{"AWS": "*"}`: an
 *   `iam.AnyPrincipal`), its actions cover `vpc-lattice-svcs:Connect` (the action of "TCP Service" resources in the
 *   Service Authorization Reference; `Invoke` is for HTTP requests. Open, settled by integ.tls-passthrough.ts, whose
 *   handshakes through Connect-only services must complete and through Invoke-only ones must not
 *   (docs/lattice-facts.md#tls-passthrough): which action VPC Lattice evaluates for a TLS passthrough connection is not
 *   confirmed by a deployment, so an Invoke-only policy is taken to refuse them, the safer reading) and each of its
 *   conditions is one an anonymous connection can meet: a key VPC Lattice sets on connections (`vpc-lattice-svcs:Port`,
 *   `ServiceArn`, `ServiceNetworkArn`, `SourceVpc`, `SourceVpcOwnerAccount`), or
 *   `aws:PrincipalType` tested to be `anonymous`. Any other key (an organization, an account, tags, `aws:PrincipalType`
 *   tested not to be `anonymous`...) is one anonymous callers lack.
 * - a statement surely matches every anonymous connection when its principal is everyone, its actions cover Connect
 *   and its only conditions test `aws:PrincipalType` to be `anonymous`.
 * - the policy lets anonymous callers connect when an Allow statement may match them and no Deny statement surely does.
 * The resources of a statement are not read: most are `*` or only known at deploy time.
 */

/** The condition keys VPC Lattice sets on a connection (Service Authorization Reference, action Connect), lowercase. */
const CONNECTION_KEYS = ['port', 'servicearn', 'servicenetworkarn', 'sourcevpc', 'sourcevpcowneraccount'].map(key => `vpc-lattice-svcs:${key}`);
/** The operators with which `aws:PrincipalType` = `anonymous` admits anonymous callers, lowercase. */
const EQUALS = ['stringequals', 'stringequalsignorecase', 'stringlike'];

/** Whether these statements let anonymous callers open connections, as the comment above this module reads them. */
export function admitsAnonymousConnections(scope: IConstruct, statements: iam.PolicyStatement[]): boolean {
  const rendered = statements.map(statement => Stack.of(scope).resolve(statement.toStatementJson()));
  return rendered.some(statement => statement.Effect === 'Allow' && matchesAnonymous(statement, 'may'))
    && !rendered.some(statement => statement.Effect === 'Deny' && matchesAnonymous(statement, 'surely'));
}

/** The listeners of a service whose callers VPC Lattice cannot authenticate (TLS passthrough), with the reason. */
export function anonymousOnlyListeners(service: ILatticeService): Array<{ listener: IListener; reason: string }> {
  return service.listeners.flatMap(listener => {
    const reason = listenerProtocolRules(listener.protocol)?.anonymousCallers;
    return reason ? [{ listener, reason }] : [];
  });
}

/**
 * Warns on an AWS_IAM service network whose auth policy refuses anonymous connections when a service associated with
 * it in this app has listeners whose callers are all anonymous: the network refuses every connection to them,
 * whatever the service allows. The warning is the network's: its policy is what refuses, and what must change.
 */
export function warnIfNetworkRefusesAnonymousCallers(
  network: IConstruct & { readonly services: ILatticeService[] },
  authPolicy: { readonly admitsAnonymousConnections: boolean },
) {
  for (const service of network.services) {
    const listeners = anonymousOnlyListeners(service);
    if (listeners.length === 0 || authPolicy.admitsAnonymousConnections) { continue; }
    Annotations.of(network).addWarningV2('cdk-vpc-lattice:networkRefusesAnonymousCallers',
      `This service network has AuthType.AWS_IAM, and its auth policy lets no anonymous caller connect, but the service ${service.node.path} ` +
      `associated with it has the ${describeListeners(listeners)}: ${listeners[0].reason}. At run time the network refuses every connection to ` +
      `${listeners.length > 1 ? 'them' : 'it'}, whatever the service's own auth. Add a statement for it to the network's auth policy: ` +
      `network.addToAuthPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['${CONNECT_ACTION}'], ` +
      'resources: [service.serviceArn] })), narrowed with conditions such as vpc-lattice-svcs:SourceVpc if you like; or use AuthType.NONE on the network.');
  }
}

/** `TLS_PASSTHROUGH listener Stack/Broker/Tls`, or several. */
export function describeListeners(listeners: Array<{ listener: IListener }>): string {
  const protocols = [...new Set(listeners.map(({ listener }) => listener.protocol))].join(' and ');
  return `${protocols} listener${listeners.length > 1 ? 's' : ''} ${listeners.map(({ listener }) => listener.node.path).join(', ')}`;
}

function matchesAnonymous(statement: any, certainty: 'may' | 'surely'): boolean {
  if (!isEveryone(statement.Principal) || !coversConnect(statement)) { return false; }
  const conditions = Object.entries<Record<string, unknown>>(statement.Condition ?? {}).flatMap(([operator, block]) =>
    Object.entries(block).map(([key, value]) => ({ operator: operator.toLowerCase(), key: key.toLowerCase(), value })));
  return conditions.every(condition => testsAnonymous(condition) || (certainty === 'may' && CONNECTION_KEYS.includes(condition.key)));
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') { return true; }
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/** Whether Action (or NotAction) covers Connect; wildcards are matched as IAM does, case-insensitively. */
function coversConnect(statement: { Action?: unknown; NotAction?: unknown }): boolean {
  const matches = (patterns: unknown) => [patterns].flat().some(pattern => typeof pattern === 'string' && matchesPattern(pattern, CONNECT_ACTION, true));
  if (statement.Action !== undefined) { return matches(statement.Action); }
  return statement.NotAction !== undefined && !matches(statement.NotAction);
}

/** `aws:PrincipalType` tested to be `anonymous` (with a literal value). */
function testsAnonymous(condition: { operator: string; key: string; value: unknown }): boolean {
  return condition.key === 'aws:principaltype' && EQUALS.includes(condition.operator)
    && [condition.value].flat().some(value => typeof value === 'string' && value.toLowerCase() === 'anonymous');
}
