import { isIP } from 'node:net';

/**
 * Which network addresses a fetch may connect to.
 *
 * A URL handed to whosaid (on the command line, in a manifest, in a feed, in
 * a redirect) must not be able to make it reach the machine it runs on, the
 * local network, or a cloud provider's metadata service (server-side request
 * forgery). Addresses are judged after name resolution, at connect time, so
 * a name that resolves differently on a second lookup cannot slip through.
 */

/** What the user is told to do when a refusal is not what they want. */
export const ALLOW_PRIVATE_HINT = 'use --allow-private-addresses to allow';

/** Host names of cloud metadata services, refused by name before any lookup. */
const METADATA_HOST_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

/** Addresses of cloud metadata services (AWS, GCP, Azure, Oracle, Alibaba…), named specially in refusals. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

interface Ipv4Range {
  base: number;
  bits: number;
  kind: string;
}

const IPV4_REFUSED: readonly Ipv4Range[] = [
  range('0.0.0.0', 8, 'an unspecified ("this network")'),
  range('10.0.0.0', 8, 'a private'),
  range('100.64.0.0', 10, 'a shared (carrier-grade NAT)'),
  range('127.0.0.0', 8, 'a loopback'),
  range('169.254.0.0', 16, 'a link-local'),
  range('172.16.0.0', 12, 'a private'),
  range('192.0.0.0', 24, 'a reserved (IETF protocol)'),
  range('192.168.0.0', 16, 'a private'),
  range('198.18.0.0', 15, 'a reserved (benchmarking)'),
  range('224.0.0.0', 4, 'a multicast'),
  range('240.0.0.0', 4, 'a reserved'),
];

function range(base: string, bits: number, kind: string): Ipv4Range {
  return { base: ipv4ToNumber(base) ?? 0, bits, kind };
}

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

function inIpv4Range(value: number, { base, bits }: Ipv4Range): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(base / size);
}

/** The 16 bytes of an IPv6 address (an embedded dotted IPv4 tail allowed); null when it is not one. */
export function ipv6ToBytes(address: string): Uint8Array | null {
  let text = address;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (isIP(text) !== 6) return null;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = ipv4ToNumber(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [(v4 >>> 24) & 0xff, (v4 >>> 16) & 0xff, (v4 >>> 8) & 0xff, v4 & 0xff];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const head = parse(halves[0]);
  const rest = halves.length > 1 ? parse(halves[1]) : [];
  const groups = halves.length > 1 ? [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

function describeIpv4(value: number): string {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/** The IPv4 address an IPv6 address carries inside it (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(bytes: Uint8Array): number | null {
  const word = (at: number): number => bytes[at] * 0x1000000 + bytes[at + 1] * 0x10000 + bytes[at + 2] * 0x100 + bytes[at + 3];
  const zeroUpTo = (end: number): boolean => bytes.subarray(0, end).every((byte) => byte === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the old "compatible" form; :: and ::1 are judged before this).
  if (zeroUpTo(10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) return word(12);
  // 64:ff9b::/96, NAT64: a gateway would forward to the embedded address.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes.subarray(4, 12).every((b) => b === 0)) return word(12);
  // 2002::/16, 6to4.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return word(2);
  return null;
}

/**
 * Why a fetch must not connect to this address, in words ("10.0.0.5 is a
 * private address"), or null when it may. Not an IP address at all: null
 * (names are judged once resolved).
 */
export function refusedAddressReason(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (METADATA_ADDRESSES.has(bare.toLowerCase())) return `${bare} is a cloud metadata address`;
  const v4 = isIP(bare) === 4 ? ipv4ToNumber(bare) : null;
  if (v4 !== null) return ipv4Reason(bare, v4);
  const bytes = ipv6ToBytes(bare);
  if (bytes === null) return null;
  const isZero = bytes.every((byte) => byte === 0);
  if (isZero) return `${bare} is an unspecified address`;
  if (bytes.subarray(0, 15).every((byte) => byte === 0) && bytes[15] === 1) return `${bare} is a loopback address`;
  const embedded = embeddedIpv4(bytes);
  if (embedded !== null) {
    const inner = describeIpv4(embedded);
    if (METADATA_ADDRESSES.has(inner)) return `${bare} is a cloud metadata address (${inner})`;
    const kind = ipv4Kind(embedded);
    return kind === null ? null : `${bare} embeds ${inner}, ${kind} address`;
  }
  if ((bytes[0] & 0xfe) === 0xfc) return `${bare} is a unique-local (private) address`;
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return `${bare} is a link-local address`;
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return `${bare} is a site-local (private) address`;
  if (bytes[0] === 0xff) return `${bare} is a multicast address`;
  // 100::/64, discard-only.
  if (bytes[0] === 0x01 && bytes.subarray(1, 8).every((byte) => byte === 0)) return `${bare} is a reserved (discard) address`;
  return null;
}

function ipv4Reason(text: string, value: number): string | null {
  const kind = ipv4Kind(value);
  return kind === null ? null : `${text} is ${kind} address`;
}

/** "a private", "a loopback"… for a refused IPv4 address; null for one that may be reached. */
function ipv4Kind(value: number): string | null {
  if (value === 0xffffffff) return 'the broadcast';
  return IPV4_REFUSED.find((refused) => inIpv4Range(value, refused))?.kind ?? null;
}

/** Why a URL's host name is refused before it is even looked up, or null. */
export function refusedHostNameReason(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (METADATA_HOST_NAMES.has(name)) return `${name} is a cloud metadata host`;
  return null;
}

/**
 * Decides, for one fetch, whether an address may be connected to. Built from
 * the user's choices: everything allowed, or the strict default with a few
 * exact addresses let through (a known internal mirror, a test server).
 */
export interface AddressPolicy {
  /** Why the address is refused, or null when it may be connected to. */
  refuse(address: string): string | null;
  /** Why the host name is refused before lookup, or null. */
  refuseName(hostname: string): string | null;
}

export interface AddressPolicyOptions {
  /** Connect anywhere, loopback and private networks included. */
  allowPrivateAddresses?: boolean;
  /** Exact IP addresses allowed although they fall in a refused range. */
  allowAddresses?: readonly string[];
}

export function addressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  if (options.allowPrivateAddresses) return { refuse: () => null, refuseName: () => null };
  const exceptions = new Set((options.allowAddresses ?? []).map(normalizeAddress));
  return {
    refuse: (address) => (exceptions.has(normalizeAddress(address)) ? null : refusedAddressReason(address)),
    refuseName: refusedHostNameReason,
  };
}

function normalizeAddress(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const bytes = isIP(bare) === 6 ? ipv6ToBytes(bare) : null;
  return bytes === null ? bare.toLowerCase() : Buffer.from(bytes).toString('hex');
}
