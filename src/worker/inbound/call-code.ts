// The one-time code of a call the debtor makes: 6 random digits sent by SMS to the phone on file (queued in the outbox,
// where the dispatcher gates it again like any message), kept only as a keyed hash with its expiry, attempts and state on
// the SMS's own action (idempotency key `call-code:{CallSid}`, so a code belongs to one call and one customer). A right
// code verifies that call only; wrong codes count, and the last allowed one voids it.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { secret, type Db, type Queryable } from '../../db/index.ts';
import { dateInZone } from '../../domain/index.ts';
import { queueAgentReply, type AgentLanguage } from '../../agent/index.ts';
import { checkContact } from '../../compliance/index.ts';
import { VERIFY_WORDS } from '../../messaging/index.ts';
import { getCallSettings } from '../../orgs/index.ts';
import { maskCodeMessages } from './call-code-rest.ts';

interface CallCode {
  hash: string; expires_at: string; attempts: number; state: 'open' | 'verified' | 'void';
  /** Wrong codes that void it: the org's setting when it was sent (a code sent before this was kept: the setting now). */
  allowed?: number;
  /** When its SMS's stored copy was masked (call-code-rest.ts). */
  masked_at?: string;
  /** The stored events of the codes typed (Twilio retrying a webhook sends the same one, which is not counted again). */
  typed?: string[];
}

const keyOf = (callSid: string) => `call-code:${callSid}`;
/** The code's keyed hash: under a server secret (so a copy of the database alone cannot try the million codes), bound to the call and customer. */
const hashOf = (key: string, callSid: string, customerId: string, code: string) => createHmac('sha256', key).update(`${callSid}:${customerId}:${code}`).digest();
const codeKey = (q: Queryable) => secret(q, 'call-codes');

