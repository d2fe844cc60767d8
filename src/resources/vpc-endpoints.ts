import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { aws_ec2 as ec2Refs } from 'aws-cdk-lib/interfaces';
import { Construct, IConstruct } from 'constructs';
import { ILatticeVpcEndpoint, IResourceConfiguration, LatticeEndpointOptions, TunnelEndpointOptions, VpcEndpointOptions } from './interfaces';
import type { PrivateDns, RenderedPrivateDns } from './private-dns';
import type { IServiceNetwork } from '../interfaces';
import { AdmittedPort, clientSecurityGroup, networkPorts, resourcePorts } from '../private/client-security-group';
import { renderEndpointIp } from '../private/endpoint-ip';
import { selectSubnets } from '../private/placement';
import { checkPrivateDns, checkResourceConfiguration, checkServiceNetwork } from '../private/references';
import { checkSecurityGroups, checkStruct, checkVpc, invalidValueError } from '../private/validation';
import { reachabilityWarnings } from '../reachability/lazy';

/** What every type of endpoint may be given: placement, addresses, security groups and, where it applies, private DNS. */
interface EndpointProps extends LatticeEndpointOptions {
  readonly vpc: ec2.IVpc;
  readonly securityGroups?: ec2.ISecurityGroup[];
  readonly privateDns?: PrivateDns;
}

/** What an endpoint's security group admits clients to: a resource, a service network, or a network segment. */
const NOUNS: Record<string, string> = { Resource: 'resource', ServiceNetwork: 'service-network', Tunnel: 'tunnel' };

/**
 * What the endpoints of every type are: an `AWS::EC2::VPCEndpoint` in a VPC (one subnet per Availability Zone), with
 * its security groups: the given ones, or one that admits the VPC's CIDR on the ports the endpoint serves.
 *
 * @internal
 */
export abstract class LatticeVpcEndpointBase extends Resource implements ILatticeVpcEndpoint {
  /**
   * The ID of the endpoint (`vpce-…`).
   *
   * @attribute
   */
  public readonly vpcEndpointId: string;

  /** The endpoint's security groups: `allowFrom` here admits more clients. */
  public readonly connections: ec2.Connections;

  /** The VPC the endpoint is in. */
  public readonly vpc: ec2.IVpc;

  /**
   * What it writes for private DNS (undefined: nothing).
   *
   * @internal
   */
  public readonly _privateDns?: RenderedPrivateDns;

  private readonly _securityGroups: ec2.ISecurityGroup[];
  private readonly _subnets: ec2.ISubnet[];

  public get securityGroups(): ec2.ISecurityGroup[] {
    return [...this._securityGroups];
  }

  public get subnets(): ec2.ISubnet[] {
    return [...this._subnets];
  }

  /**
   * @param endpoint what the endpoint reaches, read from `props` once they are checked (an object, with a VPC)
   */
  constructor(scope: Construct, id: string, props: EndpointProps, endpoint: (self: IConstruct) => {
    readonly target: Pick<ec2.CfnVPCEndpointProps, 'vpcEndpointType' | 'serviceNetworkArn' | 'resourceConfigurationArn'>;
    readonly ports: () => AdmittedPort[];
    readonly defaultPort?: ec2.Port;
  }) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: '{ vpc }', required: true });
    checkVpc(this, 'vpc', props.vpc, { required: true });
    this.vpc = props.vpc;
    checkSecurityGroups(this, 'securityGroups', props.securityGroups, [1, 5]);
    checkPrivateDns(this, props.privateDns);
    const subnets = selectSubnets(this, props.vpc, props.vpcSubnets, { onePerAz: true });
    const { ipAddressType, dnsRecordIpType } = renderEndpointIp(this, subnets.subnets, props.ipAddressType, props.dnsRecordIpType);
    const { target, ports, defaultPort } = endpoint(this);
    const securityGroups = props.securityGroups ?? [clientSecurityGroup(this, 'endpoint', props.vpc,
      `Clients in this VPC that may use the VPC Lattice ${NOUNS[target.vpcEndpointType!]} endpoint`, ports)];
    // Open (docs/lattice-facts.md#private-dns): that DnsOptions changes replace the endpoint, and that private DNS is off
    // when left out, are settled by integ.vpc-resources.ts (DescribeType; DescribeVpcEndpoints: PrivateDnsEnabled false).
    const privateDns = this._privateDns = props.privateDns?._render(this);
    const dnsOptions = privateDns?.dnsOptions || dnsRecordIpType ? { ...privateDns?.dnsOptions, dnsRecordIpType } : undefined;
    const resource = new ec2.CfnVPCEndpoint(this, 'Resource', {
      vpcId: props.vpc.vpcId,
      ...target,
      subnetIds: subnets.subnetIds,
      securityGroupIds: securityGroups.map(group => group.securityGroupId),
      ipAddressType,
      privateDnsEnabled: privateDns?.privateDnsEnabled,
      dnsOptions,
    });
    this.vpcEndpointId = resource.ref;
    this._securityGroups = securityGroups;
    this._subnets = subnets.subnets;
    this.connections = new ec2.Connections({ securityGroups, defaultPort });
    this.node.addValidation({
      validate: () => {
        const warnings = reachabilityWarnings();
        warnings.warnBlockedPaths(warnings.wayOfConstruct(this));
        return [];
      },
    });
  }

  /** A reference to the endpoint, as aws-cdk-lib's L1s take it. */
  public get vpcEndpointRef(): ec2Refs.VPCEndpointReference {
    return { vpcEndpointId: this.vpcEndpointId };
  }
}

