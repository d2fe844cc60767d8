import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { AclNeed, EPHEMERAL, judgeVpcAcls } from './acls';
import {
  clientParty, forwardsOf, isImportedNetwork, latticeParty, listenersOf, resourceOf,
  resourceWays, rulesOf, serviceWays, targetsOf, vpcOfGroup, vpcRange, WayIn, wayParty,
} from './facts';
import { judgeRules, Judgement, Party, Ports, Value, Verdict, weakest } from './judge';
import { resourceNameHop, serviceNameHop } from './names';
import type { ILatticeService } from '../interfaces';
import { checkHasMember, checkInteger, checkStruct, checkVpc, invalidValueError } from '../private/validation';
import type { IResourceConfiguration } from '../resources/interfaces';

/*
 * The hops of a path from a client into VPC Lattice and on to targets or a resource, each judged from the facts the
 * app's constructs own (./facts.ts), each rule from the AWS documentation (docs/lattice-facts.md#reachability).
 */

/** What a hop is, which names its warning when a path the app declares is blocked there. */
export type HopKind = 'wayIn' | 'nameResolution' | 'clientEgress' | 'wayIngress' | 'listener' | 'targets' | 'gatewayEgress' | 'resourceIngress'
| 'networkAcls';

/** One judged hop. */
export interface Hop extends Judgement {
  readonly kind: HopKind;
  readonly description: string;
  /** The line of code that opens a blocked hop. */
  readonly fix?: string;
  /** The constructs the hop leads from and to, for the topology. */
  readonly from?: IConstruct;
  readonly to?: IConstruct;
}

/** An answer: the weakest of its hops, and the hops in path order. */
export interface Answer {
  readonly decision: Verdict;
  readonly hops: Hop[];
  readonly way?: WayIn;
}

/** The client as the reachability answers take it: any connectable construct with security groups. */
export type Client = ec2.IConnectable & IConstruct;

function answer(hops: Hop[], way?: WayIn): Answer {
  return { decision: weakest(hops.map(hop => hop.verdict)), hops, way };
}

/** A side of a path whose subnets' network ACLs are judged: the VPC, what the side is, the directions it needs. */
interface AclSide {
  readonly vpc?: ec2.IVpc;
  readonly side: string;
  readonly needs: AclNeed[];
  readonly ipv6?: boolean;
  /** Why the side's needs are not documented: then it is never BLOCKED (./acls.ts). */
  readonly open?: string;
}

/** The network-ACL hops of a path's sides, one per VPC and side (./acls.ts). */
function aclHops(sides: AclSide[]): Hop[] {
  const hops: Hop[] = [];
  const seen = new Set<string>();
  for (const { vpc, side, needs, ipv6, open } of sides) {
    const id = `${vpc?.node.path}\u0000${side}\u0000${JSON.stringify(needs)}`;
    if (!vpc || seen.has(id)) { continue; }
    seen.add(id);
    const judged = judgeVpcAcls(vpc, side, needs, ipv6, open);
    if (judged) {
      hops.push({ kind: 'networkAcls', description: `Network ACLs of ${vpc.node.path} (${side})`, ...judged, fix: 'acl.addEntry(...) for both directions' });
    }
  }
  return hops;
}

/** What a side that opens connections needs: out on the port, in on the ephemeral ports (stateless ACLs). */
const opener = (ports: Ports): AclNeed[] => (ports.udp ? [{ egress: true, ports }] : [{ egress: true, ports }, { egress: false, ports: EPHEMERAL }]);
/** What a side that takes connections needs: in on the port, out on the ephemeral ports. */
const taker = (ports: Ports): AclNeed[] => [{ egress: false, ports }, { egress: true, ports: EPHEMERAL }];

/** The arguments of `canConnect`, checked: a VPC, a client with security groups, a port of 1 to 65535. */
export function checkArguments(scope: IConstruct, vpc: unknown, client: unknown, options: unknown) {
  checkVpc(scope, 'canConnect vpc', vpc as ec2.IVpc, { required: true });
  checkHasMember(scope, 'canConnect client', client, 'connections', {
    like: 'an ec2.IConnectable with security groups, like an ec2.SecurityGroup, an ec2.Instance, a lambda.Function in a VPC or an ecs.FargateService',
    required: true,
  });
  const groups = (client as ec2.IConnectable).connections?.securityGroups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw invalidValueError(scope, 'canConnect client', (client as IConstruct).node?.path ?? client,
      'must have security groups (a lambda.Function outside a VPC, or an ec2.Peer, has none): give the security group of the client');
  }
  checkStruct(scope, 'canConnect options', options, { like: '{ port: 443 }' });
  const port = (options as { port?: number } | undefined)?.port;
  if (port !== undefined && (typeof port !== 'number' || Token.isUnresolved(port))) {
    throw invalidValueError(scope, 'canConnect port', port, 'must be a TCP port number from 1 to 65535');
  }
  checkInteger(scope, 'canConnect port', port, 1, 65535);
}

