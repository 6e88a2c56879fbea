// The voucher a debtor chose, read again when the first read failed (an outage when the Checkout Session completed unpaid):
// the hold then runs to the latest expiry among the methods offered. Each worker round reads the PaymentIntents of such
// holds whose turn has come (a minute after, then doubling up to six hours apart, as the inbox retries), until read or the
// hold ends; once read, the hold moves to the voucher's own expiry (the same hold: nothing is held twice), with a timeline
// entry and an audit record. A PaymentIntent Stripe says it does not know, or that shows no voucher, ends the reading.
import type { Db, Queryable } from '../db/index.ts';
import { addDays, dateInZone, type CalendarDate } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent, replanCase } from '../engine/index.ts';
import { gatewayFor, type GatewayName } from './gateways/index.ts';
import type { GatewayContext } from './links.ts';
import { retryDelayMs } from './webhooks.ts';

/** How many holds one round reads again per org. */
export const VOUCHER_REREADS_PER_ROUND = 50;

export interface VoucherRereadRound {
  /** Holds whose voucher was read and moved to its expiry. */
  corrected: string[];
  /** Reads that failed again (tried later), and those that ended the reading without a voucher (kept to the expiry offered). */
  failed: number; ended: number;
}

interface Due { id: string; provider: GatewayName; payment_ref: string; expiry_reads: number }

/** Stops reading a hold again (no next read), `why` kept as the reason it stays unread. */
async function stopReading(q: Queryable, orgId: string, id: string, reads: number, why: string): Promise<void> {
  await q.query(`UPDATE agent_claims SET expiry_reads = $3, expiry_read_at = NULL, expiry_unread = $4 WHERE org_id = $1 AND id = $2`,
    [orgId, id, reads, why.slice(0, 1000)]);
}

/** Moves the open hold `id` to the voucher read: its method, expiry and last day in the debtor's zone. False when it ended meanwhile. */
async function correctHold(q: Queryable, orgId: string, id: string, method: string, expiresAt: Date, reads: number, now: Date): Promise<boolean> {
  const [who] = await q.query<{ timezone: string }>(
    `SELECT COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone FROM agent_claims a JOIN customers cu ON cu.org_id = a.org_id AND cu.id = a.customer_id
     JOIN orgs o ON o.id = a.org_id WHERE a.org_id = $1 AND a.id = $2`, [orgId, id]);
  const until: CalendarDate = addDays(dateInZone(expiresAt, who?.timezone ?? 'UTC'), 1);
  const [h] = await q.query<{ customer_id: string; case_id: string; provider: string; payment_ref: string; hold_until: string; invoice_ids: string[] }>(
    `WITH before AS (SELECT hold_until FROM agent_claims WHERE org_id = $1 AND id = $2)
     UPDATE agent_claims a SET method = $3, expires_at = $4, hold_until = $5, expiry_unread = NULL, expiry_read_at = NULL, expiry_reads = $6
     FROM before WHERE a.org_id = $1 AND a.id = $2 AND a.status = 'open' AND a.expiry_unread IS NOT NULL
     RETURNING a.customer_id, a.case_id, a.provider, a.payment_ref, before.hold_until::text AS hold_until, a.invoice_ids`,
    [orgId, id, method, expiresAt.toISOString(), until, reads]);
  if (!h) return false;
  const reason = `the ${method} voucher the debtor chose was read from ${h.provider} ${h.payment_ref} once it answered: reminders for `
    + `${h.invoice_ids.length} invoice(s) now held until ${until}, the day after it expires (${expiresAt.toISOString()}), not ${h.hold_until}`;
  const data = { hold_id: id, provider: h.provider, payment_ref: h.payment_ref, method, expires_at: expiresAt.toISOString(), until, was_until: h.hold_until, reads };
  if (h.case_id) await addCaseEvent(q, orgId, h.case_id, 'voucher_expiry_read', reason, data, now);
  await recordAudit(q, { orgId, actor: `gateway:${h.provider}`, action: 'gateway.voucher_expiry_read', entity: 'customer', entityId: h.customer_id, data }, now);
  await replanCase(q, orgId, h.customer_id, now);
  return true;
}

/** Reads again the vouchers of the org's open holds whose first read failed and whose turn has come. */
export async function rereadVouchers(ctx: GatewayContext & { db: Db }, orgId: string, now: Date): Promise<VoucherRereadRound> {
  const out: VoucherRereadRound = { corrected: [], failed: 0, ended: 0 };
  const due = await ctx.db.query<Due>(
    `SELECT id, provider, payment_ref, expiry_reads FROM agent_claims WHERE org_id = $1 AND status = 'open' AND expiry_unread IS NOT NULL
       AND expiry_read_at <= $2 ORDER BY expiry_read_at, id LIMIT $3`, [orgId, now, VOUCHER_REREADS_PER_ROUND]);
  for (const d of due) {
    const gw = await gatewayFor(ctx, orgId, d.provider);
    const reads = d.expiry_reads + 1;
    const r = gw.ok && gw.value.readVoucher ? await gw.value.readVoucher(d.payment_ref) : null;
    if (r?.ok && r.value) {
      const { method, expiresAt } = r.value;
      if (await ctx.db.transaction((tx) => correctHold(tx, orgId, d.id, method, expiresAt, reads, now))) out.corrected.push(d.id);
    } else if (r && !r.ok && r.error.status !== 404) {
      out.failed++;
      await ctx.db.query(`UPDATE agent_claims SET expiry_reads = $3, expiry_read_at = $4, expiry_unread = $5 WHERE org_id = $1 AND id = $2 AND status = 'open'`,
        [orgId, d.id, reads, new Date(now.getTime() + retryDelayMs(reads + 1)), r.error.message.slice(0, 1000)]);
    } else {
      out.ended++;
      const why = !r ? `${d.provider} is not connected or reads no voucher` : r.ok ? 'the payment shows no voucher' : r.error.message;
      await stopReading(ctx.db, orgId, d.id, reads, why);
    }
  }
  return out;
}
