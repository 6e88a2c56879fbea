// What cobro keeps of each provider between sign-ins: its discovery document (an hour) and its key set (ten minutes,
// fetched again at once when a token names a key the kept set lacks, as after the provider rotates its keys, but not
// more than once a minute). Only answers that passed their checks are kept; a failure is never kept.
import { discover, fetchJwks, pickKey, type Discovery } from './oidc.ts';

const DISCOVERY_MS = 60 * 60_000;
const JWKS_MS = 10 * 60_000;
const REFETCH_GAP_MS = 60_000;

interface Kept<T> { value: T; at: number }
const discoveries = new Map<string, Kept<Discovery>>();
const keySets = new Map<string, Kept<unknown>>();

/** The provider's discovery document, from the last hour's copy when there is one. */
export async function discoverKept(issuer: string, now: Date): Promise<Discovery> {
  const kept = discoveries.get(issuer);
  if (kept && now.getTime() - kept.at < DISCOVERY_MS && now.getTime() >= kept.at) return kept.value;
  const value = await discover(issuer);
  discoveries.set(issuer, { value, at: now.getTime() });
  return value;
}

/** A key set that holds the token's key when the provider has it: the kept one, or a fresh one. */
export async function jwksFor(d: Discovery, token: string, now: Date): Promise<unknown> {
  const kept = keySets.get(d.jwks_uri);
  const age = kept ? now.getTime() - kept.at : Infinity;
  const fresh = age >= 0 && age < JWKS_MS;
  if (kept && fresh && (pickKey(kept.value, kidOf(token)) || age < REFETCH_GAP_MS)) return kept.value;
  const value = await fetchJwks(d);
  keySets.set(d.jwks_uri, { value, at: now.getTime() });
  return value;
}

/** Forgets every kept answer (an admin changed the provider, or a test starts afresh). */
export function forgetProviders(): void {
  discoveries.clear();
  keySets.clear();
}

function kidOf(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown }).kid;
  } catch {
    return undefined;
  }
}
