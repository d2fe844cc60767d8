import { CfnParameter, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { BadInput, deployTimeValues, named, rejectsEachBadInput, strictStack, wrong } from './util';
import {
  AlbTargetGroup, AuthPolicy, EcsTargetGroup, HeaderMatch, HttpMethod, InstanceTargetGroup, IpTargetGroup, LambdaTargetGroup, LatticeDashboard,
  LatticeService, Listener, ListenerAction, ListenerProtocol, ListenerRule, PathMatch, ServiceNetwork, ServiceNetworkServiceAssociation,
  ServiceNetworkVpcAssociation, TargetGroupBase,
} from 'cdk-vpc-lattice';

const TG_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0';

interface Fixture {
  readonly stack: Stack;
  readonly service: LatticeService;
  readonly group: ReturnType<typeof TargetGroupBase.fromTargetGroupArn>;
  /** An imported VPC with the given ID. */
  vpc(vpcId?: string): ec2.IVpc;
}

function fixture(): Fixture {
  const stack = strictStack();
  const service = new LatticeService(stack, 'Service');
  const vpc = (vpcId = 'vpc-0123456789abcdef0') => ec2.Vpc.fromVpcAttributes(stack, `Vpc${vpcId}`, {
    vpcId, vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['eu-west-1a'],
  });
  return { stack, service, group: TargetGroupBase.fromTargetGroupArn(stack, 'Group', TG_ARN), vpc };
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
  ['a grant for an empty method', f => f.service.grantInvoke(new iam.AccountRootPrincipal(), { methods: ['' as HttpMethod] }),
    named("Stack/Service: invalid grantInvoke methods ''")],
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

/**
 * Inputs that once crashed with a TypeError, were accepted though CloudFormation or VPC Lattice rejects them, or
 * were named badly. Each is now rejected with a message naming the path, the property and the value as given.
 */
const ONCE_MISHANDLED: Array<BadInput<Fixture>> = [
  // Crashes: values of the wrong type, as JavaScript callers (and jsii languages) can pass them.
  ['a null service name', f => new LatticeService(f.stack, 'S', { serviceName: wrong(null) }),
    named('Stack/S: invalid serviceName null: must be a string (or left out')],
  ['a list for a service name (which aws-cdk-lib itself would fail on)', f => new LatticeService(f.stack, 'S', { serviceName: wrong(['orders']) }),
    named("Stack/S: invalid serviceName ['orders']: must be a string")],
  ['a null listener name', f => f.service.addListener('L', { listenerName: wrong(null) }), named('Stack/Service/L: invalid listenerName null')],
  ['a null health check', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc(), healthCheck: wrong(null) }),
    named("Stack/G: invalid healthCheck null: must be an object like { path: '/health'")],
  ['a null match', f => rule(f, { match: wrong(null) }), named('Stack/Service/Listener/Rule: invalid match null: must be an object')],
  ['PathMatch.prefix(null)', f => rule(f, { match: { path: PathMatch.prefix(wrong(null)) } }),
    named("Stack/Service/Listener/Rule: invalid match.path null: give the path, like PathMatch.prefix('/api')")],
  ['weightedForward(null)', f => f.service.addListener('L', { defaultAction: ListenerAction.weightedForward(wrong(null)) }),
    named('Stack/Service/L: invalid defaultAction target groups null: give 1 to 10 target groups')],
  ['a string for the principals of a share', f => f.service.shareWith({ principals: wrong('111122223333') }),
    named("Stack/Service: invalid shareWith principals '111122223333': must be a list, like ['111122223333']")],
  ['a string for the targets of an IP group', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc(), targets: wrong('10.0.1.10') }),
    named("Stack/G: invalid targets '10.0.1.10': must be a list, like ['10.0.1.10']")],
  ['one header match instead of a list', f => rule(f, { match: { headers: wrong(HeaderMatch.exact('x-a', 'b')) } }),
    named('Stack/Service/Listener/Rule: invalid match.headers {"kind":"exact","name":"x-a","value":"b","options":{}}: must be a list')],
  ['a number for the idle timeout', f => new LatticeService(f.stack, 'S', { idleTimeout: wrong(60) }),
    named('Stack/S: invalid idleTimeout 60: must be a Duration, like Duration.seconds(60)')],
  ['a path given as a string instead of a PathMatch', f => rule(f, { match: { path: wrong('/api') } }),
    named("Stack/Service/Listener/Rule: invalid match.path '/api': must be a PathMatch, like PathMatch.prefix('/api')")],
  ['a null rule in a listener\'s props', f => f.service.addListener('L', { rules: wrong([null]) }),
    named('Stack/Service/L: invalid rule null: must be an object like { priority: 10')],
  ['a null port, which is not the default port', f => f.service.addListener('L', { port: wrong(null) }), named('Stack/Service/L: invalid port null')],
  ['a target group given as the service of a listener (both have registerListener)',
    f => new Listener(f.stack, 'X', { service: wrong(new IpTargetGroup(f.stack, 'G', { vpc: f.vpc() })) }),
    /Stack\/X: invalid service .*: must be an ILatticeService, like a LatticeService/],
  ['a service given as the target group of a forward action', f => f.service.addListener('L', { defaultAction: ListenerAction.forward(wrong(f.service)) }),
    /Stack\/Service\/L: invalid defaultAction targetGroup .*: must be an ITargetGroup, like an IpTargetGroup/],
  ...([
    ['LatticeService', (f: Fixture) => new LatticeService(f.stack, 'X', wrong(null))],
    ['ServiceNetwork', (f: Fixture) => new ServiceNetwork(f.stack, 'X', wrong(null))],
    ['Listener', (f: Fixture) => new Listener(f.stack, 'X', wrong(null))],
    ['ListenerRule', (f: Fixture) => new ListenerRule(f.stack, 'X', wrong(null))],
    ['IpTargetGroup', (f: Fixture) => new IpTargetGroup(f.stack, 'X', wrong(null))],
    ['InstanceTargetGroup', (f: Fixture) => new InstanceTargetGroup(f.stack, 'X', wrong(null))],
    ['LambdaTargetGroup', (f: Fixture) => new LambdaTargetGroup(f.stack, 'X', wrong(null))],
    ['AlbTargetGroup', (f: Fixture) => new AlbTargetGroup(f.stack, 'X', wrong(null))],
    ['EcsTargetGroup', (f: Fixture) => new EcsTargetGroup(f.stack, 'X', wrong(null))],
    ['LatticeDashboard', (f: Fixture) => new LatticeDashboard(f.stack, 'X', wrong(null))],
    ['ServiceNetworkVpcAssociation', (f: Fixture) => new ServiceNetworkVpcAssociation(f.stack, 'X', wrong(null))],
    ['ServiceNetworkServiceAssociation', (f: Fixture) => new ServiceNetworkServiceAssociation(f.stack, 'X', wrong(null))],
  ] as const).map(([construct, build]): BadInput<Fixture> => [`props of null for a ${construct}`, build, named('Stack/X: invalid props null: must be an object like')]),
  ['a string for the props of a service (which were taken for none)', f => new LatticeService(f.stack, 'X', wrong('orders')),
    named("Stack/X: invalid props 'orders': must be an object like")],
  ['listener options of null', f => f.service.addListener('L', wrong(null)), named('Stack/Service: invalid addListener options null')],
  ['imported service attributes of null', f => LatticeService.fromServiceAttributes(f.stack, 'I', wrong(null)),
    named("Stack/I: invalid attributes null: must be an object like { serviceArn: 'arn:aws:vpc-lattice:<region>:<account>:service/svc-…' }")],
  ['a service of null in a network', f => new ServiceNetwork(f.stack, 'N').associateService(wrong(null)), named('Stack/N: invalid service null')],
  // False accepts.
  ['two listeners with one name in a service', f => {
    f.service.addListener('A', { listenerName: 'api', protocol: ListenerProtocol.HTTP });
    f.service.addListener('B', { listenerName: 'api' });
  }, named("Stack/Service/B: invalid listenerName 'api': listener names must be unique within a service, and the listener Stack/Service/A")],
  ['two rules with one name in a listener', f => {
    const listener = f.service.addListener('L');
    listener.addRule('A', { priority: 1, ruleName: 'canary', match: { path: PathMatch.prefix('/a') }, action: ListenerAction.fixedResponse(404) });
    listener.addRule('B', { priority: 2, ruleName: 'canary', match: { path: PathMatch.prefix('/b') }, action: ListenerAction.fixedResponse(404) });
  }, named("Stack/Service/L/B: invalid ruleName 'canary': rule names must be unique within a listener, and the rule Stack/Service/L/A")],
  ['one custom domain on two services of a network', f => {
    const network = new ServiceNetwork(f.stack, 'N');
    new LatticeService(f.stack, 'A', { serviceNetwork: network, customDomain: { domainName: 'orders.example.com' } });
    new LatticeService(f.stack, 'B', { serviceNetwork: network, customDomain: { domainName: 'Orders.example.com' } });
  }, named("Stack/N/BAssociation: invalid customDomain.domainName of the service Stack/B 'Orders.example.com': Stack/A already has it in the service network Stack/N")],
  ['an IPv6 target with a zone ID', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc(), ipAddressType: wrong('IPV6'), targets: ['fe80::1%eth0'] }),
    named("Stack/G: invalid targets 'fe80::1%eth0': must be an IPv6 address like 'fd00::10' (without a zone ID")],
  ['an empty certificate ARN', f => new LatticeService(f.stack, 'S', {
    customDomain: { domainName: 'orders.example.com', certificate: acm.Certificate.fromCertificateArn(f.stack, 'C', '') },
  }), named("Stack/S: invalid customDomain.certificate certificateArn '': must be the ARN of an ACM certificate")],
  ['a certificate ARN of another service', f => new LatticeService(f.stack, 'S', {
    customDomain: { domainName: 'orders.example.com', certificate: acm.Certificate.fromCertificateArn(f.stack, 'C', 'arn:aws:iam::111122223333:server-certificate/x') },
  }), named("Stack/S: invalid customDomain.certificate certificateArn 'arn:aws:iam::111122223333:server-certificate/x'")],
  ['an empty method in a rule match', f => rule(f, { match: { method: wrong('') } }), named("Stack/Service/Listener/Rule: invalid match.method ''")],
  ['a forward to several groups without weights', f => f.service.addListener('L', {
    defaultAction: ListenerAction.weightedForward(wrong([{ targetGroup: f.group }, { targetGroup: TargetGroupBase.fromTargetGroupArn(f.stack, 'G2', TG_ARN) }])),
  }), named('Stack/Service/L: invalid defaultAction weight undefined: give each target group a weight when forwarding to several')],
  ['a malformed VPC ID in an imported VPC', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc('vpc-123') }),
    named("Stack/G: invalid vpc.vpcId 'vpc-123': must be a VPC ID: 'vpc-' followed by 8 or 17 hexadecimal digits")],
  ['a malformed VPC ID in a VPC association', f => new ServiceNetwork(f.stack, 'N').associateVpc(f.vpc('vpc-0123456789ABCDEF0')),
    named("Stack/N: invalid vpc.vpcId 'vpc-0123456789ABCDEF0'")],
  // Weak messages: NaN and infinities as JavaScript writes them, empty imports named.
  ['a port of NaN', f => f.service.addListener('L', { port: NaN }), named('Stack/Service/L: invalid port NaN: must be a whole number')],
  ['a weight of Infinity', f => rule(f, { action: ListenerAction.weightedForward([{ targetGroup: f.group, weight: Infinity }]) }),
    named('Stack/Service/Listener/Rule: invalid action weight Infinity')],
  ['a threshold of -Infinity', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc(), healthCheck: { healthyThresholdCount: -Infinity } }),
    named('Stack/G: invalid healthCheck.healthyThresholdCount -Infinity')],
  ['a status code of NaN', f => f.service.addListener('L', { defaultAction: ListenerAction.fixedResponse(NaN) }),
    named('Stack/Service/L: invalid defaultAction fixed-response status code NaN')],
  ['an IP target with a port past 65535, as written', f => new IpTargetGroup(f.stack, 'G', { vpc: f.vpc(), targets: ['10.0.1.10:99999999999999999999'] }),
    named("Stack/G: invalid targets '10.0.1.10:99999999999999999999': the port of a target must be a whole number from 1 to 65535")],
  ['an empty service network ARN', f => ServiceNetwork.fromServiceNetworkAttributes(f.stack, 'I', { serviceNetworkArn: '' }),
    named("Stack/I: invalid serviceNetworkArn '': must be a VPC Lattice ARN")],
  ['an empty service ID', f => LatticeService.fromServiceAttributes(f.stack, 'I', { serviceId: '' }), named("Stack/I: invalid serviceId '': must be an ID")],
  // Auth-policy contents: what can never apply in an auth policy, checked where a statement arrives, whichever way it does.
  ['an S3 action in a service auth policy', f => f.service.addToAuthPolicy(statement({ actions: ['s3:GetObject'] })),
    named("Stack/Service: invalid auth policy action 's3:GetObject' (statement 1 of the auth policy): actions must be 'vpc-lattice-svcs:Invoke'")],
  ['vpc-lattice:Invoke, which does not exist', f => f.service.addToAuthPolicy(statement({ actions: ['vpc-lattice:Invoke'] })),
    named("invalid auth policy action 'vpc-lattice:Invoke' (statement 1 of the auth policy): actions must be 'vpc-lattice-svcs:Invoke' (HTTP and gRPC requests), " +
      "'vpc-lattice-svcs:Connect' (TLS passthrough connections) or a pattern that matches one of them, like 'vpc-lattice-svcs:*': VPC Lattice evaluates " +
      "no other action in an auth policy. 'vpc-lattice:Invoke' does not exist for callers: 'vpc-lattice:' is the prefix of the API that manages VPC " +
      "Lattice; did you mean 'vpc-lattice-svcs:Invoke'?")],
  ['a federated principal in a network auth policy', f => new ServiceNetwork(f.stack, 'N', {
    authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({ statements: [statement({ principals: [new iam.FederatedPrincipal('cognito-identity.amazonaws.com')] })] })),
  }), named('Stack/N: invalid auth policy principal {"Federated":"cognito-identity.amazonaws.com"}')],
  ['a grant to a service principal', f => f.service.grantInvoke(new iam.ServicePrincipal('lambda.amazonaws.com')),
    named('Stack/Service: invalid auth policy principal {"Service":"lambda.amazonaws.com"}')],
  ['an S3 bucket as a resource', f => f.service.addToAuthPolicy(statement({ resources: ['arn:aws:s3:::my-bucket/*'] })),
    named("invalid auth policy resource 'arn:aws:s3:::my-bucket/*' (statement 1 of the auth policy): resources must be '*' or ARNs of VPC Lattice services")],
  ['a target group ARN as a resource', f => f.service.addToAuthPolicy(statement({ resources: [TG_ARN] })), named(`invalid auth policy resource '${TG_ARN}'`)],
  ['a statement without principals', f => f.service.addToAuthPolicy(statement({ principals: [] })),
    named('Stack/Service: invalid auth policy principals undefined (statement 1 of the auth policy): a statement of an auth policy needs principals: add principals: [new iam.AnyPrincipal()]')],
];

