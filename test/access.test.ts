import { CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { HTTP_IAM_CASES } from './access-cases';
import { integApp } from './integ/common';
import { build as buildHttpIam } from './integ/integ.http-iam';
import { named, strictStack, wrong } from './util';
import {
  AccessDecision, AccessMatrix, AccessRequest, AuthPolicy, AuthType, HttpMethod, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork,
  TargetGroupBase,
} from 'cdk-vpc-lattice';

/*
 * The access answers (docs/lattice-facts.md#access-evaluation). Expectations come from the AWS documentation's rules
 * and examples: a request needs an allow from the caller's identity policies, the network's auth policy and the
 * service's when they are AWS_IAM; an explicit Deny wins; NONE skips a level; AWS_IAM without a policy denies.
 */

/** Fixed, so that a run is repeatable. */
const SEED = 18;

const role = (stack: Stack, id = 'Caller') => new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });

function setup(options: { networkPolicy?: AuthPolicy; networkAuth?: AuthType; serviceAuth?: AuthType; servicePolicy?: AuthPolicy } = {}) {
  const stack = strictStack();
  const network = new ServiceNetwork(stack, 'Network', { authType: options.networkAuth, authPolicy: options.networkPolicy });
  const service = new LatticeService(stack, 'Orders', {
    serviceNetwork: network,
    authType: options.serviceAuth ?? AuthType.AWS_IAM,
    authPolicy: options.servicePolicy,
    listeners: [{ protocol: ListenerProtocol.HTTPS }],
  });
  return { stack, network, service, caller: role(stack) };
}

/*
 * The example auth policies of the VPC Lattice User Guide (https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html),
 * as the guide writes them, with the outcome it documents for each kind of caller: "Allow only authenticated requests"
 * and "restrict access to an organization" on the network, a role with a method (GET) and a path on the service. The
 * guide's role `rates-client` and service ARN are the app's own. The caller's identity policy allows Invoke
 * (VPCLatticeServicesInvokeAccess), as the guide requires of every caller; the other level allows every signed caller.
 */
const GUIDE = {
  authenticatedOnly: { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } } },
  organization: { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-123456example'] } } },
  roleGet: (roleArn: string, serviceArn: string) => ({
    Effect: 'Allow', Principal: { AWS: [roleArn] }, Action: 'vpc-lattice-svcs:Invoke', Resource: [`${serviceArn}/*`], Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } },
  }),
  rolePath: (roleArn: string, serviceArn: string) => ({ Effect: 'Allow', Principal: { AWS: [roleArn] }, Action: 'vpc-lattice-svcs:Invoke', Resource: [`${serviceArn}/rates`] }),
};
type Who = 'rates-client' | 'another role' | 'anonymous';
const { ALLOW, DENY } = AccessDecision;

