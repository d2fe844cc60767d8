import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BadInput, deployTimeValues, rejectsEachBadInput, strictStack } from './util';
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
    "Stack/N: invalid serviceNetworkName 'Platform': service network names are 3 to 63 characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with 'servicenetwork-'"],
  ['a service network name with the reserved prefix', f => new ServiceNetwork(f.stack, 'N', { serviceNetworkName: 'servicenetwork-a' }),
    "Stack/N: invalid serviceNetworkName 'servicenetwork-a': service network names are 3 to 63 characters"],
  ['a service network name of 64 characters', f => new ServiceNetwork(f.stack, 'N', { serviceNetworkName: long(64) }),
    `Stack/N: invalid serviceNetworkName '${long(64)}': service network names are 3 to 63 characters`],
  ['a service name of 2 characters', f => new LatticeService(f.stack, 'S', { serviceName: 'ab' }),
    "Stack/S: invalid serviceName 'ab': service names are 3 to 40 characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with 'svc-'"],
  ['a service name of 41 characters', f => new LatticeService(f.stack, 'S', { serviceName: long(41) }), `Stack/S: invalid serviceName '${long(41)}'`],
  ['a service name with the reserved prefix', f => new LatticeService(f.stack, 'S', { serviceName: 'svc-orders' }), "Stack/S: invalid serviceName 'svc-orders'"],
  ['a service name ending in a hyphen', f => new LatticeService(f.stack, 'S', { serviceName: 'orders-' }), "Stack/S: invalid serviceName 'orders-'"],
  ['a service name with two hyphens in a row', f => new LatticeService(f.stack, 'S', { serviceName: 'or--ders' }), "Stack/S: invalid serviceName 'or--ders'"],
  ['a listener name with the reserved prefix', f => f.service.addListener('L', { listenerName: 'listener-1' }),
    "Stack/Service/L: invalid listenerName 'listener-1': listener names are 3 to 63 characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with 'listener-'"],
  ['a rule name with an underscore', f => rule(f, { ruleName: 'my_rule' }),
    "Stack/Service/Listener/Rule: invalid ruleName 'my_rule': rule names are 3 to 63 characters of a-z, 0-9 and '-', with no '-' at either end, no '--', and not starting with 'rule-'"],
  // Listener protocol and port.
  ['a TLS_PASSTHROUGH listener', f => f.service.addListener('L', { protocol: ListenerProtocol.TLS_PASSTHROUGH }),
    "Stack/Service/L: invalid protocol 'TLS_PASSTHROUGH': TLS_PASSTHROUGH listeners need TCP target groups, which this version of the library does not support yet"],
  ['a listener protocol CloudFormation does not know', f => f.service.addListener('L', { protocol: 'TCP' as ListenerProtocol }),
    "Stack/Service/L: invalid protocol 'TCP': must be 'HTTP' or 'HTTPS'"],
  ['listener port 0', f => f.service.addListener('L', { port: 0 }), 'Stack/Service/L: invalid port 0: must be a whole number from 1 to 65535'],
  ['listener port 65536', f => f.service.addListener('L', { port: 65536 }), 'Stack/Service/L: invalid port 65536: must be a whole number from 1 to 65535'],
  // Rules.
  ['rule priority 0', f => rule(f, { priority: 0 }), 'Stack/Service/Listener/Rule: invalid priority 0: must be a whole number from 1 to 100'],
  ['rule priority 101', f => rule(f, { priority: 101 }), 'Stack/Service/Listener/Rule: invalid priority 101: must be a whole number from 1 to 100'],
  ['a rule that matches nothing', f => rule(f, { match: {} }),
    "Stack/Service/Listener/Rule: invalid match {}: a rule must match something: give a path, a method or headers (PathMatch.prefix('/') matches every request)"],
  ['a path without a leading slash', f => rule(f, { match: { path: PathMatch.prefix('api') } }),
    "Stack/Service/Listener/Rule: invalid match.path 'api': must start with '/' and contain only letters, digits and @:%_+.~#?&/=- (no wildcards), 128 characters at most"],
  ['a path with a wildcard', f => rule(f, { match: { path: PathMatch.exact('/api/*') } }), "Stack/Service/Listener/Rule: invalid match.path '/api/*': must start with '/'"],
  ['a path of 129 characters', f => rule(f, { match: { path: PathMatch.prefix(`/${long(128)}`) } }),
    `Stack/Service/Listener/Rule: invalid match.path '/${long(128)}': must be 1 to 128 characters long (it has 129)`],
  ['six header matches', f => rule(f, { match: { headers: [1, 2, 3, 4, 5, 6].map(i => HeaderMatch.exact(`h${i}`, 'v')) } }),
    "Stack/Service/Listener/Rule: invalid match.headers '6 items': must have 0 to 5 items"],
  ['a header name of 41 characters', f => rule(f, { match: { headers: [HeaderMatch.exact(long(41), 'v')] } }),
    `Stack/Service/Listener/Rule: invalid match.headers name '${long(41)}': must be 1 to 40 characters long (it has 41)`],
  ['an empty header name', f => rule(f, { match: { headers: [HeaderMatch.exact('', 'v')] } }),
    "Stack/Service/Listener/Rule: invalid match.headers name '': must be 1 to 40 characters long (it has 0)"],
  ['a header value of 129 characters', f => rule(f, { match: { headers: [HeaderMatch.contains('x-a', long(129))] } }),
    `Stack/Service/Listener/Rule: invalid match.headers 'x-a' value '${long(129)}': must be 1 to 128 characters long (it has 129)`],
  ['the PATCH method, which CloudFormation rejects', f => rule(f, { match: { method: 'PATCH' as HttpMethod } }),
    "Stack/Service/Listener/Rule: invalid match.method 'PATCH': must be one of 'CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'TRACE'. CloudFormation rejects PATCH and custom methods"],
  // Actions.
  ['a rule weight of 0', f => rule(f, { action: ListenerAction.weightedForward(weighted(f, [0, 1])) }),
    'Stack/Service/Listener/Rule: invalid action weight 0: must be a whole number from 1 to 999'],
  ['a rule weight of 1000', f => rule(f, { action: ListenerAction.weightedForward(weighted(f, [1000])) }),
    'Stack/Service/Listener/Rule: invalid action weight 1000: must be a whole number from 1 to 999'],
  ['a listener weight of -1', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, [-1])) }),
    'Stack/Service/L: invalid defaultAction weight -1: must be a whole number from 0 to 999'],
  ['a listener weight of 1000', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, [1000])) }),
    'Stack/Service/L: invalid defaultAction weight 1000: must be a whole number from 0 to 999'],
  ['a forward to no target group', f => rule(f, { action: ListenerAction.weightedForward([]) }),
    "Stack/Service/Listener/Rule: invalid action target groups '0 items': must have 1 to 10 items"],
  ['a forward to 11 target groups', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(weighted(f, Array(11).fill(1))) }),
    "Stack/Service/L: invalid defaultAction target groups '11 items': must have 1 to 10 items"],
  ['a fixed response of 403', f => f.service.addListener('L', { defaultAction: ListenerAction.fixedResponse(403) }),
    'Stack/Service/L: invalid defaultAction fixed-response status code 403: must be one of 404, 500. VPC Lattice supports only these two'],
  // Service settings.
  ['an idle timeout of 59 seconds', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.seconds(59) }),
    'Stack/S: invalid idleTimeout 59 seconds: must be a whole number of seconds from 60 to 600'],
  ['an idle timeout of 11 minutes', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.minutes(11) }),
    'Stack/S: invalid idleTimeout 660 seconds: must be a whole number of seconds from 60 to 600'],
  ['an idle timeout of 90.5 seconds', f => new LatticeService(f.stack, 'S', { idleTimeout: Duration.millis(90500) }),
    'Stack/S: invalid idleTimeout 90.5 seconds: must be a whole number of seconds from 60 to 600'],
  // Auth.
  ['an organization ID without o-', f => new ServiceNetwork(f.stack, 'N', { authPolicy: AuthPolicy.organizationOnly('abcdef1234') }),
    "Stack/N: invalid authPolicy organizationId 'abcdef1234': must be an AWS Organizations ID: 'o-' followed by 10 to 32 lowercase letters or digits"],
  ['a grant on a path without a leading slash', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { paths: ['api/*'] }),
    "Stack/Service: invalid grantInvoke paths 'api/*': each path must start with '/' and have no spaces, e.g. '/api/*'"],
  ['a grant on no path', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { paths: [] }),
    "Stack/Service: invalid grantInvoke paths []: give at least one path, or leave paths out to allow every path ('/*')"],
  ['a grant for PATCH', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { methods: ['PATCH' as HttpMethod] }),
    "Stack/Service: invalid grantInvoke methods 'PATCH': must be one of 'CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'TRACE'"],
  // Imports.
  ['a service network ARN with the old servicenetwork- ID prefix', f => ServiceNetwork.fromServiceNetworkArn(f.stack, 'I',
    'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/servicenetwork-0123456789abcdef0'),
  "Stack/I: invalid serviceNetworkArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/servicenetwork-0123456789abcdef0': must be a VPC Lattice ARN like arn:aws:vpc-lattice:<region>:<account>:servicenetwork/sn-<17 characters of 0-9 and a-z>"],
  ['a service ARN of another service', f => LatticeService.fromServiceArn(f.stack, 'I', 'arn:aws:ecs:eu-west-1:111122223333:service/orders'),
    "Stack/I: invalid serviceArn 'arn:aws:ecs:eu-west-1:111122223333:service/orders': must be a VPC Lattice ARN like arn:aws:vpc-lattice:<region>:<account>:service/svc-"],
  ['a service ID with uppercase letters', f => LatticeService.fromServiceAttributes(f.stack, 'I', { serviceId: 'svc-0123456789ABCDEF0' }),
    "Stack/I: invalid serviceId 'svc-0123456789ABCDEF0': must be an ID like svc-<17 characters of 0-9 and a-z>"],
  ['a target group ARN of a service', f => TargetGroupBase.fromTargetGroupArn(f.stack, 'I', 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0'),
    "Stack/I: invalid targetGroupArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0': must be a VPC Lattice ARN like arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-"],
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
