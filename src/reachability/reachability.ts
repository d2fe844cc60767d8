import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { configurationWays, isImportedNetwork, networkWays, resourceOf } from './facts';
import { Answer, portsOf, resourceAnswer, resourceHops, serviceAnswer } from './hops';
import { weakest } from './judge';
import type { ILatticeService, IServiceNetwork } from '../interfaces';
import type { IResourceConfiguration } from '../resources/interfaces';

/**
 * What a reachability answer says about a path or one of its hops.
 */
export enum ReachabilityVerdict {
  /** The rules the app defines let the traffic through. */
  REACHABLE = 'REACHABLE',
  /** A rule is missing: the reason names it. */
  BLOCKED = 'BLOCKED',
  /** A value known only at deploy time, or a fact AWS does not document, decides it: the reason names it. */
  UNKNOWN = 'UNKNOWN',
}

/**
 * One hop of a path: the way in, name resolution, client egress, association or endpoint ingress, targets, the
 * resource gateway and the resource.
 */
export interface ReachabilityHop {
  /** What the hop is, like 'Client egress'. */
  readonly description: string;
  /** Whether the traffic passes this hop. */
  readonly verdict: ReachabilityVerdict;
  /** The rule that lets the traffic through, the rule that is missing, or the value that is not known. */
  readonly reason: string;
}

/**
 * Whether a client's connections reach a service or a resource, decided from the rules the app defines.
 */
export interface ReachabilityAnswer {
  /** BLOCKED when a hop is, else UNKNOWN when a hop is, else REACHABLE. */
  readonly decision: ReachabilityVerdict;
  /** The hops in path order. */
  readonly hops: ReachabilityHop[];
}

/**
 * Options of `canConnect`.
 */
export interface CanConnectOptions {
  /**
   * The TCP port the client connects to, 1 to 65535.
   *
   * @default - each listener's port of a service; each port range of a resource configuration
   */
  readonly port?: number;
}

/**
 * One path of the app: from the clients of a VPC (through one way in) to a service, a resource configuration or an
 * imported network; or, without a VPC, from a resource gateway to its resource.
 */
interface AppPath {
  readonly vpc?: ec2.IVpc;
  readonly to: IConstruct;
  readonly answer: Answer;
}

/**
 * The reachability answers of a whole app: every VPC that has a way into VPC Lattice (an association or an endpoint),
 * to every service and resource configuration it can reach, for the clients its ways admit. No client is given, so
 * client egress is not judged: `service.canConnect(vpc, client)` judges it for one client.
 */
export class Reachability {
  /** The rules the app defines let the traffic through. */
  public static readonly REACHABLE = ReachabilityVerdict.REACHABLE;
  /** A rule is missing. */
  public static readonly BLOCKED = ReachabilityVerdict.BLOCKED;
  /** A value known only at deploy time, or a fact AWS does not document, decides it. */
  public static readonly UNKNOWN = ReachabilityVerdict.UNKNOWN;

  /**
   * The answers of the app that `scope` belongs to (its whole construct tree).
   */
  public static of(scope: IConstruct): Reachability {
    if (scope === null || typeof scope !== 'object' || !('node' in scope)) {
      throw new Error(`Reachability.of: invalid scope ${String(scope)}: must be a construct of the app, like app`);
    }
    return new Reachability(scope.node.root);
  }

  /**
   * The public form of an answer: its decision and hops, without what the library keeps beside them.
   *
   * @internal
   */
  public static _public(answer: { readonly decision: string; readonly hops: ReadonlyArray<Omit<ReachabilityHop, 'verdict'> & { readonly verdict: string }> }):
  ReachabilityAnswer {
    return {
      decision: answer.decision as ReachabilityVerdict,
      hops: answer.hops.map(hop => ({ description: hop.description, verdict: hop.verdict as ReachabilityVerdict, reason: hop.reason })),
    };
  }

  private readonly paths: AppPath[];

  private constructor(root: IConstruct) {
    const all = root.node.findAll();
    const networks = all.filter((construct): construct is IServiceNetwork & IConstruct => 'vpcAssociations' in construct && 'endpoints' in construct);
    const configurations = all.filter((construct): construct is IResourceConfiguration & IConstruct =>
      'resourceConfigurationArn' in construct && 'tunnelEndpoints' in construct);
    this.paths = [];
    const seen = new Set<string>();
    const ways = [...networks.flatMap(network => networkWays(network)), ...configurations.flatMap(configuration => configurationWays(configuration))];
    for (const way of ways) {
      const targets: Array<ILatticeService | IResourceConfiguration> = way.network
        ? [...way.network.services, ...way.network.resourceConfigurations] : [way.configuration!];
      if (way.network && targets.length === 0 && isImportedNetwork(way.network)) {
        this.paths.push({ vpc: way.vpc, to: way.network, answer: importedNetwork(way.construct, way.network) });
      }
      for (const to of targets) {
        const id = `${way.vpc.node.path}\u0000${to.node.path}`;
        if (seen.has(id)) { continue; }
        seen.add(id);
        const answer = 'listeners' in to ? serviceAnswer(to, way.vpc, undefined) : resourceAnswer(to, way.vpc, undefined);
        this.paths.push({ vpc: way.vpc, to, answer });
      }
    }
    // The far side of every resource configuration of the app, whether or not a VPC of the app reaches it.
    for (const configuration of configurations) {
      if (!resourceOf(configuration)) { continue; }
      const hops = portsOf(configuration).flatMap(ports => resourceHops(configuration, ports));
      this.paths.push({ to: configuration, answer: { decision: weakest(hops.map(hop => hop.verdict)), hops } });
    }
  }

  /**
   * Every path as JSON: `[{ vpc, to, decision, hops: [{ description, verdict, reason }] }]`, with construct paths;
   * the far side of each resource configuration (from its gateway) has no `vpc`.
   */
  public toJson(): any {
    return this.paths.map(path => ({ ...path.vpc ? { vpc: path.vpc.node.path } : {}, to: path.to.node.path, ...Reachability._public(path.answer) }));
  }

  /**
   * The hops that are BLOCKED, with the constructs they lead from and to, for the topology.
   *
   * @internal
   */
  public _blockedHops(): Array<{ from?: IConstruct; to?: IConstruct; pathFrom?: IConstruct; pathTo: IConstruct; reason: string }> {
    return this.paths.flatMap(path => path.answer.hops.filter(hop => hop.verdict === 'BLOCKED')
      .map(hop => ({ from: hop.from, to: hop.to, pathFrom: path.vpc, pathTo: path.to, reason: hop.reason })));
  }
}

/** A way to an imported network: what lies beyond it is not known here. */
function importedNetwork(way: IConstruct, network: IServiceNetwork): Answer {
  return {
    decision: 'UNKNOWN',
    hops: [
      { kind: 'wayIn', description: 'The way in', verdict: 'REACHABLE', reason: `through ${way.node.path}`, to: network },
      { kind: 'targets', description: 'Beyond the network', verdict: 'UNKNOWN', reason: `${network.node.path} is imported: its services and resources are not known here` },
    ],
  };
}
