import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import {
  checkConfigurationProps, createResourceConfiguration, ResourceConfigurationBase, ResourceConfigurationOptions, ResourceCustomDomain,
} from './resource-configuration-base';
import { ResourceDefinition } from './resource-definition';
import { IResourceGateway } from './resource-gateway';
import { portRangesToPorts } from '../private/port-ranges';
import { checkDefinition, checkGateway } from '../private/references';
import { checkDomainName, checkHasMember, checkStruct, invalidValueError, isToken, isWithinDomain, physicalName } from '../private/validation';

/**
 * Properties of a `ResourceConfigurationGroup`.
 */
export interface ResourceConfigurationGroupProps extends ResourceConfigurationOptions {
  /** The resource gateway through which clients reach the group's resources. */
  readonly gateway: IResourceGateway;

  /**
   * The domain of the group, like `internal.example.com`: the names clients call for its children (their custom
   * domains, or else their DNS names) are in it. A group has no custom domain of its own. Changing it replaces the group.
   *
   * @default - no group domain: children can have no custom domain
   */
  readonly groupDomain?: string;

  /**
   * The TCP ports of the group (`'443'`, `'8000-8100'`), which children without port ranges of their own take.
   *
   * @default - none: each child gives its own
   */
  readonly portRanges?: string[];
}

/**
 * What a child of a resource configuration group is.
 */
export interface ResourceConfigurationChildOptions {
  /** The resource: `ResourceDefinition.dnsName(...)` or `ResourceDefinition.ipAddress(...)`. */
  readonly definition: ResourceDefinition;

  /**
   * The TCP ports clients may connect to (`'443'`, `'8000-8100'`).
   *
   * @default - the group's port ranges
   */
  readonly portRanges?: string[];

  /**
   * A name of your own that clients call, in the group's domain, optionally verified.
   *
   * @default - none: with a group domain, a DNS-name child's name must be in it
   */
  readonly customDomain?: ResourceCustomDomain;

  /**
   * The name of the child configuration: 3 to 40 characters of a-z, 0-9 and '-', not starting with `rcfg-`.
   *
   * @default - a name made from the construct path, unique in the app
   */
  readonly resourceConfigurationName?: string;
}

/** What the options of a child look like, for messages. */
const CHILD_LIKE = "{ definition: ResourceDefinition.dnsName('orders.internal.example.com') }";

/**
 * A VPC Lattice resource configuration of type `GROUP`: DNS names and IP addresses (its children, type `CHILD`)
 * behind one resource gateway, associated, reached and shared as one. A child added later is reachable wherever the
 * group is.
 *
 * @resource AWS::VpcLattice::ResourceConfiguration
 */
export class ResourceConfigurationGroup extends ResourceConfigurationBase {
  /** A group is never a network segment. */
  public readonly cidrRanges?: string[] = undefined;

  public readonly resourceConfigurationArn: string;
  public readonly resourceConfigurationId: string;
  public readonly allowAssociationToSharableServiceNetwork?: boolean;

  /** The gateway through which clients reach the group's resources. */
  public readonly gateway: IResourceGateway;

  /** The domain of the group. */
  public readonly groupDomain?: string;

  /** The TCP ports of the group, which children without port ranges of their own take. */
  public readonly portRanges?: string[];

  private readonly ownPorts?: ec2.Port[];
  private readonly children: ResourceConfigurationChild[] = [];

  constructor(scope: Construct, id: string, props: ResourceConfigurationGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.resourceConfigurationName) });
    checkConfigurationProps(this, props, "{ gateway, groupDomain: 'internal.example.com', portRanges: ['443'] }");
    checkGateway(this, props.gateway);
    checkDomainName(this, 'groupDomain', props.groupDomain);
    this.gateway = props.gateway;
    props.gateway.registerResourceConfiguration(this);
    this.groupDomain = props.groupDomain;
    this.portRanges = props.portRanges;
    this.ownPorts = portRangesToPorts(this, 'portRanges', props.portRanges);
    this.allowAssociationToSharableServiceNetwork = props.allowAssociationToSharableServiceNetwork ?? false;

    const resource = createResourceConfiguration(this, props, {
      resourceConfigurationType: 'GROUP',
      resourceGatewayId: props.gateway.resourceGatewayId,
      groupDomain: props.groupDomain,
      portRanges: props.portRanges,
      protocolType: 'TCP',
      allowAssociationToSharableServiceNetwork: this.allowAssociationToSharableServiceNetwork,
    });
    this.resourceConfigurationArn = resource.attrArn;
    this.resourceConfigurationId = resource.attrId;
    props.accessLogs?.forEach(destination => this.addAccessLogs(destination));
  }

  /**
   * The TCP ports of the group and of its children, known when each is literal: children added later count too.
   */
  public get ports(): ec2.Port[] | undefined {
    const childPorts = this.children.map(child => child.ports);
    const unknown = (this.portRanges !== undefined && this.ownPorts === undefined) || childPorts.some(ports => ports === undefined);
    return unknown ? undefined : [...this.ownPorts ?? [], ...childPorts.flatMap(ports => ports ?? [])];
  }

  /** @internal */
  protected _checkTunnelEndpoint(endpoint: IConstruct): void {
    throw invalidValueError(endpoint, 'resourceConfiguration', this.node.path,
      'a tunnel endpoint reaches a network segment (ResourceDefinition.cidr) only, and a resource configuration group is not one: use addVpcEndpoint(vpc)');
  }

  /**
   * Adds a resource to the group: a resource configuration of type `CHILD`, reached through the group's gateway (whose
   * security groups get egress to it).
   */
  public addChild(id: string, options: ResourceConfigurationChildOptions): ResourceConfigurationChild {
    checkStruct(this, 'addChild options', options, { like: CHILD_LIKE, required: true });
    return new ResourceConfigurationChild(this, id, { ...options, group: this });
  }

  /**
   * Records a child of the group, whose ports the group's associations and endpoints then admit.
   * `ResourceConfigurationChild` calls it.
   *
   * @internal
   */
  public _registerChild(child: ResourceConfigurationChild) {
    this.children.push(child);
  }

  /**
   * The children of the group, wherever in the app they were created.
   *
   * @internal
   */
  public get _children(): ResourceConfigurationChild[] {
    return [...this.children];
  }
}