/** An auth-policy statement that applies, changed as given. */
function statement(props: iam.PolicyStatementProps): iam.PolicyStatement {
  return new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'], ...props });
}

rejectsEachBadInput([...BAD_INPUT, ...ONCE_MISHANDLED], fixture);

describe('values CloudFormation and VPC Lattice accept are accepted', () => {
  test('lengths are counted in characters: a header value of 65 emoji (130 UTF-16 units) is 65 long', () => {
    const f = fixture();
    rule(f, { match: { headers: [HeaderMatch.exact('x-mood', '😀'.repeat(65))] } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::Rule', { Match: { HttpMatch: { HeaderMatches: [{ Match: { Exact: '😀'.repeat(65) } }] } } });
  });

  test('a list only known at deploy time (a CommaDelimitedList parameter) shares with its principals', () => {
    const f = fixture();
    const principals = new CfnParameter(f.stack, 'Principals', { type: 'CommaDelimitedList' }).valueAsList;
    f.service.shareWith({ principals });
    Template.fromStack(f.stack).hasResourceProperties('AWS::RAM::ResourceShare', { Principals: { Ref: 'Principals' } });
  });

  test('a grant for PATCH and for a custom method: an auth-policy condition takes any method name', () => {
    const f = fixture();
    f.service.grantInvoke(new iam.AccountRootPrincipal(), { methods: wrong(['PATCH', 'PURGE']) });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: { Statement: [{ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['PATCH', 'PURGE'] } } }] },
    });
  });

  test('the Route 53 record of a service at a deep path has a comment of at most 256 characters, ending with the path', () => {
    const f = fixture();
    let scope: Construct = f.stack;
    for (let depth = 0; depth < 12; depth++) { scope = new Construct(scope, `Platform${depth}${'x'.repeat(20)}`); }
    const zone = route53.PublicHostedZone.fromHostedZoneAttributes(f.stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
    new LatticeService(scope, 'Orders', { customDomain: { domainName: 'orders.example.com', hostedZone: zone } });
    const records = Template.fromStack(f.stack).findResources('AWS::Route53::RecordSet');
    const comment: string = Object.values(records)[0].Properties.Comment;
    expect([...comment].length).toBeLessThanOrEqual(256);
    expect(comment).toMatch(/^VPC Lattice service …\/.*\/Platform11x{20}\/Orders$/);
  });

  test("auth-policy statements VPC Lattice evaluates are accepted: '*' and vpc-lattice-svcs:* actions, service and network ARN patterns, tokens", () => {
    const f = fixture();
    const { text } = deployTimeValues(f.stack);
    f.service.addToAuthPolicy(statement({ actions: ['*'] }));
    f.service.addToAuthPolicy(statement({ actions: ['vpc-lattice-svcs:*', 'VPC-Lattice-Svcs:Conn*'], resources: [`${f.service.serviceArn}/api/*`] }));
    f.service.addToAuthPolicy(statement({ actions: undefined, notActions: ['vpc-lattice-svcs:Connect'], resources: ['arn:aws:vpc-lattice:*:111122223333:service/*'] }));
    f.service.addToAuthPolicy(statement({ actions: [text('Action')], resources: ['arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0', text('Resource')] }));
    f.service.addToAuthPolicy(statement({ principals: [new iam.ArnPrincipal('arn:aws:iam::111122223333:role/caller'), new iam.AccountPrincipal('111122223333')] }));
    f.service.addToAuthPolicy(statement({ principals: [new iam.StarPrincipal()] }));
    Template.fromStack(f.stack).resourceCountIs('AWS::VpcLattice::AuthPolicy', 1);
  });
});

