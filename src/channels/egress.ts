// Egress to URLs an org supplies (event webhooks, the webhook channel): private, loopback, link-local, unique-local, CGNAT,
// multicast and unspecified addresses are refused, unless the operator allows them (COBRO_EGRESS_ALLOW), against SSRF.
import dns, { type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

interface Cidr { bytes: Uint8Array; bits: number; text: string }

/** How a host name is resolved: the system's resolver (dns.lookup), or one a test injects. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/**
 * What the operator allows besides public addresses: address ranges, and host names (exact, or "*.suffix") whose
 * addresses are not checked; `resolve` replaces the system's resolver (tests: a name resolving to a private address);
 * `saveResolveMs` how long a save waits for a name to resolve (default SAVE_RESOLVE_MS in egress-host.ts, 5 s; tests: less).
 */
export interface EgressPolicy {
  readonly allow: readonly Cidr[]; readonly hosts: readonly string[]; readonly resolve?: Resolver; readonly saveResolveMs?: number;
}

/** Public addresses only: the default. */
export const STRICT_EGRESS: EgressPolicy = Object.freeze({ allow: [], hosts: [] });

/** The 4 or 16 bytes of an IP address written as text (IPv6 with or without brackets), or null. */
export function ipBytes(text: string): Uint8Array | null {
  const s = text.replace(/^\[|\]$/g, '');
  const kind = isIP(s);
  if (kind === 4) return Uint8Array.from(s.split('.').map(Number));
  if (kind !== 6) return null;
  const [head, tail] = s.split('%', 1)[0]!.split('::') as [string, string | undefined];
  const words = (part: string | undefined): number[] => (part ? part.split(':') : []).flatMap((w) => {
    if (w.includes('.')) { const b = w.split('.').map(Number); return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!]; }
    return [parseInt(w, 16)];
  });
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return Uint8Array.from(all.flatMap((w) => [w >> 8, w & 0xff]));
}

function cidr(text: string): Cidr {
  const [addr, len] = text.split('/') as [string, string | undefined];
  const bytes = ipBytes(addr);
  if (!bytes) throw new Error(`not an address or CIDR: ${text}`);
  const bits = len === undefined ? bytes.length * 8 : Number(len);
  if (!/^\d*$/.test(len ?? '') || !Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) throw new Error(`bad prefix length: ${text}`);
  return { bytes, bits, text };
}

function inCidr(bytes: Uint8Array, c: Cidr): boolean {
  if (bytes.length !== c.bytes.length) return false;
  for (let i = 0; i < c.bits; i += 8) {
    const mask = c.bits - i >= 8 ? 0xff : (0xff << (8 - (c.bits - i))) & 0xff;
    if ((bytes[i / 8]! & mask) !== (c.bytes[i / 8]! & mask)) return false;
  }
  return true;
}

const NAMED: readonly [string, string][] = [
  ['0.0.0.0/8', 'unspecified'], ['10.0.0.0/8', 'private'], ['100.64.0.0/10', 'shared (CGNAT)'], ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'], ['172.16.0.0/12', 'private'], ['192.0.0.0/24', 'reserved'], ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'], ['224.0.0.0/4', 'multicast'], ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'], ['::1/128', 'loopback'], ['fe80::/10', 'link-local'], ['fec0::/10', 'site-local'], ['fc00::/7', 'unique-local'],
  ['ff00::/8', 'multicast'], ['100::/64', 'discard'],
];
const REFUSED = NAMED.map(([c, kind]) => ({ ...cidr(c), kind }));
// IPv6 forms that carry an IPv4 address: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d)
const CARRIERS = [cidr('::ffff:0:0/96'), cidr('::/96'), cidr('64:ff9b::/96')];

/** The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one. */
function carried(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length !== 16 || !CARRIERS.some((c) => inCidr(bytes, c))) return null;
  return bytes.every((b, i) => i >= 15 || b === 0) ? null : bytes.slice(12);
}

/** Why an address may not be reached ("127.0.0.1 is a loopback address"), or null when it may. */
export function refusedAddress(address: string, policy: EgressPolicy): string | null {
  const bytes = ipBytes(address);
  if (!bytes) return `${address} is not an IP address`;
  const v4 = carried(bytes);
  const checks = v4 ? [bytes, v4] : [bytes];
  if (checks.some((b) => policy.allow.some((c) => inCidr(b, c)))) return null;
  for (const b of checks) {
    const hit = REFUSED.find((c) => inCidr(b, c));
    if (hit) return `${address} is a ${hit.kind} address (${hit.text}); an operator may allow it with COBRO_EGRESS_ALLOW`;
  }
  return null;
}

/** True when the operator named this host, so whatever it resolves to is reached. */
export function allowedHost(host: string, policy: EgressPolicy): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return policy.hosts.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
}

/** At save time: refuses a URL whose host is an address that may not be reached (names are checked when delivering). */
export function refusedUrl(url: string | URL, policy: EgressPolicy): string | null {
  const u = typeof url === 'string' ? new URL(url) : url;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (allowedHost(host, policy) || isIP(host) === 0) return null;
  return refusedAddress(host, policy);
}

/** COBRO_EGRESS_ALLOW: comma-separated addresses, CIDRs and host names ("10.0.0.0/8,127.0.0.1,erp.internal,*.corp.example"). */
export function parseEgressAllow(list: string | undefined): EgressPolicy {
  const allow: Cidr[] = [];
  const hosts: string[] = [];
  for (const item of (list ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^[\d.]+(\/\d+)?$/.test(item) || item.includes(':')) allow.push(cidr(item));
    else if (/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(item)) hosts.push(item.toLowerCase());
    else throw new Error(`not an address, CIDR or host name: ${item}`);
  }
  return allow.length || hosts.length ? { allow, hosts } : STRICT_EGRESS;
}

/** The error a refused connection fails with (before any byte is sent). */
export class EgressRefused extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(message: string) { super(`egress refused: ${message}`); }
}

/**
 * A `lookup` for http(s).request: resolves the host and fails when any of its addresses may not be reached; the socket
 * then connects to an address checked here, so a name cannot resolve once to a public address and again to a private one.
 */
export function guardedLookup(policy: EgressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
    const resolved = (err: Error | null, found: LookupAddress[]) => {
      if (err) return done(err, '', 0);
      const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
      const named = allowedHost(hostname, policy);
      for (const a of addresses) {
        const why = named ? null : refusedAddress(a.address, policy);
        if (why) return done(new EgressRefused(`${hostname} resolves to ${why}`), '', 0);
      }
      if (options.all) return done(null, addresses);
      const first = addresses[0];
      return first ? done(null, first.address, first.family) : done(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    };
    if (policy.resolve) policy.resolve(hostname).then((a) => resolved(null, a), (e: Error) => resolved(e, []));
    else dns.lookup(hostname, { ...options, all: true }, resolved);
  };
}
