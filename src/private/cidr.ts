import { IConstruct } from 'constructs';
import { isIPv4, isIPv6 } from './lazy';
import { characters, checkCount, checkList, invalidValueError, isToken } from './validation';

/** A CIDR range, parsed: its address family and its first address and prefix length as bits. */
interface ParsedCidr {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly prefix: number;
}

/**
 * Blocks no VPC routes, which VPC Lattice's unlisted reserved ranges surely include. Open
 * (docs/lattice-facts.md#network-segments): no integ test can settle the list, only a deployment made to fail.
 */
const UNROUTABLE: ReadonlyArray<[string, string]> = [
  ['0.0.0.0/8', 'the IPv4 "this network" block'],
  ['127.0.0.0/8', 'IPv4 loopback'],
  ['169.254.0.0/16', 'IPv4 link-local addresses (the VPC DNS resolver and instance metadata live there)'],
  ['224.0.0.0/4', 'IPv4 multicast'],
  ['240.0.0.0/4', 'reserved IPv4 addresses'],
  ['::1/128', 'IPv6 loopback'],
  ['fe80::/10', 'IPv6 link-local addresses'],
  ['ff00::/8', 'IPv6 multicast'],
];

function ipv4Bits(address: string): bigint {
  return address.split('.').reduce((total, octet) => total * 256n + BigInt(Number(octet)), 0n);
}

/** The eight hexadecimal groups of a valid IPv6 address, '::' expanded and a trailing dotted IPv4 part converted. */
export function ipv6Groups(address: string): string[] {
  const hexadecimal = address.toLowerCase().replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a, b, c, d) => `${(Number(a) * 256 + Number(b)).toString(16)}:${(Number(c) * 256 + Number(d)).toString(16)}`);
  const [head, tail] = hexadecimal.split('::');
  const parts = (part?: string) => (part ? part.split(':') : []);
  const zeros = tail === undefined ? [] : Array(8 - parts(head).length - parts(tail).length).fill('0');
  return [...parts(head), ...zeros, ...parts(tail)];
}

function ipv6Bits(address: string): bigint {
  return ipv6Groups(address).reduce((total, group) => total * 65536n + BigInt(parseInt(group, 16)), 0n);
}

/** A CIDR range in prefix notation, or undefined when it is not one. */
function parseCidr(range: string): ParsedCidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(range);
  if (!match) { return undefined; }
  const [, address, bits] = match;
  const prefix = Number(bits);
  if (isIPv4(address) && /^\d+(\.\d+){3}$/.test(address) && prefix <= 32) { return { family: 4, first: ipv4Bits(address), prefix }; }
  if (isIPv6(address) && !address.includes('%') && prefix <= 128) { return { family: 6, first: ipv6Bits(address), prefix }; }
  return undefined;
}

const width = (family: 4 | 6) => (family === 4 ? 32 : 128);

/** Whether the address bits after the prefix are all zero. */
function isNetworkAddress({ family, first, prefix }: ParsedCidr): boolean {
  return first % 2n ** BigInt(width(family) - prefix) === 0n;
}

/**
 * true when `outer` holds all of `inner`, false when they share no address (or are of two families), undefined when
 * they overlap in part or one is not a range.
 */
export function cidrContainment(outer: string, inner: string): boolean | undefined {
  const [a, b] = [parseCidr(outer), parseCidr(inner)];
  if (!a || !b) { return undefined; }
  if (a.family !== b.family) { return false; }
  const block = 2n ** BigInt(width(a.family) - Math.min(a.prefix, b.prefix));
  if (a.first / block !== b.first / block) { return false; }
  return a.prefix <= b.prefix ? true : undefined;
}

/** Whether `inner` lies within `outer`. */
function within(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) { return false; }
  const block = 2n ** BigInt(width(outer.family) - outer.prefix);
  return inner.first / block === outer.first / block;
}

/** The 1 to 10 CIDR ranges of a network segment (tokens pass); returns the families of the literal ones. */
export function checkCidrRanges(scope: IConstruct, property: string, ranges: unknown): Set<4 | 6> {
  const families = new Set<4 | 6>();
  if (ranges === undefined || ranges === null) {
    throw invalidValueError(scope, property, ranges, "give 1 to 10 CIDR ranges, like ['10.20.0.0/16']");
  }
  if (!checkList(scope, property, ranges)) { return families; }
  checkCount(scope, property, ranges, 1, 10);
  ranges.forEach((range, index) => {
    if (isToken(range)) { return; }
    if (typeof range !== 'string' || characters(range) > 50) {
      throw invalidValueError(scope, property, range, "each range must be a string of 1 to 50 characters, like '10.20.0.0/16'");
    }
    const parsed = parseCidr(range);
    if (!parsed) {
      throw invalidValueError(scope, property, range, "each range must be an IPv4 or IPv6 CIDR range in prefix notation, like '10.20.0.0/16' or '2001:db8::/56'");
    }
    if (!isNetworkAddress(parsed)) {
      throw invalidValueError(scope, property, range, 'the address of each range must be its first one (no bits set after the prefix length)');
    }
    if (parsed.prefix === 0 && ranges.length > 1) {
      throw invalidValueError(scope, property, range, 'a range of every address (0.0.0.0/0 or ::/0) must be the only range of the segment');
    }
    const reserved = UNROUTABLE.find(([block]) => within(parsed, parseCidr(block)!));
    if (reserved) {
      throw invalidValueError(scope, property, range, `it is within ${reserved[0]}, ${reserved[1]}, which no VPC routes and VPC Lattice refuses`);
    }
    if (ranges.indexOf(range) !== index) {
      throw invalidValueError(scope, property, range, 'each range may be listed once');
    }
    families.add(parsed.family);
  });
  return families;
}

/** Whether a literal CIDR range is an IPv6 one (a range only known at deploy time is taken for IPv4). */
export function isIpv6Cidr(range: string): boolean {
  return !isToken(range) && parseCidr(range)?.family === 6;
}
