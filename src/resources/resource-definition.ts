import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { CfnResourceConfiguration } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import type { IResourceGateway } from './resource-gateway';
import { checkCidrRanges, ipv6Groups, isIpv6Cidr } from '../private/cidr';
import { awsRds, isIPv4, isIPv6 } from '../private/lazy';
import { checkDomainName, checkOneOf, checkString, checkStruct, invalidValueError, isToken } from '../private/validation';
import { IpAddressType } from '../target-groups/enums';

/**
 * Options of a resource defined by its DNS name.
 */
export interface DnsNameOptions {
  /**
   * The address family the name resolves to. VPC Lattice does not support DUALSTACK here yet.
   *
   * @default IpAddressType.IPV4
   */
  readonly ipAddressType?: IpAddressType;
}

/**
 * What a resource configuration makes reachable: a DNS name, an IP address, an AWS resource by its ARN (an RDS
 * database), or a whole network segment (CIDR ranges). Each kind opens the way from the resource gateway to the resource.
 */
export abstract class ResourceDefinition {
  /**
   * A resource known by its DNS name, such as `db.internal.example.com`, resolved by the gateway (publicly, or in its
   * VPC with `ResourceConfigDnsResolution.IN_VPC`). The gateway's security groups get egress on the configuration's
   * ports to any address of the name's family: the addresses are only known at run time.
   */
  public static dnsName(domainName: string, options: DnsNameOptions = {}): ResourceDefinition {
    return new DnsNameDefinition(domainName, options);
  }

  /**
   * A resource at a private IP address: IPv4 from 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 or 192.168.0.0/16, or an
   * IPv6 address of the gateway's VPC. The gateway's security groups get egress to the address on the configuration's
   * ports.
   */
  public static ipAddress(ipAddress: string): ResourceDefinition {
    return new IpAddressDefinition(ipAddress);
  }

  /**
   * An AWS resource by its ARN: an Amazon RDS database instance or cluster that is not publicly accessible (the only
   * kind VPC Lattice supports). Its ports come from RDS, so the configuration takes no `portRanges`. Nothing is
   * opened for you: let the gateway reach the database (`gateway.connections.allowTo(...)`), or use
   * `ResourceDefinition.rds(database)` for a database of this app.
   */
  public static arn(arn: string): ResourceDefinition {
    return new ArnDefinition(arn);
  }

  /**
   * An Amazon RDS database instance or cluster, by its ARN. Its port comes from RDS, so the configuration takes no
   * `portRanges`; the database admits the gateway on its port, and the gateway may connect to it. The database must
   * not be publicly accessible.
   */
  public static rds(database: rds.IDatabaseInstance | rds.IDatabaseCluster): ResourceDefinition {
    return new RdsDefinition(database);
  }

  /**
   * A network segment: every address in 1 to 10 IPv4 or IPv6 CIDR ranges, reached through tunnel endpoints
   * (`addTunnelEndpoint`), behind a gateway that resolves DNS in its VPC. The gateway may reach each range on the ports.
   *
   * @see https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-cidr-ranges.html
   */
  public static cidr(cidrRanges: string[]): ResourceDefinition {
    return new CidrDefinition(cidrRanges);
  }

  /**
   * The definition as CloudFormation takes it, after checking it for a configuration (`child`: of a group).
   *
   * @internal
   */
  public abstract _render(configuration: IConstruct, child: boolean): RenderedDefinition;

  /**
   * Lets `gateway` reach the resource on `ports` (every TCP port when they are not known), or warns on `configuration`
   * that the app cannot.
   *
   * @internal
   */
  public abstract _connect(configuration: IConstruct, gateway: IResourceGateway, ports: ec2.Port[] | undefined): void;

  /**
   * Where the gateway sends the traffic, for the reachability answers: the resource's connections or address range.
   *
   * @internal
   */
  public _destination(): ResourceDestination {
    return { what: 'the resource' };
  }
}

/**
 * Where a resource gateway sends a resource's traffic.
 *
 * @internal
 */