describe.each<[string, 'network' | 'service', (roleArn: string, serviceArn: string) => object, Array<[Who, AccessRequest, AccessDecision]>]>([
  ['network: allow only authenticated requests', 'network', () => GUIDE.authenticatedOnly, [
    ['rates-client', { method: HttpMethod.GET, path: '/rates' }, ALLOW],
    ['another role', { method: HttpMethod.POST, path: '/orders' }, ALLOW],
    ['anonymous', { method: HttpMethod.GET, path: '/rates' }, DENY],
  ]],
  ['network: only principals of the organization', 'network', () => GUIDE.organization, [
    ['rates-client', { path: '/rates', principalOrgId: 'o-123456example' }, ALLOW],
    ['rates-client', { path: '/rates', principalOrgId: 'o-999999example' }, DENY],
    ['rates-client', { path: '/rates' }, AccessDecision.UNKNOWN],
    ['anonymous', { path: '/rates' }, DENY],
  ]],
  ['service: the role rates-client, GET only', 'service', GUIDE.roleGet, [
    ['rates-client', { method: HttpMethod.GET, path: '/rates/eur' }, ALLOW],
    ['rates-client', { method: HttpMethod.POST, path: '/rates/eur' }, DENY],
    ['rates-client', { path: '/rates/eur' }, AccessDecision.UNKNOWN],
    ['another role', { method: HttpMethod.GET, path: '/rates/eur' }, DENY],
    ['anonymous', { method: HttpMethod.GET, path: '/rates/eur' }, DENY],
  ]],
  ['service: the role rates-client, the path /rates', 'service', GUIDE.rolePath, [
    ['rates-client', { method: HttpMethod.GET, path: '/rates' }, ALLOW],
    ['rates-client', { method: HttpMethod.GET, path: '/rates/eur' }, DENY],
    ['rates-client', { method: HttpMethod.GET, path: '/orders' }, DENY],
    ['another role', { method: HttpMethod.GET, path: '/rates' }, DENY],
  ]],
])('the User Guide\'s example auth policy, %s', (_name, level, statement, cases) => {
  test.each(cases)('%s: %j is %s', (who, request, expected) => {
    const stack = strictStack();
    const callers = { 'rates-client': role(stack, 'RatesClient'), 'another role': role(stack, 'Other') };
    Object.values(callers).forEach(caller => caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess')));
    const rates = callers['rates-client'].roleArn;
    const guide = (json: object) => AuthPolicy.fromPolicyDocument(iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [json] }));
    // At the network level the guide's policy decides, and the service lets every signed caller in; at the service level,
    // the network does.
    const network = new ServiceNetwork(stack, 'Network', { authPolicy: level === 'network' ? guide(statement(rates, '')) : AuthPolicy.authenticatedOnly() });
    const service = new LatticeService(stack, 'Rates', {
      serviceNetwork: network,
      listeners: [{ protocol: ListenerProtocol.HTTPS }],
      authPolicy: level === 'network' ? guide(GUIDE.authenticatedOnly) : undefined,
    });
    if (level === 'service') { service.addToAuthPolicy(iam.PolicyStatement.fromJson(statement(rates, service.serviceArn))); }
    const answer = who === 'anonymous' ? service.canInvokeAnonymously(request) : service.canInvoke(callers[who], request);
    expect(answer.decision).toBe(expected);
  });
});

