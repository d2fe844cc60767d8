import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { lazy } from './lazy';
import { subnetFamilies } from './placement';
import { checkOneOf, invalidValueError, isToken } from './validation';

/**
 * What each address type of a VPC endpoint needs of its subnets, and the DNS record types it can serve, as EC2
 * documents them for endpoints. Open (docs/lattice-facts.md#endpoint-address-options): integ.network-segments.ts
 * settles the default (DescribeVpcEndpoints of a tunnel endpoint in IPv4-only subnets: IpAddressType ipv4). Made
 * when an endpoint is: reading aws-cdk-lib's endpoint enums loads its VPC endpoint module (about 35 ms), which an app
 * without endpoints never needs.
 */
const addressTypes = lazy((): Record<ec2.VpcEndpointIpAddressType, {
  readonly fits: (family: { ipv4?: boolean; ipv6?: boolean }) => boolean;
  readonly rule: string;
  readonly records: readonly ec2.VpcEndpointDnsRecordIpType[];
}> => ({
  [ec2.VpcEndpointIpAddressType.IPV4]: {
    fits: ({ ipv4 }) => ipv4 === true,
    rule: 'an IPV4 endpoint needs subnets with IPv4 addresses',
    records: [ec2.VpcEndpointDnsRecordIpType.IPV4],
  },
  [ec2.VpcEndpointIpAddressType.IPV6]: {
    fits: ({ ipv4, ipv6 }) => !ipv4 && ipv6 === true,
    rule: 'an IPV6 endpoint needs IPv6-only subnets',
    records: [ec2.VpcEndpointDnsRecordIpType.IPV6],
  },
  [ec2.VpcEndpointIpAddressType.DUALSTACK]: {
    fits: ({ ipv4, ipv6 }) => ipv4 === true && ipv6 === true,
    rule: 'a DUALSTACK endpoint needs subnets with both IPv4 and IPv6 addresses',
    records: Object.values(ec2.VpcEndpointDnsRecordIpType),
  },
}));

/** The `IpAddressType` and `DnsOptions.DnsRecordIpType` of an endpoint, as `AWS::EC2::VPCEndpoint` takes them. */
export interface RenderedEndpointIp {
  readonly ipAddressType?: string;
  readonly dnsRecordIpType?: string;
}

/** An endpoint's address and DNS record types, checked against each other and the app's subnets (tokens pass). */
export function renderEndpointIp(scope: IConstruct, subnets: ec2.ISubnet[], ipAddressType: ec2.VpcEndpointIpAddressType | undefined,
  dnsRecordIpType: ec2.VpcEndpointDnsRecordIpType | undefined): RenderedEndpointIp {
  checkOneOf(scope, 'ipAddressType', ipAddressType, Object.values(ec2.VpcEndpointIpAddressType));
  checkOneOf(scope, 'dnsRecordIpType', dnsRecordIpType, Object.values(ec2.VpcEndpointDnsRecordIpType));
  if (ipAddressType !== undefined && !isToken(ipAddressType)) {
    const { fits, rule, records } = addressTypes()[ipAddressType];
    const misfit = subnets.map(subnet => ({ subnet, ...subnetFamilies(subnet) })).find(family => family.ipv4 !== undefined && !fits(family));
    if (misfit) {
      throw invalidValueError(scope, 'ipAddressType', ipAddressType, `${rule}, and ${misfit.subnet.node.path} has ${misfit.ipv4 ? 'IPv4' : ''}` +
        `${misfit.ipv4 && misfit.ipv6 ? ' and ' : ''}${misfit.ipv6 ? 'IPv6' : ''} addresses`);
    }
    if (dnsRecordIpType !== undefined && !isToken(dnsRecordIpType) && !records.includes(dnsRecordIpType)) {
      throw invalidValueError(scope, 'dnsRecordIpType', dnsRecordIpType,
        `an ${ipAddressType} endpoint takes ${records.map(record => `'${record}'`).join(' or ')} DNS records (give ipAddressType DUALSTACK for others)`);
    }
  }
  return { ipAddressType, dnsRecordIpType };
}
