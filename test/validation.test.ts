import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BadInput, deployTimeValues, named, rejectsEachBadInput, strictStack } from './util';
import {
  AuthPolicy, HeaderMatch, HttpMethod, LatticeService, ListenerAction, ListenerProtocol, PathMatch, ServiceNetwork, TargetGroupBase,
} from 'cdk-vpc-lattice';

const TG_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';

interface Fixture {
  readonly stack: Stack;
  readonly service: LatticeService;
  readonly group: ReturnType<typeof TargetGroupBase.fromTargetGroupArn>;
}

function fixture(): Fixture {
  const stack = strictStack();
  const service = new LatticeService(stack, 'Service');
  return { stack, service, group: TargetGroupBase.fromTargetGroupArn(stack, 'Group', TG_ARN) };
}

/** Adds a rule to a new listener of the fixture's service. */
function rule(f: Fixture, options: Partial<Parameters<ReturnType<LatticeService['addListener']>['addRule']>[1]>) {
  f.service.addListener('Listener').addRule('Rule', {
    priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(f.group), ...options,
  });
}

const long = (n: number) => 'a'.repeat(n);
const weighted = (f: Fixture, weights: number[]) => weights.map(weight => ({ targetGroup: f.group, weight }));

/**
 * Each rule of the construct library, with an input it rejects and the whole message it gives: construct path,
 * property, value, and what is allowed.
 */