/**
 * Properties of a `ServiceNetworkEndpoint`.
 */
export interface ServiceNetworkEndpointProps extends VpcEndpointOptions {
  /** The service network to reach. */
  readonly serviceNetwork: IServiceNetwork;

  /** The VPC of the clients. */
  readonly vpc: ec2.IVpc;
}

/**
 * A VPC endpoint of type `ServiceNetwork`: clients in the VPC reach the services and resource configurations of a
 * service network through network interfaces in their subnets. Unlike a VPC association (one per VPC), a VPC can have
 * endpoints to several networks, and traffic from peered VPCs, transit gateways, VPN and Direct Connect can use them.
 * An endpoint is not an association: a VPC associated with one network may have endpoints to others.
 *
 * @resource AWS::EC2::VPCEndpoint
 */
export class ServiceNetworkEndpoint extends LatticeVpcEndpointBase {
  /** The service network. */
  public readonly serviceNetwork: IServiceNetwork;

  constructor(scope: Construct, id: string, props: ServiceNetworkEndpointProps) {
    super(scope, id, props, self => {
      checkServiceNetwork(self, props.serviceNetwork);
      return {
        target: { vpcEndpointType: 'ServiceNetwork', serviceNetworkArn: props.serviceNetwork.serviceNetworkArn },
        ports: () => networkPorts(props.serviceNetwork),
      };
    });
    this.serviceNetwork = props.serviceNetwork;
    props.serviceNetwork.registerEndpoint(this);
  }
}

/**
 * Properties of a `ResourceEndpoint`.
 */
export interface ResourceEndpointProps extends VpcEndpointOptions {
  /** The resource configuration to reach. */
  readonly resourceConfiguration: IResourceConfiguration;

  /** The VPC of the clients. */
  readonly vpc: ec2.IVpc;
}

/**
 * A VPC endpoint of type `Resource`: clients in the VPC reach one resource configuration (owned, or shared with the
 * account through AWS RAM) without a service network. The default port of its connections is the configuration's
 * port when it has exactly one.
 *
 * @resource AWS::EC2::VPCEndpoint
 */
export class ResourceEndpoint extends LatticeVpcEndpointBase {
  /** The resource configuration. */
  public readonly resourceConfiguration: IResourceConfiguration;

  constructor(scope: Construct, id: string, props: ResourceEndpointProps) {
    super(scope, id, props, self => {
      checkResourceConfiguration(self, props.resourceConfiguration);
      if (props.resourceConfiguration.cidrRanges !== undefined) {
        throw invalidValueError(self, 'resourceConfiguration', props.resourceConfiguration.node.path,
          'it is a network segment (ResourceDefinition.cidr), which VPCs reach through a tunnel endpoint only: use addTunnelEndpoint(vpc)');
      }
      const ports = props.resourceConfiguration.ports;
      return {
        target: { vpcEndpointType: 'Resource', resourceConfigurationArn: props.resourceConfiguration.resourceConfigurationArn },
        ports: () => resourcePorts(props.resourceConfiguration.ports),
        defaultPort: ports?.length === 1 ? ports[0] : undefined,
      };
    });
    this.resourceConfiguration = props.resourceConfiguration;
    props.resourceConfiguration.registerEndpoint(this);
  }
}

/**
 * Properties of a `TunnelEndpoint`.
 */
export interface TunnelEndpointProps extends TunnelEndpointOptions {
  /** The network segment to reach, owned or shared through AWS RAM. */
  readonly resourceConfiguration: IResourceConfiguration;

  /** The VPC of the clients. */
  readonly vpc: ec2.IVpc;
}

/** GENEVE, the encapsulation a tunnel endpoint takes: UDP port 6081. */
const GENEVE = ec2.Port.udp(6081);

/**
 * A VPC endpoint of type `Tunnel` to a network segment (`ResourceDefinition.cidr`). A router or appliance in the VPC
 * sends it traffic encapsulated in GENEVE (UDP 6081, VNI 0); it has no private DNS. Its connections' default port is
 * UDP 6081: `endpoint.connections.allowDefaultPortFrom(appliance)`.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-cidr-ranges.html
 * @resource AWS::EC2::VPCEndpoint
 */
export class TunnelEndpoint extends LatticeVpcEndpointBase {
  /** The network segment. */
  public readonly resourceConfiguration: IResourceConfiguration;

  constructor(scope: Construct, id: string, props: TunnelEndpointProps) {
    super(scope, id, { ...props, privateDns: undefined }, self => {
      checkResourceConfiguration(self, props.resourceConfiguration);
      return {
        target: { vpcEndpointType: 'Tunnel', resourceConfigurationArn: props.resourceConfiguration.resourceConfigurationArn },
        // Open (docs/lattice-facts.md#network-segments): that the VPC's CIDR on UDP 6081 and no egress is enough for GENEVE both
        // ways is settled by integ.network-segments.ts (a line through the tunnel with this group comes back).
        ports: () => [{ port: GENEVE, description: 'From the VPC to the VPC Lattice tunnel endpoint: GENEVE on UDP port 6081' }],
        defaultPort: GENEVE,
      };
    });
    this.resourceConfiguration = props.resourceConfiguration;
    props.resourceConfiguration.registerTunnelEndpoint(this);
  }
}
