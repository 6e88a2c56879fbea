// Erasure (GDPR art. 17, EU-3): a customer with no live debt loses every personal field; with one, processing is restricted.
import type { Queryable } from '../../db/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import { newId } from '../../domain/ids.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { addressHash, addressHashKey } from './hash.ts';
import { requestRuleFor } from './request-rules.ts';
import { isSealed, openCopy, openCustomerRow } from '../../vault/index.ts';
import { eraseClosedEvidence, keptEvidence, type KeptEvidence } from './erase-dispute-evidence.ts';
import { openEvidenceRows, snapshotKeptEvidence } from '../../payments/dispute-evidence-snapshot.ts';

export type ErasureOutcome =
  | { outcome: 'erased'; request_id: string; customer_id: string; counts: Record<string, number>; addresses_suppressed: number;
      /** Gateway dispute evidence kept while its dispute is open (GDPR art. 17(3)(e)), each with why; absent when none. */
      kept?: KeptEvidence[] }
  | { outcome: 'restricted'; request_id: string; customer_id: string; reason: string }
  | { outcome: 'already_erased'; customer_id: string };

/** The personal fields cobro holds outside the customer row, and how each is emptied; every statement names the customer. */
const SCRUB: ReadonlyArray<[string, string]> = [
  ['contact_profiles', 'DELETE FROM contact_profiles WHERE org_id = $1 AND customer_id = $2'],
  ['consents', 'DELETE FROM consents WHERE org_id = $1 AND customer_id = $2'],
  ['suppressions', 'DELETE FROM suppressions WHERE org_id = $1 AND customer_id = $2'],
  ['messages', `UPDATE messages SET address = NULL, content = '{}', reason = NULL WHERE org_id = $1 AND customer_id = $2`],
  ['raw_inbound_events', `UPDATE inbox_events SET body = '', event = NULL WHERE id IN (SELECT inbox_event_id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2)`],
  ['inbound_messages', `UPDATE inbound_messages SET text = '', from_address = '' WHERE org_id = $1 AND customer_id = $2`],
  ['contact_events', 'UPDATE contact_events SET address = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['gate_decisions', 'UPDATE gate_decisions SET address = NULL WHERE org_id = $1 AND customer_id = $2'],
  // files the debtor sent with replies (receipts' photos, PDFs), bytes and all
  ['inbound_attachments', 'DELETE FROM inbound_attachments WHERE org_id = $1 AND customer_id = $2'],
  ['dispute_attachments', 'DELETE FROM dispute_attachments WHERE dispute_id IN (SELECT id FROM disputes WHERE org_id = $1 AND customer_id = $2)'],
  ['disputes', 'UPDATE disputes SET text = NULL, resolution_note = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['tasks', 'UPDATE tasks SET note = NULL, outcome = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['case_notes', `UPDATE case_events SET data = data - 'note' WHERE org_id = $1 AND data ? 'note'
     AND case_id IN (SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2)`],
  ['extensions', 'UPDATE extensions SET reason = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['invoices', `UPDATE invoices SET metadata = '{}' WHERE org_id = $1 AND customer_id = $2`],
  ['payments', `UPDATE payments SET metadata = '{}' WHERE org_id = $1 AND customer_id = $2`],
  ['statement_lines', `UPDATE statement_lines SET counterparty_name = NULL, counterparty_account = NULL, remittance_text = NULL
     WHERE payment_id IN (SELECT id FROM payments WHERE org_id = $1 AND customer_id = $2)`],
  ['payer_aliases', 'DELETE FROM payer_aliases WHERE org_id = $1 AND customer_id = $2'],
  ['customer_match_words', 'DELETE FROM customer_match_words WHERE org_id = $1 AND customer_id = $2'],
  ['customer_match_names', `UPDATE customer_match_names SET name_key = '' WHERE org_id = $1 AND customer_id = $2`],
  ['events', `UPDATE events SET data = '{"erased": true}' WHERE org_id = $1 AND customer_id = $2`],
  // the agent's copies of what the debtor wrote: the entities read, handover summaries, corrections kept as training data
  ['agent_turns', 'UPDATE agent_turns SET entities = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['agent_handovers', `UPDATE agent_handovers SET summary = '', details = '{}' WHERE org_id = $1 AND customer_id = $2`],
  ['agent_claims', 'UPDATE agent_claims SET note = NULL WHERE org_id = $1 AND customer_id = $2'],
  ['agent_corrections', 'DELETE FROM agent_corrections WHERE org_id = $1 AND inbound_id IN (SELECT id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2)'],
  ['portal_chat_answers', `UPDATE portal_chat_answers SET text = '' WHERE org_id = $1 AND customer_id = $2`],
  // who asked and how they proved it; the requests' kinds, dates and outcomes stay as the record that they were answered
  ['data_requests', `UPDATE data_requests SET requester = NULL, identity_check = NULL, extension_reason = NULL, refusal_reason = NULL
     WHERE org_id = $1 AND customer_id = $2`],
];

/** Every email and number the customer had, wherever cobro wrote it down. */
const ADDRESSES = `SELECT DISTINCT a, f, id FROM (
    SELECT unnest(ARRAY[email, phone, whatsapp]) AS a, 'customers' AS f, id FROM customers WHERE org_id = $1 AND id = $2
    UNION ALL SELECT address, 'consents.address', id FROM consents WHERE org_id = $1 AND customer_id = $2
    UNION ALL SELECT address, 'suppressions.address', id FROM suppressions WHERE org_id = $1 AND customer_id = $2
    UNION ALL SELECT address, 'messages.address', id FROM messages WHERE org_id = $1 AND customer_id = $2
    UNION ALL SELECT address, 'contact_events.address', id FROM contact_events WHERE org_id = $1 AND customer_id = $2
    UNION ALL SELECT address, 'gate_decisions.address', id FROM gate_decisions WHERE org_id = $1 AND customer_id = $2
    UNION ALL SELECT from_address, 'inbound_messages.from_address', id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2) x
  WHERE a IS NOT NULL AND a <> ''`;

async function affected(q: Queryable, sql: string, params: unknown[]): Promise<number> {
  const [r] = await q.query<{ n: number }>(`WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`, params);
  return r?.n ?? 0;
}

async function openRequest(q: Queryable, orgId: string, customerId: string, actor: string, status: 'restricted' | 'fulfilled',
  outcome: object, now: Date): Promise<string> {
  const id = newId('dataRequest');
  const [c] = await q.query<{ country: string | null; region: string | null; timezone: string; org_country: string | null }>(`SELECT c.country, c.region,
    coalesce(c.timezone, o.default_timezone, 'UTC') AS timezone, o.country AS org_country FROM customers c JOIN orgs o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2`,
  [orgId, customerId]);
  const today = dateInZone(now, c?.timezone ?? 'UTC');
  const rule = requestRuleFor(c?.country ?? null, c?.region ?? null, today, c?.org_country ?? null);
  await q.query(`INSERT INTO data_requests (id, org_id, customer_id, kind, received_on, due_on, status, outcome, actor, created_at, completed_at,
      received_at, rule, updated_at) VALUES ($1,$2,$3,'erasure',$4,$5,$6,$7,$8,$9,$10,$9,$11,$9)`,
  [id, orgId, customerId, today, rule.due(today, 'erasure'), status, JSON.stringify(outcome), actor, now, status === 'fulfilled' ? now : null, rule.id]);
  return id;
}

/** Removes every personal field of a customer whose debts are settled; the ledger's amounts and the audit log stay whole. */
async function erase(q: Queryable, orgId: string, actor: string, customerId: string, now: Date, requestId: string | null): Promise<ErasureOutcome> {
  const key = await addressHashKey(q);
  // the customer's own contacts opened if sealed
  const [own] = await q.query<{ email: string | null; phone: string | null; whatsapp: string | null }>(
    'SELECT email, phone, whatsapp FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId]);
  const opened = own ? Object.values(await openCustomerRow(q, orgId, own, customerId)).filter((a): a is string => !!a) : [];
  // copies sealed bound to their row are opened too (the customer's own were opened above)
  const addresses = [...opened];
  for (const r of await q.query<{ a: string; f: string; id: string }>(ADDRESSES, [orgId, customerId])) {
    if (!isSealed(r.a)) addresses.push(r.a);
    else if (r.f !== 'customers') addresses.push((await openCopy(q, orgId, r.f, r.id, r.a))!);
  }
  const hashes = [...new Set(addresses.map((a) => addressHash(key, orgId, a)))];
  for (const h of hashes) {
    await q.query(`INSERT INTO suppressed_addresses (org_id, address_hash, reason, at) VALUES ($1,$2,'erased person (GDPR art. 17)',$3)
      ON CONFLICT (org_id, address_hash) DO NOTHING`, [orgId, h, now]);
  }
  // what cobro fills an open dispute's kept evidence in with is read from the records erased below: a copy is kept first
  await openEvidenceRows(q, orgId, customerId, actor, now);
  await snapshotKeptEvidence(q, orgId, await keptEvidence(q, orgId, customerId));
  const counts: Record<string, number> = {};
  for (const [name, sql] of SCRUB) counts[name] = await affected(q, sql, [orgId, customerId]);
  // a closed gateway dispute's evidence goes now; an open one's is kept for the claim, and said so
  Object.assign(counts, await eraseClosedEvidence(q, orgId, customerId));
  const kept = await keptEvidence(q, orgId, customerId);
  // the portal closes for good: every live link withdrawn and its sessions ended (its open chat streams end at once: migration 159)
  counts.portal_links = await affected(q, `UPDATE portal_links SET revoked_at = $3, revoked_by = $4 WHERE org_id = $1 AND customer_id = $2
    AND revoked_at IS NULL AND expires_at > $3`, [orgId, customerId, now, actor]);
  await q.query('UPDATE portal_sessions SET expires_at = LEAST(expires_at, $3) WHERE org_id = $1 AND customer_id = $2 AND expires_at > $3', [orgId, customerId, now]);
  // the one record that stays: never contact this customer again, on anything
  await q.query(`INSERT INTO suppressions (id, org_id, customer_id, scope, reason, source, at) VALUES ($1,$2,$3,'all','erased (GDPR art. 17)','erasure',$4)`,
    [newId('suppression'), orgId, customerId, now]);
  counts.customers = await affected(q, `UPDATE customers SET name = 'Erased customer', external_id = 'erased:' || id, email = NULL, phone = NULL,
      whatsapp = NULL, email_bidx = NULL, phone_bidx = NULL, whatsapp_bidx = NULL, region = NULL, timezone = NULL, language = NULL, preferred_channel = NULL, tags = '{}', metadata = '{}',
      erased_at = $3, restricted_at = NULL, updated_at = $3
    WHERE org_id = $1 AND id = $2`, [orgId, customerId, now]);
  const outcome = { counts, addresses_suppressed: hashes.length, ...(kept.length ? { kept } : {}) };
  let id = requestId;
  if (id) {
    await q.query(`UPDATE data_requests SET status = 'fulfilled', outcome = $3, completed_at = $4, updated_at = $4 WHERE org_id = $1 AND id = $2`,
      [orgId, id, JSON.stringify(outcome), now]);
  } else {
    id = await openRequest(q, orgId, customerId, actor, 'fulfilled', outcome, now);
  }
  // ids and counts only: the log keeps nothing personal, so it verifies after any erasure
  await recordAudit(q, { orgId, actor, action: 'customer.erased', entity: 'customer', entityId: customerId, data: { request: id, ...outcome } }, now);
  return { outcome: 'erased', request_id: id, customer_id: customerId, ...outcome };
}

/**
 * An erasure request. With no live debt the customer is erased at once. With one, Art. 17(3)(b) and (e) keep the data for
 * the claim: processing is restricted (no more contact), and the retention purge erases the customer once the debt is closed.
 * Run it in a transaction. `requestId` is a recorded request this answers; without one the request is recorded here.
 */
export async function requestErasure(q: Queryable, orgId: string, actor: string, customerId: string, now: Date,
  requestId?: string): Promise<Result<ErasureOutcome>> {
  const [c] = await q.query<{ erased_at: string | null; restricted_at: string | null; open: number }>(
    `SELECT c.erased_at, c.restricted_at, (SELECT coalesce(sum(balance), 0)::bigint FROM invoices i
       WHERE i.org_id = c.org_id AND i.customer_id = c.id AND NOT i.cancelled AND i.balance > 0) AS open
     FROM customers c WHERE c.org_id = $1 AND c.id = $2 FOR UPDATE`, [orgId, customerId]);
  if (!c) return fail('NOT_FOUND', `no customer ${customerId}`, 'customer_id');
  if (c.erased_at) return ok({ outcome: 'already_erased', customer_id: customerId });
  if (Number(c.open) <= 0) return ok(await erase(q, orgId, actor, customerId, now, requestId ?? null));
  const reason = 'a debt is still open: the data is kept for the claim (GDPR art. 17(3)(b) and (e)) and no one contacts the customer; it is erased once the debt is closed';
  await q.query('UPDATE customers SET restricted_at = coalesce(restricted_at, $3) WHERE org_id = $1 AND id = $2', [orgId, customerId, now]);
  const id = requestId ?? await openRequest(q, orgId, customerId, actor, 'restricted', { reason }, now);
  if (requestId) {
    await q.query(`UPDATE data_requests SET status = 'restricted', outcome = $3, updated_at = $4 WHERE org_id = $1 AND id = $2`,
      [orgId, requestId, JSON.stringify({ reason }), now]);
  }
  await recordAudit(q, { orgId, actor, action: 'customer.processing_restricted', entity: 'customer', entityId: customerId, data: { request: id } }, now);
  return ok({ outcome: 'restricted', request_id: id, customer_id: customerId, reason });
}

/** Carries out erasure for a customer whose restriction or retention has come due (the purge calls it). */
export async function eraseForRetention(q: Queryable, orgId: string, customerId: string, now: Date): Promise<ErasureOutcome> {
  const [pending] = await q.query<{ id: string }>(
    `SELECT id FROM data_requests WHERE org_id = $1 AND customer_id = $2 AND kind = 'erasure' AND status = 'restricted' ORDER BY created_at LIMIT 1`,
    [orgId, customerId]);
  return erase(q, orgId, pending ? 'retention:erasure-request' : 'retention', customerId, now, pending?.id ?? null);
}
