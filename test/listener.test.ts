import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BadInput, named, rejectsEachBadInput, strictStack } from './util';
import {
  HeaderMatch, HttpMethod, IpTargetGroup, LatticeService, Listener, ListenerAction, ListenerProtocol, ListenerRule, PathMatch, TargetGroupBase,
  TargetProtocol,
} from 'cdk-vpc-lattice';

const arn = (suffix: string) => `arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef${suffix}`;

function setup() {
  const stack = strictStack();
  const service = new LatticeService(stack, 'Service');
  const blue = TargetGroupBase.fromTargetGroupArn(stack, 'Blue', arn('0'));
  const green = TargetGroupBase.fromTargetGroupArn(stack, 'Green', arn('1'));
  return { stack, service, blue, green };
}

describe('Listener', () => {
  test('defaults to HTTPS on 443 answering 404', () => {
    const { stack, service } = setup();
    const listener = service.addListener('Https');

    expect(listener.protocol).toBe(ListenerProtocol.HTTPS);
    expect(listener.port).toBe(443);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Listener', {
      ServiceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Id'] },
      Protocol: 'HTTPS',
      Port: 443,
      DefaultAction: { FixedResponse: { StatusCode: 404 } },
      Name: Match.absent(),
    });
  });

  test('HTTP defaults to port 80; a name and a port can be given', () => {
    const { stack, service } = setup();
    service.addListener('Http', { protocol: ListenerProtocol.HTTP });
    service.addListener('Named', { protocol: ListenerProtocol.HTTPS, port: 8443, listenerName: 'secure' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'HTTP', Port: 80 });
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'HTTPS', Port: 8443, Name: 'secure' });
  });

  test('forward sends everything to one group; weightedForward splits; fixedResponse(500) answers 500', () => {
    const { stack, service, blue, green } = setup();
    service.addListener('One', { port: 1001, defaultAction: ListenerAction.forward(blue) });
    service.addListener('Split', { port: 1002, defaultAction: ListenerAction.weightedForward([{ targetGroup: blue, weight: 0 }, { targetGroup: green, weight: 100 }]) });
    service.addListener('Fixed', { port: 1003, defaultAction: ListenerAction.fixedResponse(500) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Listener', {
      Port: 1001, DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: arn('0'), Weight: Match.absent() }] } },
    });
    template.hasResourceProperties('AWS::VpcLattice::Listener', {
      Port: 1002,
      DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: arn('0'), Weight: 0 }, { TargetGroupIdentifier: arn('1'), Weight: 100 }] } },
    });
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Port: 1003, DefaultAction: { FixedResponse: { StatusCode: 500 } } });
  });

  test('actions report the target groups they send requests to', () => {
    const { blue, green } = setup();
    expect(ListenerAction.weightedForward([{ targetGroup: blue, weight: 1 }, { targetGroup: green, weight: 2 }]).targetGroups).toEqual([blue, green]);
    expect(ListenerAction.fixedResponse(404).targetGroups).toEqual([]);
  });

  test('a listener can be made directly for a service', () => {
    const { stack, service } = setup();
    const listener = new Listener(stack, 'Direct', { service, protocol: ListenerProtocol.HTTP });
    expect(service.listeners).toEqual([listener]);
  });
});