export interface ResourceDestination {
  readonly what: string;
  readonly connections?: ec2.IConnectable & IConstruct;
  readonly cidr?: string;
  readonly cidrIpv6?: string;
  /** A network segment's ranges, each of which the gateway must reach. */
  readonly ranges?: string[];
}

/**
 * A definition as a resource configuration writes it.
 *
 * @internal
 */
export interface RenderedDefinition {
  /** `SINGLE` for names and addresses, `ARN` for AWS resources, `CIDR` for network segments. */
  readonly type: 'SINGLE' | 'ARN' | 'CIDR';
  readonly definition: CfnResourceConfiguration.ResourceConfigurationDefinitionProperty;
  /** The DNS name of a resource defined by its name. */
  readonly domainName?: string;
  /** The ports of an AWS resource (from RDS), which a configuration of type `ARN` serves; undefined when not known. */
  readonly ports?: ec2.Port[];
  /** The ranges of a network segment. */
  readonly cidrRanges?: string[];
}

const NOT_CONNECTED = 'cdk-vpc-lattice:resourceNotConnected';

/** Egress from the gateway to `peer` on each port, or a warning when the gateway's security groups are not known. */
function allowGatewayTo(configuration: IConstruct, gateway: IResourceGateway, peer: ec2.IPeer, ports: ec2.Port[] | undefined, what: string) {
  if (warnWithoutSecurityGroups(configuration, gateway)) { return; }
  (ports ?? [ec2.Port.allTcp()]).forEach(port => gateway.connections.allowTo(peer, port, `To ${what} of VPC Lattice resource configuration`));
}

function warnWithoutSecurityGroups(configuration: IConstruct, gateway: IResourceGateway): boolean {
  if (gateway.connections.securityGroups.length > 0) { return false; }
  Annotations.of(configuration).addWarningV2(NOT_CONNECTED,
    `The resource gateway ${gateway.node.path} was imported without its security groups, so nothing lets it reach this resource: at run time ` +
    'connections fail unless its security groups allow them. Import it with securityGroups, or open them yourself.');
  return true;
}

class DnsNameDefinition extends ResourceDefinition {
  /** The options as given, checked when a configuration renders the definition (there is no scope to name before). */
  constructor(private readonly domainName: string, private readonly options: DnsNameOptions) {
    super();
  }

  /** The address family; read once `_render` has checked the options. */
  private get ipAddressType(): IpAddressType {
    return this.options.ipAddressType ?? IpAddressType.IPV4;
  }

  public _render(configuration: IConstruct): RenderedDefinition {
    checkDomainName(configuration, 'definition dnsName', this.domainName);
    checkStruct(configuration, 'definition dnsName options', this.options, { like: '{ ipAddressType: IpAddressType.IPV4 }' });
    checkOneOf(configuration, 'definition ipAddressType', this.options.ipAddressType, [IpAddressType.IPV4, IpAddressType.IPV6],
      'VPC Lattice does not support DUALSTACK for DNS-name resources yet');
    return { type: 'SINGLE', definition: { dnsResource: { domainName: this.domainName, ipAddressType: this.ipAddressType } }, domainName: this.domainName };
  }

  public _connect(configuration: IConstruct, gateway: IResourceGateway, ports: ec2.Port[] | undefined) {
    const anyAddress = this.ipAddressType === IpAddressType.IPV6 ? ec2.Peer.anyIpv6() : ec2.Peer.anyIpv4();
    allowGatewayTo(configuration, gateway, anyAddress, ports, this.domainName);
  }

  public _destination(): ResourceDestination {
    return { what: isToken(this.domainName) ? 'the DNS name of the resource' : this.domainName };
  }
}

/** The private IPv4 ranges VPC Lattice takes for IP resources, as [first address, prefix length]. */
const PRIVATE_IPV4: Array<[string, number]> = [['10.0.0.0', 8], ['100.64.0.0', 10], ['172.16.0.0', 12], ['192.168.0.0', 16]];

