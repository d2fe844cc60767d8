import { IResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PrivateDns } from './private-dns';
import type { IShareableResource } from '../sharing';

/*
 * The interfaces of resource configurations and of the VPC endpoints that reach them, which service networks
 * (../interfaces.ts) refer to as well. They refer to nothing of the networks, so both sides can import them.
 */

/**
 * A VPC Lattice resource configuration: a resource (a DNS name, an IP address, an RDS database) or a group of them that
 * clients in other VPCs and accounts reach over TCP through a resource gateway.
 */
export interface IResourceConfiguration extends IResource, IShareableResource {
  /**
   * The ARN of the resource configuration.
   *
   * @attribute
   */
  readonly resourceConfigurationArn: string;

  /**
   * The ID of the resource configuration (`rcfg-…`). Service-network resource associations take the ID, never the ARN.
   *
   * @attribute
   */
  readonly resourceConfigurationId: string;

  /**
   * The TCP ports clients connect to: the configuration's port ranges (a group's and its children's), or an RDS
   * database's port.
   *
   * @default - not known (an imported configuration without `portRanges`): security groups that admit clients admit every TCP port
   */
  readonly ports?: ec2.Port[];

  /**
   * Whether the configuration may be associated with service networks marked sharable.
   *
   * @default - not known (imported)
   */
  readonly allowAssociationToSharableServiceNetwork?: boolean;

  /** The VPC endpoints of type `Resource` to this configuration made in this app (a copy). */
  readonly endpoints: ILatticeVpcEndpoint[];

  /**
   * The CIDR ranges of a network segment.
   *
   * @default - not a segment, or not known (imported)
   */
  readonly cidrRanges?: string[];

  /** The tunnel endpoints that reach this network segment in this app. */
  readonly tunnelEndpoints: ILatticeVpcEndpoint[];

  /**
   * Lets clients in a VPC reach this configuration through a VPC endpoint of type `Resource`, without a service network.
   * The endpoint lives in the VPC's stack. Not for network segments: use `addTunnelEndpoint`.
   */
  addVpcEndpoint(vpc: ec2.IVpc, options?: VpcEndpointOptions): ILatticeVpcEndpoint;

  /**
   * Lets a VPC reach this network segment through a VPC endpoint of type `Tunnel`, in the VPC's stack.
   *
   * @see https://docs.aws.amazon.com/vpc/latest/privatelink/use-cidr-endpoint.html
   */
  addTunnelEndpoint(vpc: ec2.IVpc, options?: TunnelEndpointOptions): ILatticeVpcEndpoint;

  /** Records a tunnel endpoint to this segment, after checking it is one. `TunnelEndpoint` calls it. */
  registerTunnelEndpoint(endpoint: ILatticeVpcEndpoint): void;
  /** Records a VPC endpoint to this configuration. `ResourceEndpoint` calls it; you need not. */
  registerEndpoint(endpoint: ILatticeVpcEndpoint): void;
}

/**
 * Where an endpoint's network interfaces go and which addresses they have.
 */
export interface LatticeEndpointOptions {
  /**
   * Where the endpoint's network interfaces go: one subnet per Availability Zone is used.
   *
   * @default - the VPC's private subnets, else its isolated ones (`vpc.selectSubnets()`)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The address family of the network interfaces: IPV6 needs IPv6-only subnets, DUALSTACK subnets with both.
   *
   * @default - not set: EC2 chooses from the subnets
   */
  readonly ipAddressType?: ec2.VpcEndpointIpAddressType;

  /**
   * The type of DNS records of the endpoint's names, which must suit `ipAddressType`.
   *
   * @default - not set: EC2's default
   */
  readonly dnsRecordIpType?: ec2.VpcEndpointDnsRecordIpType;
}

/**
 * Options for a tunnel VPC endpoint to a network segment.
 */
export interface TunnelEndpointOptions extends LatticeEndpointOptions {
  /**
   * Security groups that decide which routers or appliances may use the endpoint: 1 to 5. They must admit UDP 6081.
   *
   * @default - a new group admitting the VPC's IPv4 CIDR on UDP 6081 (GENEVE)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * Options for a VPC endpoint that reaches a service network or a resource configuration.
 */
export interface VpcEndpointOptions extends LatticeEndpointOptions {
  /**
   * Security groups that decide which clients in the VPC may use the endpoint: 1 to 5, used as given.
   *
   * @default - a new security group that admits the VPC's own IPv4 CIDR on the ports the endpoint serves: a resource
   * configuration's ports, or the listener ports of a network's services and the ports of its resource configurations
   * in this app (80 and 443 when none is known)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Which private domain names the VPC resolves through the endpoint. Changing it replaces the endpoint.
   *
   * @default - not set: EC2's default applies (private DNS off, per the CloudFormation documentation)
   */
  readonly privateDns?: PrivateDns;
}

/**
 * A VPC endpoint of type `ServiceNetwork`, `Resource` or `Tunnel`: the way a VPC reaches a service network (several,
 * unlike a VPC association), a single resource configuration, or a network segment.
 */
export interface ILatticeVpcEndpoint extends ec2.IVpcEndpoint, ec2.IConnectable {
  /** The VPC the endpoint is in. */
  readonly vpc: ec2.IVpc;

  /** The security groups of the endpoint (a copy): the ones given, or the one made for it. */
  readonly securityGroups: ec2.ISecurityGroup[];

  /** The subnets the endpoint's network interfaces are placed in, one per Availability Zone (a copy). */
  readonly subnets: ec2.ISubnet[];
}

/**
 * Options for associating a resource configuration with a service network.
 */
export interface ResourceAssociationOptions {
  /**
   * Whether VPC Lattice answers DNS queries for the resource's names (its custom domain, an RDS database's endpoint name)
   * in the VPCs connected to the network, with the addresses through which they reach it. Changing it replaces the
   * association.
   *
   * @default - not set: VPC Lattice's default applies
   */
  readonly privateDns?: boolean;
}

/**
 * The association of a resource configuration with a service network.
 */
export interface IServiceNetworkResourceAssociation extends IResource {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  readonly associationArn: string;

  /**
   * The ID of the association (`snra-…`).
   *
   * @attribute
   */
  readonly associationId: string;

  /** The resource configuration. */
  readonly resourceConfiguration: IResourceConfiguration;
}
