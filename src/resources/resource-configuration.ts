import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ILatticeVpcEndpoint, IResourceConfiguration } from './interfaces';
import {
  checkConfigurationProps, createResourceConfiguration, ResourceConfigurationBase, ResourceConfigurationOptions, ResourceCustomDomain,
} from './resource-configuration-base';
import { ResourceDefinition } from './resource-definition';
import { IResourceGateway, ResourceConfigDnsResolution, ResourceGateway } from './resource-gateway';
import { checkAttributes } from '../private/arns';
import { importedOrFound } from '../private/imports';
import { portRangesToPorts } from '../private/port-ranges';
import { checkDefinition, checkGateway } from '../private/references';
import { invalidValueError, physicalName } from '../private/validation';

/**
 * Properties of a `ResourceConfiguration`.
 */
export interface ResourceConfigurationProps extends ResourceConfigurationOptions {
  /** The resource gateway through which clients reach the resource. */
  readonly gateway: IResourceGateway;

  /** The resource: `ResourceDefinition.dnsName(...)`, `ipAddress(...)`, `rds(...)` or `arn(...)`. */
  readonly definition: ResourceDefinition;

  /**
   * The TCP ports clients may connect to: single ports (`'5432'`) and ranges (`'8000-8100'`). Required for DNS names
   * and IP addresses; an RDS database (`rds`, `arn`) has its own port and takes none.
   *
   * @default - none: only for resources defined by their ARN
   */
  readonly portRanges?: string[];

  /**
   * A name of your own that clients call, optionally verified.
   *
   * @default - clients call the names VPC Lattice generates (or, for an RDS database, its endpoint name)
   */
  readonly customDomain?: ResourceCustomDomain;
}

/**
 * Attributes to import a resource configuration defined elsewhere (often shared with this account through AWS RAM).
 * Give its ARN or its ID.
 */
export interface ResourceConfigurationAttributes {
  /**
   * The ARN of the resource configuration. Required when it belongs to another account.
   *
   * @default - derived from `resourceConfigurationId`, in this stack's account and region
   */
  readonly resourceConfigurationArn?: string;

  /**
   * The ID of the resource configuration (`rcfg-…`).
   *
   * @default - taken from `resourceConfigurationArn`
   */
  readonly resourceConfigurationId?: string;

  /**
   * The configuration's port ranges (`'5432'`, `'8000-8100'`), which the security groups of associations and
   * endpoints admit clients on.
   *
   * @default - not known: those security groups admit clients on every TCP port (the configuration itself still only
   * serves its own ports)
   */
  readonly portRanges?: string[];
}

/**
 * A VPC Lattice resource configuration of one resource (type `SINGLE` for a DNS name or an IP address, `ARN` for an RDS
 * database), reached through a resource gateway. Associate it with service networks (`network.associateResource`),
 * give VPCs endpoints to it (`addVpcEndpoint`), or share it (`shareWith`, `ResourceShare`).
 *
 * The gateway's security groups get egress to the resource on its ports, and an RDS database admits the gateway. VPC
 * Lattice publishes no CloudWatch metrics for resource configurations; use access logs (`accessLogs`).
 *
 * @resource AWS::VpcLattice::ResourceConfiguration
 */
export class ResourceConfiguration extends ResourceConfigurationBase {
  /**
   * Imports a resource configuration by its ARN (for example one shared with this account through AWS RAM).
   */
  public static fromResourceConfigurationArn(scope: Construct, id: string, resourceConfigurationArn: string): IResourceConfiguration {
    return ResourceConfiguration.fromResourceConfigurationAttributes(scope, id, { resourceConfigurationArn });
  }

  /**
   * Imports a resource configuration by its ARN or its ID, optionally with its port ranges.
   */
  public static fromResourceConfigurationAttributes(scope: Construct, id: string, attrs: ResourceConfigurationAttributes): IResourceConfiguration {
    return new ImportedResourceConfiguration(scope, id, attrs);
  }

  /**
   * Imports the resource configuration with this name, found at deploy time among the configurations the stack's
   * account owns or that are shared with it through AWS RAM. Deployment fails when none or several have the name
   * (import by ARN then). The lookup runs when the stack is first deployed and when the name changes; its ports are not
   * known (security groups that admit clients admit every TCP port).
   *
   * The stack's one lookup provider serves it; its role may `vpc-lattice:ListResourceConfigurations` on `*`, the only
   * resource that action accepts.
   */
  public static fromResourceConfigurationName(scope: Construct, id: string, resourceConfigurationName: string): IResourceConfiguration {
    return new ImportedResourceConfiguration(scope, id, {}, resourceConfigurationName);
  }

  public readonly resourceConfigurationArn: string;
  public readonly resourceConfigurationId: string;
  public readonly ports?: ec2.Port[];
  public readonly allowAssociationToSharableServiceNetwork?: boolean;

  /** The gateway through which clients reach the resource. */
  public readonly gateway: IResourceGateway;

  /** The CIDR ranges of a network segment (`ResourceDefinition.cidr`); undefined for other resources. */
  public readonly cidrRanges?: string[];

  /**
   * The resource, for the reachability answers.
   *
   * @internal
   */
  public readonly _definition: ResourceDefinition;

