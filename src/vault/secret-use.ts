// Counting the deliveries each webhook secret verified (WH-5) without a write per delivery: a process adds up its
// deliveries in memory and writes the sums now and then (every FLUSH_MS, and before anything reads or moves the counts:
// the secrets' list, a rotation, a retirement, a graceful stop). Counts written by another process lag by FLUSH_MS at
// most; a process killed outright loses its unwritten sums (the counts say which secret is in use, they are not a ledger).
import type { Queryable } from '../db/index.ts';
import { newSecretId, type CountedProvider, type WebhookSecret } from './webhook-secrets.ts';

export const FLUSH_MS = 2000;
/** The `ref` of a public key a provider's deliveries are verified with (SendGrid's), counted on a row of its own. */
export const PUBLIC_KEY_REF = 'public_key';

interface Pending {
  q: Queryable; orgId: string; provider: CountedProvider; ref: string; hint: string;
  count: number; first: Date; last: Date;
}

const pending = new Map<string, Pending>();
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> = Promise.resolve();

/**
 * Counts a delivery on the secret that verified it: a kept previous secret (its row), the one in force (a row made at
 * its first use), or a public key kept in settings (SendGrid's: a row per key, ref `public_key`). A credentials field
 * (`previous_*`) is not counted.
 */
export function noteSecretUse(q: Queryable, orgId: string, provider: CountedProvider, s: WebhookSecret, now: Date): void {
  if (s.ref !== 'current' && s.ref !== PUBLIC_KEY_REF && !s.ref.startsWith('whs_')) return;
  const key = `${orgId}\u0000${provider}\u0000${s.ref}\u0000${s.hint}`;
  const p = pending.get(key);
  if (p) {
    p.count += 1;
    if (now > p.last) p.last = now;
  } else {
    pending.set(key, { q, orgId, provider, ref: s.ref, hint: s.hint, count: 1, first: now, last: now });
  }
  timer ??= setTimeout(() => { void flushSecretUse(); }, FLUSH_MS).unref();
}

/** Writes every sum counted so far (in the order first counted); a sum whose database is gone is dropped. */
export function flushSecretUse(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.values()];
  pending.clear();
  flushing = flushing.then(async () => {
    for (const p of batch) await writeSum(p).catch(() => undefined);
  });
  return flushing;
}

async function writeSum(p: Pending): Promise<void> {
  if (p.ref === PUBLIC_KEY_REF) {
    // a public key's row is found by its hint, whichever settings field holds the key now
    await p.q.query(
      `INSERT INTO webhook_secrets AS w (org_id, id, provider, role, hint, added_at, added_by, last_verified_at, verified_count)
       VALUES ($1, $2, $3, 'public_key', $4, $5, 'settings', $6, $7)
       ON CONFLICT (org_id, provider, hint) WHERE role = 'public_key' DO UPDATE SET verified_count = w.verified_count + EXCLUDED.verified_count,
         last_verified_at = GREATEST(COALESCE(w.last_verified_at, EXCLUDED.last_verified_at), EXCLUDED.last_verified_at)`,
      [p.orgId, newSecretId(p.first), p.provider, p.hint, p.first, p.last, p.count]);
    return;
  }
  if (p.ref !== 'current') {
    await p.q.query(
      `UPDATE webhook_secrets SET verified_count = verified_count + $3, last_verified_at = GREATEST(COALESCE(last_verified_at, $4), $4)
       WHERE org_id = $1 AND id = $2`, [p.orgId, p.ref, p.count, p.last]);
    return;
  }
  // the secret in force when counted may have been replaced since: its sum goes to the row that now holds its last four
  // (the kept previous secret), else to the current row, which starts again when the secret in force has other last four
  await p.q.query(
    `WITH moved AS (
       UPDATE webhook_secrets SET verified_count = verified_count + $6, last_verified_at = GREATEST(COALESCE(last_verified_at, $5), $5)
       WHERE org_id = $1 AND provider = $3 AND id = (SELECT id FROM webhook_secrets WHERE org_id = $1 AND provider = $3 AND hint = $4
         AND retired_at IS NULL ORDER BY role = 'current' DESC, added_at DESC LIMIT 1)
       RETURNING 1)
     INSERT INTO webhook_secrets AS w (org_id, id, provider, role, hint, added_at, added_by, last_verified_at, verified_count)
     SELECT $1, $2, $3, 'current', $4, $7, 'credentials', $5, $6 WHERE NOT EXISTS (SELECT 1 FROM moved)
     ON CONFLICT (org_id, provider) WHERE role = 'current' DO UPDATE SET
       verified_count = EXCLUDED.verified_count, added_at = EXCLUDED.added_at, added_by = EXCLUDED.added_by,
       hint = EXCLUDED.hint, last_verified_at = EXCLUDED.last_verified_at`,
    [p.orgId, newSecretId(p.first), p.provider, p.hint, p.last, p.count, p.first]);
}
