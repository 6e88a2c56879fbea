// Writing the dispatcher's progress in batches: messages marked handed right before their provider calls, and sends
// recorded (message, action, contact, audit entry), both in one statement per batch of senders' steps once the org's
// field encryption is known (a transaction of four statements otherwise), so the database costs one round trip per
// batch rather than several per message.
import { preparedName, type Db, type Queryable } from '../db/index.ts';
import { appendArrays, appendBatchWrites, recordAuditBatch, type AppendParams, type AuditEntry } from '../audit/index.ts';
import { emitMessageEvent } from '../events/index.ts';
import { contactEventWrites } from '../compliance/index.ts';
import type { OrgTone, RenderedMessage } from '../messaging/index.ts';
import type { MessageRow } from './context.ts';
import { coalescer, type Coalescer } from './coalesce.ts';
import { AGENT_TEMPLATE } from '../agent/index.ts';
import { ENCRYPTION_UNCHANGED, encryptionStates, sealAddresses, type EncryptionState, type StoredAddress } from './sealed-addresses.ts';

export interface SentRecord {
  message: MessageRow; address: string; rendered: RenderedMessage;
  receipt: { provider: string; providerMessageId: string; state: string }; cost?: { micros: number; currency: string };
  /** The org's own text the message was written in (absent: cobro's shipped text). */
  orgText?: OrgTextUsed;
}

/**
 * Which of the org's texts was used: the tone its row is saved for (the message's or 'any'), the version it had and that
 * version's kept wording (its org_template_versions id).
 */
export interface OrgTextUsed { tone: OrgTone; version: number | null; versionId: string | null }

/**
 * Marks messages as handed to their provider, just before the calls: each only while it is still this attempt's to send
 * (a recovery that requeued it, and a worker that gated it again, take it away). False for a message means: do not send.
 */
export async function markHandedMany(db: Queryable, ms: readonly { id: string; attempts: number }[], now: Date): Promise<boolean[]> {
  const rows = await db.query<{ id: string }>(MARK_HANDED, [ms.map((m) => m.id), attemptsById(ms), now], MARK_HANDED_NAME);
  const handed = new Set(rows.map((r) => r.id));
  return ms.map((m) => handed.has(m.id));
}

/**
 * The hands' attempts as one JSON object by message id, for `HANDED_ATTEMPT`. Each hand's row is read by its id (the
 * ids as an array, an index condition); joining the rows read to the hands as `unnest(ids, attempts)` had PostgreSQL
 * compare every row with every hand (a nested loop: 128 x 128 for a full write, about half the statement's CPU).
 */
function attemptsById(hands: readonly { id: string; attempts: number }[]): string {
  return JSON.stringify(Object.fromEntries(hands.map((h) => [h.id, h.attempts])));
}
/** The attempt a hand is for (param: `attemptsById`), compared with the row's: a message gated again since is not this sender's. */
const HANDED_ATTEMPT = (param: string) => `m.attempts = (${param}::jsonb ->> m.id)::int`;

// the first write of every batch (each sender's first hand-over, nothing to record yet): prepared once per connection
const MARK_HANDED = `UPDATE messages m SET handed_at = $3
     WHERE m.id = ANY($1::text[]) AND m.status = 'sending' AND ${HANDED_ATTEMPT('$2')} AND m.handed_at IS NULL RETURNING m.id`;
const MARK_HANDED_NAME = preparedName(MARK_HANDED);

/** One sender's step: the send it just made, to record, and the next message it means to hand over (either may be absent). */
export interface Progress { sent?: SentRecord; hand?: { id: string; attempts: number } }

