import { IResource, Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnResourceGateway } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type { IResourceConfiguration } from './interfaces';
import { checkAttributes, importedIdentity } from '../private/arns';
import { keepNoTrafficEgress } from '../private/client-security-group';
import { generatedName } from '../private/ids';
import { recordName } from '../private/names';
import { selectSubnets, subnetFamilies } from '../private/placement';
import {
  checkInteger, checkOneOf, checkResourceName, checkSecurityGroups, checkStruct, checkVpc, invalidValueError, physicalName,
} from '../private/validation';
import { IpAddressType } from '../target-groups/enums';

/**
 * Where a resource gateway resolves the DNS names of its resource configurations.
 */
export enum ResourceConfigDnsResolution {
  /** Through public DNS. */
  PUBLIC = 'PUBLIC',
  /**
   * Through the gateway VPC's own resolver, so private names (a private hosted zone of the VPC) work. A gateway that
   * resolves in the VPC cannot serve ARN resource configurations (RDS databases).
   */
  IN_VPC = 'IN_VPC',
}

/**
 * A VPC Lattice resource gateway: the way into a VPC for the TCP connections of clients in other VPCs and accounts to
 * the resources that resource configurations define.
 */
export interface IResourceGateway extends IResource, ec2.IConnectable {
  /**
   * The ARN of the resource gateway.
   *
   * @attribute
   */
  readonly resourceGatewayArn: string;

  /**
   * The ID of the resource gateway (`rgw-…`).
   *
   * @attribute
   */
  readonly resourceGatewayId: string;

  /**
   * Where the gateway resolves DNS names.
   *
   * @default - not known (imported without it)
   */
  readonly dnsResolution?: ResourceConfigDnsResolution;

  /** The security groups of the gateway (a copy): the ones given or imported with, or the one made for it. */
  readonly securityGroups: ec2.ISecurityGroup[];

  /** The resource configurations served through this gateway in this app (a copy). */
  readonly resourceConfigurations: IResourceConfiguration[];

  /** Records a resource configuration served through this gateway. Resource configurations call it; you need not. */
  registerResourceConfiguration(resourceConfiguration: IResourceConfiguration): void;
}

/** What gateways defined in the app and imported ones keep: their security groups and their configurations. */
abstract class ResourceGatewayBase extends Resource {
  private readonly configurations: IResourceConfiguration[] = [];
  /** @internal */
  protected abstract readonly _securityGroups: ec2.ISecurityGroup[];

  public get securityGroups(): ec2.ISecurityGroup[] {
    return [...this._securityGroups];
  }

  public get resourceConfigurations(): IResourceConfiguration[] {
    return [...this.configurations];
  }

  public registerResourceConfiguration(resourceConfiguration: IResourceConfiguration): void {
    if (!this.configurations.includes(resourceConfiguration)) { this.configurations.push(resourceConfiguration); }
  }
}

/**
 * Properties of a `ResourceGateway`.
 */
export interface ResourceGatewayProps {
  /** The VPC of the resources, where the gateway's network interfaces go. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets of the gateway's network interfaces. A consumer's endpoint reaches the gateway only in Availability
   * Zones they share, so span several. Changing them replaces the gateway.
   *
   * @default - the VPC's private subnets, else its isolated ones (`vpc.selectSubnets()`)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the gateway's network interfaces, 1 to 5. They control the traffic *out* of the gateway to
   * the resources: each resource configuration opens egress to its resource on its ports; the resources must admit
   * the gateway (`database.connections.allowDefaultPortFrom(gateway)`; `ResourceDefinition.rds` does it for you).
   *
   * @default - a new security group that lets nothing out until resource configurations open it
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The address family of the gateway's network interfaces, which must match the subnets: IPV4 needs IPv4 subnets,
   * IPV6 IPv6-only subnets, DUALSTACK subnets with both. Checked for subnets defined in this app. Changing it replaces
   * the gateway.
   *
   * @default - IpAddressType.IPV6 when every subnet defined in this app is IPv6-only, else IpAddressType.IPV4
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * The number of IPv4 addresses in each of the gateway's network interfaces (one per subnet), 1 to 62: each
   * connection through the gateway uses a port of one of them. Not for IPv6 gateways. A change needs a new gateway:
   * CloudFormation lists the property as updatable, but VPC Lattice cannot change it in place (the Terraform provider
   * replaces the gateway), so change `resourceGatewayName` with it.
   *
   * @default - VPC Lattice's default, 16
   */
  readonly ipv4AddressesPerEni?: number;