describe('the levels', () => {
  test('a caller without an identity policy that allows Invoke is denied at the identity level', () => {
    const { service, caller } = setup({ servicePolicy: AuthPolicy.allowAll() });
    const answer = service.canInvoke(caller, { path: '/' });
    expect(answer.decision).toBe(AccessDecision.DENY);
    expect(answer.reasons).toEqual([expect.stringMatching(/^identity policies of Stack\/Caller: DENY, no statement allows/)]);
  });

  test('AuthType.NONE at both levels evaluates nothing: allowed', () => {
    const { service, caller } = setup({ networkAuth: AuthType.NONE, serviceAuth: AuthType.NONE });
    expect(service.canInvoke(caller, { path: '/' }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvokeAnonymously().decision).toBe(AccessDecision.ALLOW);
  });

  test('answers follow what the app changes between them: a Lazy value is read again, a new statement is seen', () => {
    const { service, caller } = setup({ networkAuth: AuthType.NONE });
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    let method = 'GET';
    const statement = (effect: iam.Effect, condition: string) => new iam.PolicyStatement({
      effect,
      principals: [caller],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': condition } },
    });
    service.addToAuthPolicy(statement(iam.Effect.ALLOW, Lazy.uncachedString({ produce: () => method })));
    const get = () => service.canInvoke(caller, { method: HttpMethod.GET, path: '/' }).decision;
    expect(get()).toBe(AccessDecision.ALLOW);
    method = 'POST';
    expect(get()).toBe(AccessDecision.DENY);
    method = 'GET';
    expect(get()).toBe(AccessDecision.ALLOW);
    service.addToAuthPolicy(statement(iam.Effect.DENY, 'GET'));
    expect(get()).toBe(AccessDecision.DENY);
  });

  test('AWS_IAM without an auth policy denies', () => {
    const { service, caller } = setup();
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    const answer = service.canInvoke(caller, { path: '/' });
    expect(answer.decision).toBe(AccessDecision.DENY);
    expect(answer.reasons.join('\n')).toMatch(/AWS_IAM without an auth policy denies every request/);
  });

  test('an explicit Deny in the identity policy wins over every allow', () => {
    const { service, caller } = setup({ servicePolicy: AuthPolicy.allowAll() });
    service.grantInvoke(caller);
    caller.addToPrincipalPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['vpc-lattice-svcs:*'], resources: ['*'] }));
    expect(service.canInvoke(caller, { path: '/' }).decision).toBe(AccessDecision.DENY);
  });

  test('an AWS managed policy whose contents are not known makes the identity level UNKNOWN', () => {
    const { service, caller } = setup();
    service.grantInvoke(caller);
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    const answer = service.canInvoke(caller, { path: '/' });
    expect(answer.decision).toBe(AccessDecision.UNKNOWN);
    expect(answer.reasons.join('\n')).toMatch(/ReadOnlyAccess are not known/);
  });

  test('a permissions boundary that does not allow Invoke denies', () => {
    const { stack, service } = setup({ servicePolicy: AuthPolicy.allowAll() });
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] });
    const bounded = new iam.Role(stack, 'Bounded', { assumedBy: new iam.AccountRootPrincipal(), permissionsBoundary: boundary });
    service.grantInvoke(bounded);
    const answer = service.canInvoke(bounded, { path: '/' });
    expect(answer.decision).toBe(AccessDecision.DENY);
    expect(answer.reasons[0]).toMatch(/permissions boundary Stack\/Boundary: DENY/);
    const wide = new iam.Role(stack, 'Wide', { assumedBy: new iam.AccountRootPrincipal(), permissionsBoundary: iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess') });
    service.grantInvoke(wide);
    expect(service.canInvoke(wide, { path: '/' }).decision).toBe(AccessDecision.ALLOW);
  });

  test('an imported role: its identity policies are not in the app', () => {
    const { stack, service } = setup({ servicePolicy: AuthPolicy.allowAll() });
    const imported = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111122223333:role/caller');
    expect(service.canInvoke(imported, { path: '/' }).decision).toBe(AccessDecision.UNKNOWN);
    expect(service.canInvoke(new iam.ArnPrincipal('arn:aws:iam::111122223333:role/caller'), { path: '/' }).decision).toBe(AccessDecision.UNKNOWN);
  });

  test('the source VPC: the same VPC token is the same value, another VPC is another', () => {
    const { stack, network, service, caller } = setup();
    const vpc = new ec2.Vpc(stack, 'Client', { natGateways: 0, subnetConfiguration: [] });
    const other = new ec2.Vpc(stack, 'Other', { natGateways: 0, subnetConfiguration: [] });
    network.associateVpc(vpc);
    network.associateVpc(other);
    service.grantInvoke(caller);
    service.addToAuthPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'vpc-lattice-svcs:SourceVpc': vpc.vpcId } },
    }));
    expect(service.canInvoke(caller, { path: '/', sourceVpc: vpc }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { path: '/', sourceVpc: other }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(caller, { path: '/' }).decision).toBe(AccessDecision.UNKNOWN);
  });

  test('the source VPC picks the network it reaches: its association, or its endpoint', () => {
    const stack = strictStack();
    const closed = new ServiceNetwork(stack, 'Closed', { authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument()) });
    const open = new ServiceNetwork(stack, 'Open');
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: closed, authPolicy: AuthPolicy.authenticatedOnly(), listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    open.associateService(service);
    const caller = role(stack);
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    const vpc = (id: string) => new ec2.Vpc(stack, id, { natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const [associated, withEndpoint, elsewhere] = [vpc('Associated'), vpc('WithEndpoint'), vpc('Elsewhere')];
    closed.associateVpc(associated);
    open.addVpcEndpoint(withEndpoint);
    const ask = (sourceVpc?: ec2.IVpc) => service.canInvoke(caller, { method: HttpMethod.GET, path: '/', sourceVpc });
    expect(ask(associated).decision).toBe(AccessDecision.DENY);
    expect(ask(associated).reasons.join('\n')).toMatch(/service network Stack\/Closed \(AWS_IAM\): DENY/);
    expect(ask(withEndpoint).decision).toBe(AccessDecision.ALLOW);
    expect(ask(elsewhere).decision).toBe(AccessDecision.UNKNOWN);
    expect(ask(elsewhere).reasons.join('\n')).toMatch(/source VPC Stack\/Elsewhere has no association or endpoint in this app with a network of service/);
    expect(ask().decision).toBe(AccessDecision.UNKNOWN);
    expect(ask().reasons.join('\n')).toMatch(/depends on the service network the client reaches the service through/);
  });

  test('network.grantInvoke: the network-level statement and the identity policy it writes', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument()) });
    const other = new ServiceNetwork(stack, 'Other', { authType: AuthType.NONE });
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: network, authPolicy: AuthPolicy.authenticatedOnly(), listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    const elsewhere = new LatticeService(stack, 'Elsewhere', { serviceNetwork: other, authPolicy: AuthPolicy.authenticatedOnly(), listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    const caller = role(stack);
    network.grantInvoke(caller, { methods: [HttpMethod.GET], paths: ['/api/*'] });
    expect(service.canInvoke(caller, { method: HttpMethod.GET, path: '/api/1' }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { method: HttpMethod.POST, path: '/api/1' }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(caller, { method: HttpMethod.GET, path: '/admin' }).decision).toBe(AccessDecision.DENY);
    // The identity statement is for services reached through that network only (vpc-lattice-svcs:ServiceNetworkArn).
    const through = elsewhere.canInvoke(caller, { method: HttpMethod.GET, path: '/api/1' });
    expect(through.decision).toBe(AccessDecision.DENY);
    expect(through.reasons[0]).toMatch(/^identity policies of Stack\/Caller: DENY/);
  });

  test('headers and query strings: given ones are all the request has', () => {
    const { service, caller } = setup();
    service.grantInvoke(caller);
    service.addToAuthPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { 'Null': { 'vpc-lattice-svcs:RequestHeader/x-canary': 'true' }, 'ForAnyValue:StringLike': { 'vpc-lattice-svcs:RequestQueryString/debug': ['1', 'y*'] } },
    }));
    expect(service.canInvoke(caller, { path: '/', headers: { 'x-canary': 'true' } }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { path: '/', headers: {} }).decision).toBe(AccessDecision.UNKNOWN);
    expect(service.canInvoke(caller, { path: '/', headers: {}, queryParameters: {} }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { path: '/', headers: {}, queryParameters: { debug: 'yes' } }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(caller, { path: '/', headers: {}, queryParameters: { debug: 'no' } }).decision).toBe(AccessDecision.ALLOW);
  });

  test('TLS passthrough: a connection, whose caller is anonymous, and whose action is Connect', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { authType: AuthType.NONE });
    const tls = new LatticeService(stack, 'Broker', { serviceNetwork: network, authType: AuthType.AWS_IAM, customDomain: { domainName: 'broker.example.com' } });
    tls.addListener('Tls', {
      protocol: ListenerProtocol.TLS_PASSTHROUGH,
      port: 443,
      defaultAction: ListenerAction.forward(TargetGroupBase.fromTargetGroupArn(tls, 'Group', 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0')),
    });
    const caller = role(stack);
    tls.grantInvoke(caller);
    const refused = tls.canInvoke(caller, { port: 443 });
    expect(refused.decision).toBe(AccessDecision.DENY);
    expect(refused.reasons[0]).toMatch(/TLS passthrough: VPC Lattice sees no identity/);
    tls.addToAuthPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Connect'], resources: [tls.serviceArn] }));
    expect(tls.canInvoke(caller, { port: 443 }).decision).toBe(AccessDecision.ALLOW);
    expect(tls.canInvoke(caller, { port: 8443 }).decision).toBe(AccessDecision.DENY);
  });
});

