import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AccessAnswer, AccessDecision, AccessRequest } from './answer';
import { evaluatePolicy, KeyValue, PolicyOutcome, PolicyRequest, Statement, statementApplies } from './evaluator';
import { AuthLevel, CallerFacts, callerFacts, ListenerFacts, ServiceFacts, serviceFacts } from './facts';
import { describe, toText, unknownText } from './values';
import type { ILatticeService } from '../interfaces';
import { HttpMethod } from '../matches';
import { CONNECT_ACTION, INVOKE_ACTION } from '../private/constants';
import { checkHasMember, checkInteger, checkList, checkOneOf, checkStruct, checkVpc, invalidValueError } from '../private/validation';

/*
 * How VPC Lattice decides a request (docs/lattice-facts.md#access-evaluation): the caller's identity policies, the
 * auth policy of the service network the request comes through and the service's own must each allow it, where their
 * auth type is AWS_IAM; an explicit Deny at any level wins. The levels are combined as the policies are: any DENY is
 * DENY, all ALLOW is ALLOW, anything else UNKNOWN.
 */

type Decision = PolicyOutcome['decision'];

/** Any DENY, else all ALLOW, else UNKNOWN. */
function allOf(decisions: Decision[]): Decision {
  return decisions.includes('DENY') ? 'DENY' : decisions.every(decision => decision === 'ALLOW') ? 'ALLOW' : 'UNKNOWN';
}

/** The same decision whichever way the request goes, else UNKNOWN. */
function agreed(decisions: Decision[]): Decision {
  return decisions.every(decision => decision === decisions[0]) ? decisions[0] : 'UNKNOWN';
}

/** `service.canInvoke` and `canInvokeAnonymously`: checks the input, then answers. */
export function canInvoke(service: ILatticeService, caller: iam.IGrantable | undefined, request: AccessRequest | undefined,
  method: string): AccessAnswer {
  const given = request ?? {};
  checkRequest(service, given, method);
  let facts: CallerFacts | undefined;
  if (method === 'canInvoke') {
    checkCaller(service, caller);
    facts = callerFacts(caller!, given.principalAccount);
  }
  return answer(serviceFacts(service, given.sourceVpc), facts, given, service);
}

function checkCaller(scope: IConstruct, caller: unknown) {
  checkHasMember(scope, 'canInvoke caller', caller, 'grantPrincipal', { like: 'an iam.IGrantable, like an iam.Role or a Lambda function', required: true });
  const principal = (caller as iam.IGrantable).grantPrincipal;
  const json = principal?.policyFragment?.principalJson ?? {};
  const aws = [json.AWS ?? []].flat();
  if (Object.keys(json).some(kind => kind !== 'AWS') || aws.length === 0 || (aws.includes('*') && !(principal instanceof iam.OrganizationPrincipal))) {
    throw invalidValueError(scope, 'canInvoke caller', principal?.toString() ?? caller, 'must be an IAM identity that signs requests (a role, a user, ' +
      'an iam.ArnPrincipal, AccountPrincipal or OrganizationPrincipal); services and federated users call with a role, and anonymous callers are asked with canInvokeAnonymously');
  }
}

function checkRequest(scope: IConstruct, request: AccessRequest, method: string) {
  const property = (name: string) => `${method} ${name}`;
  checkStruct(scope, property('request'), request, { like: "{ method: HttpMethod.GET, path: '/orders' }" });
  checkOneOf(scope, property('method'), request.method, Object.values(HttpMethod));
  if (request.path !== undefined && !Token.isUnresolved(request.path)
    && (typeof request.path !== 'string' || !request.path.startsWith('/') || /\s/.test(request.path))) {
    throw invalidValueError(scope, property('path'), request.path, "must start with '/' and have no spaces, like '/orders/42'");
  }
  checkInteger(scope, property('port'), request.port, 1, 65535);
  for (const name of ['headers', 'queryParameters', 'principalTags'] as const) {
    const map = request[name];
    if (map === undefined) { continue; }
    checkStruct(scope, property(name), map, { like: "{ 'x-canary': 'true' }" });
    Object.entries(map).filter(([, value]) => typeof value !== 'string').forEach(([key, value]) => {
      throw invalidValueError(scope, property(`${name}.${key}`), value, 'must be a string');
    });
  }
  checkVpc(scope, property('sourceVpc'), request.sourceVpc);
  checkList(scope, property('principalOrgPaths'), request.principalOrgPaths);
}