  /**
   * Where the gateway resolves the DNS names of its resource configurations. Changing it replaces the gateway.
   *
   * @default - VPC Lattice's default, ResourceConfigDnsResolution.PUBLIC
   */
  readonly dnsResolution?: ResourceConfigDnsResolution;

  /**
   * The name of the gateway: 3 to 40 characters of a-z, 0-9 and '-', not starting with `rgw-`. Changing it replaces
   * the gateway.
   *
   * @default - a name made from the construct path, unique in the app (CloudFormation requires one); moving the
   * construct renames, so replaces, the gateway
   */
  readonly resourceGatewayName?: string;
}

/**
 * Attributes to import a resource gateway defined elsewhere. Give its ARN or its ID.
 */
export interface ResourceGatewayAttributes {
  /**
   * The ARN of the resource gateway.
   *
   * @default - derived from `resourceGatewayId`, in this stack's account and region
   */
  readonly resourceGatewayArn?: string;

  /**
   * The ID of the resource gateway (`rgw-…`).
   *
   * @default - taken from `resourceGatewayArn`
   */
  readonly resourceGatewayId?: string;

  /**
   * The gateway's security groups, which resource configurations open to their resources and RDS databases admit.
   *
   * @default - none known: nothing is opened for the gateway's traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Where the gateway resolves DNS names.
   *
   * @default - not known: nothing is checked
   */
  readonly dnsResolution?: ResourceConfigDnsResolution;
}

/**
 * A VPC Lattice resource gateway in the VPC of the resources that resource configurations make reachable over TCP.
 *
 * Its security groups control the traffic out to the resources (each configuration opens them to its resource on its
 * ports), and the resources must admit it: the gateway is `ec2.IConnectable`.
 *
 * @resource AWS::VpcLattice::ResourceGateway
 */
export class ResourceGateway extends ResourceGatewayBase implements IResourceGateway {
  /**
   * Imports a resource gateway by its ARN or ID, with the security groups that configurations should open.
   */
  public static fromResourceGatewayAttributes(scope: Construct, id: string, attrs: ResourceGatewayAttributes): IResourceGateway {
    return new ImportedResourceGateway(scope, id, attrs);
  }

  public readonly resourceGatewayArn: string;
  public readonly resourceGatewayId: string;

  /** The gateway's security groups: `allowTo` opens more egress, `allowFrom` on a resource admits the gateway. */
  public readonly connections: ec2.Connections;

  /** The name of the gateway. */
  public readonly resourceGatewayName: string;

  /** The VPC the gateway is in. */
  public readonly vpc: ec2.IVpc;

  /** The address family of the gateway's network interfaces. */
  public readonly ipAddressType: IpAddressType;

  public readonly dnsResolution?: ResourceConfigDnsResolution;

  /** @internal */
  protected readonly _securityGroups: ec2.ISecurityGroup[];

  constructor(scope: Construct, id: string, props: ResourceGatewayProps) {
    super(scope, id, { physicalName: physicalName(props?.resourceGatewayName) });
    checkStruct(this, 'props', props, { like: '{ vpc }', required: true });
    checkVpc(this, 'vpc', props.vpc, { required: true });
    checkResourceName(this, 'resourceGatewayName', props.resourceGatewayName, 'resource gateway');
    checkSecurityGroups(this, 'securityGroups', props.securityGroups, [1, 5]);
    checkInteger(this, 'ipv4AddressesPerEni', props.ipv4AddressesPerEni, 1, 62);
    checkOneOf(this, 'dnsResolution', props.dnsResolution, Object.values(ResourceConfigDnsResolution));
    this.vpc = props.vpc;
    this.resourceGatewayName = props.resourceGatewayName ?? generatedName(this, 'resource gateway');
    this.dnsResolution = props.dnsResolution;

    const subnets = selectSubnets(this, props.vpc, props.vpcSubnets);
    this.ipAddressType = this.checkAddressType(subnets.subnets, props.ipAddressType);
    if (props.ipv4AddressesPerEni !== undefined && this.ipAddressType === IpAddressType.IPV6) {
      throw invalidValueError(this, 'ipv4AddressesPerEni', props.ipv4AddressesPerEni, 'an IPV6 gateway has no IPv4 addresses: leave it out, or use IPV4 or DUALSTACK');
    }

    // Open (docs/lattice-facts.md#resource-gateways): that egress alone is enough is settled by integ.secure-defaults.ts
    // (no allow-all egress, and the echo server answers) and integ.network-segments.ts.
    const securityGroups = props.securityGroups ?? [ownSecurityGroup(this, props.vpc)];
    this._securityGroups = securityGroups;
    this.connections = new ec2.Connections({ securityGroups });

    recordName(this, this.resourceGatewayName);
    const resource = new CfnResourceGateway(this, 'Resource', {
      name: this.resourceGatewayName,
      vpcIdentifier: props.vpc.vpcId,
      subnetIds: subnets.subnetIds,
      securityGroupIds: securityGroups.map(group => group.securityGroupId),
      ipAddressType: this.ipAddressType,
      ipv4AddressesPerEni: props.ipv4AddressesPerEni,
      // Open (docs/lattice-facts.md#network-segments): replacement on a change settled by integ.network-segments.ts (DescribeType).
      resourceConfigDnsResolution: props.dnsResolution,
    });
    this.resourceGatewayArn = resource.attrArn;
    this.resourceGatewayId = resource.attrId;
  }

