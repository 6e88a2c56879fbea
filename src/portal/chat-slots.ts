// The portal chat's open streams per session, counted in the database so that the cap holds across API processes: an
// open stream holds one of its session's slots (a row of portal_chat_streams, migration 132) and renews it at each
// heartbeat; a slot not renewed (its process crashed or hung) is free again two heartbeats and a second after its last
// renewal. The lease runs on the database's clock, the one clock all processes share (liveness, not business time).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/index.ts';

export interface ChatSlot { slot: number; holder: string }

export interface ChatSlots {
  /** A free slot of the session's `perSession`, held for `leaseMs`; null when all are held by live streams. */
  take(q: Queryable, orgId: string, key: string): Promise<ChatSlot | null>;
  /** Holds the slot another lease; false when it was lost (expired and taken by another stream). */
  renew(q: Queryable, orgId: string, key: string, s: ChatSlot): Promise<boolean>;
  release(q: Queryable, orgId: string, key: string, s: ChatSlot): Promise<void>;
}

export function chatSlots(perSession: number, leaseMs: number): ChatSlots {
  const lease = leaseMs / 1000;
  return {
    async take(q, orgId, key) {
      // the org's lapsed slots go (few rows: the streams open now), then each slot not held is tried in turn
      await q.query('DELETE FROM portal_chat_streams WHERE org_id = $1 AND expires_at <= clock_timestamp()', [orgId]);
      const held = new Set((await q.query<{ slot: number }>(
        'SELECT slot FROM portal_chat_streams WHERE org_id = $1 AND stream_key = $2 AND expires_at > clock_timestamp()', [orgId, key])).map((r) => Number(r.slot)));
      const holder = randomUUID();
      for (let slot = 0; slot < perSession; slot += 1) {
        if (held.has(slot)) continue;
        // another process taking the same slot at once: one row wins, the other finds it live and tries the next
        const won = await q.query(
          `INSERT INTO portal_chat_streams (org_id, stream_key, slot, holder, expires_at) VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5::float8))
           ON CONFLICT (org_id, stream_key, slot) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
             WHERE portal_chat_streams.expires_at <= clock_timestamp()
           RETURNING slot`, [orgId, key, slot, holder, lease]);
        if (won.length > 0) return { slot, holder };
      }
      return null;
    },
    async renew(q, orgId, key, s) {
      const rows = await q.query(
        `UPDATE portal_chat_streams SET expires_at = clock_timestamp() + make_interval(secs => $5::float8)
         WHERE org_id = $1 AND stream_key = $2 AND slot = $3 AND holder = $4 RETURNING slot`, [orgId, key, s.slot, s.holder, lease]);
      return rows.length > 0;
    },
    async release(q, orgId, key, s) {
      await q.query('DELETE FROM portal_chat_streams WHERE org_id = $1 AND stream_key = $2 AND slot = $3 AND holder = $4', [orgId, key, s.slot, s.holder]);
    },
  };
}
