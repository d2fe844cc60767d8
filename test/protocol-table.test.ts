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
 * The protocol rules of VPC Lattice (facts sheet §1.3 Listener, Rule and TargetGroup, and UG:tls-listeners), checked
 * through the public API for every listener protocol × target-group protocol × protocol version × kind of target group.
 * The expectations are written from the facts, not read from the library's table.
 */

type Kind = 'IP' | 'INSTANCE' | 'ALB';
const KINDS: Kind[] = ['IP', 'INSTANCE', 'ALB'];
const PROTOCOLS = [TargetProtocol.HTTP, TargetProtocol.HTTPS, TargetProtocol.TCP];
const VERSIONS = [ProtocolVersion.HTTP1, ProtocolVersion.HTTP2, ProtocolVersion.GRPC];

function fixture() {
  const stack = strictStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const group = (kind: Kind, protocol: TargetProtocol, protocolVersion: ProtocolVersion): ITargetGroup => {
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
        return new AlbTargetGroup(stack, 'Group', { loadBalancer, listener, port: 8443, protocol, protocolVersion });
      }
    }
  };
  return { stack, vpc, group };
}

/** What VPC Lattice says of a kind of target group with this protocol and version: undefined when it takes it. */
function targetGroupRule(kind: Kind, protocol: TargetProtocol, version: ProtocolVersion): RegExp | undefined {
  if (protocol === TargetProtocol.TCP) {
    // ALB groups take their ALB listener's protocol (HTTP or HTTPS); TCP on IP and instance groups comes with TLS passthrough.
    return kind === 'ALB' ? /invalid protocol 'TCP': an ALB target group takes the protocol of its ALB listener/ : /invalid protocol 'TCP': .*come with TLS passthrough support/;
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
      Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: kind, Config: { Protocol: protocol } });
    }
  });

  test('Lambda target groups have neither protocol nor version', () => {
    const stack = strictStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
    new LambdaTargetGroup(stack, 'Group', { function: fn });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Type: 'LAMBDA', Config: { Protocol: Match.absent(), ProtocolVersion: Match.absent(), LambdaEventStructureVersion: 'V1' },
    });
  });
});

describe('which listener may forward to which target group', () => {
  // Groups every listener protocol may be asked to forward to: the ones a kind takes.
  const cases = [ListenerProtocol.HTTP, ListenerProtocol.HTTPS].flatMap(listenerProtocol => KINDS.flatMap(kind =>
    [TargetProtocol.HTTP, TargetProtocol.HTTPS].flatMap(protocol => VERSIONS
      .filter(version => !targetGroupRule(kind, protocol, version))
      .flatMap(version => ['default action', 'rule'].map(site => [listenerProtocol, kind, protocol, version, site] as const)))));

  test.each(cases)('%s listener to a %s group (%s %s), as its %s', (listenerProtocol, kind, protocol, version, site) => {
    const f = fixture();
    const group = f.group(kind, protocol, version);
    const listener = new LatticeService(f.stack, 'Service').addListener('Listener', {
      protocol: listenerProtocol,
      defaultAction: site === 'rule' ? ListenerAction.fixedResponse(404) : ListenerAction.forward(group),
    });
    if (site === 'rule') {
      listener.addRule('Rule', { priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(group) });
    }
    Template.fromStack(f.stack);
    // Behind an HTTP listener, requests are HTTP/1.1, which HTTP2 and gRPC groups reject: it deploys, and fails at run time.
    const fails = listenerProtocol === ListenerProtocol.HTTP && version !== ProtocolVersion.HTTP1;
    const warnings = Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('protocolVersionNeedsHttps'));
    expect(warnings.map(warning => warning.id)).toEqual(fails ? [`/Stack/Service/Listener${site === 'rule' ? '/Rule' : ''}`] : []);
  });

  test('TLS_PASSTHROUGH listeners come with TLS passthrough support', () => {
    const f = fixture();
    expect(() => new LatticeService(f.stack, 'Service').addListener('Tls', { protocol: ListenerProtocol.TLS_PASSTHROUGH, port: 443 }))
      .toThrow(/Stack\/Service\/Tls: invalid protocol 'TLS_PASSTHROUGH': .*come with TLS passthrough support/);
  });
});

describe('health-check defaults that follow from the protocol and version', () => {
  test.each([
    [TargetProtocol.HTTP, ProtocolVersion.HTTP1, { Enabled: true, Protocol: 'HTTP', ProtocolVersion: 'HTTP1' }],
    [TargetProtocol.HTTPS, ProtocolVersion.HTTP1, { Enabled: true, Protocol: 'HTTPS', ProtocolVersion: 'HTTP1' }],
    [TargetProtocol.HTTPS, ProtocolVersion.HTTP2, { Enabled: false }],
    [TargetProtocol.HTTPS, ProtocolVersion.GRPC, { Enabled: false }],
  ])('a %s %s group', (protocol, protocolVersion, healthCheck) => {
    const f = fixture();
    new IpTargetGroup(f.stack, 'Group', { vpc: f.vpc, protocol, protocolVersion });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', { Config: { HealthCheck: healthCheck } });
  });

  test('HTTP2 and GRPC groups given any health-check setting are checked in HTTP/2, in their own protocol', () => {
    const f = fixture();
    new IpTargetGroup(f.stack, 'Group', { vpc: f.vpc, protocol: TargetProtocol.HTTPS, protocolVersion: ProtocolVersion.GRPC, healthCheck: { path: '/health' } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Config: { HealthCheck: { Enabled: true, Protocol: 'HTTPS', ProtocolVersion: 'HTTP2', Path: '/health' } },
    });
  });
});
