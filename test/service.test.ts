import { Annotations as CoreAnnotations, App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnService } from 'aws-cdk-lib/aws-vpclattice';
import { strictStack } from './util';
import {
  AuthPolicy, AuthType, HttpMethod, LatticeService, LatticeServiceProps, ListenerAction, ListenerProtocol, PathMatch, ServiceNetwork,
  TargetGroupBase,
} from 'cdk-vpc-lattice';

const SERVICE_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0';
const TARGET_GROUP_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';

/** A service that is reachable and callable, so that only what a test changes can raise a warning. */
function wiredService(stack: Stack, props: ConstructorParameters<typeof LatticeService>[2] = {}): LatticeService {
  const service = new LatticeService(stack, 'Service', { serviceNetwork: new ServiceNetwork(stack, 'Network'), ...props });
  service.addListener('Https');
  return service;
}

/** The cdk-nag findings acknowledged on a principal. */
function acknowledgedRules(principal: iam.Role): string[] {
  return principal.node.metadata.filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(entry => Object.keys(entry.data));
}

function role(stack: Stack, id = 'Caller'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
}

describe('LatticeService', () => {
  test('defaults to AWS_IAM with no auth policy resource, and exposes the generated DNS name', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Service');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Service', { AuthType: 'AWS_IAM', Name: Match.absent(), IdleTimeoutSeconds: Match.absent() });
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 0);
    expect(stack.resolve(service.domainName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Service/), 'DnsEntry.DomainName'] });
    expect(stack.resolve(service.serviceId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Service/), 'Id'] });
  });

  test('takes a name and an idle timeout', () => {
    const stack = strictStack();
    new LatticeService(stack, 'Service', { serviceName: 'orders', idleTimeout: Duration.minutes(5) });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Service', { Name: 'orders', IdleTimeoutSeconds: 300 });
  });

  test('serviceNetwork associates the service', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    new LatticeService(stack, 'Service', { serviceNetwork: network });
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::ServiceNetworkServiceAssociation', 1);
  });

  test('listeners and their rules can be given as props', () => {
    const stack = strictStack();
    const targetGroup = TargetGroupBase.fromTargetGroupArn(stack, 'Targets', TARGET_GROUP_ARN);
    const service = new LatticeService(stack, 'Service', {
      listeners: [
        { protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.forward(targetGroup) },
        {
          port: 8443,
          rules: [{ priority: 5, match: { path: PathMatch.prefix('/api') }, action: ListenerAction.forward(targetGroup) }],
        },
      ],
    });

    expect(service.listeners.map(listener => listener.node.id)).toEqual(['Http80', 'Https8443']);
    expect(service.listeners[1].node.tryFindChild('Rule5')).toBeDefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Listener', {
      Protocol: 'HTTP', Port: 80, DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: TARGET_GROUP_ARN }] } },
    });
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'HTTPS', Port: 8443, DefaultAction: { FixedResponse: { StatusCode: 404 } } });
    template.hasResourceProperties('AWS::VpcLattice::Rule', { Priority: 5, Match: { HttpMatch: { PathMatch: { Match: { Prefix: '/api' } } } } });
  });

  test.each([
    ['two HTTP listeners (both Http80)', [{ protocol: ListenerProtocol.HTTP }, { protocol: ListenerProtocol.HTTP }], 1, 80],
    ['an HTTP listener on the port of an HTTPS one', [{}, { protocol: ListenerProtocol.HTTPS, port: 8443 }, { protocol: ListenerProtocol.HTTP, port: 443 }], 2, 443],
  ])('a port repeated in listeners (%s) names both places in the list, not a clash of construct IDs', (_what, listeners, second, port) => {
    const stack = strictStack();
    expect(() => new LatticeService(stack, 'Service', { listeners })).toThrow(
      `Stack/Service: invalid listeners[${second}] port ${port}: each listener of a service needs its own port, and listeners[0] and ` +
      `listeners[${second}] both listen on ${port}`);
  });

  test('two listeners on one port are an error at synth', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Service');
    service.addListener('A', { protocol: ListenerProtocol.HTTP, port: 8080 });
    service.addListener('B', { protocol: ListenerProtocol.HTTPS, port: 8080 });
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Service\] invalid listener port 8080: each listener of a service needs its own port/);
  });
});