function isPrivateIpv4(address: string): boolean {
  const value = (dotted: string) => dotted.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
  return PRIVATE_IPV4.some(([first, bits]) => Math.floor(value(address) / 2 ** (32 - bits)) === Math.floor(value(first) / 2 ** (32 - bits)));
}

/**
 * A valid IPv6 address (without a zone ID) in its canonical text form (RFC 5952), which `ec2.Peer.ipv6` takes for any
 * address: lowercase hexadecimal groups without leading zeros, the longest run of two or more zero groups as '::'. So
 * `'::ffff:10.0.1.5'` is `'::ffff:a00:105'`, `'::1:2:3:4:5:6:7'` is `'0:1:2:3:4:5:6:7'`.
 */
function canonicalIpv6(address: string): string {
  const groups = ipv6Groups(address).map(group => parseInt(group, 16).toString(16));
  let run = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (groups[start + length] === '0') { length++; }
    if (length > run.length) { run = { start, length }; }
  }
  if (run.start < 0) { return groups.join(':'); }
  return `${groups.slice(0, run.start).join(':')}::${groups.slice(run.start + run.length).join(':')}`;
}

class IpAddressDefinition extends ResourceDefinition {
  constructor(private readonly ipAddress: string) {
    super();
  }

  public _render(configuration: IConstruct): RenderedDefinition {
    checkString(configuration, 'definition ipAddress', this.ipAddress, { min: 4, max: 39 });
    // Node's isIPv6 takes a zone ID ('fe80::1%eth0'), which no VPC address has.
    if (!isToken(this.ipAddress) && !((isIPv6(this.ipAddress) && !this.ipAddress.includes('%')) || (isIPv4(this.ipAddress) && isPrivateIpv4(this.ipAddress)))) {
      throw invalidValueError(configuration, 'definition ipAddress', this.ipAddress,
        'must be a private IPv4 address (in 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 or 192.168.0.0/16) or an IPv6 address of the gateway\'s VPC, without a zone ID');
    }
    return { type: 'SINGLE', definition: { ipResource: this.ipAddress } };
  }

  public _connect(configuration: IConstruct, gateway: IResourceGateway, ports: ec2.Port[] | undefined) {
    // An address given as a token is taken for IPv4, the family of the default gateway.
    const peer = !isToken(this.ipAddress) && isIPv6(this.ipAddress) ? ec2.Peer.ipv6(`${canonicalIpv6(this.ipAddress)}/128`) : ec2.Peer.ipv4(`${this.ipAddress}/32`);
    allowGatewayTo(configuration, gateway, peer, ports, this.ipAddress);
  }

  public _destination(): ResourceDestination {
    if (isToken(this.ipAddress)) { return { what: 'the IP address' }; }
    return isIPv6(this.ipAddress) ? { what: this.ipAddress, cidrIpv6: `${canonicalIpv6(this.ipAddress)}/128` } : { what: this.ipAddress, cidr: `${this.ipAddress}/32` };
  }
}

