/*
 * An app whose topology labels hold everything that could break a Mermaid diagram or its page: quotes, brackets and
 * braces, `#` and entity-like text, HTML, Mermaid keywords and arrows, icon and style syntax, pipes, backticks,
 * backslashes, `%%`, a formula (`$$x^2$$`), and unicode (accents, CJK, an emoji beyond the BMP). Its stacks are named `end`, `o` and `x`, so
 * that node IDs start with a Mermaid keyword and with the letters Mermaid reads as arrow heads. The unit tests and
 * the browser check both draw it.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AuthType, HeaderMatch, HttpMethod, IpTargetGroup, LatticeService, ListenerAction, ListenerProtocol, PathMatch, ServiceNetwork, TargetGroupBase,
} from 'cdk-vpc-lattice';

/** Construct IDs that become labels. */
export const NASTY_IDS = {
  vpc: 'Vpc "quoted" [brackets] {braces} (parens)',
  network: 'Network #1; #quot; &amp; <b>bold</b> & end',
  service: 'Café ü 中文 🚀 `backtick` | pipe \\ backslash $$x^2$$',
  rule: 'classDef --> A[x] end',
  targets: '%% not a comment; click callback "a" fa:fa-car style:x#35;',
};

/** Header match values that become labels (CloudFormation takes them: at most 40 and 128 characters). */
export const NASTY_HEADERS = {
  name: 'x-"q"<i>',
  value: '<script>alert(1)</script> ]] )) }} |',
  containsName: 'x-[b]',
  containsValue: '{c} ; %% :::x end subgraph',
};

export function nastyApp(): App {
  const app = new App();
  const clients = new Stack(app, 'end', { stackName: 'nasty-end' });
  const services = new Stack(app, 'o', { stackName: 'nasty-o' });
  const targets = new Stack(app, 'x', { stackName: 'nasty-x' });

  const vpc = new ec2.Vpc(clients, NASTY_IDS.vpc, { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const network = new ServiceNetwork(clients, NASTY_IDS.network, { authType: AuthType.NONE });
  network.associateVpc(vpc);

  const service = new LatticeService(services, NASTY_IDS.service, { authType: AuthType.NONE, serviceNetwork: network });
  const providerVpc = ec2.Vpc.fromVpcAttributes(targets, 'ProviderVpc', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], vpcCidrBlock: '10.0.0.0/16',
  });
  const ips = new IpTargetGroup(targets, NASTY_IDS.targets, { vpc: providerVpc, targets: ['10.0.1.10', '10.0.1.11:8080'] });
  const imported = TargetGroupBase.fromTargetGroupArn(targets, 'Imported', 'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0');

  const listener = service.addListener('Http', { protocol: ListenerProtocol.HTTP, defaultAction: ListenerAction.fixedResponse(404) });
  listener.addRule(NASTY_IDS.rule, {
    priority: 1,
    match: {
      path: PathMatch.prefix('/a#b?c=1&d=%20:x~@+'),
      method: HttpMethod.GET,
      headers: [
        HeaderMatch.exact(NASTY_HEADERS.name, NASTY_HEADERS.value),
        HeaderMatch.contains(NASTY_HEADERS.containsName, NASTY_HEADERS.containsValue),
      ],
    },
    action: ListenerAction.weightedForward([{ targetGroup: ips, weight: 3 }, { targetGroup: imported, weight: 1 }]),
  });
  return app;
}