describe('properties', () => {
  const segment = fc.constantFrom('a', 'b', 'ab');
  const pathArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map(parts => `/${parts.join('/')}`);
  const patternArb = fc.tuple(pathArb, fc.boolean()).map(([path, star]) => star ? `${path}*` : path);
  const methods = [HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE];
  const glob = (pattern: string, value: string) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(value);

  test('grantInvoke(role, { methods, paths }): ALLOW for matching requests, DENY for others', () => {
    const { service, caller, stack } = setup();
    const callers: iam.Role[] = [];
    fc.assert(fc.property(fc.subarray(methods), fc.array(patternArb, { minLength: 1, maxLength: 2 }), fc.constantFrom(...methods), pathArb,
      (granted, paths, method, path) => {
        const grantee = role(stack, `Caller${callers.length}`);
        callers.push(grantee);
        service.grantInvoke(grantee, { methods: granted, paths });
        const expected = (granted.length === 0 || granted.includes(method)) && paths.some(pattern => glob(pattern, path));
        expect(service.canInvoke(grantee, { method, path }).decision).toBe(expected ? AccessDecision.ALLOW : AccessDecision.DENY);
      }), { seed: SEED, numRuns: 40 });
    expect(caller).toBeDefined();
  });

  test('network.grantInvoke(role, { methods, paths }): ALLOW for matching requests, DENY for others', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument()) });
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: network, authPolicy: AuthPolicy.authenticatedOnly(), listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    let count = 0;
    fc.assert(fc.property(fc.subarray(methods), fc.array(patternArb, { minLength: 1, maxLength: 2 }), fc.constantFrom(...methods), pathArb,
      (granted, paths, method, path) => {
        const grantee = role(stack, `Caller${count++}`);
        network.grantInvoke(grantee, { methods: granted, paths });
        const expected = (granted.length === 0 || granted.includes(method)) && paths.some(pattern => glob(pattern, path));
        expect(service.canInvoke(grantee, { method, path }).decision).toBe(expected ? AccessDecision.ALLOW : AccessDecision.DENY);
      }), { seed: SEED, numRuns: 30 });
  });

  test('adding an explicit Deny never turns DENY into ALLOW, nor anything into ALLOW', () => {
    fc.assert(fc.property(patternArb, fc.constantFrom(...methods), pathArb, fc.boolean(), (denied, method, path, withMethod) => {
      const { service, caller } = setup();
      service.grantInvoke(caller, { paths: ['/a*'] });
      const before = service.canInvoke(caller, { method, path }).decision;
      service.addToAuthPolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['vpc-lattice-svcs:Invoke'],
        resources: [`${service.serviceArn}${denied}`],
        conditions: withMethod ? { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } : undefined,
      }));
      const after = service.canInvoke(caller, { method, path }).decision;
      if (before === AccessDecision.DENY) { expect(after).toBe(AccessDecision.DENY); }
      if (after === AccessDecision.ALLOW) { expect(before).toBe(AccessDecision.ALLOW); }
    }), { seed: SEED, numRuns: 25 });
  });

  test('a deploy-time value gives UNKNOWN or the same answer, never ALLOW <-> DENY', () => {
    fc.assert(fc.property(patternArb, pathArb, fc.integer({ min: 0, max: 2 }), (pattern, path, where) => {
      const answerWith = (token: boolean) => {
        const { stack, service, caller } = setup();
        const value = (literal: string) => token ? new CfnParameter(stack, `P${literal.length}`, { type: 'String', default: literal }).valueAsString : literal;
        service.grantInvoke(caller);
        service.addToAuthPolicy(new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['vpc-lattice-svcs:Invoke'],
          resources: [where === 0 ? `${service.serviceArn}${value(pattern)}` : `${service.serviceArn}${pattern}`],
          conditions: where === 1 ? { StringEquals: { 'vpc-lattice-svcs:RequestMethod': value('GET') } }
            : where === 2 ? { StringLike: { 'aws:PrincipalArn': value('arn:aws:iam::*') } } : undefined,
        }));
        return service.canInvoke(caller, { method: HttpMethod.GET, path }).decision;
      };
      const [literal, token] = [answerWith(false), answerWith(true)];
      expect([literal, AccessDecision.UNKNOWN]).toContain(token);
    }), { seed: SEED, numRuns: 25 });
  });
});