describe('rules', () => {
  test('a rule matches path, method and headers and forwards by weight', () => {
    const { stack, service, blue, green } = setup();
    const listener = service.addListener('Https');
    const rule = listener.addRule('Canary', {
      priority: 10,
      match: { path: PathMatch.prefix('/api'), method: HttpMethod.GET, headers: [HeaderMatch.exact('x-canary', 'true')] },
      action: ListenerAction.weightedForward([{ targetGroup: blue, weight: 90 }, { targetGroup: green, weight: 10 }]),
      ruleName: 'canary',
    });

    expect(rule.priority).toBe(10);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Rule', {
      ServiceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Id'] },
      ListenerIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceHttps'), 'Id'] },
      Name: 'canary',
      Priority: 10,
      Match: {
        HttpMatch: {
          Method: 'GET',
          PathMatch: { Match: { Prefix: '/api' }, CaseSensitive: Match.absent() },
          HeaderMatches: [{ Name: 'x-canary', Match: { Exact: 'true' }, CaseSensitive: Match.absent() }],
        },
      },
      Action: { Forward: { TargetGroups: [{ TargetGroupIdentifier: arn('0'), Weight: 90 }, { TargetGroupIdentifier: arn('1'), Weight: 10 }] } },
    });
  });

  test('exact paths, header prefix and contains matches, and case sensitivity render as CloudFormation expects', () => {
    const { stack, service, blue } = setup();
    service.addListener('Https').addRule('Legacy', {
      priority: 20,
      match: {
        path: PathMatch.exact('/v1', { caseSensitive: true }),
        headers: [HeaderMatch.prefix('user-agent', 'curl/'), HeaderMatch.contains('cookie', 'beta=1', { caseSensitive: true })],
      },
      action: ListenerAction.forward(blue),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Rule', {
      Match: {
        HttpMatch: {
          Method: Match.absent(),
          PathMatch: { Match: { Exact: '/v1' }, CaseSensitive: true },
          HeaderMatches: [
            { Name: 'user-agent', Match: { Prefix: 'curl/' } },
            { Name: 'cookie', Match: { Contains: 'beta=1' }, CaseSensitive: true },
          ],
        },
      },
      Action: { Forward: { TargetGroups: [{ TargetGroupIdentifier: arn('0') }] } },
    });
  });

  test('a rule can answer with a fixed response and can be made directly for a listener', () => {
    const { stack, service } = setup();
    const listener = service.addListener('Https');
    new ListenerRule(stack, 'Block', { listener, priority: 1, match: { method: HttpMethod.TRACE }, action: ListenerAction.fixedResponse(404) });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Rule', {
      Priority: 1, Match: { HttpMatch: { Method: 'TRACE' } }, Action: { FixedResponse: { StatusCode: 404 } },
    });
  });

  test('two rules with one priority on a listener are an error, naming both', () => {
    const { stack, service, blue } = setup();
    const listener = service.addListener('Https');
    listener.addRule('A', { priority: 7, match: { path: PathMatch.prefix('/a') }, action: ListenerAction.forward(blue) });
    expect(() => new ListenerRule(stack, 'B', { listener, priority: 7, match: { path: PathMatch.prefix('/b') }, action: ListenerAction.forward(blue) }))
      .toThrow(/Stack\/Service\/Https: invalid priority 7: .*Stack\/Service\/Https\/A and Stack\/B share it/);
  });

  test('rules given as props with one priority are named by their places in the list, not by one construct path twice', () => {
    const { service, blue } = setup();
    const rule = { priority: 3, match: { path: PathMatch.prefix('/a') }, action: ListenerAction.forward(blue) };
    expect(() => service.addListener('Https', { rules: [rule, { ...rule, match: { path: PathMatch.prefix('/b') } }] }))
      .toThrow(/Stack\/Service\/Https: invalid priority 3: rule priorities must be unique within a listener, and rules\[0\] and rules\[1\] share it$/);
    const listener = service.addListener('Other');
    listener.addRule('First', rule);
    expect(() => listener.addRule('Second', rule)).toThrow(/Stack\/Service\/Other: invalid priority 3: .*Stack\/Service\/Other\/First and Stack\/Service\/Other\/Second share it/);
  });

  test('the same priority on two listeners is fine', () => {
    const { stack, service, blue } = setup();
    service.addListener('Http', { protocol: ListenerProtocol.HTTP }).addRule('A', { priority: 7, match: { method: HttpMethod.GET }, action: ListenerAction.forward(blue) });
    service.addListener('Https').addRule('A', { priority: 7, match: { method: HttpMethod.GET }, action: ListenerAction.forward(blue) });
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::Rule', 2);
  });
});

/** A service on a custom domain, with a TCP target group to forward to: what a TLS passthrough listener needs. */
function tlsSetup(stack: Stack = strictStack()) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'] });
  const tcp = new IpTargetGroup(stack, 'Tcp', { vpc, port: 8443, protocol: TargetProtocol.TCP, targets: ['10.0.1.10'] });
  const service = new LatticeService(stack, 'Service', { customDomain: { domainName: 'broker.internal.example.com' } });
  return { stack, vpc, tcp, service, tls: { protocol: ListenerProtocol.TLS_PASSTHROUGH, port: 443, defaultAction: ListenerAction.forward(tcp) } };
}