  constructor(scope: Construct, id: string, props: ResourceConfigurationProps) {
    super(scope, id, { physicalName: physicalName(props?.resourceConfigurationName) });
    checkConfigurationProps(this, props, "{ gateway, definition: ResourceDefinition.dnsName('db.internal.example.com'), portRanges: ['5432'] }");
    checkGateway(this, props.gateway);
    checkDefinition(this, props.definition);
    this.gateway = props.gateway;
    props.gateway.registerResourceConfiguration(this);
    this._definition = props.definition;
    this.allowAssociationToSharableServiceNetwork = props.allowAssociationToSharableServiceNetwork ?? false;
    const rendered = props.definition._render(this, false);
    this.cidrRanges = rendered.cidrRanges;
    if (rendered.type === 'CIDR') {
      checkSegmentGateway(this, props.gateway);
      if (props.customDomain !== undefined) {
        throw invalidValueError(this, 'customDomain', props.customDomain.domainName,
          'a network segment (ResourceDefinition.cidr) has no name of its own: tunnel endpoints have no private DNS, so leave customDomain out');
      }
    }
    if (rendered.type === 'ARN') {
      if (props.portRanges !== undefined) {
        throw invalidValueError(this, 'portRanges', props.portRanges, 'a resource defined by its ARN (an RDS database) has its own port: leave portRanges out');
      }
      if (props.gateway.dnsResolution === ResourceConfigDnsResolution.IN_VPC) {
        throw invalidValueError(this, 'gateway', props.gateway.node.path,
          'it resolves DNS names in its VPC (ResourceConfigDnsResolution.IN_VPC), and such a gateway cannot serve resources defined by their ARN: use a gateway with PUBLIC resolution');
      }
      this.ports = rendered.ports;
    } else {
      if (props.portRanges === undefined) {
        throw invalidValueError(this, 'portRanges', props.portRanges, "give the TCP ports clients connect to, like ['5432'] or ['8000-8100']");
      }
      this.ports = portRangesToPorts(this, 'portRanges', props.portRanges);
    }

    const resource = createResourceConfiguration(this, props, {
      resourceConfigurationType: rendered.type,
      resourceGatewayId: props.gateway.resourceGatewayId,
      resourceConfigurationDefinition: rendered.definition,
      portRanges: props.portRanges,
      // CloudFormation takes TCP only (the API's TCP_UDP for segments is not in its schema).
      protocolType: rendered.type === 'ARN' ? undefined : 'TCP',
      // Always written: Open (docs/lattice-facts.md#sharable-networks), integ.vpc-resources.ts reads it back (GetResourceConfiguration).
      allowAssociationToSharableServiceNetwork: this.allowAssociationToSharableServiceNetwork,
    });
    this.resourceConfigurationArn = resource.attrArn;
    this.resourceConfigurationId = resource.attrId;
    props.definition._connect(this, props.gateway, this.ports);
    props.accessLogs?.forEach(destination => this.addAccessLogs(destination));
  }

  /** @internal */
  protected _checkTunnelEndpoint(endpoint: ILatticeVpcEndpoint): void {
    if (this.cidrRanges === undefined) {
      throw invalidValueError(endpoint, 'resourceConfiguration', this.node.path,
        'a tunnel endpoint reaches a network segment (ResourceDefinition.cidr) only, and this configuration is not one: use addVpcEndpoint(vpc) for a resource endpoint');
    }
  }
}

/**
 * The gateway of a network segment, which must resolve DNS names in its VPC. A gateway of the app that leaves
 * `dnsResolution` out resolves publicly (VPC Lattice's default); an imported one without it is not judged.
 */
function checkSegmentGateway(configuration: ResourceConfiguration, gateway: IResourceGateway) {
  const resolution = gateway.dnsResolution ?? (gateway instanceof ResourceGateway ? ResourceConfigDnsResolution.PUBLIC : undefined);
  if (resolution !== undefined && resolution !== ResourceConfigDnsResolution.IN_VPC) {
    throw invalidValueError(configuration, 'gateway', gateway.node.path,
      `it resolves DNS names ${resolution === ResourceConfigDnsResolution.PUBLIC ? 'publicly' : `with ${resolution}`}, and a network segment (ResourceDefinition.cidr) ` +
      'needs a gateway that resolves them in its VPC: give the gateway dnsResolution: ResourceConfigDnsResolution.IN_VPC');
  }
}

/** A resource configuration defined elsewhere, by its ARN or ID, or found by its name at deploy time. */
class ImportedResourceConfiguration extends ResourceConfigurationBase {
  public readonly resourceConfigurationArn: string;
  public readonly resourceConfigurationId: string;
  public readonly ports?: ec2.Port[];
  public readonly allowAssociationToSharableServiceNetwork?: boolean;
  public readonly cidrRanges?: string[] = undefined;
  public readonly lookUpName?: string;

  constructor(scope: Construct, id: string, attrs: ResourceConfigurationAttributes, lookUpName?: string) {
    super(scope, id);
    this.lookUpName = lookUpName;
    checkAttributes(this, 'resourceconfiguration', attrs);
    const { arn, id: resourceId } = importedOrFound(this, 'resourceconfiguration', attrs.resourceConfigurationArn, attrs.resourceConfigurationId, lookUpName);
    this.resourceConfigurationArn = arn;
    this.resourceConfigurationId = resourceId;
    this.ports = portRangesToPorts(this, 'portRanges', attrs.portRanges);
  }
}
