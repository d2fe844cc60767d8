import { Resource } from 'aws-cdk-lib';
import { CfnServiceNetworkResourceAssociation } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { IResourceConfiguration, IServiceNetworkResourceAssociation, ResourceAssociationOptions } from './interfaces';
import { ResourceConfigurationBase } from './resource-configuration-base';
import type { IServiceNetwork } from '../interfaces';
import { checkResourceConfiguration, checkServiceNetwork } from '../private/references';
import { checkOneOf, checkStruct, invalidValueError, isToken } from '../private/validation';

/**
 * Properties of a `ServiceNetworkResourceAssociation`.
 */
export interface ServiceNetworkResourceAssociationProps extends ResourceAssociationOptions {
  /** The service network. */
  readonly serviceNetwork: IServiceNetwork;

  /** The resource configuration to make reachable from the network's VPCs and endpoints. */
  readonly resourceConfiguration: IResourceConfiguration;
}

/**
 * Makes a resource configuration reachable from the VPCs associated with a service network and through the network's
 * VPC endpoints. A configuration can be associated with a network once.
 *
 * @resource AWS::VpcLattice::ServiceNetworkResourceAssociation
 */
export class ServiceNetworkResourceAssociation extends Resource implements IServiceNetworkResourceAssociation {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  public get associationArn(): string {
    return this.resource.attrArn;
  }

  /**
   * The ID of the association (`snra-…`).
   *
   * @attribute
   */
  public get associationId(): string {
    return this.resource.attrId;
  }

  /** The resource configuration. */
  public readonly resourceConfiguration: IResourceConfiguration;

  /** The service network. */
  public readonly serviceNetwork: IServiceNetwork;

  /**
   * What it writes for private DNS (undefined: nothing).
   *
   * @internal
   */
  public readonly _privateDns?: boolean;

  private readonly resource: CfnServiceNetworkResourceAssociation;

  constructor(scope: Construct, id: string, props: ServiceNetworkResourceAssociationProps) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: '{ serviceNetwork, resourceConfiguration }', required: true });
    checkServiceNetwork(this, props.serviceNetwork);
    checkResourceConfiguration(this, props.resourceConfiguration);
    if (props.resourceConfiguration.cidrRanges !== undefined) {
      throw invalidValueError(props.serviceNetwork, 'associateResource resourceConfiguration', props.resourceConfiguration.node.path,
        'it is a network segment (ResourceDefinition.cidr), which cannot be associated with a service network: consumers reach it through a ' +
        'tunnel endpoint (segment.addTunnelEndpoint(vpc)), and share it through AWS RAM (segment.shareWith) for other accounts');
    }
    checkOneOf(this, 'privateDns', props.privateDns, [true, false]);
    const configuration = props.resourceConfiguration;
    const configurationId = configuration.resourceConfigurationId;
    const earlier = props.serviceNetwork.resourceConfigurations.find(associated => associated === configuration
      || (!isToken(configurationId) && associated.resourceConfigurationId === configurationId));
    if (earlier) {
      throw invalidValueError(this, 'resourceConfiguration', configuration.node.path,
        `this resource configuration is already associated with this service network${earlier === configuration ? '' : ` (as ${earlier.node.path})`}; associate it once`);
    }
    props.serviceNetwork.registerResourceConfiguration(configuration);
    this.resourceConfiguration = configuration;
    this.serviceNetwork = props.serviceNetwork;
    this._privateDns = props.privateDns;
    // Configurations of this library (defined in the app or imported) keep their networks; other implementations of
    // the interface have nowhere to keep them.
    if (configuration instanceof ResourceConfigurationBase) { configuration.registerServiceNetwork(props.serviceNetwork); }

    this.resource = new CfnServiceNetworkResourceAssociation(this, 'Resource', {
      // The ID: ResourceConfigurationId takes only `rcfg-…` IDs, where every other VPC Lattice identifier takes an ARN.
      resourceConfigurationId: configurationId,
      // The ARN, not the ID: VPC Lattice needs it when the network belongs to another account.
      serviceNetworkId: props.serviceNetwork.serviceNetworkArn,
      // Open (docs/lattice-facts.md#resource-associations): the default when left out and replacement on a change are settled
      // by integ.vpc-resources.ts (GetServiceNetworkResourceAssociation: privateDnsEnabled false; DescribeType).
      privateDnsEnabled: props.privateDns,
    });
    props.serviceNetwork.registerResourceAssociation(this);
  }
}
