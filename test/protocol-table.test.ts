import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { strictStack } from './util';
import {
  AlbTargetGroup, InstanceTargetGroup, IpTargetGroup, ITargetGroup, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol,
  PathMatch, ProtocolVersion, TargetProtocol,
} from 'cdk-vpc-lattice';

/*
 * The protocol rules of VPC Lattice (docs/lattice-facts.md#listeners, #tls-passthrough, #actions, #target-groups,
 * #protocol-versions, #health-checks and #lambda-targets),
 * checked through the public API for every listener protocol × target-group protocol × protocol version × kind of
 * target group.
 * The expectations are written from the facts, not read from the library's table.
 */

type Kind = 'IP' | 'INSTANCE' | 'ALB';
const KINDS: Kind[] = ['IP', 'INSTANCE', 'ALB'];
const PROTOCOLS = [TargetProtocol.HTTP, TargetProtocol.HTTPS, TargetProtocol.TCP];
/** Every version, and none (`undefined`: the prop left out). */
const VERSIONS = [undefined, ProtocolVersion.HTTP1, ProtocolVersion.HTTP2, ProtocolVersion.GRPC];
const LISTENER_PROTOCOLS = [ListenerProtocol.HTTP, ListenerProtocol.HTTPS, ListenerProtocol.TLS_PASSTHROUGH];

function fixture() {
  const stack = strictStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const group = (kind: Kind | 'LAMBDA', protocol?: TargetProtocol, protocolVersion?: ProtocolVersion): ITargetGroup => {
    switch (kind) {
      case 'IP': return new IpTargetGroup(stack, 'Group', { vpc, port: 8443, protocol, protocolVersion });
      case 'INSTANCE': return new InstanceTargetGroup(stack, 'Group', { vpc, port: 8443, protocol, protocolVersion });
      case 'ALB': {
        // The ALB listener is imported, so the group takes the port and protocol it is given.
        const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
        const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'AlbListener', {
          listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/alb/0123456789abcdef/0123456789abcdef',
          securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'AlbSg', 'sg-12345678'),
        });
        return new AlbTargetGroup(stack, 'Group', { loadBalancer, listener, port: 8443, protocol: protocol ?? TargetProtocol.HTTP, protocolVersion });
      }
      case 'LAMBDA': {
        const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
        return new LambdaTargetGroup(stack, 'Group', { function: fn });
      }
    }
  };
  /** A service for a listener of this protocol: TLS passthrough needs a custom domain. */
  const service = (listenerProtocol: ListenerProtocol) => new LatticeService(stack, 'Service', {
    customDomain: listenerProtocol === ListenerProtocol.TLS_PASSTHROUGH ? { domainName: 'broker.internal.example.com' } : undefined,
  });
  return { stack, vpc, group, service };
}

/** What VPC Lattice says of a kind of target group with this protocol and version: undefined when it takes it. */
function targetGroupRule(kind: Kind, protocol: TargetProtocol, version: ProtocolVersion | undefined): RegExp | undefined {
  if (protocol === TargetProtocol.TCP) {
    // ALB groups take their ALB listener's protocol (HTTP or HTTPS); TCP groups carry TLS unread, so no HTTP version.
    if (kind === 'ALB') { return /invalid protocol 'TCP': an ALB target group takes the protocol of its ALB listener/; }
    return version ? new RegExp(`invalid protocolVersion '${version}': TCP target groups have no protocol version`) : undefined;
  }
  if (kind === 'ALB' && version === ProtocolVersion.GRPC) {
    return /invalid protocolVersion 'GRPC': ALB target groups take ProtocolVersion.HTTP1 or HTTP2/;
  }
  return undefined;
}

describe('which protocol and version each kind of target group takes', () => {
  const cases = KINDS.flatMap(kind => PROTOCOLS.flatMap(protocol => VERSIONS.map(version => [kind, protocol, version] as const)));

  test.each(cases)('%s group, %s, %s', (kind, protocol, version) => {
    const f = fixture();
    const rule = targetGroupRule(kind, protocol, version);
    if (rule) {
      expect(() => f.group(kind, protocol, version)).toThrow(rule);
    } else {
      f.group(kind, protocol, version);
      // HTTP and HTTPS groups default to HTTP1 (written for IP and instance groups); TCP groups have no version.
      const written = protocol === TargetProtocol.TCP ? Match.absent() : version ?? (kind === 'ALB' ? Match.absent() : 'HTTP1');
      Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: kind, Config: { Protocol: protocol, ProtocolVersion: written } });
    }
  });

  test('Lambda target groups have neither protocol nor version', () => {
    const f = fixture();
    f.group('LAMBDA');
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'LAMBDA', Config: { Protocol: Match.absent(), ProtocolVersion: Match.absent(), LambdaEventStructureVersion: 'V1' },
    });
  });
});

