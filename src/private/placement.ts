import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { freeChildId } from './ids';
import { checkStruct, checkVpc, invalidValueError } from './validation';

/**
 * Where an association or an endpoint between `owner` (a service network, a resource configuration) and `other` (a
 * VPC, a service, a resource configuration) goes: beside the owner, or, when the other side is in another stack (often
 * another account that was given the owner through AWS RAM), in that stack, whose account is the one allowed to create it.
 */
export function placeBetween(owner: IConstruct, other: IConstruct, suffix: string): { scope: Construct; id: string } {
  const otherStack = Stack.of(other);
  const sameStack = otherStack === Stack.of(owner);
  const scope: Construct = sameStack ? owner as Construct : otherStack;
  const base = sameStack ? `${other.node.id}${suffix}` : `${owner.node.id}${other.node.id}${suffix}`;
  return { scope, id: freeChildId(scope, base) };
}

/**
 * Where a VPC endpoint of `owner` in `vpc` goes (see `placeBetween`), after checking the VPC and the options of
 * `addVpcEndpoint`.
 */
export function placeEndpoint(owner: IConstruct, vpc: ec2.IVpc, options: unknown, suffix = 'Endpoint'): { scope: Construct; id: string } {
  checkVpc(owner, 'vpc', vpc, { required: true });
  checkStruct(owner, `add${suffix === 'Endpoint' ? 'Vpc' : ''}${suffix} options`, options, {
    like: suffix === 'Endpoint' ? '{ securityGroups, privateDns: PrivateDns.verifiedDomainsOnly() }' : '{ vpcSubnets, securityGroups }',
  });
  return placeBetween(owner, vpc, suffix);
}

/**
 * The subnets of `vpc` that `selection` (with `extra`) selects for the network interfaces of a gateway or an endpoint:
 * the selection is an object, and selects at least one subnet unless a lookup is pending. What aws-cdk-lib rejects (a
 * subnet type or group the VPC does not have) is reported as an invalid `vpcSubnets`.
 */
export function selectSubnets(scope: IConstruct, vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined,
  extra: ec2.SubnetSelection = {}): ec2.SelectedSubnets {
  checkStruct(scope, 'vpcSubnets', selection, { like: '{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }' });
  const given = selection ?? 'the default selection';
  let subnets: ec2.SelectedSubnets;
  try {
    subnets = vpc.selectSubnets({ ...selection, ...extra });
  } catch (error) {
    throw invalidValueError(scope, 'vpcSubnets', given, `selects no subnet of ${vpc.node.path}: ${(error as Error).message}`);
  }
  if (subnets.subnets.length === 0 && !subnets.isPendingLookup) {
    throw invalidValueError(scope, 'vpcSubnets', given, `selects no subnet of ${vpc.node.path}`);
  }
  return subnets;
}

/** The address families of a subnet defined in this app, from its `AWS::EC2::Subnet`; nothing for imported subnets. */
export function subnetFamilies(subnet: ec2.ISubnet): { ipv4?: boolean; ipv6?: boolean } {
  const resource = subnet.node.defaultChild;
  if (!(resource instanceof ec2.CfnSubnet)) { return {}; }
  const ipv6 = resource.ipv6CidrBlock !== undefined || resource.ipv6IpamPoolId !== undefined || resource.ipv6Native === true;
  const ipv4 = resource.ipv6Native !== true && (resource.cidrBlock !== undefined || resource.ipv4IpamPoolId !== undefined);
  return { ipv4, ipv6 };
}

/**
 * A VPC's IPv4 CIDR block: the literal of its `AWS::EC2::VPC` when the app defines it (the construct knows its block
 * only as an attribute), else its `vpcCidrBlock` (often a token); undefined for a VPC imported without one.
 */
export function vpcCidrBlock(vpc: ec2.IVpc): string | undefined {
  const resource = vpc.node.defaultChild;
  if (resource instanceof ec2.CfnVPC && typeof resource.cidrBlock === 'string' && !Token.isUnresolved(resource.cidrBlock)) {
    return resource.cidrBlock;
  }
  try {
    return vpc.vpcCidrBlock;
  } catch {
    return undefined;
  }
}