const single = (port: number): Ports => ({ from: port, to: port });

/** The Open fact of the traffic VPC Lattice sends into a resource gateway (docs/lattice-facts.md#reachability). */
const GATEWAY_INBOUND = 'AWS does not document whether network ACLs filter the traffic VPC Lattice sends into a resource gateway';

/** A tunnel endpoint takes GENEVE: UDP 6081. */
const GENEVE: Ports = { from: 6081, to: 6081, udp: true };

/** Whether `client` in `vpc` reaches `service`, on `port` or on each of its listeners. */
export function serviceAnswer(service: ILatticeService, vpc: ec2.IVpc, client: Client | undefined, port?: number): Answer {
  const ways = serviceWays(service, vpc);
  const listeners = listenersOf(service, port);
  const far = (way?: WayIn): Hop[] => [serviceNameHop(service, vpc, way), ...(listeners.length === 0
    ? [noListener(service, port)]
    : listeners.flatMap(listener => {
      const ports = single(listener.port);
      return [...(way ? wayHops(way, vpc, client, ports) : []), ...targetHops(listener)];
    }))];
  if (ways.length === 0) {
    const imported = service.serviceNetworks.some(isImportedNetwork);
    return answer([{
      kind: 'wayIn',
      description: 'The way in',
      verdict: imported ? 'UNKNOWN' : 'BLOCKED',
      to: service,
      reason: imported
        ? 'the service is in a service network imported into this app, whose associations and endpoints are not known here'
        : `missing: ${vpc.node.path} is neither associated with a service network of ${service.node.path} nor has an endpoint to one (a VPC reaches only the one network it is associated with)`,
      fix: service.serviceNetworks.length > 0 ? 'network.associateVpc(vpc), or network.addVpcEndpoint(vpc)' : 'network.associateService(service)',
    }]);
  }
  const acls = listeners.flatMap(listener => [{ vpc, side: 'client', needs: opener(single(listener.port)) },
    ...forwardsOf(listener).groups.flatMap(group => {
      const targets = targetsOf(group);
      return targets.kind !== 'opened' ? [] : targets.admitted.map(admitted => ({
        vpc: vpcOfGroup(group), side: 'targets', needs: admitted.ports.flatMap(targetPort => taker(single(targetPort))), ipv6: admitted.ipv6,
      }));
    })]);
  const answers = ways.map(way => answer([wayInHop(way, service), ...far(way), ...aclHops(acls)], way));
  return answers.find(candidate => candidate.decision === 'REACHABLE') ?? answers.find(candidate => candidate.decision === 'UNKNOWN') ?? answers[0];
}

function wayInHop(way: WayIn, to: IConstruct): Hop {
  return {
    kind: 'wayIn',
    description: 'The way in',
    verdict: 'REACHABLE',
    from: way.vpc,
    to,
    reason: `${way.vpc.node.path} reaches it through the ${way.kind} ${way.construct.node.path}`,
  };
}

function noListener(service: ILatticeService, port?: number): Hop {
  return {
    kind: 'listener',
    description: 'The listener',
    verdict: 'BLOCKED',
    to: service,
    reason: port === undefined ? `missing: ${service.node.path} has no listener` : `missing: ${service.node.path} has no listener on port ${port}`,
    fix: `service.addListener({ port: ${port ?? 443} })`,
  };
}