/**
 * Writes senders' steps at once: the sends recorded (their state and content, their actions sent, the contacts the caps
 * count, the agent's answers to a debtor's own message as solicited, the audit entries) and the next messages marked
 * handed, all or nothing. A sender's send is recorded in the same commit that hands over its next message, so each
 * sender has at most one message handed but not recorded at any time. The result says, per step, whether its `hand` may
 * be sent (true when it has none).
 *
 * `known` carries each org's field encryption from the pass's earlier writes: sends of one org whose state is known are
 * written in one statement (no transaction around it) that checks the state is unchanged and appends the audit entries
 * itself; otherwise, or when that statement finds the state changed, in a transaction that reads it again.
 */
export async function writeProgress(db: Db, steps: readonly Progress[], now: Date, known: Map<string, EncryptionState> = new Map()): Promise<boolean[]> {
  const records = steps.flatMap((s) => (s.sent ? [s.sent] : []));
  const hands = steps.flatMap((s) => (s.hand ? [s.hand] : []));
  if (records.length === 0 && hands.length === 0) return steps.map(() => true);
  const handed = records.length === 0 ? await markHandedMany(db, hands, now)
    : (await recordInOne(db, records, hands, now, known)) ?? await db.transaction(async (tx) => {
      const states = await encryptionStates(tx, [...new Set(records.map((r) => r.message.org_id))]);
      for (const [org, state] of states) known.set(org, state);
      const ok = await recordAndHand(tx, records, hands, now, sealAddresses(states, records));
      for (const r of records) if (r.receipt.state === 'delivered') await emitMessageEvent(tx, r.message.id, 'message.delivered', now);
      const byOrg = new Map<string, SentRecord[]>();
      for (const r of records) byOrg.set(r.message.org_id, [...(byOrg.get(r.message.org_id) ?? []), r]);
      // the orgs' audit heads locked in one order, so that two writes in flight at once cannot deadlock
      for (const [orgId, rs] of [...byOrg].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) await recordAuditBatch(tx, orgId, sentEntries(orgId, rs), now);
      return ok;
    });
  let k = 0;
  return steps.map((s) => (s.hand ? handed[k++]! : true));
}

/**
 * The audit entry of an org's sends recorded at once: the customer's own `message.sent` for one send; for more, one
 * `messages.sent` entry of the org naming each message with its customer (a batch records up to 128 SMS: one entry
 * chained and hashed instead of one each), as `portal.links_created` does for links. The customers are listed apart
 * too, so that each one's audit trail finds the entry (customerAudit); the messages are in their table either way.
 */
export function sentEntries(orgId: string, rs: readonly SentRecord[]): Omit<AuditEntry, 'orgId'>[] {
  const [one] = rs;
  if (!one) return [];
  const about = (r: SentRecord) => ({ channel: r.message.channel, template: r.message.template, provider: r.receipt.provider });
  if (rs.length === 1) {
    return [{ actor: 'dispatcher', action: 'message.sent', entity: 'customer', entityId: one.message.customer_id, data: { message: one.message.id, ...about(one) } }];
  }
  return [{ actor: 'dispatcher', action: 'messages.sent', entity: 'org', entityId: orgId,
    data: { customers: [...new Set(rs.map((r) => r.message.customer_id))],
      messages: Object.fromEntries(rs.map((r) => [r.message.id, { customer: r.message.customer_id, ...about(r) }])) } }];
}

/** The record statement's own values ($1 to $6), then the audit append's and the encryption check's. */
const AUDIT: AppendParams = { org: '$7', count: '$8', when: '$1', ids: '$9', actors: '$10', actions: '$11', entities: '$12', entityIds: '$13', data: '$14' };

/**
 * recordAndHand and the audit entries in one statement, for sends of one org whose encryption state is known and none
 * delivered (whose event needs a statement of its own); per hand, whether it was marked. Nothing is written, and null
 * returned, when the org's encryption changed since or its audit lanes are not made yet.
 */
