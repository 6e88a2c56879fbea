// A gateway dispute's evidence draft as kept (migrations 141, 142, 155): the dispute found by its gateway id among the org's
// payments, the draft row made on first reading, the staff's text and document slots saved with a revision check, and the
// files they attach (PDF, PNG or JPEG whose bytes match, at most 5 MB each, 20 at most).
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { checkAttachment, safeFilename, type Attachment } from './disputes-attachment.ts';
import { openEvidenceFile, openEvidenceReply, openEvidenceText, storedEvidenceFile, storedEvidenceReply, storedEvidenceText } from '../vault/fields/evidence-fields.ts';

export type EvidenceProvider = 'stripe' | 'adyen' | 'paypal' | 'mercadopago';
export const EVIDENCE_PROVIDERS: readonly EvidenceProvider[] = ['stripe', 'adyen', 'paypal', 'mercadopago'];
export const EVIDENCE_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const EVIDENCE_FILES_MAX = 20;

/** The dispute as cobro recorded it from the gateway's events. */
export interface GatewayDisputeRef {
  provider: EvidenceProvider; dispute_id: string; payment_ref: string; customer_id: string; link_id: string;
  amount: number; currency: string; status: string; kind: string; reason: string | null; respond_by: string | null; money_held: boolean;
  /** The gateway's own id of the case where cobro's dispute id is another (Mercado Pago: the chargeback's id), once known. */
  case_id: string | null;
}

export interface EvidenceFile { id: string; slot: string; filename: string; content_type: string; size: number; created_at: string; created_by: string }

export type EvidenceAnswer = 'evidence' | 'accept_claim';

export interface EvidenceRow {
  provider: EvidenceProvider; dispute_id: string; status: 'draft' | 'submitting' | 'submitted';
  fields: Record<string, string>; defense_reason: string | null; revision: number;
  submitting_at: string | null; submitted_at: string | null; submitted_by: string | null;
  /** How the dispute was answered once submitted: with evidence, or (PayPal) by accepting the claim. */
  answer: EvidenceAnswer | null;
  gateway_reply: Record<string, unknown> | null; last_error: string | null; created_at: string; updated_at: string; updated_by: string;
}

/**
 * The org's Stripe, Adyen, PayPal or Mercado Pago dispute of that id (the gateway's own: dp_... at Stripe, the dispute's
 * pspReference at Adyen, PP-D-... at PayPal; at Mercado Pago cobro's id, chargeback:<payment id> for a payment's first
 * dispute and chargeback:<payment id>:<chargeback id> for a later one, or the chargeback's id, found on whichever of the
 * payment's disputes it was given to).
 */
export async function findGatewayDispute(q: Queryable, orgId: string, disputeId: string, provider?: string): Promise<Result<GatewayDisputeRef>> {
  const rows = await q.query<{ provider: EvidenceProvider; payment_ref: string; customer_id: string; link_id: string; currency: string; key: string; d: Record<string, unknown> }>(
    `SELECT provider, payment_ref, customer_id, link_id, currency, k.key, disputes -> k.key AS d FROM gateway_payments
       CROSS JOIN LATERAL (SELECT $2::text AS key WHERE disputes -> $2::text IS NOT NULL
         UNION ALL SELECT e.key FROM jsonb_each(disputes) e WHERE provider = 'mercadopago' AND disputes -> $2::text IS NULL AND e.value ->> 'caseId' = $2::text) k
     WHERE org_id = $1 AND provider IN ('stripe', 'adyen', 'paypal', 'mercadopago') AND ($3::text IS NULL OR provider = $3)
     ORDER BY provider, payment_ref, k.key`, [orgId, disputeId, provider ?? null]);
  const [first, second] = rows;
  if (!first) return fail('NOT_FOUND', `no Stripe, Adyen, PayPal or Mercado Pago dispute ${disputeId} is recorded for this org`, 'id');
  if (second && second.provider !== first.provider) return fail('VALIDATION_FAILED', `dispute ${disputeId} is known at more than one gateway (${rows.map((r) => r.provider).join(', ')}): say which with provider`, 'provider');
  return ok(disputeRef(first, first.key));
}

