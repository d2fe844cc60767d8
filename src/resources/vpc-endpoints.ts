import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { aws_ec2 as ec2Refs } from 'aws-cdk-lib/interfaces';
import { Construct, IConstruct } from 'constructs';
import { ILatticeVpcEndpoint, IResourceConfiguration, VpcEndpointOptions } from './interfaces';
import type { IServiceNetwork } from '../interfaces';
import { AdmittedPort, clientSecurityGroup, networkPorts, resourcePorts } from '../private/client-security-group';
import { selectSubnets } from '../private/placement';
import { checkPrivateDns, checkResourceConfiguration, checkServiceNetwork } from '../private/references';
import { checkSecurityGroups, checkStruct, checkVpc } from '../private/validation';
import { reachabilityWarnings } from '../reachability/lazy';

/**
 * What the endpoints of both types are: an `AWS::EC2::VPCEndpoint` in a VPC (one subnet per Availability Zone), with
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
   * @param endpoint what the endpoint reaches, read from `props` once they are checked (an object, with a VPC)
   */
  constructor(scope: Construct, id: string, props: VpcEndpointOptions & { readonly vpc: ec2.IVpc }, endpoint: (self: IConstruct) => {
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
    const { target, ports, defaultPort } = endpoint(this);
    const noun = target.vpcEndpointType === 'Resource' ? 'resource' : 'service-network';
    const securityGroups = props.securityGroups ?? [clientSecurityGroup(this, 'endpoint', props.vpc,
      `Clients in this VPC that may use the VPC Lattice ${noun} endpoint`, ports)];
    const resource = new ec2.CfnVPCEndpoint(this, 'Resource', {
      vpcId: props.vpc.vpcId,
      ...target,
      subnetIds: subnets.subnetIds,
      securityGroupIds: securityGroups.map(group => group.securityGroupId),
      ...props.privateDns?._render(this),
    });
    this.vpcEndpointId = resource.ref;
    this.connections = new ec2.Connections({ securityGroups, defaultPort });
    this.node.addValidation({
      validate: () => {
        const warnings = reachabilityWarnings();
        warnings.warnBlockedPaths(warnings.wayOfConstruct(this, 'endpoint'));
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
      const ports = props.resourceConfiguration.ports;
      return {
        target: { vpcEndpointType: 'Resource', resourceConfigurationArn: props.resourceConfiguration.resourceConfigurationArn },
        ports: () => resourcePorts(props.resourceConfiguration.ports),
        defaultPort: ports?.length === 1 ? ports[0] : undefined,
      };
    });
    this.resourceConfiguration = props.resourceConfiguration;
  }
}