async function recordInOne(db: Db, records: readonly SentRecord[], hands: readonly { id: string; attempts: number }[], now: Date,
  known: ReadonlyMap<string, EncryptionState>): Promise<boolean[] | null> {
  const org = records[0]!.message.org_id;
  const state = known.get(org);
  if (!state || records.some((r) => r.message.org_id !== org || r.receipt.state === 'delivered')) return null;
  const entries = sentEntries(org, records);
  const [r] = await db.query<{ go: boolean; handed: string[] }>(RECORD_IN_ONE,
    [...recordValues(records, hands, now, sealAddresses(known, records)), org, entries.length, ...appendArrays(entries), state.version],
    RECORD_IN_ONE_NAME);
  if (!r?.go) return null;
  const marked = new Set(r.handed);
  return hands.map((h) => marked.has(h.id));
}

/**
 * The statement that records sends and marks hands: after `head` (more CTEs, ending in a comma and a space), each write only when
 * `go` holds, then `tail` (reading sent, acts, contacts, hand).
 */
function recordSql(head: string, go: string, tail: string): string {
  return `WITH ${head}sent AS (
       UPDATE messages m SET status = v.status, provider = v.provider, provider_message_id = v.provider_message_id, address = v.stored, address_bidx = v.bidx,
         content = v.content, sent_at = $1, updated_at = $1, cost_micros = v.cost_micros, cost_currency = v.cost_currency,
         template_language = v.template_language, org_template_tone = v.org_template_tone, org_template_version = v.org_template_version,
         org_template_version_id = v.org_template_version_id
       FROM json_to_recordset($3::json) AS v(id text, status text, provider text, provider_message_id text, content jsonb, cost_micros bigint,
         cost_currency text, contact_id text, stored text, bidx text, contact_address text, template_language text, org_template_tone text,
         org_template_version int, org_template_version_id text)
       WHERE m.id = ANY($2::text[]) AND m.id = v.id AND ${go} RETURNING m.org_id, m.action_id, m.customer_id, m.channel, m.template, v.contact_address, v.contact_id
     ), acts AS (
       UPDATE actions a SET status = 'sent', updated_at = $1 FROM (
         SELECT x.org_id, x.id FROM actions x JOIN (SELECT DISTINCT org_id, action_id FROM sent) s ON x.org_id = s.org_id AND x.id = s.action_id
         WHERE x.status = 'planned' ORDER BY x.org_id, x.id FOR UPDATE OF x) l
       WHERE a.org_id = l.org_id AND a.id = l.id RETURNING 1
     ), ${contactEventWrites(`SELECT contact_id AS id, org_id, customer_id, $1::timestamptz AS at, channel, 'outbound' AS direction, 'delivered' AS outcome,
         contact_address AS address, NULL::text AS debt_id, false AS prior_consent, template IS NOT DISTINCT FROM $6 AS solicited FROM sent`)}, hand AS (
       UPDATE messages m SET handed_at = $1
       WHERE m.id = ANY($4::text[]) AND m.status = 'sending' AND ${HANDED_ATTEMPT('$5')} AND m.handed_at IS NULL AND ${go} RETURNING m.id
     )
     ${tail}`;
}

// both statements' texts are the same on every call (every value a parameter), so each is prepared once per connection
// on PostgreSQL: planning the one-statement record took 2 to 5 ms a call
const RECORD_IN_ONE = recordSql(`RECURSIVE enc AS MATERIALIZED (SELECT ${ENCRYPTION_UNCHANGED(AUDIT.org, '$15')} AS same),
     ${appendBatchWrites(AUDIT, '(SELECT same FROM enc)')}, ok AS MATERIALIZED (SELECT (SELECT same FROM enc) AND EXISTS (SELECT 1 FROM head) AS go), `,
'(SELECT go FROM ok)', 'SELECT (SELECT go FROM ok) AS go, ARRAY(SELECT id FROM hand) AS handed');
const RECORD_IN_ONE_NAME = preparedName(RECORD_IN_ONE);
const RECORD_AND_HAND = recordSql('', 'true', 'SELECT id FROM hand');
const RECORD_AND_HAND_NAME = preparedName(RECORD_AND_HAND);

