// The invariants a fault run must keep, read in SQL from the message log, the ledger and what the providers received
// (fault_receipts) and what the driver did (fault_events). Each check returns its violations; none means the run holds.
import type { Queryable } from '../../src/db/index.ts';
import { verifyAudit } from '../../src/audit/index.ts';

export const MAIL_DOMAIN = 'faults.example';

/** The driver's own tables, in the run's schema: what each provider accepted, and the payments and opt-outs it made. */
export async function createFaultTables(q: Queryable): Promise<void> {
  await q.query(`CREATE TABLE IF NOT EXISTS fault_receipts (round int NOT NULL, channel text NOT NULL, key text NOT NULL, address text NOT NULL)`);
  await q.query(`CREATE TABLE IF NOT EXISTS fault_events (round int NOT NULL, kind text NOT NULL, customer_id text NOT NULL, channel text, amount bigint)`);
}

export interface Violation { invariant: string; detail: string }

// the Message-ID cobro gives an email (messageIdFor in src/channels/smtp.ts), computed in SQL from the message id
const MAIL_KEY = `'<' || left(encode(sha256(convert_to(m.id, 'UTF8')), 'hex'), 32) || '@${MAIL_DOMAIN}>'`;
const DONE = `('sent', 'delivered', 'read')`;

const CHECKS: { invariant: string; sql: string; params?: (now: Date) => unknown[] }[] = [
  // -- no message twice
  { invariant: 'email received twice', sql: `SELECT key AS detail FROM fault_receipts WHERE channel = 'email' GROUP BY key HAVING count(*) > 1` },
  { invariant: 'email received that is in no message', sql: `SELECT r.key AS detail FROM fault_receipts r WHERE r.channel = 'email'
      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.channel = 'email' AND ${MAIL_KEY} = r.key)` },
  // an SMS Twilio took but cobro never recorded (its answer timed out, or the worker died) is allowed only against an uncertain message
  { invariant: 'SMS received beyond the uncertain ones', sql: `SELECT r.address || ': ' || count(*) || ' unrecorded, ' ||
        (SELECT count(*) FROM messages m JOIN customers c ON c.id = m.customer_id WHERE m.channel = 'sms' AND m.status = 'uncertain' AND c.phone = r.address) || ' uncertain' AS detail
      FROM fault_receipts r WHERE r.channel = 'sms' AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.channel = 'sms' AND m.provider_message_id = r.key)
      GROUP BY r.address HAVING count(*) > (SELECT count(*) FROM messages m JOIN customers c ON c.id = m.customer_id
        WHERE m.channel = 'sms' AND m.status = 'uncertain' AND c.phone = r.address)` },
  { invariant: 'SMS recorded for two messages', sql: `SELECT provider_message_id AS detail FROM messages WHERE channel = 'sms' AND provider_message_id IS NOT NULL
      GROUP BY provider_message_id HAVING count(*) > 1` },
  { invariant: 'a step planned twice', sql: `SELECT case_id || ' ' || step_id || ' cycle ' || cycle AS detail FROM actions WHERE kind = 'send'
      GROUP BY case_id, strategy_id, step_id, cycle HAVING count(*) > 1` },
  { invariant: 'sent without the gate allowing it', sql: `SELECT m.id AS detail FROM messages m WHERE m.status IN ${DONE}
      AND NOT EXISTS (SELECT 1 FROM gate_decisions g WHERE g.action_id = m.action_id AND g.channel = m.channel AND g.decision = 'allow')` },
  // -- none lost: nothing left mid-send, nothing due left waiting, nothing recorded sent that no provider got, no due step without its messages
  { invariant: 'left sending', sql: `SELECT id || ' since ' || updated_at AS detail FROM messages WHERE status = 'sending'` },
  { invariant: 'due but not taken', sql: `SELECT id || ' ' || status || ' due ' || next_attempt_at AS detail FROM messages
      WHERE status IN ('queued', 'deferred') AND next_attempt_at <= $1`, params: (now) => [now] },
  { invariant: 'waiting without a reason', sql: `SELECT id AS detail FROM messages WHERE status = 'deferred' AND reason IS NULL` },
  { invariant: 'recorded sent but never received', sql: `SELECT m.id || ' ' || m.channel AS detail FROM messages m WHERE m.status IN ${DONE} AND (
        (m.channel = 'email' AND NOT EXISTS (SELECT 1 FROM fault_receipts r WHERE r.channel = 'email' AND r.key = ${MAIL_KEY}))
     OR (m.channel = 'sms' AND NOT EXISTS (SELECT 1 FROM fault_receipts r WHERE r.channel = 'sms' AND r.key = m.provider_message_id)))` },
  { invariant: 'due step without messages', sql: `SELECT a.id || ' ' || a.step_id || ' for ' || a.scheduled_for AS detail
      FROM actions a JOIN customers c ON c.id = a.customer_id
      WHERE a.kind = 'send' AND a.status = 'planned' AND a.scheduled_for <= ($1::timestamptz AT TIME ZONE COALESCE(c.timezone, 'UTC'))::date
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.action_id = a.id)`, params: (now) => [now] },
  // -- none after payment in full or after STOP (the driver makes both between rounds; the round after sees them)
  { invariant: 'sent after payment in full', sql: `SELECT e.customer_id || ' paid before round ' || e.round || ', ' || r.channel || ' in round ' || r.round AS detail
      FROM fault_events e JOIN customers c ON c.id = e.customer_id
      JOIN fault_receipts r ON r.round >= e.round AND ((r.channel = 'email' AND r.address = c.email) OR (r.channel = 'sms' AND r.address = c.phone))
      WHERE e.kind = 'paid_in_full'` },
  { invariant: 'sent after an opt-out', sql: `SELECT e.customer_id || ' STOP before round ' || e.round || ', SMS in round ' || r.round AS detail
      FROM fault_events e JOIN customers c ON c.id = e.customer_id
      JOIN fault_receipts r ON r.round >= e.round AND r.channel = e.channel AND r.address = c.phone
      WHERE e.kind = 'opt_out'` },
  // -- money balanced to the unit
  { invariant: 'invoice balance off its ledger', sql: `SELECT i.id || ': balance ' || i.balance || ', ledger ' || (i.amount
        + COALESCE((SELECT sum(a.amount) FROM adjustments a WHERE a.invoice_id = i.id AND a.reversed_at IS NULL), 0)
        - COALESCE((SELECT sum(l.amount) FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL), 0)) AS detail
      FROM invoices i WHERE i.balance <> i.amount
        + COALESCE((SELECT sum(a.amount) FROM adjustments a WHERE a.invoice_id = i.id AND a.reversed_at IS NULL), 0)
        - COALESCE((SELECT sum(l.amount) FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL), 0)
        OR i.balance < 0` },
  { invariant: 'payment not fully allocated or unapplied', sql: `SELECT p.id || ': ' || p.amount || ' paid, ' || p.unapplied || ' unapplied' AS detail FROM payments p
      WHERE p.reversed_at IS NULL AND p.amount <> p.unapplied + COALESCE((SELECT sum(l.amount) FROM allocations l WHERE l.payment_id = p.id AND l.reversed_at IS NULL), 0)` },
  { invariant: 'payments differ from those made', sql: `SELECT 'made ' || (SELECT COALESCE(sum(amount), 0) FROM fault_events WHERE kind IN ('paid_in_full', 'paid_part'))
        || ', recorded ' || (SELECT COALESCE(sum(amount), 0) FROM payments WHERE reversed_at IS NULL) AS detail
      WHERE (SELECT COALESCE(sum(amount), 0) FROM fault_events WHERE kind IN ('paid_in_full', 'paid_part')) <> (SELECT COALESCE(sum(amount), 0) FROM payments WHERE reversed_at IS NULL)` },
  { invariant: 'paid in full but still owing', sql: `SELECT e.customer_id || ' owes ' || sum(i.balance) AS detail FROM fault_events e JOIN invoices i ON i.customer_id = e.customer_id
      WHERE e.kind = 'paid_in_full' GROUP BY e.customer_id HAVING sum(i.balance) <> 0` },
];

/** Every invariant over the run's database at `now` (the last instant the worker saw). */
export async function checkRun(q: Queryable, orgId: string, now: Date): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const c of CHECKS) {
    const rows = await q.query<{ detail: string }>(c.sql, c.params ? c.params(now) : []);
    for (const r of rows.slice(0, 5)) out.push({ invariant: c.invariant, detail: String(r.detail) });
    if (rows.length > 5) out.push({ invariant: c.invariant, detail: `and ${rows.length - 5} more` });
  }
  const audit = await verifyAudit(q, orgId);
  if (!audit.ok) out.push({ invariant: 'audit chain', detail: audit.reason });
  return out;
}