/** A gateway payment's row and one of its disputes (as jsonb) read into the dispute's reference. */
export function disputeRef(row: { provider: EvidenceProvider; payment_ref: string; customer_id: string; link_id: string; currency: string; d: Record<string, unknown> },
  disputeId: string): GatewayDisputeRef {
  const d = row.d;
  return { provider: row.provider, dispute_id: disputeId, payment_ref: row.payment_ref, customer_id: row.customer_id, link_id: row.link_id,
    amount: Number(d.amount ?? 0), currency: row.currency, status: String(d.status ?? 'open'), kind: String(d.kind ?? 'chargeback'),
    reason: typeof d.reason === 'string' ? d.reason : null, respond_by: typeof d.respondBy === 'string' ? d.respondBy : null, money_held: d.held !== false,
    case_id: typeof d.caseId === 'string' ? d.caseId : null };
}

const ROW = `provider, dispute_id, status, fields, fields_sealed, defense_reason, revision, submitting_at, submitted_at, submitted_by, answer, gateway_reply, gateway_reply_sealed, last_error,
  created_at, updated_at, updated_by`;

/** The draft row, made empty the first time the dispute's evidence is read. */
export async function evidenceRow(q: Queryable, orgId: string, d: GatewayDisputeRef, actor: string, now: Date): Promise<EvidenceRow> {
  await q.query(
    `INSERT INTO gateway_dispute_evidence (org_id, provider, dispute_id, payment_ref, customer_id, created_at, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT (org_id, provider, dispute_id) DO NOTHING`,
    [orgId, d.provider, d.dispute_id, d.payment_ref, d.customer_id, now.toISOString(), actor]);
  const [row] = await q.query<EvidenceRow>(`SELECT ${ROW} FROM gateway_dispute_evidence WHERE org_id = $1 AND provider = $2 AND dispute_id = $3`,
    [orgId, d.provider, d.dispute_id]);
  return opened(q, orgId, row!);
}

/** The row with its text and the gateway's answer opened when sealed (field encryption). */
async function opened(q: Queryable, orgId: string, row: EvidenceRow & { fields_sealed?: string | null; gateway_reply_sealed?: string | null }): Promise<EvidenceRow> {
  const { fields_sealed: _s, gateway_reply_sealed: _r, ...rest } = row;
  return { ...rest, fields: await openEvidenceText(q, orgId, row), gateway_reply: await openEvidenceReply(q, orgId, row) };
}

/** The row locked for the rest of the transaction (a submit or a save). */
export async function lockEvidence(q: Queryable, orgId: string, d: GatewayDisputeRef, actor: string, now: Date): Promise<EvidenceRow> {
  await evidenceRow(q, orgId, d, actor, now);
  const [row] = await q.query<EvidenceRow>(`SELECT ${ROW} FROM gateway_dispute_evidence WHERE org_id = $1 AND provider = $2 AND dispute_id = $3 FOR UPDATE`,
    [orgId, d.provider, d.dispute_id]);
  return opened(q, orgId, row!);
}

export async function evidenceFiles(q: Queryable, orgId: string, provider: string, disputeId: string): Promise<EvidenceFile[]> {
  return q.query<EvidenceFile>(
    `SELECT id, slot, filename, content_type, size, created_at, created_by FROM gateway_dispute_evidence_files
     WHERE org_id = $1 AND provider = $2 AND dispute_id = $3 ORDER BY created_at, id`, [orgId, provider, disputeId]);
}

/** The files with their bytes (opened when sealed) and any id Stripe gave an earlier upload of them. */
export async function evidenceFileData(q: Queryable, orgId: string, provider: string, disputeId: string):
  Promise<(EvidenceFile & { data: Buffer; gateway_file_id: string | null })[]> {
  const rows = await q.query<EvidenceFile & { data: Uint8Array | null; data_sealed: string | null; gateway_file_id: string | null }>(
    `SELECT id, slot, filename, content_type, size, created_at, created_by, data, data_sealed, gateway_file_id FROM gateway_dispute_evidence_files
     WHERE org_id = $1 AND provider = $2 AND dispute_id = $3 ORDER BY created_at, id`, [orgId, provider, disputeId]);
  return Promise.all(rows.map(async ({ data_sealed, ...r }) => ({ ...r, data: await openEvidenceFile(q, orgId, r.id, r.data, data_sealed) })));
}

export async function noteGatewayFileId(q: Queryable, orgId: string, fileId: string, gatewayFileId: string): Promise<void> {
  await q.query('UPDATE gateway_dispute_evidence_files SET gateway_file_id = $3 WHERE org_id = $1 AND id = $2', [orgId, fileId, gatewayFileId]);
}