test.each(HTTP_IAM_CASES.map(item => [item.name, item] as const))('the HTTP-with-IAM integ test\'s case: %s', (_name, item) => {
  // The setup test/access-cases.ts describes, which the integ test deploys.
  const stack = strictStack();
  const network = new ServiceNetwork(stack, 'Network');
  const service = new LatticeService(stack, 'Orders', { serviceNetwork: network, listeners: [{ protocol: ListenerProtocol.HTTPS }] });
  const caller = role(stack);
  service.grantInvoke(caller, item.grant);
  expect(service.canInvoke(caller, item.request).decision).toBe(item.expected);
});

test('the HTTP-with-IAM integ app itself: what VPC Lattice must answer 403 canInvoke denies; its 200s rest on an open fact', () => {
  // The app the integ test deploys (test/integ/integ.http-iam.ts). Its network's only statement names the network's
  // ARN as resource, which AWS does not document (docs/lattice-facts.md#auth-policies, Open): the synth-time answer
  // for what the deployment expects to pass is UNKNOWN, naming that value, until the integ test settles it. The same
  // cases against the documented network policy are the test above.
  const app = integApp();
  const { service, callers } = buildHttpIam(app);
  for (const { case: c, role: caller } of callers) {
    const answer = service.canInvoke(caller, c.request);
    if (c.expected === 403) {
      expect([c.request, c.grant, answer.decision]).toEqual([c.request, c.grant, AccessDecision.DENY]);
    } else {
      expect([c.request, c.grant, answer.decision]).toEqual([c.request, c.grant, AccessDecision.UNKNOWN]);
      expect(answer.reasons.join('\n')).toMatch(/service network's ARN as resource/);
    }
  }
});

describe('bad input is rejected with the property and the value', () => {
  test.each([
    ['an invalid method', (f: ReturnType<typeof setup>) => f.service.canInvoke(f.caller, { method: wrong('FETCH') }), named("canInvoke method 'FETCH'")],
    ['a path without /', (f: ReturnType<typeof setup>) => f.service.canInvoke(f.caller, { path: 'orders' }), named("canInvoke path 'orders': must start with '/'")],
    ['a port out of range', (f: ReturnType<typeof setup>) => f.service.canInvoke(f.caller, { port: 70000 }), named('canInvoke port 70000')],
    ['a caller that is not a principal', (f: ReturnType<typeof setup>) => f.service.canInvoke(wrong({})), named('canInvoke caller {}')],
    ['null from jsii', (f: ReturnType<typeof setup>) => f.service.canInvoke(wrong(null)), named('canInvoke caller null')],
    ['a service principal', (f: ReturnType<typeof setup>) => f.service.canInvoke(new iam.ServicePrincipal('lambda.amazonaws.com')), /must be an IAM identity that signs/],
    ['anyone', (f: ReturnType<typeof setup>) => f.service.canInvoke(new iam.AnyPrincipal()), /canInvokeAnonymously/],
    ['a header that is not a string', (f: ReturnType<typeof setup>) => f.service.canInvokeAnonymously({ headers: wrong({ a: 1 }) }), named('canInvokeAnonymously headers.a 1')],
    ['a request that is not an object', (f: ReturnType<typeof setup>) => f.service.canInvokeAnonymously(wrong('GET')), named("canInvokeAnonymously request 'GET'")],
  ])('%s', (_name, ask, message) => {
    const fixture = setup();
    expect(() => ask(fixture)).toThrow(message);
    expect(() => ask(fixture)).toThrow(/^Stack\/Orders: /);
  });
});

describe.each(['network', 'service'] as const)('the %s\'s warning about anonymous callers reads the policy as canInvokeAnonymously does', (level) => {
  const connect = 'vpc-lattice-svcs:Connect';
  const anyone = (props: Omit<iam.PolicyStatementProps, 'principals'>) => new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], resources: ['*'], ...props });
  test.each<[string, () => iam.PolicyStatement[], AccessDecision]>([
    ['authenticated callers only (Invoke)', () => [anyone({ actions: ['vpc-lattice-svcs:Invoke'], conditions: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } } })], AccessDecision.DENY],
    ['Connect for anyone', () => [anyone({ actions: [connect] })], AccessDecision.ALLOW],
    ['Connect by a pattern', () => [anyone({ actions: ['vpc-lattice-svcs:Conn*'] })], AccessDecision.ALLOW],
    ['every action but Invoke (NotAction)', () => [anyone({ notActions: ['vpc-lattice-svcs:Invoke'] })], AccessDecision.ALLOW],
    ['Connect for anonymous callers, any case', () => [anyone({ actions: [connect], conditions: { StringEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } } })], AccessDecision.ALLOW],
    ['Connect from one VPC', () => [anyone({ actions: [connect], conditions: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0123456789abcdef0' } } })], AccessDecision.UNKNOWN],
    ['Connect, but a Deny of callers outside an organization', () => [
      anyone({ actions: [connect] }),
      anyone({ effect: iam.Effect.DENY, actions: ['*'], conditions: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    ], AccessDecision.DENY],
  ])('%s', (_name, statements, expected) => {
    const stack = strictStack();
    const policy = AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({ statements: statements() }));
    const network = new ServiceNetwork(stack, 'Network', level === 'network' ? { authPolicy: policy } : { authType: AuthType.NONE });
    const broker = new LatticeService(stack, 'Broker', {
      serviceNetwork: network,
      customDomain: { domainName: 'broker.example.com' },
      ...level === 'service' ? { authPolicy: policy } : { authType: AuthType.NONE },
    });
    broker.addListener('Tls', {
      protocol: ListenerProtocol.TLS_PASSTHROUGH,
      port: 443,
      defaultAction: ListenerAction.forward(TargetGroupBase.fromTargetGroupArn(broker, 'Group', 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0')),
    });
    expect(broker.canInvokeAnonymously({ port: 443 }).decision).toBe(expected);
    const id = level === 'network' ? 'networkRefusesAnonymousCallers' : 'serviceRefusesAnonymousCallers';
    const warnings = Annotations.fromStack(stack).findWarning(level === 'network' ? '/Stack/Network' : '/Stack/Broker', Match.stringLikeRegexp(id));
    expect(warnings.length > 0).toBe(expected === AccessDecision.DENY);
  });
});

describe('warnings from the same evaluator', () => {
  test('grantInvoke that the network\'s auth policy denies', () => {
    const stack = strictStack();
    const allowed = role(stack, 'Allowed');
    const network = new ServiceNetwork(stack, 'Network', {
      authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ principals: [allowed], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'] })],
      })),
    });
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: network, listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    service.grantInvoke(allowed);
    service.grantInvoke(role(stack, 'Other'));
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Orders', Match.stringLikeRegexp('grantDeniedByNetwork'));
    expect(warnings.map(warning => warning.entry.data)).toEqual([expect.stringMatching(/for Stack\/Other cannot take effect: the auth policy of service network Stack\/Network denies/)]);
  });

  test('grantInvoke for an organization that an organization-only network does not admit', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.organizationOnly('o-a1b2c3d4e5') });
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: network, listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    service.grantInvoke(new iam.OrganizationPrincipal('o-a1b2c3d4e5'));
    service.grantInvoke(new iam.OrganizationPrincipal('o-f6g7h8i9j0'));
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Orders', Match.stringLikeRegexp('grantDeniedByNetwork'));
    expect(warnings.map(warning => warning.entry.data)).toEqual([expect.stringMatching(/OrganizationPrincipal\(o-f6g7h8i9j0\).*denies every request from it/)]);
    expect(service.canInvoke(new iam.OrganizationPrincipal('o-f6g7h8i9j0'), { path: '/' }).decision).toBe(AccessDecision.DENY);
  });

  test('an auth policy that can never allow anything', () => {
    const { stack, service, caller } = setup();
    service.grantInvoke(caller);
    service.addToAuthPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['*'], resources: ['*'] }));
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp('authPolicyAllowsNothing'));
    Annotations.fromStack(stack).hasNoWarning('/Stack/Orders', Match.stringLikeRegexp('noPrincipalAllowed'));
  });

  test('the access matrix: principals by listeners, and a service no principal of the app may call', () => {
    const { stack, service, caller } = setup({
      servicePolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('111122223333')], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'] })],
      })),
    });
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    const open = new LatticeService(stack, 'Open', { listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    open.grantInvoke(caller, { methods: [HttpMethod.GET], paths: ['/api/*'] });
    const matrix = AccessMatrix.of(stack);
    expect(matrix.entries.map(entry => [entry.principal, entry.service, entry.decision])).toEqual([
      ['Stack/Caller', 'Stack/Orders', 'UNKNOWN'],
      ['anonymous', 'Stack/Orders', 'DENY'],
      ['Stack/Caller', 'Stack/Open', 'UNKNOWN'],
      ['anonymous', 'Stack/Open', 'DENY'],
    ]);
    expect(matrix.entries[2].restrictions).toBe('GET /api/*');
    expect(matrix.toMarkdown()).toMatch(/## Stack\/Open\n\n\| Principal \| Listener \| Decision \| Methods and paths \| Why \|/);
    expect(matrix.toJson().entries).toHaveLength(4);
    expect(service.node.metadata.some(entry => /noCallerInApp/.test(String(entry.data)))).toBe(false);
  });
});