/** Client egress, then the ingress of the association or endpoint. */
function wayHops(way: WayIn, vpc: ec2.IVpc, client: Client | undefined, ports: Ports): Hop[] {
  const hops: Hop[] = [];
  const near: ec2.IConnectable[] = [way.construct, ...(client ? [client] : [])];
  if (client) {
    const judged = judgeRules(client.connections.securityGroups.map(group => rulesOf(group, 'egress', near)), wayParty(way), ports, 'to');
    hops.push({
      kind: 'clientEgress',
      description: 'Client egress',
      ...judged,
      from: client,
      to: way.construct,
      fix: `client.connections.allowTo(${way.kind}, ${portCode(ports)})`,
    });
  }
  const rules = way.construct.connections.securityGroups.map(group => rulesOf(group, 'ingress', near));
  // Without a client, the clients the way admits: its VPC's range, or members of the groups its rules name.
  const party: Party = client ? clientParty(client, vpc) : {
    name: `the clients of ${vpc.node.path}`,
    cidrs: [vpcRange(vpc)],
    securityGroupIds: rules.flatMap(group => group.rules.map(rule => rule.securityGroupId).filter(id => id !== undefined)),
  };
  const judged = judgeRules(rules, party, ports, 'from');
  hops.push({
    kind: 'wayIngress',
    description: `${way.kind === 'association' ? 'Association' : 'Endpoint'} ingress`,
    ...judged,
    from: client ?? vpc,
    to: way.construct,
    fix: `${way.kind}.connections.allowFrom(client, ${portCode(ports)})`,
  });
  return hops;
}

const show = (value: unknown) => (typeof value === 'number' ? String(value) : 'port');
const portCode = (ports: Ports) => (ports.from === ports.to || typeof ports.from !== 'number'
  ? `ec2.Port.${ports.udp ? 'udp' : 'tcp'}(${show(ports.from)})` : `ec2.Port.tcpRange(${ports.from}, ${show(ports.to)})`);

/** The targets of each group the listener forwards to, on the traffic and health-check ports. */
function targetHops(listener: ILatticeService['listeners'][number]): Hop[] {
  const { groups, fixed } = forwardsOf(listener);
  const hops: Hop[] = [];
  if (fixed) {
    hops.push({ kind: 'targets', description: 'Targets', verdict: 'REACHABLE', from: listener, reason: `${listener.node.path} answers some requests with a fixed response` });
  }
  for (const group of groups) {
    const targets = targetsOf(group);
    const hop = { kind: 'targets' as const, description: `Targets of ${group.node.path}`, from: listener, to: group };
    if (targets.kind === 'lambda') {
      hops.push({ ...hop, verdict: 'REACHABLE', reason: 'the target group gives vpc-lattice.amazonaws.com lambda:InvokeFunction on its function' });
    } else if (targets.kind === 'imported') {
      hops.push({ ...hop, verdict: 'UNKNOWN', reason: 'the target group is imported: its targets are not known here' });
    } else if (targets.kind === 'ip') {
      hops.push({ ...hop, verdict: 'UNKNOWN', reason: 'IP targets: the security groups of the addresses are not known here; they must admit the VPC Lattice managed prefix list' });
    } else if (targets.kind === 'none') {
      hops.push({ ...hop, verdict: 'UNKNOWN', reason: 'no targets are registered in this app (they may be registered elsewhere)' });
    } else if (targets.kind === 'opened') {
      for (const admitted of targets.admitted) {
        const lattice = latticeParty(admitted.target, admitted.ipv6);
        for (const targetPort of [...new Set(admitted.ports)]) {
          const targetRules = admitted.target.connections.securityGroups.map(securityGroup => rulesOf(securityGroup, 'ingress'));
          const judged = judgeRules(targetRules, lattice, single(targetPort), 'from');
          const what = targetPort === admitted.ports[0] ? 'traffic' : 'health checks';
          const fix = `target.connections.allowFrom(LatticePrefixList.peer(target${admitted.ipv6 ? ', { ipv6: true }' : ''}), ec2.Port.tcp(${targetPort}))`;
          hops.push({
            ...hop,
            ...judged,
            // No warning names a blocked target (the group opens its targets itself): the answer says the fix.
            reason: judged.verdict === 'BLOCKED' ? `${judged.reason}; open it: ${fix}` : judged.reason,
            to: admitted.target,
            description: `Targets of ${group.node.path}: ${admitted.target.node.path} (${what}, port ${targetPort})`,
            fix,
          });
        }
      }
    }
  }
  return hops;
}

