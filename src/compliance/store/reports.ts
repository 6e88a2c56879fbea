// What a compliance officer shows: contacts per debtor, channel and week, and the gate's blocks and defers by reason.
import type { Queryable } from '../../db/index.ts';
import { redactCardNumbers } from '../../channels/redact.ts';
import { openCopies, openCustomerRow, type CopyField } from '../../vault/index.ts';
import { openEvidenceText } from '../../vault/fields/evidence-fields.ts';

export interface ContactsPerWeek { customer_id: string; channel: string; week: string; outbound: number; inbound: number }
export interface DecisionsByReason { decision: string; reason_code: string | null; rule: string | null; channel: string; count: number }

export async function contactsPerWeek(q: Queryable, orgId: string, from: Date, to: Date, limit = 5000): Promise<ContactsPerWeek[]> {
  return q.query<ContactsPerWeek>(
    `SELECT customer_id, channel, to_char(date_trunc('week', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
            count(*) FILTER (WHERE direction = 'outbound')::int AS outbound, count(*) FILTER (WHERE direction = 'inbound')::int AS inbound
     FROM contact_events WHERE org_id = $1 AND at >= $2 AND at < $3
     GROUP BY 1, 2, 3 ORDER BY 3, 1, 2 LIMIT $4`, [orgId, from, to, limit]);
}

export async function decisionsByReason(q: Queryable, orgId: string, from: Date, to: Date): Promise<DecisionsByReason[]> {
  return q.query<DecisionsByReason>(
    `SELECT decision, reason_code, rule, channel, count(*)::int AS count FROM gate_decisions
     WHERE org_id = $1 AND at >= $2 AND at < $3 GROUP BY 1, 2, 3, 4 ORDER BY count DESC, 1, 2`, [orgId, from, to]);
}

async function disputeEvidence(q: Queryable, orgId: string, customerId: string): Promise<unknown[]> {
  const rows = await q.query<{ provider: string; dispute_id: string; fields: object; fields_sealed: string | null }>(
    `SELECT e.provider, e.dispute_id, e.payment_ref, e.status, e.fields, e.fields_sealed, e.defense_reason, e.submitted_at, e.created_at, e.updated_at,
      coalesce((SELECT json_agg(json_build_object('id', f.id, 'slot', f.slot, 'filename', f.filename, 'content_type', f.content_type, 'size', f.size,
        'created_at', f.created_at) ORDER BY f.created_at, f.id) FROM gateway_dispute_evidence_files f
        WHERE f.org_id = e.org_id AND f.provider = e.provider AND f.dispute_id = e.dispute_id), '[]') AS files
    FROM gateway_dispute_evidence e WHERE e.org_id = $1 AND e.customer_id = $2 ORDER BY e.created_at, e.dispute_id`, [orgId, customerId]);
  // the text in the clear, as given (sealed under field encryption)
  return Promise.all(rows.map(async ({ fields_sealed, ...r }) => ({ ...r, fields: await openEvidenceText(q, orgId, { ...r, fields_sealed }) })));
}

/** Everything cobro holds about one customer, for a data-subject access request (GDPR art. 15 and 20), dated `now`. */
export async function exportCustomerData(q: Queryable, orgId: string, customerId: string, now: Date): Promise<Record<string, unknown> | null> {
  const [stored] = await q.query<Record<string, unknown>>('SELECT * FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId]);
  if (!stored) return null;
  // the person's data in the clear, as given; the blind indexes are cobro's own lookup keys, not the person's data
  const customer = Object.fromEntries(Object.entries(await openCustomerRow(q, orgId, stored)).filter(([k]) => !k.endsWith('_bidx')));
  const by = (table: string, order = 'id') => q.query(`SELECT * FROM ${table} WHERE org_id = $1 AND customer_id = $2 ORDER BY ${order}`, [orgId, customerId]);
  // the addresses copied into other tables opened too (sealed bound to their row when the org has field encryption on)
  const opened = async (field: CopyField, order: string) => openCopies(q, orgId, field, await by(field.slice(0, field.indexOf('.')), order) as { id: string }[]);
  return {
    exported_at: now.toISOString(),
    customer,
    contact_profile: (await by('contact_profiles', 'customer_id'))[0] ?? null,
    invoices: await by('invoices'),
    payments: await by('payments'),
    consents: await opened('consents.address', 'id'),
    suppressions: await opened('suppressions.address', 'id'),
    contact_events: await opened('contact_events.address', 'at'),
    gate_decisions: await opened('gate_decisions.address', 'at'),
    messages: await opened('messages.address', 'created_at'),
    inbound_messages: await opened('inbound_messages.from_address', 'received_at'),
    // the files the person sent with replies, described (each one is downloaded through GET /v1/replies/{id}/attachments/{file})
    reply_attachments: await q.query(`SELECT id, inbound_id, provider, status, content_type, declared_type, filename, size, sha256, error, claim_id, received_at,
      fetched_at FROM inbound_attachments WHERE org_id = $1 AND customer_id = $2 ORDER BY received_at, id`, [orgId, customerId]),
    // the evidence answering a gateway dispute about the person's payment: its text, and its files described (no bytes)
    gateway_dispute_evidence: await disputeEvidence(q, orgId, customerId),
    promises: await by('promises', 'created_at'),
    plans: await by('plans', 'created_at'),
    extensions: await by('extensions', 'created_at'),
    disputes: await by('disputes', 'created_at'),
    tasks: await by('tasks', 'created_at'),
    payment_links: await by('payment_links', 'created_at'),
    data_requests: await by('data_requests', 'created_at'),
    agent: await agentData(q, orgId, customerId),
  };
}

/** Card numbers out of every string, however deep (the agent's rows quote what the debtor wrote). */
function redactDeep(v: unknown): unknown {
  if (typeof v === 'string') return redactCardNumbers(v);
  if (Array.isArray(v)) return v.map(redactDeep);
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactDeep(x)]));
  return v;
}

/** What the collections agent decided about the person, the turns it read, its handovers, claimed payments and corrections. */
async function agentData(q: Queryable, orgId: string, customerId: string): Promise<unknown> {
  const by = (table: string) => q.query(`SELECT * FROM ${table} WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id`, [orgId, customerId]);
  return redactDeep({
    turns: await by('agent_turns'),
    handovers: await by('agent_handovers'),
    claims: await by('agent_claims'),
    corrections: await q.query(`SELECT * FROM agent_corrections WHERE org_id = $1
      AND inbound_id IN (SELECT id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2) ORDER BY created_at, id`, [orgId, customerId]),
  });
}