describe('auth-policy statements are judged where they are added, and again at synth', () => {
  test('a bad statement throws from the call that adds it, so that the stack trace leads to that line', () => {
    const f = fixture();
    let error: Error | undefined;
    try {
      f.service.addToAuthPolicy(statement({ actions: ['s3:GetObject'] }));
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error?.message).toMatch(named("Stack/Service: invalid auth policy action 's3:GetObject' (statement 1 of the auth policy)"));
    // The frame below the library's is this test's.
    const frames = error!.stack!.split('\n').filter(line => line.trim().startsWith('at '));
    const caller = frames.find(frame => !/[\\/](src|lib)[\\/]|node_modules/.test(frame));
    expect(caller).toContain('validation.test.ts');
    expect(() => f.service.grantInvoke(new iam.ServicePrincipal('lambda.amazonaws.com'))).toThrow(named('Stack/Service: invalid auth policy principal {"Service":"lambda.amazonaws.com"}'));
    const network = new ServiceNetwork(f.stack, 'Network');
    expect(() => network.addToAuthPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], resources: ['*'] })))
      .toThrow(/Stack\/Network: auth policy: A PolicyStatement must specify at least one 'action' or 'notAction'/);
  });

  test('a statement that goes wrong after it was added is an error at synth', () => {
    const f = fixture();
    const added = statement({});
    f.service.addToAuthPolicy(added);
    added.addActions('s3:GetObject');
    expect(() => Template.fromStack(f.stack)).toThrow(named("[Stack/Service] invalid auth policy action 's3:GetObject' (statement 1 of the auth policy)"));
  });
});

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

  test('number tokens of every kind pass where a literal number is checked, and sit below the bound the checks rely on', () => {
    const f = fixture();
    const listener = f.service.addListener('L', { protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.fixedResponse(404) });
    const tokens = [
      Lazy.number({ produce: () => 10 }),
      Token.asNumber({ resolve: () => 20, creationStack: [], toString: () => 'Priority' }),
      new CfnParameter(f.stack, 'Priority', { type: 'Number' }).valueAsNumber,
    ];
    tokens.forEach((priority, index) => listener.addRule(`Rule${index}`, { priority, match: { path: PathMatch.prefix('/api') }, action: ListenerAction.fixedResponse(404) }));
    // isToken (src/private/validation.ts) takes every number above -1e288 for a literal without asking aws-cdk-lib.
    tokens.forEach(token => expect(token).toBeLessThan(-1e288));
    const rules = Template.fromStack(f.stack).findResources('AWS::VpcLattice::Rule');
    expect(Object.values(rules).map(resource => resource.Properties.Priority)).toEqual([10, 20, { Ref: 'Priority' }]);
  });
});