/** The answer for every listener the request may go to: theirs when they agree. */
export function answer(service: ServiceFacts, caller: CallerFacts | undefined, request: AccessRequest, scope: IConstruct): AccessAnswer {
  const listeners = service.listeners
    .filter(listener => request.port === undefined || Token.isUnresolved(listener.port) || listener.port === request.port);
  if (listeners.length === 0) {
    const why = service.listeners.length === 0 ? 'has no listener' : `has no listener on port ${request.port}`;
    return { decision: AccessDecision.DENY, reasons: [`service ${service.label} ${why}: clients cannot connect`] };
  }
  const answers = listeners.map(listener => forListener(service, listener, caller, request, scope));
  const decision = agreed(answers.map(item => item.decision));
  const reasons = answers.length === 1 ? answers[0].reasons
    : answers.flatMap((item, index) => item.reasons.map(reason => `${listeners[index].label}: ${reason}`));
  return { decision: decision as AccessDecision, reasons };
}

function forListener(service: ServiceFacts, listener: ListenerFacts, caller: CallerFacts | undefined, request: AccessRequest,
  scope: IConstruct): AccessAnswer {
  const anonymous = caller === undefined || listener.connection;
  const reasons: string[] = [];
  if (caller && listener.connection) {
    reasons.push(`${listener.label} is TLS passthrough: VPC Lattice sees no identity on the connection, so the caller is anonymous`);
  }
  // Anonymous callers have aws:PrincipalType 'Anonymous'; the case VPC Lattice writes it in is read both ways.
  const variants = anonymous ? ['Anonymous', 'anonymous'] : [caller!.principalType];
  const networks: Array<AuthLevel | undefined> = service.networks.length > 0 ? service.networks : [undefined];
  const outcomes = networks.flatMap(network => variants.map(principalType => {
    const policyRequest = requestFor(service, listener, network, anonymous ? undefined : caller, request, scope, principalType);
    const outcome = levels(service, network, anonymous ? undefined : caller, policyRequest);
    return networks.length > 1 ? { ...outcome, reasons: outcome.reasons.map(reason => `through ${network!.label}: ${reason}`) } : outcome;
  }));
  const decision = agreed(outcomes.map(outcome => outcome.decision));
  const seen = new Set<string>();
  outcomes.flatMap(outcome => outcome.reasons).forEach(reason => { if (!seen.has(reason)) { seen.add(reason); reasons.push(reason); } });
  if (decision === 'UNKNOWN' && outcomes.some(outcome => outcome.decision !== 'UNKNOWN')) {
    reasons.push(networks.length > 1 ? 'the answer depends on the service network the client reaches the service through' : 'the answer depends on facts not known at synth');
  }
  return { decision: decision as AccessDecision, reasons };
}

/** The three levels for one way in: identity (signed callers), the service network, the service. */
function levels(service: ServiceFacts, network: AuthLevel | undefined, caller: CallerFacts | undefined, request: PolicyRequest): AccessAnswer {
  const results: Array<{ decision: Decision; reason: string }> = [];
  const anyIam = [network?.authType, service.service.authType].some(authType => authType !== 'NONE');
  if (caller && anyIam) {
    results.push(identity(caller, request));
    if (results[0].decision === 'DENY') { return { decision: AccessDecision.DENY, reasons: [results[0].reason] }; }
  }
  const noNetwork = service.unreached ?? `service ${service.label} is associated with no service network in this app`;
  results.push(network ? authLevel(network, request) : { decision: 'UNKNOWN', reason: `${noNetwork}: which network's auth policy applies is not known` });
  results.push(authLevel(service.service, request));
  return { decision: allOf(results.map(result => result.decision)) as AccessDecision, reasons: results.map(result => result.reason) };
}

function identity(caller: CallerFacts, request: PolicyRequest): { decision: Decision; reason: string } {
  const label = `identity policies of ${caller.label}`;
  if (!caller.identity) { return { decision: 'UNKNOWN', reason: `${label}: not known (${caller.unknownIdentity})` }; }
  const own = evaluatePolicy(caller.identity, request, false);
  if (!caller.boundary || own.decision === 'DENY') { return { decision: own.decision, reason: `${label}: ${own.decision}, ${own.why}` }; }
  const boundary: PolicyOutcome = caller.boundary.statements
    ? evaluatePolicy(caller.boundary.statements, request, false)
    : { decision: 'UNKNOWN', why: `the contents of ${caller.boundary.label} are not known` };
  const decision = allOf([own.decision, boundary.decision]);
  return { decision, reason: `${label}: ${own.decision}, ${own.why}; permissions boundary ${caller.boundary.label}: ${boundary.decision}, ${boundary.why}` };
}

