import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { TopologyEdge, TopologyEdgeKind, TopologyGraph, TopologyNode, TopologyNodeKind } from './graph';

/**
 * Describes what one kind of construct adds to the topology, when `construct` is of that kind: its node, its edges,
 * and the related constructs to describe too (`graph.follow`). The topology asks every describer about every
 * construct, so a new kind of node (resource gateways, resource configurations, VPC endpoints) is one more describer.
 */
export type Describer = (construct: IConstruct, graph: GraphBuilder) => void;

/** The order of the kinds in the graph and the diagram, from clients to targets: the order the enum declares them in. */
const KIND_ORDER: readonly TopologyNodeKind[] = Object.values(TopologyNodeKind);

/**
 * Collects the nodes and edges of a topology. Starting from the constructs given, each construct is described once;
 * describers follow references to constructs elsewhere in the app (the network a service is associated with, the
 * target groups a rule forwards to), so the graph holds everything connected to where it started.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, TopologyNode>();
  private readonly edges = new Map<string, TopologyEdge>();
  private readonly queue: IConstruct[] = [];
  private readonly described = new Set<IConstruct>();

  constructor(private readonly describers: readonly Describer[]) {}

  /** Describes `constructs` and everything they lead to. */
  public describe(constructs: readonly IConstruct[]): TopologyGraph {
    this.queue.push(...constructs);
    for (let construct = this.queue.shift(); construct; construct = this.queue.shift()) {
      if (this.described.has(construct)) { continue; }
      this.described.add(construct);
      for (const describe of this.describers) { describe(construct, this); }
    }
    return this.graph();
  }

  /** Describes `construct` too, when it is not described yet. */
  public follow(construct: IConstruct): void {
    if (!this.described.has(construct)) { this.queue.push(construct); }
  }

  /**
   * Adds the node of a construct, or of something at a path that is no construct (an IP target), once; returns its
   * ID.
   */
  public addNode(at: IConstruct | string, kind: TopologyNodeKind, lines: readonly string[], properties: Record<string, string> = {}): string {
    const path = typeof at === 'string' ? undefined : at.node.path;
    const id = nodeId(path ?? at as string);
    if (!this.nodes.has(id)) {
      this.nodes.set(id, { id, kind, label: lines.filter(line => line !== '').join('\n'), path, properties: { ...properties } });
    }
    return id;
  }

  /** Adds an edge, once per ends, kind and label. */
  public addEdge(from: string, to: string, kind: TopologyEdgeKind, options: { label?: string; weight?: number } = {}): void {
    const edge: TopologyEdge = { from, to, kind, label: options.label, weight: options.weight };
    this.edges.set(JSON.stringify([from, to, kind, options.label]), edge);
  }

  /** The ID of a construct's node, whether or not it has been added yet. */
  public idOf(construct: IConstruct): string {
    return nodeId(construct.node.path);
  }

  /**
   * The graph, sorted so that it reads the same whatever order the constructs were created in. Edges to nodes that
   * were never described (a construct no describer knows) are left out.
   */
  private graph(): TopologyGraph {
    const rank = (node: TopologyNode) => KIND_ORDER.indexOf(node.kind);
    const nodes = [...this.nodes.values()].sort((a, b) => rank(a) - rank(b) || compare(a.id, b.id));
    const edges = [...this.edges.values()]
      .filter(edge => this.nodes.has(edge.from) && this.nodes.has(edge.to))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind) || compare(a.label ?? '', b.label ?? ''));
    return { nodes: nodes.map(withoutUndefined), edges: edges.map(withoutUndefined) };
  }
}

/**
 * The node ID of a path: `/` becomes `_`. A path with characters other than letters, digits and `/` has them replaced
 * by `_` and gets `__` and a hash of the whole path appended, so that two paths never share an ID (IDs without a hash
 * never contain `__`, since no construct ID is empty).
 */
export function nodeId(path: string): string {
  if (/^[A-Za-z0-9]+(\/[A-Za-z0-9]+)*$/.test(path)) {
    return path.replace(/\//g, '_');
  }
  const readable = path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  return `${readable || 'node'}__${hash}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A node or edge without the optional fields it does not have, so that it reads the same as JSON and as an object. */
function withoutUndefined<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;
}
