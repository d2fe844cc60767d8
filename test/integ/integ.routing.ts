import { App, Stack } from 'aws-cdk-lib';
import { answeringFunction, clientFunction, expectAnswer, integApp, integTest, integVpc } from './common';
import {
  HeaderMatch, LambdaEventStructureVersion, LambdaTargetGroup, LatticeService, ListenerAction, ListenerProtocol, PathMatch, ServiceNetwork,
} from '../../src';

/*
 * Weighted routing and rules. Three Lambda targets answer with their own names (blue, green, legacy). The service's
 * HTTPS listener sends 80% of requests to blue and 20% to green by default; a header rule (x-canary: true) sends all
 * to green, a path rule (/legacy*) to legacy, and an exact path (/gone) gets a fixed 404.
 *
 * Asserted: 200 requests split 80/20 within 0.1 of each share (a share of 200 requests drawn at 20% has a standard
 * deviation under 0.03); the header and path rules answer green and legacy; /gone answers 404. Settles the order in
 * which the target groups' Lambda permissions and the listener are deployed (docs/lattice-facts.md, Verified on AWS).
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegRouting');
  const vpc = integVpc(stack, 'ClientVpc', '10.20.0.0/16');
  const network = new ServiceNetwork(stack, 'Network');
  network.associateVpc(vpc);

  const group = (name: string) => new LambdaTargetGroup(stack, `${name}Targets`, {
    function: answeringFunction(stack, name, name.toLowerCase()), eventStructureVersion: LambdaEventStructureVersion.V2,
  });
  const [blue, green, legacy] = ['Blue', 'Green', 'Legacy'].map(group);

  const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
  const listener = service.addListener('Https', {
    protocol: ListenerProtocol.HTTPS,
    defaultAction: ListenerAction.weightedForward([{ targetGroup: blue, weight: 80 }, { targetGroup: green, weight: 20 }]),
  });
  listener.addRule('Canary', { priority: 10, match: { headers: [HeaderMatch.exact('x-canary', 'true')] }, action: ListenerAction.forward(green) });
  listener.addRule('Legacy', { priority: 20, match: { path: PathMatch.prefix('/legacy') }, action: ListenerAction.forward(legacy) });
  listener.addRule('Gone', { priority: 30, match: { path: PathMatch.exact('/gone') }, action: ListenerAction.fixedResponse(404) });

  const caller = clientFunction(stack, 'Caller', vpc, 'http-caller');
  service.grantInvoke(caller.role!);

  const test = integTest(app, 'Routing', [stack]);
  const url = (path: string) => `https://${service.domainName}${path}`;
  expectAnswer(test, caller, { url: url('/'), count: 200, expectShares: { blue: 0.8, green: 0.2 }, tolerance: 0.1 }, 'withinTolerance', true);
  expectAnswer(test, caller, { url: url('/'), headers: { 'x-canary': 'true' }, count: 10 }, 'counts.green', 10);
  expectAnswer(test, caller, { url: url('/legacy/orders') }, 'body', 'legacy');
  expectAnswer(test, caller, { url: url('/gone') }, 'status', 404);
  return { stack, test };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
