/**
 * What a node of the topology stands for.
 */
export enum TopologyNodeKind {
  /** A VPC associated with a service network: where clients are. */
  VPC = 'VPC',
  /** A service network. */
  SERVICE_NETWORK = 'SERVICE_NETWORK',
  /** A service. */
  SERVICE = 'SERVICE',
  /** A listener of a service. */
  LISTENER = 'LISTENER',
  /** A rule of a listener. */
  RULE = 'RULE',
  /** A target group. */
  TARGET_GROUP = 'TARGET_GROUP',
  /**
   * A target of a target group: an EC2 instance, an Auto Scaling group, an IP address, a Lambda function, an ECS
   * service or an Application Load Balancer (the node's `targetType` property says which).
   */
  TARGET = 'TARGET',
  /**
   * A resource configuration: a resource (a DNS name, an IP address, an RDS database) that clients reach over TCP
   * through a resource gateway, or a group of them and their children.
   */
  RESOURCE_CONFIGURATION = 'RESOURCE_CONFIGURATION',
  /** A resource gateway: where connections to resources enter the resources' VPC. */
  RESOURCE_GATEWAY = 'RESOURCE_GATEWAY',
}

/**
 * What an edge of the topology stands for. Every edge points the way requests go: from clients to targets.
 */
export enum TopologyEdgeKind {
  /** A VPC is associated with a service network. */
  VPC_ASSOCIATION = 'VPC_ASSOCIATION',
  /** A service is associated with a service network. */
  SERVICE_ASSOCIATION = 'SERVICE_ASSOCIATION',
  /** A service has a listener. */
  LISTENER = 'LISTENER',
  /** A listener has a rule. */
  RULE = 'RULE',
  /** A listener's default action or a rule forwards to a target group, with a weight. */
  FORWARD = 'FORWARD',
  /** A target group has a target. */
  TARGET = 'TARGET',
  /** A resource configuration is associated with a service network. */
  RESOURCE_ASSOCIATION = 'RESOURCE_ASSOCIATION',
  /** A VPC reaches a service network or a resource configuration through a VPC endpoint. */
  VPC_ENDPOINT = 'VPC_ENDPOINT',
  /** A resource configuration group has a child configuration. */
  CHILD = 'CHILD',
  /** A resource configuration is reached through a resource gateway. */
  GATEWAY = 'GATEWAY',
  /**
   * A resource configuration imported by name (found at deploy time, often in an account it was shared with through
   * AWS RAM) is a configuration of this app.
   */
  SHARED = 'SHARED',
  /** A hop of a path the reachability answers find BLOCKED (`Reachability.of`): drawn red and dashed, the reason as its label. */
  BLOCKED = 'BLOCKED',
}

/**
 * A node of the topology.
 */
export interface TopologyNode {
  /**
   * The node's ID: derived from the construct path (or, for an IP target, from its target group's path and the
   * address), so it is the same in every synth and does not depend on the order constructs were created in. Letters,
   * digits and `_` only: `/` becomes `_`, and a path with other characters gets `__` and a hash of the path appended,
   * so that no two paths share an ID.
   */
  readonly id: string;

  /** What the node stands for. */
  readonly kind: TopologyNodeKind;

  /** What the diagram shows, one line per `\n`: the name first, then the details. Never a token. */
  readonly label: string;

  /**
   * The path of the construct the node stands for.
   *
   * @default - the node stands for no construct (an IP address target)
   */
  readonly path?: string;

  /**
   * The facts the label shows, by name, as strings: `authType`, `customDomain`, `protocol`, `port`, `priority`,
   * `match`, `targetGroupType`, `targetType`, `imported`, … Facts only known at deploy time are left out.
   */
  readonly properties: { [key: string]: string };
}

/**
 * An edge of the topology, from the side requests come from to the side they go to.
 */
export interface TopologyEdge {
  /** The ID of the node requests come from. */
  readonly from: string;

  /** The ID of the node requests go to. */
  readonly to: string;

  /** What the edge stands for. */
  readonly kind: TopologyEdgeKind;

  /**
   * What the diagram writes on the edge, such as `default, weight 90 (90%)`.
   *
   * @default - nothing
   */
  readonly label?: string;

  /**
   * The weight of a forward to a target group, as given.
   *
   * @default - no weight: not a forward, or a forward to one target group with CloudFormation's default weight
   */
  readonly weight?: number;
}

/**
 * The VPC Lattice topology of an app or a part of it, as data.
 */
export interface TopologyGraph {
  /** The nodes, by kind (from clients to targets), then by ID. */
  readonly nodes: TopologyNode[];

  /** The edges, by the IDs of their ends. */
  readonly edges: TopologyEdge[];
}
