import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { named, strictStack, wrong } from './util';
import {
  AccessDecision, AccessMatrix, AuthPolicy, AuthType, HttpMethod, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork, TargetGroupBase,
} from 'cdk-vpc-lattice';

/*
 * The access answers (docs/lattice-facts.md#access-evaluation). Expectations come from the AWS documentation's rules
 * and examples: a request needs an allow from the caller's identity policies, the network's auth policy and the
 * service's when they are AWS_IAM; an explicit Deny wins; NONE skips a level; AWS_IAM without a policy denies.
 */

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

describe('the User Guide\'s example auth policies', () => {
  test('network "authenticated only": a signed caller the service allows is allowed, an anonymous one is denied at the network', () => {
    const { service, caller } = setup({ networkPolicy: AuthPolicy.authenticatedOnly(), servicePolicy: AuthPolicy.allowAll() });
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    expect(service.canInvoke(caller, { method: HttpMethod.GET, path: '/orders/42' }).decision).toBe(AccessDecision.ALLOW);
    const anonymous = service.canInvokeAnonymously({ path: '/health' });
    expect(anonymous.decision).toBe(AccessDecision.DENY);
    expect(anonymous.reasons.join('\n')).toMatch(/service network Stack\/Network \(AWS_IAM\): DENY/);
  });

  test('network organization-only: the organization decides, and an organization the app does not know is UNKNOWN', () => {
    const { service, caller } = setup({ networkPolicy: AuthPolicy.organizationOnly('o-a1b2c3d4e5'), servicePolicy: AuthPolicy.authenticatedOnly() });
    service.grantInvoke(caller);
    expect(service.canInvoke(caller, { path: '/', principalOrgId: 'o-a1b2c3d4e5' }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { path: '/', principalOrgId: 'o-zzzzzzzzzz' }).decision).toBe(AccessDecision.DENY);
    const unknown = service.canInvoke(caller, { path: '/' });
    expect(unknown.decision).toBe(AccessDecision.UNKNOWN);
    expect(unknown.reasons.join('\n')).toMatch(/aws:PrincipalOrgID is not known/);
  });

  test('service-level role + method + path: only that role, method and path', () => {
    const { stack, service, caller } = setup();
    caller.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('VPCLatticeServicesInvokeAccess'));
    service.addToAuthPolicy(new iam.PolicyStatement({
      principals: [caller],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: [`${service.serviceArn}/rates/*`],
      conditions: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } },
    }));
    expect(service.canInvoke(caller, { method: HttpMethod.GET, path: '/rates/eur' }).decision).toBe(AccessDecision.ALLOW);
    expect(service.canInvoke(caller, { method: HttpMethod.POST, path: '/rates/eur' }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(caller, { method: HttpMethod.GET, path: '/orders' }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(role(stack, 'Other'), { method: HttpMethod.GET, path: '/rates/eur' }).decision).toBe(AccessDecision.DENY);
    expect(service.canInvoke(caller, { path: '/rates/eur' }).decision).toBe(AccessDecision.UNKNOWN);
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
    const { stack, service, caller } = setup();
    const vpc = new ec2.Vpc(stack, 'Client', { natGateways: 0, subnetConfiguration: [] });
    const other = new ec2.Vpc(stack, 'Other', { natGateways: 0, subnetConfiguration: [] });
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
      }), { numRuns: 40 });
    expect(caller).toBeDefined();
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
    }), { numRuns: 25 });
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
    }), { numRuns: 25 });
  });
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