describe('TLS passthrough listeners', () => {
  test('forward to TCP target groups on the port given, by weight too, on a service with a custom domain and no certificate', () => {
    const { stack, tcp, service, tls } = tlsSetup();
    const listener = service.addListener('Tls', tls);
    service.addListener('Split', { ...tls, port: 8443, defaultAction: ListenerAction.weightedForward([{ targetGroup: tcp, weight: 100 }]) });

    expect([listener.protocol, listener.port, listener.rules]).toEqual([ListenerProtocol.TLS_PASSTHROUGH, 443, []]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Service', { CustomDomainName: 'broker.internal.example.com', CertificateArn: Match.absent() });
    template.hasResourceProperties('AWS::VpcLattice::Listener', {
      Protocol: 'TLS_PASSTHROUGH',
      Port: 443,
      DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Tcp'), 'Arn'] } }] } },
    });
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'TLS_PASSTHROUGH', Port: 8443, DefaultAction: { Forward: { TargetGroups: [{ Weight: 100 }] } } });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'IP', Config: { Protocol: 'TCP', Port: 8443, ProtocolVersion: Match.absent() } });
  });

  test('given as props, a TLS passthrough listener is named after its protocol and port', () => {
    const { tls, stack } = tlsSetup();
    const service = new LatticeService(stack, 'Props', { customDomain: { domainName: 'props.internal.example.com' }, listeners: [tls] });
    expect(service.listeners.map(listener => listener.node.id)).toEqual(['TlsPassthrough443']);
  });
});

type TlsFixture = ReturnType<typeof tlsSetup>;
/** Each rule of TLS passthrough listeners (docs/lattice-facts.md#tls-passthrough), with an input it rejects and its message. */
const TLS_BAD_INPUT: Array<BadInput<TlsFixture>> = [
  ['no port (VPC Lattice documents no default)', f => f.service.addListener('Tls', { ...f.tls, port: undefined }),
    /Stack\/Service\/Tls: invalid port undefined: give the port: TLS_PASSTHROUGH listeners have no default port .*e\.g\. port: 443/],
  ['no default action (the default, a 404, is a fixed response)', f => f.service.addListener('Tls', { ...f.tls, defaultAction: undefined }),
    /Stack\/Service\/Tls: invalid defaultAction undefined: TLS_PASSTHROUGH listeners .*give defaultAction: ListenerAction\.forward\(targetGroup\) \(or weightedForward\) with a TCP target group/],
  ['a fixed response', f => f.service.addListener('Tls', { ...f.tls, defaultAction: ListenerAction.fixedResponse(404) }),
    /Stack\/Service\/Tls: invalid defaultAction 'fixed response 404': TLS_PASSTHROUGH listeners .*cannot answer themselves; use ListenerAction\.forward or weightedForward with TCP target groups/],
  ['a rule added', f => f.service.addListener('Tls', f.tls).addRule('Api', { priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(f.tcp) }),
    /Stack\/Service\/Tls: invalid rule 'Stack\/Service\/Tls\/Api': TLS_PASSTHROUGH listeners take no rules.*give them another service/],
  ['a rule given as a prop', f => f.service.addListener('Tls', { ...f.tls, rules: [{ priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(f.tcp) }] }),
    named("Stack/Service/Tls: invalid rule 'Stack/Service/Tls/Rule1'")],
  ['a rule made directly for the listener', f => new ListenerRule(f.stack, 'Direct', {
    listener: f.service.addListener('Tls', f.tls), priority: 1, match: { path: PathMatch.prefix('/') }, action: ListenerAction.forward(f.tcp),
  }), named("Stack/Service/Tls: invalid rule 'Stack/Direct'")],
  ['a service without a custom domain', f => new LatticeService(f.stack, 'Plain').addListener('Tls', f.tls),
    /Stack\/Plain: invalid customDomain undefined: the TLS_PASSTHROUGH listener Stack\/Plain\/Tls needs the service to have a custom domain name: .*SNI.*Give customDomain: \{ domainName, hostedZone \}/],
  ['a service without a custom domain, listeners as props', f => new LatticeService(f.stack, 'Plain', { listeners: [f.tls] }),
    named('Stack/Plain: invalid customDomain undefined')],
];

rejectsEachBadInput(TLS_BAD_INPUT, tlsSetup);