function authLevel(level: AuthLevel, request: PolicyRequest): { decision: Decision; reason: string } {
  if (level.authType === undefined) { return { decision: 'UNKNOWN', reason: `${level.label}: its auth type and auth policy are not in this app` }; }
  if (level.authType === 'NONE') { return { decision: 'ALLOW', reason: `${level.label}: AuthType.NONE, not evaluated` }; }
  const outcome = evaluatePolicy(level.statements, request, true);
  const why = level.statements.length === 0 ? 'AWS_IAM without an auth policy denies every request' : outcome.why;
  return { decision: outcome.decision, reason: `${level.label} (AWS_IAM): ${outcome.decision}, ${why}` };
}

const LATTICE_KEYS = ['Port', 'RequestMethod', 'RequestPath', 'ServiceArn', 'ServiceNetworkArn', 'SourceVpc', 'SourceVpcOwnerAccount'];

/** The request context VPC Lattice builds for a request or a connection, as far as the app knows it. */
function requestFor(service: ServiceFacts, listener: ListenerFacts, network: AuthLevel | undefined, caller: CallerFacts | undefined,
  request: AccessRequest, scope: IConstruct, principalType: string | undefined): PolicyRequest {
  const connection = listener.connection;
  const known = (value: unknown, at = scope): KeyValue => value === undefined ? 'unknown' : { values: [String(toText(value, at))] };
  const signed = (value: KeyValue): KeyValue => caller ? value : 'absent';
  const fromMap = (map: Record<string, string> | undefined, name: string): KeyValue => {
    if (connection) { return 'absent'; }
    if (map === undefined) { return 'unknown'; }
    if (name in map) { return { values: [map[name]] }; }
    return Object.keys(map).some(key => key.toLowerCase() === name.toLowerCase()) ? 'unknown' : 'absent';
  };
  const lattice = (name: string): KeyValue => {
    if (name.startsWith('RequestHeader/')) { return fromMap(request.headers, name.slice('RequestHeader/'.length)); }
    if (name.startsWith('RequestQueryString/')) { return fromMap(request.queryParameters, name.slice('RequestQueryString/'.length)); }
    switch (name) {
      case 'Port': return known(listener.port);
      case 'RequestMethod': return connection ? 'absent' : known(request.method);
      case 'RequestPath': return connection ? 'absent' : known(request.path);
      case 'ServiceArn': return { values: [service.service.arn] };
      case 'ServiceNetworkArn': return network ? { values: [network.arn] } : 'unknown';
      case 'SourceVpc': return known(request.sourceVpc?.vpcId);
      case 'SourceVpcOwnerAccount': return request.sourceVpc ? known(request.sourceVpc.env.account, request.sourceVpc) : 'unknown';
      // A key of another case than the documented one: how VPC Lattice reads it is not documented.
      default: return LATTICE_KEYS.some(key => key.toLowerCase() === name.toLowerCase()) ? 'unknown' : 'absent';
    }
  };
  const global = (name: string): KeyValue => {
    const lower = name.toLowerCase();
    if (lower.startsWith('aws:principaltag/')) {
      return signed(caller && request.principalTags ? fromMap(request.principalTags, name.slice('aws:PrincipalTag/'.length)) : 'unknown');
    }
    switch (lower) {
      case 'aws:principaltype': return known(principalType);
      case 'aws:principalarn': return signed(known(caller?.caller.arn));
      case 'aws:principalaccount': return signed(known(caller?.caller.account));
      case 'aws:principalorgid': return signed(known(request.principalOrgId ?? caller?.orgId));
      case 'aws:principalorgpaths': return signed(request.principalOrgPaths ? { values: [...request.principalOrgPaths] } : 'unknown');
      case 'aws:principalisawsservice': return signed({ values: ['false'] });
      case 'aws:principalservicename': return 'absent';
      default: return 'unknown';
    }
  };
  return {
    action: connection ? CONNECT_ACTION : INVOKE_ACTION,
    // A path not given is some path: '/' and text not known, so that `<service ARN>/*` matches it and other services' ARNs do not.
    resource: connection ? service.service.arn : `${service.service.arn}${request.path === undefined ? `/${unknownText('a request path')}` : toText(request.path, scope)}`,
    caller: caller?.caller ?? { anonymous: true },
    key: name => name.startsWith('vpc-lattice-svcs:') ? lattice(name.slice('vpc-lattice-svcs:'.length))
      : name.toLowerCase().startsWith('aws:') ? global(name) : 'unknown',
  };
}