/** What VPC Lattice says of a listener of this protocol forwarding to this group: an error, a warning, or nothing. */
function forwardRule(listener: ListenerProtocol, kind: Kind | 'LAMBDA', protocol?: TargetProtocol, version?: ProtocolVersion) {
  if (listener === ListenerProtocol.TLS_PASSTHROUGH) {
    // docs/lattice-facts.md#tls-passthrough: only to TCP groups, and no Lambda behind TLS passthrough.
    if (kind === 'LAMBDA') { return { error: /TLS_PASSTHROUGH listener: Lambda target groups cannot be behind TLS_PASSTHROUGH listeners/ }; }
    return protocol === TargetProtocol.TCP ? {} : { error: /TLS_PASSTHROUGH listener: a TLS_PASSTHROUGH listener forwards connections only to TCP target groups/ };
  }
  if (protocol === TargetProtocol.TCP) {
    return { error: new RegExp(`${listener} listener: a TCP target group can only be behind a TLS_PASSTHROUGH listener`) };
  }
  // Behind an HTTP listener, requests are HTTP/1.1, which HTTP2 and gRPC groups reject: it deploys, and fails at run time.
  return { warns: listener === ListenerProtocol.HTTP && (version === ProtocolVersion.HTTP2 || version === ProtocolVersion.GRPC) };
}

describe('which listener may forward to which target group', () => {
  // Every group a kind takes (those the first matrix accepts), and a Lambda group, as a default action and in a rule.
  const groups = [
    ...KINDS.flatMap(kind => PROTOCOLS.flatMap(protocol => VERSIONS
      .filter(version => !targetGroupRule(kind, protocol, version))
      .map(version => [kind, protocol, version] as const))),
    ['LAMBDA', undefined, undefined] as const,
  ];
  const cases = LISTENER_PROTOCOLS.flatMap(listenerProtocol => groups.flatMap(([kind, protocol, version]) =>
    ['default action', 'rule'].map(site => [listenerProtocol, kind, protocol, version, site] as const)))
    // TLS passthrough listeners take no rules (tested in listener.test.ts); their default action is the only site.
    .filter(([listenerProtocol, , , , site]) => listenerProtocol !== ListenerProtocol.TLS_PASSTHROUGH || site === 'default action');

  test.each(cases)('%s listener to a %s group (%s %s), as its %s', (listenerProtocol, kind, protocol, version, site) => {
    const f = fixture();
    const group = f.group(kind, protocol, version);
    const rule = forwardRule(listenerProtocol, kind, protocol, version);
    const build = () => {
      const listener = f.service(listenerProtocol).addListener('Listener', {
        protocol: listenerProtocol,
        port: 8443,
        defaultAction: site === 'rule' ? ListenerAction.fixedResponse(404) : ListenerAction.forward(group),
      });
      if (site === 'rule') {
        listener.addRule('Rule', { priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(group) });
      }
      Template.fromStack(f.stack);
    };
    if (rule.error) {
      expect(build).toThrow(new RegExp(`Stack/Service/Listener${site === 'rule' ? '/Rule' : ''}: invalid ${site === 'rule' ? 'action' : 'defaultAction'} 'Stack/Group': ${rule.error.source}`));
      return;
    }
    build();
    const warnings = Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('protocolVersionNeedsHttps'));
    expect(warnings.map(warning => warning.id)).toEqual(rule.warns ? [`/Stack/Service/Listener${site === 'rule' ? '/Rule' : ''}`] : []);
  });
});

describe('health-check defaults that follow from the protocol and version', () => {
  test.each([
    [TargetProtocol.HTTP, ProtocolVersion.HTTP1, {}, { Enabled: true, Protocol: 'HTTP', ProtocolVersion: 'HTTP1' }],
    [TargetProtocol.HTTPS, ProtocolVersion.HTTP1, {}, { Enabled: true, Protocol: 'HTTPS', ProtocolVersion: 'HTTP1' }],
    [TargetProtocol.HTTPS, ProtocolVersion.HTTP2, {}, { Enabled: false }],
    [TargetProtocol.HTTPS, ProtocolVersion.GRPC, {}, { Enabled: false }],
    // docs/lattice-facts.md#tls-passthrough: off for TCP groups; asked for, they need an HTTP or HTTPS protocol and a version.
    [TargetProtocol.TCP, undefined, {}, { Enabled: false }],
    [TargetProtocol.TCP, undefined, { enabled: true }, { Enabled: true, Protocol: 'HTTP', ProtocolVersion: 'HTTP1', Path: '/' }],
    [TargetProtocol.TCP, undefined, { path: '/health', port: 8080 }, { Enabled: true, Protocol: 'HTTP', ProtocolVersion: 'HTTP1', Path: '/health', Port: 8080 }],
    [TargetProtocol.TCP, undefined, { protocol: TargetProtocol.HTTPS }, { Enabled: true, Protocol: 'HTTPS', ProtocolVersion: 'HTTP1' }],
  ])('a %s %s group given %j', (protocol, protocolVersion, healthCheck, rendered) => {
    const f = fixture();
    new IpTargetGroup(f.stack, 'Group', { vpc: f.vpc, port: 8443, protocol, protocolVersion, healthCheck });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { HealthCheck: rendered } });
  });

  test('HTTP2 and GRPC groups given any health-check setting are checked in HTTP/2, in their own protocol', () => {
    const f = fixture();
    new IpTargetGroup(f.stack, 'Group', { vpc: f.vpc, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.GRPC, healthCheck: { path: '/health' } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Config: { HealthCheck: { Enabled: true, Protocol: 'HTTPS', ProtocolVersion: 'HTTP2', Path: '/health' } },
    });
  });
});