  /**
   * The address type, checked against the families of the subnets defined in this app (imported subnets tell none):
   * IPV4 needs IPv4 addresses, IPV6 IPv6-only subnets, DUALSTACK both families.
   */
  private checkAddressType(subnets: ec2.ISubnet[], given?: IpAddressType): IpAddressType {
    checkOneOf(this, 'ipAddressType', given, Object.values(IpAddressType));
    const families = subnets.map(subnet => ({ subnet, ...subnetFamilies(subnet) })).filter(known => known.ipv4 !== undefined);
    const ipv6Only = families.length > 0 && families.every(({ ipv4, ipv6 }) => !ipv4 && ipv6);
    const type = given ?? (ipv6Only ? IpAddressType.IPV6 : IpAddressType.IPV4);
    const needs: Record<IpAddressType, [(family: { ipv4?: boolean; ipv6?: boolean }) => boolean, string]> = {
      [IpAddressType.IPV4]: [({ ipv4 }) => ipv4 === true, 'an IPV4 gateway needs subnets with IPv4 addresses'],
      [IpAddressType.IPV6]: [({ ipv4, ipv6 }) => !ipv4 && ipv6 === true, 'an IPV6 gateway needs IPv6-only subnets'],
      [IpAddressType.DUALSTACK]: [({ ipv4, ipv6 }) => ipv4 === true && ipv6 === true, 'a DUALSTACK gateway needs subnets with both IPv4 and IPv6 addresses'],
    };
    const [fits, rule] = needs[type];
    const misfit = families.find(family => !fits(family));
    if (misfit) {
      throw invalidValueError(this, 'ipAddressType', type, `${rule}, and ${misfit.subnet.node.path} has ${misfit.ipv4 ? 'IPv4' : ''}` +
        `${misfit.ipv4 && misfit.ipv6 ? ' and ' : ''}${misfit.ipv6 ? 'IPv6' : ''} addresses`);
    }
    return type;
  }
}

/** The gateway's own security group: nothing out until resource configurations open it. */
function ownSecurityGroup(gateway: Construct, vpc: ec2.IVpc): ec2.SecurityGroup {
  const securityGroup = new ec2.SecurityGroup(gateway, 'SecurityGroup', {
    vpc,
    description: 'VPC Lattice resource gateway: traffic out to the resources of its resource configurations',
    allowAllOutbound: false,
    allowAllIpv6Outbound: false,
  });
  keepNoTrafficEgress(securityGroup);
  return securityGroup;
}

class ImportedResourceGateway extends ResourceGatewayBase implements IResourceGateway {
  public readonly resourceGatewayArn: string;
  public readonly resourceGatewayId: string;
  public readonly connections: ec2.Connections;
  public readonly dnsResolution?: ResourceConfigDnsResolution;
  /** @internal */
  protected readonly _securityGroups: ec2.ISecurityGroup[];

  constructor(scope: Construct, id: string, attrs: ResourceGatewayAttributes) {
    super(scope, id);
    checkAttributes(this, 'resourcegateway', attrs);
    const { arn, id: gatewayId } = importedIdentity(this, 'resourcegateway', attrs.resourceGatewayArn, attrs.resourceGatewayId);
    checkOneOf(this, 'dnsResolution', attrs.dnsResolution, Object.values(ResourceConfigDnsResolution));
    checkSecurityGroups(this, 'securityGroups', attrs.securityGroups, [0, 5]);
    this.resourceGatewayArn = arn;
    this.resourceGatewayId = gatewayId;
    this._securityGroups = attrs.securityGroups ?? [];
    this.connections = new ec2.Connections({ securityGroups: attrs.securityGroups });
    this.dnsResolution = attrs.dnsResolution;
  }
}
