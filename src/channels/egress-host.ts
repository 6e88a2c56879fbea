// Egress to a mail server an org names by host (SMTP relay, IMAP mailbox), not by URL: the same policy as for URLs. At
// save the host is refused when it is, or resolves to, an address the policy refuses; when connecting the socket is
// opened here through the guarded lookup (every address checked, the socket connected to a checked one), and TLS is
// then negotiated by the mail client on that socket against the host's name.
import dns from 'node:dns';
import net from 'node:net';
import { allowedHost, EgressRefused, guardedLookup, refusedAddress, type EgressPolicy } from './egress.ts';

/** The IP address a host setting spells (IPv6 with or without brackets; decimal, hex or octal IPv4 as the address they stand for), or null for a name. */
export function hostAddress(host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIP(bare)) return bare;
  try {
    const name = new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
    return net.isIP(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * How long a save (API PUT /v1/providers/..., POST/PATCH /v1/webhook-endpoints, the CLI's) waits for a host name to resolve before answering:
 * a resolver slower than this gives 503 naming the field (the request is not held longer).
 */
export const SAVE_RESOLVE_MS = 5_000;

/** What a save-time check found: the host is refused (a private address, or a name resolving to one), or could not be resolved in time. */
export type HostCheck = { kind: 'refused' | 'unresolved'; why: string } | null;

/**
 * At save time: whether a host may be reached. A literal address is checked; a name is resolved now, within
 * SAVE_RESOLVE_MS (or the policy's saveResolveMs), and refused when any address it resolves to is; one that does not
 * resolve (no such name) is not refused (it is checked again when connecting); one still resolving then is 'unresolved'.
 */
export async function checkHost(host: string, policy: EgressPolicy, timeoutMs = policy.saveResolveMs ?? SAVE_RESOLVE_MS): Promise<HostCheck> {
  if (allowedHost(host, policy)) return null;
  const literal = hostAddress(host);
  if (literal) { const why = refusedAddress(literal, policy); return why ? { kind: 'refused', why } : null; }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), timeoutMs); });
  const found = await Promise.race([(policy.resolve ?? ((h: string) => dns.promises.lookup(h, { all: true })))(host).catch(() => []), late])
    .finally(() => clearTimeout(timer));
  if (found === 'late') {
    return { kind: 'unresolved', why: `${host} did not resolve within ${timeoutMs / 1000} s, so it could not be checked against private addresses; try again later` };
  }
  for (const a of found) {
    const why = refusedAddress(a.address, policy);
    if (why) return { kind: 'refused', why: `${host} resolves to ${why}` };
  }
  return null;
}

/** At save time: checkHost on the host of a URL cobro will call (an event endpoint, the webhook channel, a provider's API). */
export function checkUrlHost(url: string | URL, policy: EgressPolicy): Promise<HostCheck> {
  return checkHost((typeof url === 'string' ? new URL(url) : url).hostname.replace(/^\[|\]$/g, ''), policy);
}

/**
 * A TCP socket to host:port that only reaches addresses the policy allows: a literal address is checked, a name is
 * resolved by the guarded lookup and the socket connects to an address it checked (no DNS-rebinding window). Fails with
 * EgressRefused before any byte is sent.
 */
export function guardedSocket(host: string, port: number, policy: EgressPolicy, timeoutMs: number): Promise<net.Socket> {
  const literal = hostAddress(host);
  const why = refusedLiteral(host, policy);
  if (why) return Promise.reject(new EgressRefused(why));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: literal ?? host, port, ...(literal ? {} : { lookup: guardedLookup(policy) }) });
    const timer = setTimeout(() => { socket.destroy(); reject(Object.assign(new Error(`connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' })); }, timeoutMs);
    socket.once('connect', () => { clearTimeout(timer); socket.off('error', failed); resolve(socket); });
    const failed = (e: Error) => { clearTimeout(timer); socket.destroy(); reject(e); };
    socket.once('error', failed);
  });
}

/** When connecting: why a host that is a literal address may not be reached (a name goes through the guarded lookup), or null. */
export function refusedLiteral(host: string, policy: EgressPolicy): string | null {
  const literal = hostAddress(host);
  return literal && !allowedHost(host, policy) ? refusedAddress(literal, policy) : null;
}