const RDS_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:(db|cluster):[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/** An ARN resource, checked for a configuration of type ARN: children of a group are names or addresses. */
function renderArn(configuration: IConstruct, child: boolean, arn: string, ports?: ec2.Port[]): RenderedDefinition {
  if (child) {
    throw invalidValueError(configuration, 'definition', arn,
      'a child of a resource configuration group is a DNS name or an IP address; define an AWS resource by its ARN in a ResourceConfiguration of its own');
  }
  checkString(configuration, 'definition arn', arn, { min: 20, max: 1224 });
  if (!isToken(arn) && !RDS_ARN.test(arn)) {
    throw invalidValueError(configuration, 'definition arn', arn,
      "VPC Lattice supports the ARNs of Amazon RDS databases only: 'arn:aws:rds:<region>:<account>:db:<name>' or '…:cluster:<name>'");
  }
  return { type: 'ARN', definition: { arnResource: arn }, ports };
}

class ArnDefinition extends ResourceDefinition {
  constructor(private readonly arn: string) {
    super();
  }

  public _render(configuration: IConstruct, child: boolean): RenderedDefinition {
    return renderArn(configuration, child, this.arn);
  }

  public _connect(configuration: IConstruct) {
    Annotations.of(configuration).addWarningV2(NOT_CONNECTED,
      `Nothing lets the resource gateway reach ${this.arn}, defined by its ARN: at run time connections fail unless the database's security ` +
      'groups admit the gateway and the gateway\'s allow the traffic out. Use ResourceDefinition.rds(database) for a database of this app, or open them yourself.');
  }
}

class RdsDefinition extends ResourceDefinition {
  constructor(private readonly database: rds.IDatabaseInstance | rds.IDatabaseCluster) {
    super();
  }

  public _render(configuration: IConstruct, child: boolean): RenderedDefinition {
    const arn = (this.database as rds.IDatabaseInstance).instanceArn ?? (this.database as rds.IDatabaseCluster).clusterArn;
    // The database's own subtree only (a cluster's instances are its children): aws-cdk-lib's L2s do not say whether
    // an instance is publicly accessible, its CfnDBInstance does.
    const publicInstance = this.database.node.findAll()
      .find(construct => construct instanceof awsRds().CfnDBInstance && construct.publiclyAccessible === true);
    if (publicInstance) {
      throw invalidValueError(configuration, 'definition', this.database.node.path,
        `VPC Lattice serves only databases that are not publicly accessible, and ${publicInstance.node.path} is: set publiclyAccessible to false`);
    }
    const port = this.database.connections.defaultPort;
    return renderArn(configuration, child, arn, port ? [port] : undefined);
  }

  public _connect(configuration: IConstruct, gateway: IResourceGateway) {
    if (warnWithoutSecurityGroups(configuration, gateway)) { return; }
    if (!this.database.connections.defaultPort) {
      Annotations.of(configuration).addWarningV2(NOT_CONNECTED,
        `The port of the database ${this.database.node.path} is not known (imported without it), so it was not opened to the resource gateway: ` +
        'at run time connections fail unless its security groups admit the gateway. Call database.connections.allowFrom(gateway, port).');
      return;
    }
    this.database.connections.allowDefaultPortFrom(gateway, 'From the VPC Lattice resource gateway');
  }

  public _destination(): ResourceDestination {
    return { what: this.database.node.path, connections: this.database };
  }
}

class CidrDefinition extends ResourceDefinition {
  constructor(private readonly cidrRanges: string[]) {
    super();
  }

  public _render(configuration: IConstruct, child: boolean): RenderedDefinition {
    if (child) {
      throw invalidValueError(configuration, 'definition', 'ResourceDefinition.cidr(...)',
        'a child of a resource configuration group is a DNS name or an IP address; define a network segment in a ResourceConfiguration of its own');
    }
    checkCidrRanges(configuration, 'definition cidr', this.cidrRanges);
    return { type: 'CIDR', definition: { cidrResource: { cidrRanges: this.cidrRanges } }, cidrRanges: this.cidrRanges };
  }

  public _connect(configuration: IConstruct, gateway: IResourceGateway, ports: ec2.Port[] | undefined) {
    // A list only known at deploy time cannot be opened range by range.
    if (isToken(this.cidrRanges)) {
      Annotations.of(configuration).addWarningV2(NOT_CONNECTED,
        'The CIDR ranges of this network segment are only known at deploy time, so the gateway\'s security groups were not opened to them: ' +
        'connections fail unless they allow the traffic out. Give the ranges as a list, or call gateway.connections.allowTo.');
      return;
    }
    this.cidrRanges.forEach(range => allowGatewayTo(configuration, gateway,
      isIpv6Cidr(range) ? ec2.Peer.ipv6(range) : ec2.Peer.ipv4(range), ports, range));
  }

  public _destination(): ResourceDestination {
    if (isToken(this.cidrRanges)) { return { what: 'the network segment' }; }
    return { what: this.cidrRanges.join(', '), ranges: this.cidrRanges };
  }
}