async function codeOf(q: Queryable, orgId: string, callSid: string, lock = false): Promise<{ id: string; customer_id: string; code: CallCode } | undefined> {
  const [row] = await q.query<{ id: string; customer_id: string; code: CallCode | null }>(
    `SELECT id, customer_id, payload->'call_code' AS code FROM actions WHERE org_id = $1 AND idempotency_key = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, keyOf(callSid)]);
  return row?.code ? { id: row.id, customer_id: row.customer_id, code: row.code } : undefined;
}

async function saveCode(q: Queryable, orgId: string, actionId: string, code: CallCode): Promise<void> {
  await q.query(`UPDATE actions SET payload = jsonb_set(payload, '{call_code}', $3::jsonb) WHERE org_id = $1 AND id = $2`, [orgId, actionId, JSON.stringify(code)]);
}

/**
 * Key 3: what became of the request for a code: 'held' when the gate defers the SMS to its allowed hours, 'refused' when
 * it refuses it (opt-out, cap, consent; or it could not decide) or there is no open case, 'closed' when this call's code
 * was used up or voided.
 */
export type CodeSent = 'sent' | 'already' | 'held' | 'refused' | 'closed';

export interface CodeFor { callSid: string; customerId: string; language: AgentLanguage; org: string }

/** Sends a code for the call by SMS to the phone on file when the gate allows an SMS now (not later) and the customer has an open case. */
export async function sendCallCode(db: Db, orgId: string, f: CodeFor, now: Date): Promise<CodeSent> {
  return db.transaction(async (tx) => {
    const had = await codeOf(tx, orgId, f.callSid);
    if (had) return had.code.state === 'open' && now.getTime() < Date.parse(had.code.expires_at) ? 'already' : 'closed';
    const [c] = await tx.query<{ id: string; cycle: number; tz: string }>(
      `SELECT k.id, k.cycle, COALESCE(cu.timezone, o.default_timezone, 'UTC') AS tz FROM cases k JOIN customers cu ON cu.org_id = k.org_id AND cu.id = k.customer_id
       JOIN orgs o ON o.id = k.org_id WHERE k.org_id = $1 AND k.customer_id = $2 AND k.status = 'open' ORDER BY k.opened_at DESC, k.id LIMIT 1`, [orgId, f.customerId]);
    if (!c) return 'refused';
    const gate = await checkContact(tx, orgId, { customerId: f.customerId, channel: 'sms', purpose: { kind: 'reply', tags: [] } }, now);
    if (!gate.ok || gate.value.kind === 'block') return 'refused';
    // only a code the gate lets out now: one it defers to allowed hours would arrive after its ten minutes
    if (gate.value.kind !== 'allow') return 'held';
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // the org's call settings: how long the code may be typed, and how many wrong codes void it
    const set = await getCallSettings(tx, orgId);
    const stored: CallCode = { hash: hashOf(await codeKey(tx), f.callSid, f.customerId, code).toString('hex'),
      expires_at: new Date(now.getTime() + set.codeMinutes * 60_000).toISOString(), attempts: 0, state: 'open', allowed: set.codeAttempts };
    await queueAgentReply(tx, orgId, { turnId: `call:${f.callSid}`, customerId: f.customerId, caseId: c.id, cycle: c.cycle, channel: 'sms', address: null,
      invoiceIds: [], today: dateInZone(now, c.tz), key: keyOf(f.callSid), reason: `a one-time code for the call ${f.callSid} the debtor made`,
      payload: { call_code: stored }, spec: { turn: `call:${f.callSid}`, language: f.language, text: VERIFY_WORDS[f.language].sms(f.org, code, set.codeMinutes), kind: 'reply', tags: [], by: 'cobro' } },
    now);
    return 'sent';
  });
}

/** A typed code: 'verified' (now or before), 'wrong', 'void' (the last wrong one, or used up), 'expired', or 'none' sent for this call and customer. */
export type CodeChecked = 'verified' | 'wrong' | 'void' | 'expired' | 'none';

export interface CodeTyped { callSid: string; customerId: string; digits: string; eventId: string }

export async function checkCallCode(db: Db, orgId: string, t: CodeTyped, now: Date): Promise<CodeChecked> {
  const { callSid, customerId, digits } = t;
  return db.transaction(async (tx) => {
    const row = await codeOf(tx, orgId, callSid, true);
    if (!row || row.customer_id !== customerId) return 'none';
    const c = row.code;
    if (c.typed?.includes(t.eventId)) return c.state === 'open' ? 'wrong' : c.state;
    if (c.state !== 'open') return c.state;
    if (now.getTime() >= Date.parse(c.expires_at)) {
      await saveCode(tx, orgId, row.id, { ...c, state: 'void' });
      await maskCodeMessages(tx, orgId, [row.id], now);
      return 'expired';
    }
    const right = /^\d{6}$/.test(digits) && timingSafeEqual(hashOf(await codeKey(tx), callSid, customerId, digits), Buffer.from(c.hash, 'hex'));
    const attempts = right ? c.attempts : c.attempts + 1;
    const allowed = c.allowed ?? (await getCallSettings(tx, orgId)).codeAttempts;
    const state = right ? 'verified' : attempts >= allowed ? 'void' : 'open';
    await saveCode(tx, orgId, row.id, { ...c, attempts, state, typed: [...(c.typed ?? []), t.eventId] });
    // a code typed right or voided is over: its SMS's stored copy keeps no usable code
    if (state !== 'open') await maskCodeMessages(tx, orgId, [row.id], now);
    return right ? 'verified' : state === 'void' ? 'void' : 'wrong';
  });
}

/** True when a right code was typed on this call (for this call only). */
export async function callVerified(q: Queryable, orgId: string, callSid: string): Promise<boolean> {
  return (await codeOf(q, orgId, callSid))?.code.state === 'verified';
}

/**
 * What the customer owes, each currency's total (minor units) of the invoices not disputed and their oldest due date, and
 * apart each currency's total under dispute (said as such, never as owed).
 */
export async function owedByCustomer(q: Queryable, orgId: string, customerId: string): Promise<{
  totals: { amount: number; currency: string }[]; oldest?: string; disputed: { amount: number; currency: string }[];
}> {
  const rows = await q.query<{ disputed: boolean; currency: string; amount: string; oldest: string | Date }>(
    `SELECT disputed, currency, sum(balance)::text AS amount, min(due_date)::text AS oldest FROM invoices
     WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled GROUP BY disputed, currency ORDER BY currency`, [orgId, customerId]);
  const owed = rows.filter((r) => !r.disputed);
  const oldest = owed.map((r) => String(r.oldest).slice(0, 10)).sort()[0];
  const money = (r: { amount: string; currency: string }) => ({ amount: Number(r.amount), currency: r.currency });
  return { totals: owed.map(money), ...(oldest ? { oldest } : {}), disputed: rows.filter((r) => r.disputed).map(money) };
}
