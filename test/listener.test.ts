import { Match, Template } from 'aws-cdk-lib/assertions';
import { named, strictStack } from './util';
import {
  HeaderMatch, HttpMethod, LatticeService, Listener, ListenerAction, ListenerProtocol, ListenerRule, PathMatch, TargetGroupBase,
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

  test('TLS_PASSTHROUGH is rejected until TCP target groups exist, saying so', () => {
    const { service } = setup();
    expect(() => service.addListener('Tls', { protocol: ListenerProtocol.TLS_PASSTHROUGH, port: 443 }))
      .toThrow(named("Stack/Service/Tls: invalid protocol 'TLS_PASSTHROUGH'"));
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

  test('rules given as props with one priority fail with the message addRule gives, not a clash of construct IDs', () => {
    const { service, blue } = setup();
    const rule = { priority: 3, match: { path: PathMatch.prefix('/a') }, action: ListenerAction.forward(blue) };
    expect(() => service.addListener('Https', { rules: [rule, { ...rule, match: { path: PathMatch.prefix('/b') } }] }))
      .toThrow(/Stack\/Service\/Https: invalid priority 3: .*Stack\/Service\/Https\/Rule3 and Stack\/Service\/Https\/Rule3 share it/);
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