const BAD_INPUT: Array<BadInput<Fixture>> = [
  // Names: pattern, lengths and reserved prefix, per resource type.
  ['a service network name with uppercase letters', f => new ServiceNetwork(f.stack, 'N', { serviceNetworkName: 'Platform' }),
    named("Stack/N: invalid serviceNetworkName 'Platform'")],
  ['a service network name with the reserved prefix', f => new ServiceNetwork(f.stack, 'N', { serviceNetworkName: 'servicenetwork-a' }),
    named("Stack/N: invalid serviceNetworkName 'servicenetwork-a'")],
  ['a service network name of 64 characters', f => new ServiceNetwork(f.stack, 'N', { serviceNetworkName: long(64) }),
    named(`Stack/N: invalid serviceNetworkName '${long(64)}'`)],
  ['a service name of 2 characters', f => new LatticeService(f.stack, 'S', { serviceName: 'ab' }),
    named("Stack/S: invalid serviceName 'ab'")],
  ['a service name of 41 characters', f => new LatticeService(f.stack, 'S', { serviceName: long(41) }), named(`Stack/S: invalid serviceName '${long(41)}'`)],
  ['a service name with the reserved prefix', f => new LatticeService(f.stack, 'S', { serviceName: 'svc-orders' }), named("Stack/S: invalid serviceName 'svc-orders'")],
  ['a service name ending in a hyphen', f => new LatticeService(f.stack, 'S', { serviceName: 'orders-' }), named("Stack/S: invalid serviceName 'orders-'")],
  ['a service name with two hyphens in a row', f => new LatticeService(f.stack, 'S', { serviceName: 'or--ders' }), named("Stack/S: invalid serviceName 'or--ders'")],
  ['a listener name with the reserved prefix', f => f.service.addListener('L', { listenerName: 'listener-1' }),
    named("Stack/Service/L: invalid listenerName 'listener-1'")],
  ['a rule name with an underscore', f => rule(f, { ruleName: 'my_rule' }),
    named("Stack/Service/Listener/Rule: invalid ruleName 'my_rule'")],
  // Listener protocol and port.
  ['a TLS_PASSTHROUGH listener without a port', f => f.service.addListener('L', { protocol: ListenerProtocol.TLS_PASSTHROUGH }),
    named('Stack/Service/L: invalid port undefined')],
  ['a listener protocol CloudFormation does not know', f => f.service.addListener('L', { protocol: 'TCP' as ListenerProtocol }),
    named("Stack/Service/L: invalid protocol 'TCP'")],
  ['listener port 0', f => f.service.addListener('L', { port: 0 }), named('Stack/Service/L: invalid port 0')],
  ['listener port 65536', f => f.service.addListener('L', { port: 65536 }), named('Stack/Service/L: invalid port 65536')],
  // Rules.
  ['rule priority 0', f => rule(f, { priority: 0 }), named('Stack/Service/Listener/Rule: invalid priority 0')],
  ['rule priority 101', f => rule(f, { priority: 101 }), named('Stack/Service/Listener/Rule: invalid priority 101')],
  ['a rule that matches nothing', f => rule(f, { match: {} }),
    named('Stack/Service/Listener/Rule: invalid match {}')],
  ['a path without a leading slash', f => rule(f, { match: { path: PathMatch.prefix('api') } }),
    named("Stack/Service/Listener/Rule: invalid match.path 'api'")],
  ['a path with a wildcard', f => rule(f, { match: { path: PathMatch.exact('/api/*') } }), named("Stack/Service/Listener/Rule: invalid match.path '/api/*'")],
  ['a path of 129 characters', f => rule(f, { match: { path: PathMatch.prefix(`/${long(128)}`) } }),
    named(`Stack/Service/Listener/Rule: invalid match.path '/${long(128)}'`)],
  ['six header matches', f => rule(f, { match: { headers: [1, 2, 3, 4, 5, 6].map(i => HeaderMatch.exact(`h${i}`, 'v')) } }),
    named("Stack/Service/Listener/Rule: invalid match.headers '6 items'")],
  ['a header name of 41 characters', f => rule(f, { match: { headers: [HeaderMatch.exact(long(41), 'v')] } }),
    named(`Stack/Service/Listener/Rule: invalid match.headers name '${long(41)}'`)],
  ['an empty header name', f => rule(f, { match: { headers: [HeaderMatch.exact('', 'v')] } }),
    named("Stack/Service/Listener/Rule: invalid match.headers name ''")],
  ['a header value of 129 characters', f => rule(f, { match: { headers: [HeaderMatch.contains('x-a', long(129))] } }),
    named(`Stack/Service/Listener/Rule: invalid match.headers 'x-a' value '${long(129)}'`)],
  ['the PATCH method, which CloudFormation rejects', f => rule(f, { match: { method: 'PATCH' as HttpMethod } }),
    named("Stack/Service/Listener/Rule: invalid match.method 'PATCH'")],
  // Actions.
  ['a rule weight of 0', f => rule(f, { action: ListenerAction.weightedForward(weighted(f, [0, 1])) }),
    named('Stack/Service/Listener/Rule: invalid action weight 0')],
  ['a rule weight of 1000', f => rule(f, { action: ListenerAction.weightedForward(weighted(f, [1000])) }),
    named('Stack/Service/Listener/Rule: invalid action weight 1000')],
  ['a listener weight of -1', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, [-1])) }),
    named('Stack/Service/L: invalid defaultAction weight -1')],
  ['a listener weight of 1000', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, [1000])) }),
    named('Stack/Service/L: invalid defaultAction weight 1000')],
  ['a forward to no target group', f => rule(f, { action: ListenerAction.weightedForward([]) }),
    named("Stack/Service/Listener/Rule: invalid action target groups '0 items'")],
  ['a forward to 11 target groups', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, Array(11).fill(1))) }),
    named("Stack/Service/L: invalid defaultAction target groups '11 items'")],
  ['a fixed response of 403', f => f.service.addListener('L', { defaultAction: ListenerAction.fixedResponse(403) }),
    named('Stack/Service/L: invalid defaultAction fixed-response status code 403')],
  // Service settings.
  ['an idle timeout of 59 seconds', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.seconds(59) }),
    named('Stack/S: invalid idleTimeout 59 seconds')],
  ['an idle timeout of 11 minutes', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.minutes(11) }),
    named('Stack/S: invalid idleTimeout 660 seconds')],
  ['an idle timeout of 90.5 seconds', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.millis(90500) }),
    named('Stack/S: invalid idleTimeout 90.5 seconds')],
  // Auth.
  ['an organization ID without o-', f => new ServiceNetwork(f.stack, 'N', { authPolicy: AuthPolicy.organizationOnly('abcdef1234') }),
    named("Stack/N: invalid authPolicy organizationId 'abcdef1234'")],
  ['a grant on a path without a leading slash', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { paths: ['api/*'] }),
    named("Stack/Service: invalid grantInvoke paths 'api/*'")],
  ['a grant on no path', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { paths: [] }),
    named('Stack/Service: invalid grantInvoke paths []')],
  ['a grant for PATCH', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { methods: ['PATCH' as HttpMethod] }),
    named("Stack/Service: invalid grantInvoke methods 'PATCH'")],
  // Imports.
  ['a service network ARN with the old servicenetwork- ID prefix', f => ServiceNetwork.fromServiceNetworkArn(f.stack, 'I',
    'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/servicenetwork-0123456789abcdef0'),
  named("Stack/I: invalid serviceNetworkArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/servicenetwork-0123456789abcdef0'")],
  ['a service ARN of another service', f => LatticeService.fromServiceArn(f.stack, 'I', 'arn:aws:ecs:eu-west-1:111122223333:service/orders'),
    named("Stack/I: invalid serviceArn 'arn:aws:ecs:eu-west-1:111122223333:service/orders'")],
  ['a service ID with uppercase letters', f => LatticeService.fromServiceAttributes(f.stack, 'I', { serviceId: 'svc-0123456789ABCDEF0' }),
    named("Stack/I: invalid serviceId 'svc-0123456789ABCDEF0'")],
  ['a target group ARN of a service', f => TargetGroupBase.fromTargetGroupArn(f.stack, 'I', 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0'),
    named("Stack/I: invalid targetGroupArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0'")],
];