/**
 * Properties of a `ResourceConfigurationChild`.
 */
export interface ResourceConfigurationChildProps extends ResourceConfigurationChildOptions {
  /** The group the child belongs to. */
  readonly group: ResourceConfigurationGroup;
}

/**
 * A child of a resource configuration group (type `CHILD`): one DNS name or IP address, reached through the group's
 * gateway and wherever the group is associated, shared or has endpoints (a child cannot be shared on its own). Made
 * with `group.addChild`.
 *
 * @resource AWS::VpcLattice::ResourceConfiguration
 */
export class ResourceConfigurationChild extends Resource {
  /**
   * The ARN of the child configuration.
   *
   * @attribute
   */
  public readonly resourceConfigurationArn: string;

  /**
   * The ID of the child configuration (`rcfg-…`).
   *
   * @attribute
   */
  public readonly resourceConfigurationId: string;

  /** The TCP ports clients connect to, when known. */
  public readonly ports?: ec2.Port[];

  /** The group. */
  public readonly group: ResourceConfigurationGroup;

  constructor(scope: Construct, id: string, props: ResourceConfigurationChildProps) {
    super(scope, id, { physicalName: physicalName(props?.resourceConfigurationName) });
    checkConfigurationProps(this, props, CHILD_LIKE);
    checkHasMember(this, 'group', props.group, '_registerChild', { like: 'a ResourceConfigurationGroup', required: true });
    checkDefinition(this, props.definition);
    this.group = props.group;
    const rendered = props.definition._render(this, true);
    const portRanges = props.portRanges === undefined ? props.group.portRanges : props.portRanges;
    if (portRanges === undefined) {
      throw invalidValueError(this, 'portRanges', portRanges, "give the TCP ports clients connect to, like ['443'], or give the group portRanges");
    }
    this.ports = portRangesToPorts(this, 'portRanges', portRanges);
    this.checkInGroupDomain(props.customDomain?.domainName ?? rendered.domainName, props.customDomain !== undefined);

    const resource = createResourceConfiguration(this, props, {
      resourceConfigurationType: 'CHILD',
      resourceConfigurationGroupId: props.group.resourceConfigurationId,
      resourceConfigurationDefinition: rendered.definition,
      portRanges,
    });
    this.resourceConfigurationArn = resource.attrArn;
    this.resourceConfigurationId = resource.attrId;
    props.definition._connect(this, props.group.gateway, this.ports);
    props.group._registerChild(this);
  }

  /**
   * The name clients call for a child (its custom domain, else its DNS name) is in the group's domain. The user guide
   * says so of custom domains ("subdomains of the group domain"); for a DNS name without a custom domain it is this
   * library's reading, the safer one: the group's domain is where consumers' private DNS looks for its children.
   */
  private checkInGroupDomain(name: string | undefined, custom: boolean) {
    const groupDomain = this.group.groupDomain;
    const property = custom ? 'customDomain.domainName' : 'definition dnsName';
    if (custom && groupDomain === undefined) {
      throw invalidValueError(this, property, name, `a child can have a custom domain only in the domain of its group, and ${this.group.node.path} has no groupDomain`);
    }
    if (name === undefined || groupDomain === undefined || isToken(name) || isToken(groupDomain)) { return; }
    if (!isWithinDomain(name, groupDomain) || name.toLowerCase() === groupDomain.toLowerCase()) {
      throw invalidValueError(this, property, name, `must be a name below the group domain '${groupDomain}' of ${this.group.node.path}, like 'orders.${groupDomain}'` +
        (custom ? '' : ', or give the child a customDomain there'));
    }
  }
}