describe('grantInvoke', () => {
  test('writes the caller\'s IAM policy and an auth-policy statement for that principal, on every path', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    const caller = role(stack);
    const grant = service.grantInvoke(caller);

    expect(grant.success).toBe(true);
    const serviceArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] };
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }],
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: { 'Fn::Join': ['', [serviceArn, '/*']] } }],
      },
    });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Id'] },
      Policy: {
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Caller'), 'Arn'] } },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: { 'Fn::Join': ['', [serviceArn, '/*']] },
        }],
      },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('methods and paths narrow both statements', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    service.grantInvoke(role(stack), { methods: [HttpMethod.GET, HttpMethod.HEAD], paths: ['/api/*', '/health'] });

    const serviceArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] };
    const expected = {
      Effect: 'Allow',
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: [{ 'Fn::Join': ['', [serviceArn, '/api/*']] }, { 'Fn::Join': ['', [serviceArn, '/health']] }],
      Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'HEAD'] } },
    };
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [expected] } });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', { Policy: { Statement: [{ ...expected, Principal: Match.anyValue() }] } });
  });

  test('acknowledges cdk-nag\'s wildcard finding for exactly the paths it grants, named as cdk-nag names the service, once per principal', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    const caller = role(stack);
    service.grantInvoke(caller, { paths: ['/api/*', '/health'] });
    service.grantInvoke(caller, { paths: ['/api/*'], methods: [HttpMethod.GET] });
    // An overridden logical ID is the one in the template, and so in the finding, also when the override comes after the grant.
    const orders = new LatticeService(stack, 'Orders', { serviceNetwork: service.serviceNetworks[0] as ServiceNetwork });
    orders.addListener('Https');
    const other = role(stack, 'Other');
    orders.grantInvoke(other);
    (orders.node.defaultChild as CfnService).overrideLogicalId('Orders');
    // Written when the app is validated, which is when cdk-nag reads them.
    expect(acknowledgedRules(caller)).toEqual([]);
    Template.fromStack(stack);
    const logicalId = stack.getLogicalId(service.node.defaultChild as CfnService);
    expect(acknowledgedRules(caller)).toEqual([`AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/api/*]`]);
    expect(acknowledgedRules(other)).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::<Orders.Arn>/*]']);
  });

  test('acknowledges the wildcard finding of a principal in another stack with the ARN as it resolves there, at the grant', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    (service.node.defaultChild as CfnService).overrideLogicalId('Orders');
    const elsewhere = role(new Stack(stack.node.root as App, 'Elsewhere'));
    service.grantInvoke(elsewhere);
    expect(acknowledgedRules(elsewhere)).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::<Orders.Arn>/*]']);
  });

  test('an imported service gets only the caller\'s IAM policy', () => {
    const stack = strictStack();
    const service = LatticeService.fromServiceArn(stack, 'Imported', SERVICE_ARN);
    service.grantInvoke(role(stack));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `${SERVICE_ARN}/*` }] },
    });
  });

  test('addToAuthPolicy and an auth policy preset both land in the one policy', () => {
    const stack = strictStack();
    const service = wiredService(stack, { authPolicy: AuthPolicy.organizationOnly('o-abcdef1234') });
    service.addToAuthPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'DELETE' } },
    }));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 2); // the network's and the service's
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Id'] },
      Policy: { Statement: [Match.objectLike({ Sid: 'AllowOrganizationCallers' }), Match.objectLike({ Effect: 'Deny' })] },
    });
  });

  test('an auth policy over 10 KB is an error at synth, counting what is known', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    for (let i = 0; i < 60; i++) {
      service.addToAuthPolicy(new iam.PolicyStatement({
        principals: [new iam.ArnPrincipal(`arn:aws:iam::111122223333:role/a-rather-long-role-name-for-a-team-number-${i}`)],
        actions: ['vpc-lattice-svcs:Invoke'],
        resources: [`${service.serviceArn}/team-${i}/*`],
      }));
    }
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Service\] auth policy is at least \d+ bytes, over VPC Lattice's limit of 10240 bytes/);
  });
});

describe('warnings', () => {
  test('an AWS_IAM service that allows no one, has no listener and no network gets one warning for each', () => {
    const stack = strictStack();
    new LatticeService(stack, 'Service');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Service', Match.stringLikeRegexp('auth policy allows no one: at run time every request gets 403'));
    annotations.hasWarning('/Stack/Service', Match.stringLikeRegexp('no listener: at run time clients cannot connect'));
    annotations.hasWarning('/Stack/Service', Match.stringLikeRegexp('not associated with any service network in this app: at run time no client VPC can reach it'));
  });

  test('a grant, a listener and an association made after the service clear the warnings', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Service');
    service.addListener('Https');
    new ServiceNetwork(stack, 'Network').associateService(service);
    service.grantInvoke(role(stack));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('AuthType.NONE warns that callers are not authenticated, and an auth policy on it that it is ignored', () => {
    const stack = strictStack();
    wiredService(stack, { authType: AuthType.NONE, authPolicy: AuthPolicy.allowAll() });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Service', Match.stringLikeRegexp('AuthType.NONE: at run time any client that can reach it'));
    annotations.hasWarning('/Stack/Service', Match.stringLikeRegexp('authPolicy is ignored at run time because authType is NONE'));
    annotations.hasNoWarning('/Stack/Service', Match.stringLikeRegexp('allows no one'));
  });

  test('warnings can be acknowledged by their ID', () => {
    const stack = strictStack();
    const service = wiredService(stack);
    CoreAnnotations.of(service).acknowledgeWarning('cdk-vpc-lattice:noPrincipalAllowed', 'callers are granted in another app');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('imports', () => {
  test('fromServiceArn takes the ID from a literal ARN', () => {
    const stack = strictStack();
    const service = LatticeService.fromServiceArn(stack, 'Imported', SERVICE_ARN);
    expect(service.serviceId).toBe('svc-0123456789abcdef0');
  });

  test('fromServiceAttributes derives the ARN from an ID', () => {
    const stack = strictStack({ env: { account: '444455556666', region: 'eu-central-1' } });
    const service = LatticeService.fromServiceAttributes(stack, 'Imported', { serviceId: 'svc-0123456789abcdef0' });
    expect(stack.resolve(service.serviceArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':vpc-lattice:eu-central-1:444455556666:service/svc-0123456789abcdef0']],
    });
  });

  test('an imported service can be associated with a network', () => {
    const stack = strictStack();
    const service = LatticeService.fromServiceArn(stack, 'Imported', SERVICE_ARN);
    new ServiceNetwork(stack, 'Network').associateService(service);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkServiceAssociation', { ServiceIdentifier: SERVICE_ARN });
  });
});

describe('TLS passthrough callers are anonymous', () => {
  /** A reachable service with a TLS passthrough listener: only its auth can raise a warning. */
  function tlsService(stack: Stack, props: LatticeServiceProps = {}): LatticeService {
    // The network lets every caller through (its own check is in service-network.test.ts).
    const serviceNetwork = new ServiceNetwork(stack, 'Network', { authType: AuthType.NONE });
    return new LatticeService(stack, 'Service', { customDomain: { domainName: 'broker.internal.example.com' }, authType: AuthType.NONE, serviceNetwork, ...props });
  }
  const tls = (service: LatticeService, id = 'Tls', port = 8443) => service.addListener(id, {
    protocol: ListenerProtocol.TLS_PASSTHROUGH, port, defaultAction: ListenerAction.forward(TargetGroupBase.fromTargetGroupArn(service, `${id}Group`, TARGET_GROUP_ARN)),
  });
  const anyoneMayConnect = (conditions?: Record<string, any>) => new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Connect'], resources: ['*'], conditions,
  });
  const refused = Match.stringLikeRegexp('has AuthType.AWS_IAM and the TLS_PASSTHROUGH listener Stack/Service/Tls, but its auth policy lets no anonymous caller connect: ' +
    '.*every caller of a TLS_PASSTHROUGH listener is anonymous. At run time every connection to it is refused. Use AuthType.NONE on the service, or add a statement');

  function warnings(stack: Stack): string[] {
    return Annotations.fromStack(stack).findWarning('/Stack/Service', Match.anyValue()).map(warning => String(warning.entry.data));
  }

  test('an AWS_IAM service with no auth policy warns that every connection is refused, instead of the 403 warning for requests', () => {
    const stack = strictStack();
    tls(tlsService(stack, { authType: AuthType.AWS_IAM }));
    Annotations.fromStack(stack).hasWarning('/Stack/Service', refused);
    expect(warnings(stack).filter(text => /allows no one/.test(text))).toEqual([]);
  });

  test.each([
    ['authenticatedOnly (excludes anonymous callers)', AuthPolicy.authenticatedOnly()],
    ['organizationOnly', AuthPolicy.organizationOnly('o-abcdef1234')],
    ['allowAll (Invoke is for HTTP requests; connections need vpc-lattice-svcs:Connect)', AuthPolicy.allowAll()],
  ])('an AWS_IAM service whose policy is %s warns', (_name, authPolicy) => {
    const stack = strictStack();
    tls(tlsService(stack, { authType: AuthType.AWS_IAM, authPolicy }));
    Annotations.fromStack(stack).hasWarning('/Stack/Service', refused);
  });

  const denyAnyone = (actions: string[], conditions: Record<string, any>) => new iam.PolicyStatement({
    effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions, resources: ['*'], conditions,
  });
  test.each([
    ['Connect for anyone', [anyoneMayConnect()], false],
    ['Connect for anyone from one VPC, port and network', [anyoneMayConnect({
      StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-12345678', 'vpc-lattice-svcs:ServiceNetworkArn': 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0' },
      NumericEquals: { 'vpc-lattice-svcs:Port': 443 },
    })], false],
    ['every action of vpc-lattice-svcs for anonymous principals', [new iam.PolicyStatement({
      principals: [new iam.StarPrincipal()], actions: ['vpc-lattice-svcs:*'], resources: ['*'], conditions: { StringEqualsIgnoreCase: { 'aws:PrincipalType': 'Anonymous' } },
    })], false],
    ['Connect for anyone, and a Deny that refuses only one VPC',
      [anyoneMayConnect(), denyAnyone(['vpc-lattice-svcs:Connect'], { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-87654321' } })], false],
    ['Connect only for callers of an organization', [anyoneMayConnect({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } })], true],
    ['Connect for a role', [new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['vpc-lattice-svcs:Connect'], resources: ['*'] })], true],
    ['Connect for anyone, and a Deny for anonymous callers',
      [anyoneMayConnect(), denyAnyone(['vpc-lattice-svcs:*'], { StringEquals: { 'aws:PrincipalType': 'anonymous' } })], true],
  ])('an AWS_IAM service whose policy allows %s: warned %s', (_name, statements, warned) => {
    const stack = strictStack();
    const service = tlsService(stack, { authType: AuthType.AWS_IAM });
    statements.forEach(statement => service.addToAuthPolicy(statement));
    tls(service);
    if (warned) {
      Annotations.fromStack(stack).hasWarning('/Stack/Service', refused);
    } else {
      expect(warnings(stack)).toEqual([]);
    }
  });

  test('an AuthType.NONE service does not judge its (inactive) policy', () => {
    const stack = strictStack();
    tls(tlsService(stack));
    expect(warnings(stack).filter(text => /anonymous/.test(text))).toEqual([]);
  });

  test('grantInvoke warns that it cannot take effect, whether the listener comes before or after the grant', () => {
    const before = strictStack();
    const authPolicy = AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({ statements: [anyoneMayConnect()] }));
    const first = tlsService(before, { authType: AuthType.AWS_IAM, authPolicy });
    tls(first);
    first.grantInvoke(role(before));
    const after = strictStack();
    const second = tlsService(after, { authType: AuthType.AWS_IAM });
    second.addToAuthPolicy(anyoneMayConnect());
    second.grantInvoke(role(after));
    tls(second);

    for (const stack of [before, after]) {
      expect(warnings(stack)).toEqual([expect.stringMatching(new RegExp('^grantInvoke on this service \\(for Stack/Caller\\) cannot take effect on its TLS_PASSTHROUGH listener ' +
        'Stack/Service/Tls: .*every caller of a TLS_PASSTHROUGH listener is anonymous, so a statement for a principal never matches them'))]);
    }
  });

  test('a service with HTTP and TLS passthrough listeners and no policy gets both warnings, naming the TLS listeners', () => {
    const stack = strictStack();
    const service = tlsService(stack, { authType: AuthType.AWS_IAM });
    service.addListener('Http', { protocol: ListenerProtocol.HTTP });
    tls(service);
    tls(service, 'Tls2', 9443);
    const texts = warnings(stack);
    expect(texts).toContainEqual(expect.stringMatching(/auth policy allows no one: at run time every request gets 403/));
    expect(texts).toContainEqual(expect.stringMatching(/the TLS_PASSTHROUGH listeners Stack\/Service\/Tls, Stack\/Service\/Tls2, but .* every connection to them is refused/));
  });
});