rejectsEachBadInput(BAD_INPUT, fixture);

describe('values only known at deploy time are left for deploy time', () => {
  test('tokens for names, ports, priorities, weights, paths, headers, status codes, timeouts and ARNs pass', () => {
    const f = fixture();
    const { text, number } = deployTimeValues(f.stack);

    new ServiceNetwork(f.stack, 'Network', { serviceNetworkName: text('NetworkName'), authPolicy: AuthPolicy.organizationOnly(text('OrgId')) });
    const service = new LatticeService(f.stack, 'Named', { serviceName: text('ServiceName'), idleTimeout: Duration.seconds(number('Idle')) });
    const imported = TargetGroupBase.fromTargetGroupArn(f.stack, 'Imported', text('GroupArn'));
    const listener = service.addListener('L', {
      port: number('Port'),
      listenerName: text('ListenerName'),
      defaultAction: ListenerAction.weightedForward([{ targetGroup: imported, weight: number('Weight') }]),
    });
    listener.addRule('R', {
      priority: number('Priority'),
      ruleName: text('RuleName'),
      match: { path: PathMatch.exact(text('Path')), headers: [HeaderMatch.exact(text('HeaderName'), text('HeaderValue'))] },
      action: ListenerAction.fixedResponse(number('Status')),
    });
    service.grantInvoke(new iam.AccountRootPrincipal(), { paths: [text('GrantPath')] });
    ServiceNetwork.fromServiceNetworkArn(f.stack, 'ImportedNetwork', text('NetworkArn'))
      .associateService(LatticeService.fromServiceAttributes(f.stack, 'ImportedService', { serviceId: text('ServiceId') }));

    const template = Template.fromStack(f.stack);
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Port: { Ref: 'Port' }, Name: { Ref: 'ListenerName' } });
    template.hasResourceProperties('AWS::VpcLattice::Rule', { Priority: { Ref: 'Priority' }, Action: { FixedResponse: { StatusCode: { Ref: 'Status' } } } });
    template.hasResourceProperties('AWS::VpcLattice::Service', { Name: { Ref: 'ServiceName' }, IdleTimeoutSeconds: { Ref: 'Idle' } });
    expect(Token.isUnresolved(imported.targetGroupId)).toBe(true);
  });
});
