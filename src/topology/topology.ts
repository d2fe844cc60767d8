/* eslint-disable @typescript-eslint/no-require-imports */
import { IConstruct } from 'constructs';
import type * as builder from './builder';
import type * as describers from './describers';
import { TopologyGraph } from './graph';
import type * as mermaid from './mermaid';
import { lazy } from '../private/lazy';

// Reading the topology needs the describers of every kind of construct: they are loaded when a topology is first read.
const reader = lazy(() => ({
  GraphBuilder: (require('./builder') as typeof builder).GraphBuilder,
  DESCRIBERS: (require('./describers') as typeof describers).DESCRIBERS,
  renderMermaid: (require('./mermaid') as typeof mermaid).renderMermaid,
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
    const { GraphBuilder, DESCRIBERS } = reader();
    return new Topology(new GraphBuilder(DESCRIBERS).describe(scope.node.findAll()));
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
