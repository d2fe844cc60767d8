/* eslint-disable @typescript-eslint/no-require-imports */
import { IConstruct } from 'constructs';
import type * as builder from './builder';
import type * as describers from './describers';
import { TopologyEdge, TopologyEdgeKind, TopologyGraph } from './graph';
import type * as mermaid from './mermaid';
import { lazy } from '../private/lazy';
import type * as reachability from '../reachability/reachability';

// Reading the topology needs the describers of every kind of construct: they are loaded when a topology is first read.
const reader = lazy(() => ({
  GraphBuilder: (require('./builder') as typeof builder).GraphBuilder,
  DESCRIBERS: (require('./describers') as typeof describers).DESCRIBERS,
  renderMermaid: (require('./mermaid') as typeof mermaid).renderMermaid,
  Reachability: (require('../reachability/reachability') as typeof reachability).Reachability,
}));

/**
 * The VPC Lattice topology of an app, a stack or any construct: who reaches what, through which route. Service
 * networks (auth type), the VPCs associated with them, services (auth type, custom domain), listeners
 * (protocol:port), rules (priority and what they match), target groups (type, protocol:port) and their targets
 * (instances, Auto Scaling groups, IP addresses, Lambda functions, ECS services, ALBs), with the weights of forwards on
 * the edges.
 *
 * It shows the VPC Lattice constructs in the scope and everything connected to them elsewhere in the app: the
 * topology of a stack also shows the network in another stack that its services are associated with, and the
 * imported networks, services and target groups it uses. It is read when `of` is called: call it once the app is
 * built.
 *
 * @example
 * declare const app: App;
 * const topology = Topology.of(app);
 * const diagram = topology.toMermaid(); // for a mermaid code block in Markdown
 * const graph = topology.toJson();      // nodes and edges
 */
export class Topology {
  /**
   * The topology of the VPC Lattice constructs in `scope` (an app, a stage, a stack or any construct) and of
   * everything connected to them.
   */
  public static of(scope: IConstruct): Topology {
    const { GraphBuilder, DESCRIBERS, Reachability } = reader();
    const graph = new GraphBuilder(DESCRIBERS).describe(scope.node.findAll());
    return new Topology(withBlockedHops(graph, Reachability.of(scope)._blockedHops()));
  }

  private constructor(private readonly graph: TopologyGraph) {}

  /**
   * The topology as a Mermaid flowchart (without the Markdown fence): put it in a ```` ```mermaid ```` block, which
   * GitHub renders, or render it with the `mermaid` package. Any label is safe: characters that Mermaid or HTML would
   * read are written as entity codes.
   */
  public toMermaid(): string {
    return reader().renderMermaid(this.graph);
  }

  /**
   * The same graph as data: nodes with stable IDs, kinds, labels, construct paths and properties, and the edges
   * between them. `JSON.stringify` it for a file.
   */
  public toJson(): TopologyGraph {
    return {
      nodes: this.graph.nodes.map(node => ({ ...node, properties: { ...node.properties } })),
      edges: this.graph.edges.map(edge => ({ ...edge })),
    };
  }
}

/**
 * The graph with one BLOCKED edge per blocked hop of the app's paths, between the nodes of the hop's ends (or of its
 * path's ends when a hop end, like a security group, is not drawn), labelled with the reason.
 */
function withBlockedHops(graph: TopologyGraph, hops: ReturnType<reachability.Reachability['_blockedHops']>): TopologyGraph {
  const { nodeId } = require('./builder') as typeof builder;
  const drawn = new Set(graph.nodes.map(node => node.id));
  const idOf = (...constructs: Array<IConstruct | undefined>) => constructs.filter((c): c is IConstruct => c !== undefined)
    .map(construct => nodeId(construct.node.path)).find(id => drawn.has(id));
  const edges = hops.flatMap(hop => {
    const from = idOf(hop.from, hop.pathFrom);
    const to = idOf(hop.to, hop.pathTo);
    return from && to && from !== to ? [{ from, to, kind: TopologyEdgeKind.BLOCKED, label: `blocked: ${hop.reason}` }] : [];
  });
  const same = (a: TopologyEdge, b: TopologyEdge) => a.from === b.from && a.to === b.to && a.label === b.label;
  const unique = edges.filter((edge, index) => edges.findIndex(other => same(edge, other)) === index);
  return { nodes: graph.nodes, edges: [...graph.edges, ...unique] };
}
