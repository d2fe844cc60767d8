import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { IpAddressType } from './enums';
import { DefinedTargetGroup } from './private/defined-target-group';
import { TargetList } from './private/resource';
import { ipAddressTypeSetting, RenderedHealthCheck, renderHealthCheck, trafficSettings } from './private/settings';
import { TargetDescription, VpcTargetGroupProps } from './target-group-base';
import { isIPv4, isIPv6 } from '../private/lazy';
import { vpcCidrBlock } from '../private/placement';
import { checkList, checkStruct, checkVpc, invalidValueError, physicalName } from '../private/validation';
import { ProtocolVersion, TargetProtocol } from '../protocols';

/**
 * Properties of an `IpTargetGroup`.
 */
export interface IpTargetGroupProps extends VpcTargetGroupProps {
  /**
   * The address family of the targets. Only IP target groups have one.
   *
   * @default IpAddressType.IPV4
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * The targets: IP addresses in the VPC, each optionally with a port of its own, like `'10.0.1.10'`,
   * `'10.0.1.10:8080'`, `'fd00::10'` or `'[fd00::10]:8080'`. At most 100; more can be added with `addTarget`.
   *
   * @default - no targets
   */
  readonly targets?: string[];
}

/**
 * A target group of IP addresses in a VPC: servers, containers (ECS tasks), or anything else with an address.
 *
 * The library cannot know the security groups behind an address: admit VPC Lattice to them yourself with
 * `securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup), ec2.Port.tcp(port))`, on the traffic port
 * and the health-check port.
 *
 * @resource AWS::VpcLattice::TargetGroup
 */
export class IpTargetGroup extends DefinedTargetGroup {
  /** The port the targets receive traffic on, unless a target has its own. */
  public readonly port: number;

  /** The protocol VPC Lattice uses to reach the targets. */
  public readonly protocol: TargetProtocol;

  /** The HTTP version of requests to the targets; none for TCP groups, whose TLS connections VPC Lattice does not read. */
  public readonly protocolVersion?: ProtocolVersion;

  /** The address family of the targets. */
  public readonly ipAddressType: IpAddressType;

  /** The VPC of the targets. */
  public readonly vpc: ec2.IVpc;

  /**
   * The health check as rendered, for groups that admit VPC Lattice on this group's ports (ECS alternate groups).
   *
   * @internal
   */
  public readonly _healthCheck: RenderedHealthCheck;
  private readonly targetList: TargetList;

  constructor(scope: Construct, id: string, props: IpTargetGroupProps) {
    super(scope, id, { physicalName: physicalName(props?.targetGroupName) });
    checkStruct(this, 'props', props, { like: "{ vpc, targets: ['10.0.1.10'] }", required: true });
    checkVpc(this, 'vpc', props.vpc, { required: true });
    checkList(this, 'targets', props.targets, { noToken: "each target becomes an entry of its own; give a list of addresses (each may be a token), like ['10.0.1.10']" });
    const traffic = trafficSettings(this, 'IP', props);
    this.port = traffic.port;
    this.protocol = traffic.protocol;
    this.protocolVersion = traffic.protocolVersion;
    this.ipAddressType = ipAddressTypeSetting(this, props.ipAddressType);
    this.vpc = props.vpc;
    this.targetList = new TargetList(this, 'targets');
    this._healthCheck = renderHealthCheck(this, props.healthCheck, traffic);

    this._createResource({ type: 'IP', ...traffic }, {
      vpc: props.vpc,
      name: props.targetGroupName,
      config: {
        vpcIdentifier: props.vpc.vpcId,
        ...traffic,
        ipAddressType: this.ipAddressType,
        healthCheck: this._healthCheck.config,
      },
      targets: this.targetList.render(),
    });

    props.targets?.forEach(target => {
      const { address, port } = splitAddressAndPort(target);
      this.addAddress(address, port, target);
    });
  }

  /**
   * Adds an IP address in the VPC as a target.
   *
   * @param ipAddress an address of the group's family, like `'10.0.1.10'` or `'fd00::10'`
   * @param port the port this target receives traffic on, if not the group's
   */
  public addTarget(ipAddress: string, port?: number): void {
    this.addAddress(ipAddress, port, port === undefined ? ipAddress : `${typeof ipAddress === 'string' ? ipAddress : String(ipAddress)} port ${port}`);
  }

  /** @internal */
  public _targets(): TargetDescription[] {
    return this.targetList.entries.map(({ id, port }) => ({ type: 'IP', address: id, port }));
  }

  /** @param shown the target as the user wrote it, which every message names */
  private addAddress(address: string, port: number | undefined, shown: string) {
    if (typeof address !== 'string') {
      throw invalidValueError(this, 'targets', shown, "each target must be a string, an IP address like '10.0.1.10' or '10.0.1.10:8080'");
    }
    if (!Token.isUnresolved(address) && !Token.isUnresolved(this.ipAddressType)) {
      const ipv4 = this.ipAddressType === IpAddressType.IPV4;
      // Node's isIPv6 accepts a zone ID ('fe80::1%eth0'), which names an interface of the caller and is no target.
      if (ipv4 ? !isIPv4(address) : !isIPv6(address) || address.includes('%')) {
        throw invalidValueError(this, 'targets', shown, ipv4
          ? "must be an IPv4 address like '10.0.1.10', optionally with a port ('10.0.1.10:8080'), because ipAddressType is IPV4"
          : "must be an IPv6 address like 'fd00::10' (without a zone ID like '%eth0'), optionally with a port ('[fd00::10]:8080'), because ipAddressType is IPV6");
      }
      if (ipv4) { this.warnIfOutsideVpc(address); }
    }
    this.targetList.add(address, port, shown);
  }

  /** VPC Lattice reaches only addresses in the group's VPC; a secondary CIDR block the app does not know may hold it. */
  private warnIfOutsideVpc(address: string) {
    const cidr = vpcCidrBlock(this.vpc);
    if (cidr === undefined) { return; } // imported without its CIDR block
    if (!Token.isUnresolved(cidr) && !ipv4InCidr(address, cidr)) {
      Annotations.of(this).addWarningV2('cdk-vpc-lattice:ipTargetOutsideVpc',
        `The target ${address} is outside the VPC's CIDR block ${cidr}: at run time VPC Lattice reaches only addresses in the target group's VPC, ` +
        'so this target stays unavailable unless it is in a secondary CIDR block of the VPC.');
    }
  }
}

/** Splits `'10.0.1.10:8080'` and `'[fd00::10]:8080'` into address and port; a plain address has no port. */
function splitAddressAndPort(target: string): { address: string; port?: number } {
  if (typeof target !== 'string' || Token.isUnresolved(target)) { return { address: target }; }
  const match = /^\[([^\]]*)\](?::(\d+))?$/.exec(target) ?? /^([^:]*):(\d+)$/.exec(target);
  if (!match) { return { address: target }; }
  return { address: match[1], port: match[2] === undefined ? undefined : Number(match[2]) };
}

function ipv4InCidr(address: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const blockSize = 2 ** (32 - Number(bits));
  return Math.floor(ipv4ToNumber(address) / blockSize) === Math.floor(ipv4ToNumber(network) / blockSize);
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}