/**
 * What the warnings ask of a policy alone (`auth-policy.ts`): whether it lets anonymous callers connect (the keys of a
 * connection not known, those it lacks absent), and whether any statement may allow anything, or a Deny refuses all.
 */
export function policyReach(statements: Statement[]): { admitsAnonymousConnections: boolean; allows: 'none' | 'blocked' | 'some' } {
  const connectionKeys = LATTICE_KEYS.filter(key => !key.startsWith('Request')).map(key => `vpc-lattice-svcs:${key}`.toLowerCase());
  const anonymous = (principalType: string): PolicyRequest => ({
    action: CONNECT_ACTION,
    caller: { anonymous: true },
    key: name => name.toLowerCase() === 'aws:principaltype' ? { values: [principalType] } : connectionKeys.includes(name.toLowerCase()) ? 'unknown' : 'absent',
  });
  const admits = ['Anonymous', 'anonymous'].every(type => evaluatePolicy(statements, anonymous(type), true).decision !== 'DENY');
  const any = (action: string): PolicyRequest => ({ action, caller: { anonymous: false }, key: () => 'unknown' });
  const outcomes = [INVOKE_ACTION, CONNECT_ACTION].map(action => evaluatePolicy(statements, any(action), true));
  const allows = outcomes.some(outcome => outcome.decision !== 'DENY') ? 'some'
    : outcomes.every(outcome => outcome.why.startsWith('no statement')) ? 'none' : 'blocked';
  return { admitsAnonymousConnections: admits, allows };
}

/** The methods and paths the service's own Allow statements that may apply to this caller restrict it to, for the matrix. */
export function restrictionsFor(service: ServiceFacts, listener: ListenerFacts, caller: CallerFacts | undefined, scope: IConstruct): string {
  if (service.service.authType !== 'AWS_IAM' || listener.connection) { return ''; }
  const request = requestFor(service, listener, service.networks[0], caller, {}, scope, caller ? caller.principalType : 'Anonymous');
  const arn = service.service.arn;
  const parts = service.service.statements
    .filter(statement => statement.json.Effect === 'Allow' && statementApplies(statement, request, true, []) !== false)
    .map(statement => {
      const paths = [statement.json.Resource ?? []].flat().map((resource: string) => resource === '*' ? '/*'
        : resource.startsWith(arn) ? resource.slice(arn.length) || '/*' : describe(resource));
      const methods = [statement.json.Condition?.StringEquals?.['vpc-lattice-svcs:RequestMethod'] ?? []].flat().map(String);
      const conditions = Object.values<Record<string, unknown>>(statement.json.Condition ?? {}).flatMap(block => Object.keys(block))
        .filter(key => key !== 'vpc-lattice-svcs:RequestMethod');
      return `${methods.length > 0 ? `${methods.join(', ')} ` : ''}${paths.join(', ')}${conditions.length > 0 ? ` if ${conditions.join(', ')}` : ''}`;
    });
  return [...new Set(parts)].join('; ');
}

/** The service networks of the app whose auth policy denies this grantee every request to the service. */
export function networksDenying(service: ILatticeService, grantee: iam.IGrantable): string[] {
  const facts = serviceFacts(service);
  const caller = callerFacts(grantee, undefined);
  return facts.networks.filter(network => network.authType === 'AWS_IAM' && facts.listeners.some(listener => !listener.connection
    && authLevel(network, requestFor(facts, listener, network, caller, {}, service, caller.principalType)).decision === 'DENY'))
    .map(network => network.label);
}

/** Whether a caller's identity policies may allow any VPC Lattice action (roles that cannot are left out of the matrix). */
export function mayUseLattice(caller: CallerFacts): boolean {
  if (!caller.identity) { return true; }
  return [INVOKE_ACTION, CONNECT_ACTION].some(action =>
    evaluatePolicy(caller.identity!, { action, caller: caller.caller, key: () => 'unknown' }, false).decision !== 'DENY');
}
