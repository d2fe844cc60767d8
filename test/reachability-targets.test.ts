import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { hop } from './reachability-fixtures';
import { isolatedVpc, strictStack } from './util';
import {
  EcsTargetGroup, IpAddressType, LatticePrefixList, LatticeService, ListenerAction, ListenerProtocol, Reachability, ServiceNetwork,
} from 'cdk-vpc-lattice';

/*
 * The targets hop of IP target groups of each address family: VPC Lattice reaches the targets of an IPv6 group from
 * its IPv6 managed prefix list and those of an IPv4 group from the IPv4 one, two different lists
 * (docs/lattice-facts.md#prefix-lists, docs/lattice-facts.md#reachability). An ECS service's tasks are IP targets whose
 * security groups the app knows. Each case breaks the rule on purpose: the target group's own rule is removed and a rule
 * naming the other family's list put in its place.
 */

/** A client VPC associated with a network whose service forwards HTTPS to the tasks of an ECS service on 8080. */
function tasksBehind(ipAddressType: IpAddressType) {
  const stack = strictStack();
  const clientVpc = isolatedVpc(stack, 'ClientVpc', '10.0.0.0/16');
  const network = new ServiceNetwork(stack, 'Network');
  network.associateVpc(clientVpc);
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'), portMappings: [{ containerPort: 8080 }] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: isolatedVpc(stack, 'ProviderVpc', '10.1.0.0/16') });
  const tasks = new ecs.FargateService(stack, 'Tasks', { cluster, taskDefinition, minHealthyPercent: 100 });
  const group = new EcsTargetGroup(stack, 'Group', { service: tasks, ipAddressType });
  const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
  service.addListener('Https', { protocol: ListenerProtocol.HTTPS, defaultAction: ListenerAction.forward(group) });
  const client = new ec2.SecurityGroup(stack, 'Client', { vpc: clientVpc });
  const securityGroup = tasks.connections.securityGroups[0];
  return { stack, clientVpc, service, client, securityGroup, answer: () => service.canConnect(clientVpc, client) };
}

type Fixture = ReturnType<typeof tasksBehind>;

/** Breaks the targets hop: the group's rule from its own family's list goes, a rule from the other family's list comes. */
function admitOnlyTheOtherList(f: Fixture, ipv6: boolean) {
  const own = LatticePrefixList.idOf(f.securityGroup, { ipv6 });
  f.securityGroup.node.children.filter(rule => rule instanceof ec2.CfnSecurityGroupIngress && rule.sourcePrefixListId === own)
    .forEach(rule => f.securityGroup.node.tryRemoveChild(rule.node.id));
  f.securityGroup.addIngressRule(LatticePrefixList.peer(f.securityGroup, { ipv6: !ipv6 }), ec2.Port.tcp(8080));
}

/** The prefix lists the tasks' security group admits on 8080, by the logical ID of their lookup. */
function admittedLists(f: Fixture): string[] {
  return Object.values(Template.fromStack(f.stack).findResources('AWS::EC2::SecurityGroupIngress'))
    .filter(rule => rule.Properties.SourcePrefixListId !== undefined && rule.Properties.FromPort === 8080)
    .map(rule => String(rule.Properties.SourcePrefixListId['Fn::GetAtt'][0]).replace(/[0-9A-F]{8}$/, ''));
}

const TRAFFIC = 'Targets of Stack/Group: Stack/Tasks (traffic, port 8080)';

describe('the targets of an IPv6 IP target group', () => {
  test('are REACHABLE when their security group admits the IPv6 prefix list, as the group opens it', () => {
    const f = tasksBehind(IpAddressType.IPV6);
    const answer = f.answer();
    expect(admittedLists(f)).toEqual(['VpcLatticeIpv6PrefixList']);
    expect(answer.decision).toBe(Reachability.REACHABLE);
    expect(hop(answer, TRAFFIC)).toEqual(expect.objectContaining({ verdict: Reachability.REACHABLE, reason: expect.stringMatching(/Stack\/Tasks\/SecurityGroup allows tcp 8080-8080 with prefix list/) }));
  });

  test('are BLOCKED when it admits only the IPv4 prefix list, and the reason gives the fix with the IPv6 list', () => {
    const f = tasksBehind(IpAddressType.IPV6);
    admitOnlyTheOtherList(f, true);
    const answer = f.answer();
    expect(admittedLists(f)).toEqual(['VpcLatticePrefixList']);
    expect(answer.decision).toBe(Reachability.BLOCKED);
    expect(answer.hops.filter(h => h.verdict === Reachability.BLOCKED).map(h => h.description)).toEqual([TRAFFIC]);
    expect(hop(answer, TRAFFIC).reason).toBe('missing rule: the security group Stack/Tasks/SecurityGroup allows no TCP port 8080 from the VPC Lattice IPv6 managed ' +
      'prefix list; open it: target.connections.allowFrom(LatticePrefixList.peer(target, { ipv6: true }), ec2.Port.tcp(8080))');
  });

  test('are REACHABLE again once the IPv6 prefix list is admitted beside the IPv4 one', () => {
    const f = tasksBehind(IpAddressType.IPV6);
    admitOnlyTheOtherList(f, true);
    f.securityGroup.addIngressRule(LatticePrefixList.peer(f.securityGroup, { ipv6: true }), ec2.Port.tcp(8080));
    expect(admittedLists(f).sort()).toEqual(['VpcLatticeIpv6PrefixList', 'VpcLatticePrefixList']);
    expect(hop(f.answer(), TRAFFIC).verdict).toBe(Reachability.REACHABLE);
  });
});

test('the targets of an IPv4 group that admit only the IPv6 prefix list are BLOCKED, with the fix for the IPv4 list', () => {
  const f = tasksBehind(IpAddressType.IPV4);
  admitOnlyTheOtherList(f, false);
  expect(admittedLists(f)).toEqual(['VpcLatticeIpv6PrefixList']);
  expect(hop(f.answer(), TRAFFIC)).toEqual(expect.objectContaining({
    verdict: Reachability.BLOCKED,
    reason: expect.stringMatching(/allows no TCP port 8080 from the VPC Lattice managed prefix list; open it: target.connections.allowFrom\(LatticePrefixList.peer\(target\), ec2.Port.tcp\(8080\)\)$/),
  }));
});