/** Whether `client` in `vpc` reaches a resource configuration, through a resource endpoint or a service network. */
export function resourceAnswer(configuration: IResourceConfiguration, vpc: ec2.IVpc, client: Client | undefined, port?: number): Answer {
  const ways = resourceWays(configuration, vpc);
  const ranges = portsOf(configuration, port);
  if (ways.length === 0) {
    return answer([{
      kind: 'wayIn',
      description: 'The way in',
      verdict: 'BLOCKED',
      to: configuration,
      reason: `missing: ${vpc.node.path} has no resource endpoint to ${configuration.node.path} and no association with a service network it is associated with`,
      fix: 'configuration.addVpcEndpoint(vpc), or network.associateResource(configuration) and network.associateVpc(vpc)',
    }]);
  }
  const answers = ways.map(way => answer([
    wayInHop(way, configuration), ...[resourceNameHop(configuration, vpc, way) ?? []].flat(),
    ...(way.tunnel ? wayHops(way, vpc, client, GENEVE) : []),
    ...ranges.flatMap(ports => [...(way.tunnel ? [] : wayHops(way, vpc, client, ports)), ...resourceHops(configuration, ports)]),
    ...aclHops([...(way.tunnel ? [{ vpc, side: 'client', needs: opener(GENEVE) }] : []), ...ranges.flatMap(ports => [
      ...(way.tunnel ? [] : [{ vpc, side: 'client', needs: opener(ports) }]),
      { vpc: resourceOf(configuration)?.vpc, side: 'resource gateway', needs: opener(ports) },
      { vpc: resourceOf(configuration)?.vpc, side: 'resource gateway inbound', needs: taker(ports), open: GATEWAY_INBOUND },
    ])]),
  ], way));
  return answers.find(candidate => candidate.decision === 'REACHABLE') ?? answers.find(candidate => candidate.decision === 'UNKNOWN') ?? answers[0];
}

export function portsOf(configuration: IResourceConfiguration, port?: number): Ports[] {
  if (port !== undefined) { return [single(port)]; }
  if (!configuration.ports) { return [{ from: 1, to: 65535 }]; }
  return configuration.ports.map(range => {
    const json = configuration.stack.resolve(range.toRuleJson());
    return { from: json.fromPort, to: json.toPort };
  });
}

/** A segment's ranges of one family, each to be reached. */
function rangesOf(destination: { ranges?: string[] }, ipv6: boolean): Value[][] | undefined {
  const ranges = destination.ranges?.filter(range => range.includes(':') === ipv6).map(range => [range]);
  return ranges && ranges.length > 0 ? ranges : undefined;
}

/** The gateway's egress to the resource, and the resource's ingress from the gateway. */
export function resourceHops(configuration: IResourceConfiguration, ports: Ports): Hop[] {
  const resource = resourceOf(configuration);
  if (!resource) {
    return [{ kind: 'gatewayEgress', description: 'Resource gateway egress', verdict: 'UNKNOWN', to: configuration, reason: 'the configuration is imported or in a group: its gateway is not known here' }];
  }
  const { gateway, destination } = resource;
  const near: ec2.IConnectable[] = destination.connections ? [destination.connections] : [];
  const to: Party = {
    name: destination.what,
    securityGroupIds: destination.connections?.connections.securityGroups.map(group => group.stack.resolve(group.securityGroupId)),
    cidrs: destination.cidr ? [[destination.cidr]] : rangesOf(destination, false),
    cidrsIpv6: destination.cidrIpv6 ? [[destination.cidrIpv6]] : rangesOf(destination, true),
  };
  const egress = judgeRules(gateway.connections.securityGroups.map(group => rulesOf(group, 'egress', near)), to, ports, 'to');
  const hops: Hop[] = [{
    kind: 'gatewayEgress',
    description: 'Resource gateway egress',
    ...egress,
    from: gateway,
    to: destination.connections ?? configuration,
    fix: `gateway.connections.allowTo(resource, ${portCode(ports)})`,
  }];
  if (!destination.connections) {
    hops.push({
      kind: 'resourceIngress',
      description: 'Resource ingress',
      verdict: 'UNKNOWN',
      from: gateway,
      to: configuration,
      reason: `${destination.what} is not a construct of this app: whether it admits the resource gateway's addresses is not known here`,
    });
    return hops;
  }
  const from: Party = {
    name: `the resource gateway ${gateway.node.path}`,
    securityGroupIds: gateway.connections.securityGroups.map(group => group.stack.resolve(group.securityGroupId)),
    cidrs: resource.vpc ? [vpcRange(resource.vpc)] : undefined,
  };
  const ingress = judgeRules(destination.connections.connections.securityGroups.map(group => rulesOf(group, 'ingress', [gateway])), from, ports, 'from');
  hops.push({
    kind: 'resourceIngress',
    description: 'Resource ingress',
    ...ingress,
    from: gateway,
    to: destination.connections,
    fix: 'resource.connections.allowDefaultPortFrom(gateway)',
  });
  return hops;
}