/** Checks and stores one file in a slot: its id. */
export async function addEvidenceFile(q: Queryable, orgId: string, d: GatewayDisputeRef, slot: string, a: Attachment, actor: string, now: Date, at: string): Promise<Result<string>> {
  if (!EVIDENCE_FILE_TYPES.includes(a.contentType)) {
    return fail('VALIDATION_FAILED', `${at}.content_type: the gateways take ${EVIDENCE_FILE_TYPES.join(', ')}`, `${at}.content_type`);
  }
  const checked = checkAttachment(a);
  if (!checked.ok) return fail('VALIDATION_FAILED', `${at}: ${checked.error.message}`, `${at}.data_base64`);
  const id = `evf_${randomBytes(10).toString('hex')}`;
  const stored = await storedEvidenceFile(q, orgId, id, a.data);
  await q.query(
    `INSERT INTO gateway_dispute_evidence_files (id, org_id, provider, dispute_id, slot, filename, content_type, size, data, data_sealed, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, orgId, d.provider, d.dispute_id, slot, safeFilename(a.filename), a.contentType, a.data.length, stored.data, stored.data_sealed, now.toISOString(), actor]);
  return ok(id);
}

export async function removeEvidenceFiles(q: Queryable, orgId: string, d: GatewayDisputeRef, ids: string[]): Promise<Result<number>> {
  if (ids.length === 0) return ok(0);
  const gone = await q.query<{ id: string }>(
    'DELETE FROM gateway_dispute_evidence_files WHERE org_id = $1 AND provider = $2 AND dispute_id = $3 AND id = ANY($4::text[]) RETURNING id',
    [orgId, d.provider, d.dispute_id, ids]);
  const missing = ids.filter((i) => !gone.some((g) => g.id === i));
  return missing.length ? fail('NOT_FOUND', `remove_files: no file ${missing[0]} on this dispute's evidence`, 'remove_files') : ok(gone.length);
}

/** Saves the draft's text, slots and reason, one revision on. */
export async function saveEvidenceDraft(q: Queryable, orgId: string, d: GatewayDisputeRef, fields: object, defenseReason: string | null,
  actor: string, now: Date): Promise<void> {
  const text = await storedEvidenceText(q, orgId, d.provider, d.dispute_id, fields);
  await q.query(
    `UPDATE gateway_dispute_evidence SET fields = $4::jsonb, fields_sealed = $8, defense_reason = $5, revision = revision + 1, updated_at = $6, updated_by = $7
     WHERE org_id = $1 AND provider = $2 AND dispute_id = $3`,
    [orgId, d.provider, d.dispute_id, text.fields, defenseReason, now.toISOString(), actor, text.fields_sealed]);
}

/** Moves the row to a state of the submission, with what the gateway said and when. */
export async function markEvidence(q: Queryable, orgId: string, d: GatewayDisputeRef, to: EvidenceRow['status'], o: {
  at: Date; actor?: string; reply?: Record<string, unknown> | null; error?: string | null; answer?: EvidenceAnswer;
}): Promise<void> {
  // a new answer replaces both columns (sealed under field encryption); none leaves the last one
  const reply = o.reply ? await storedEvidenceReply(q, orgId, d.provider, d.dispute_id, o.reply) : null;
  await q.query(
    `UPDATE gateway_dispute_evidence SET status = $4,
       submitting_at = CASE WHEN $4 = 'submitting' THEN $5::timestamptz ELSE NULL END,
       submitted_at = CASE WHEN $4 = 'submitted' THEN $5::timestamptz ELSE submitted_at END,
       submitted_by = CASE WHEN $4 = 'submitted' THEN $6 ELSE submitted_by END,
       answer = CASE WHEN $4 = 'submitted' THEN coalesce($11, 'evidence') ELSE answer END,
       gateway_reply = CASE WHEN $9 THEN $7::jsonb ELSE gateway_reply END,
       gateway_reply_sealed = CASE WHEN $9 THEN $10::text ELSE gateway_reply_sealed END, last_error = $8, updated_at = $5::timestamptz
     WHERE org_id = $1 AND provider = $2 AND dispute_id = $3`,
    [orgId, d.provider, d.dispute_id, to, o.at.toISOString(), o.actor ?? null, reply?.gateway_reply ?? null, o.error ?? null, reply !== null, reply?.gateway_reply_sealed ?? null, o.answer ?? null]);
}