/** What is kept of a sent message: an email's images by name, Content-ID and size, not their bytes (a QR code's text is in the message). */
const kept = (m: RenderedMessage): unknown => (m.channel === 'email' && m.images ? { ...m, images: m.images.map(({ content: _, ...image }) => image) } : m);

/**
 * The statement's values: the instant, the messages' ids, the records as one JSON document (the rendered content a
 * nested object, not a string escaped into an array literal; each with its contact's id and address as stored), the
 * hands' ids and their attempts by id (`attemptsById`), the agent's template.
 */
function recordValues(records: readonly SentRecord[], hands: readonly { id: string; attempts: number }[], now: Date, stored: readonly StoredAddress[]): unknown[] {
  const state = (r: SentRecord) => (r.receipt.state === 'delivered' || r.receipt.state === 'read' ? r.receipt.state : 'sent');
  // a column a row leaves out is null (json_to_recordset): a send with no cost, no own text and no sealing writes none of them
  const rows = records.map((r, i) => {
    const s = stored[i]!;
    const row: Record<string, unknown> = { id: r.message.id, status: state(r), provider: r.receipt.provider, provider_message_id: r.receipt.providerMessageId,
      content: kept(r.rendered), contact_id: s.contactId, stored: s.address, contact_address: s.contact, template_language: r.rendered.language };
    if (s.bidx !== null) row['bidx'] = s.bidx;
    if (r.cost) { row['cost_micros'] = r.cost.micros; row['cost_currency'] = r.cost.currency; }
    if (r.orgText) {
      row['org_template_tone'] = r.orgText.tone;
      if (r.orgText.version !== null) row['org_template_version'] = r.orgText.version;
      if (r.orgText.versionId !== null) row['org_template_version_id'] = r.orgText.versionId;
    }
    return row;
  });
  return [now, records.map((r) => r.message.id), JSON.stringify(rows), hands.map((h) => h.id), attemptsById(hands), AGENT_TEMPLATE];
}

/**
 * The messages sent, their actions updated and their contacts recorded (the ones the caps count; the agent's answers to
 * a debtor's own message as solicited), and the next messages marked handed, in one statement; per hand, whether it was
 * marked. Actions are locked in id order, so that two writes in flight at once cannot deadlock on them. `stored` is each
 * record's address as stored (sealed for the message when its org has field encryption on).
 */
async function recordAndHand(tx: Queryable, records: readonly SentRecord[], hands: readonly { id: string; attempts: number }[], now: Date,
  stored: readonly StoredAddress[]): Promise<boolean[]> {
  const rows = await tx.query<{ id: string }>(RECORD_AND_HAND, recordValues(records, hands, now, stored), RECORD_AND_HAND_NAME);
  const marked = new Set(rows.map((r) => r.id));
  return hands.map((h) => marked.has(h.id));
}

/**
 * What one dispatch pass writes through: a sender pushes its step (the send it made, the next message it hands over)
 * and waits for it, so a crash leaves at most `concurrency` sends uncertain, while the senders' steps share statements.
 */
export interface DispatchWriters { progress: Coalescer<Progress, boolean>; drain(): Promise<void> }

export function dispatchWriters(db: Db, now: Date): DispatchWriters {
  // one write in flight: a second beside it halved email batches (senders there wait on the SMTP pool, not on writes) and
  // waited on the first's audit head anyway (20,000 emails: 0.22 transactions per message against 0.13); the writes stay
  // safe to run two at once (locks taken in one order), should a channel gain from it
  // each org's field encryption as the pass's last transaction read it
  const known = new Map<string, EncryptionState>();
  const progress = coalescer<Progress, boolean>((steps) => writeProgress(db, steps, now, known), { inFlight: 1 });
  return { progress, drain: () => progress.drain() };
}
