// A gateway dispute's evidence as staff see and edit it: the dispute (amount, reason, the gateway's deadline), what cobro
// fills in from its records, the draft (the staff's text, which evidence slot each of cobro's documents fills: a Stripe
// evidence field, an Adyen document type, a PayPal evidence type or Mercado Pago's documentation; Adyen's defence reason, their files) and, at Adyen, the defence reasons Adyen offers for it, read live. Saving checks each
// field and slot for the dispute's gateway, refuses a draft already submitted or changed since the revision read, and is
// audited. The submission itself is dispute-evidence-submit.ts.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { adyenConfigFor, type GatewayAccess } from './gateways/index.ts';
import { applicableDefenseReasons, type DefenseReason } from './gateways/adyen-defense.ts';
import { STRIPE_FILE_FIELDS, STRIPE_TEXT_FIELDS } from './gateways/stripe-evidence.ts';
import { PAYPAL_EVIDENCE_TYPES } from './gateways/paypal-evidence.ts';
import { MP_SLOT } from './gateways/mercadopago-chargebacks.ts';
import type { Attachment } from './disputes-attachment.ts';
import type { AutoEvidence } from './dispute-evidence-auto.ts';
import { evidenceAuto } from './dispute-evidence-snapshot.ts';
import { ensureEvidenceReminder, evidenceReminder, type EvidenceReminder } from './dispute-evidence-reminder.ts';
import { addEvidenceFile, evidenceFiles, evidenceRow, EVIDENCE_FILES_MAX, findGatewayDispute, lockEvidence, removeEvidenceFiles, saveEvidenceDraft,
  type EvidenceFile, type EvidenceRow, type GatewayDisputeRef } from './dispute-evidence-store.ts';

/** cobro's own documents, each placed in an evidence slot (or left out with null). */
export const DOCUMENTS = ['statement', 'history', 'summary'] as const;
export type DocumentName = (typeof DOCUMENTS)[number];
export type DocumentSlots = Partial<Record<DocumentName, string | null>>;

/** Where cobro's documents go unless staff say otherwise: at Stripe, the statement is the receipt and the history the communication. */
const STRIPE_DEFAULT_SLOTS: Record<DocumentName, string | null> = { statement: 'receipt', history: 'customer_communication', summary: null };
const ADYEN_DEFAULT_SLOTS: Record<DocumentName, string | null> = { statement: null, history: null, summary: null };
/** At PayPal the statement and the history go as OTHER evidence, whose notes carry the account of the debt. */
const PAYPAL_DEFAULT_SLOTS: Record<DocumentName, string | null> = { statement: 'OTHER', history: 'OTHER', summary: null };
/** Mercado Pago takes files only, in one `documentation` slot: the account of the debt with the staff's explanation goes as a PDF too. */
const MERCADOPAGO_DEFAULT_SLOTS: Record<DocumentName, string | null> = { statement: MP_SLOT, history: MP_SLOT, summary: MP_SLOT };
/** The text staff may write at Adyen (which takes documents only: it goes into the summary document), at PayPal (into the notes) and at Mercado Pago (into the summary). */
const ADYEN_TEXT_FIELDS = ['explanation'] as const;
const ADYEN_SLOT = /^[A-Za-z0-9_.-]{1,64}$/;

export interface Draft { text: Record<string, string>; documents: Record<DocumentName, string | null> }

export interface EvidenceView {
  dispute: GatewayDisputeRef;
  status: EvidenceRow['status']; revision: number; defense_reason: string | null;
  text: Record<string, string>; documents: Record<DocumentName, string | null>; files: EvidenceFile[];
  auto: AutoEvidence;
  /** The gateway's deadline, from the gateway's last answer or the dispute's events. */
  due_by: string | null;
  reminder: EvidenceReminder | null;
  text_fields: string[]; file_slots: string[] | null;
  defense_reasons: DefenseReason[] | null; gateway_note: string | null;
  gateway_reply: Record<string, unknown> | null; last_error: string | null;
  submitted_at: string | null; submitted_by: string | null; updated_at: string; updated_by: string;
  /** How the dispute was answered: with evidence or (PayPal) by accepting the claim; null until then. */
  answer: EvidenceRow['answer'];
}

export interface EvidenceChange {
  revision?: number | undefined;
  text?: Record<string, string> | undefined;
  documents?: DocumentSlots | undefined;
  defense_reason?: string | null | undefined;
  add_files?: (Attachment & { slot: string })[] | undefined;
  remove_files?: string[] | undefined;
}

export const textFieldsOf = (p: GatewayDisputeRef['provider']): readonly string[] => (p === 'stripe' ? [...STRIPE_TEXT_FIELDS, 'explanation'] : ADYEN_TEXT_FIELDS);
const DEFAULT_SLOTS = { stripe: STRIPE_DEFAULT_SLOTS, adyen: ADYEN_DEFAULT_SLOTS, paypal: PAYPAL_DEFAULT_SLOTS, mercadopago: MERCADOPAGO_DEFAULT_SLOTS } as const;

/** The draft kept in the row's fields: the staff's text and the documents' slots over the gateway's defaults. */
export function draftOf(row: Pick<EvidenceRow, 'fields'>, provider: GatewayDisputeRef['provider']): Draft {
  const f = row.fields as { text?: Record<string, string>; documents?: DocumentSlots };
  const defaults = DEFAULT_SLOTS[provider];
  return { text: { ...(f.text ?? {}) }, documents: { ...defaults, ...(f.documents ?? {}) } };
}

/** The evidence view; the draft (and its reminder) is made on first reading. */
export async function getEvidence(a: GatewayAccess, orgId: string, actor: string, id: string, provider: string | undefined, now: Date): Promise<Result<EvidenceView>> {
  const d = await findGatewayDispute(a.db, orgId, id, provider);
  if (!d.ok) return d;
  const row = await evidenceRow(a.db, orgId, d.value, actor, now);
  if (row.status !== 'submitted') await ensureEvidenceReminder(a.db, orgId, d.value, now);
  let reasons: DefenseReason[] | null = null;
  let note: string | null = null;
  if (d.value.provider === 'adyen' && row.status !== 'submitted' && d.value.status === 'open') {
    const config = await adyenConfigFor(a, orgId);
    const read = config.ok ? await applicableDefenseReasons(config.value, d.value.dispute_id) : null;
    if (read?.ok) reasons = read.value;
    else note = config.ok ? read!.ok ? null : read!.error.message : config.error.message;
  }
  return ok(await viewOf(a.db, orgId, d.value, row, reasons, note));
}

async function viewOf(q: Queryable, orgId: string, d: GatewayDisputeRef, row: EvidenceRow, reasons: DefenseReason[] | null, note: string | null): Promise<EvidenceView> {
  const draft = draftOf(row, d.provider);
  const replyDue = typeof row.gateway_reply?.due_by === 'string' ? row.gateway_reply.due_by : null;
  const chosen = reasons?.find((r) => r.code === row.defense_reason);
  return {
    dispute: d, status: row.status, revision: row.revision, defense_reason: row.defense_reason, text: draft.text, documents: draft.documents,
    files: await evidenceFiles(q, orgId, d.provider, d.dispute_id), auto: await evidenceAuto(q, orgId, d),
    due_by: replyDue ?? d.respond_by, reminder: await evidenceReminder(q, orgId, d),
    text_fields: [...textFieldsOf(d.provider)],
    file_slots: d.provider === 'stripe' ? [...STRIPE_FILE_FIELDS] : d.provider === 'paypal' ? [...PAYPAL_EVIDENCE_TYPES] : d.provider === 'mercadopago' ? [MP_SLOT]
      : chosen ? chosen.documentTypes.map((t) => t.code) : null,
    defense_reasons: reasons, gateway_note: note, gateway_reply: row.gateway_reply, last_error: row.last_error,
    submitted_at: row.submitted_at, submitted_by: row.submitted_by, updated_at: row.updated_at, updated_by: row.updated_by, answer: row.answer,
  };
}

/** Each slot a file or document takes must be the gateway's; at Stripe a slot holds one file. */
function checkSlots(d: GatewayDisputeRef, documents: Record<DocumentName, string | null>, files: { slot: string; at: string }[]): Result<true> {
  const taken = new Map<string, string>();
  const all = [...DOCUMENTS.map((n) => ({ slot: documents[n], at: `documents.${n}` })), ...files];
  for (const { slot, at } of all) {
    if (slot === null) continue;
    if (d.provider === 'stripe') {
      if (!(STRIPE_FILE_FIELDS as readonly string[]).includes(slot)) return fail('VALIDATION_FAILED', `${at}: ${slot} is not a Stripe evidence field taking a file (${STRIPE_FILE_FIELDS.join(', ')})`, at);
      const other = taken.get(slot);
      if (other) return fail('VALIDATION_FAILED', `${at}: Stripe's ${slot} holds one file and ${other} fills it already`, at);
      taken.set(slot, at);
    } else if (d.provider === 'paypal') {
      if (!(PAYPAL_EVIDENCE_TYPES as readonly string[]).includes(slot)) return fail('VALIDATION_FAILED', `${at}: ${slot} is not a PayPal evidence type taking documents (${PAYPAL_EVIDENCE_TYPES.join(', ')})`, at);
    } else if (d.provider === 'mercadopago') {
      if (slot !== MP_SLOT) return fail('VALIDATION_FAILED', `${at}: Mercado Pago takes documentation files only (slot ${MP_SLOT})`, at);
    } else if (!ADYEN_SLOT.test(slot)) {
      return fail('VALIDATION_FAILED', `${at}: an Adyen defence document type code (letters, digits, _ . -; at most 64)`, at);
    }
  }
  return ok(true);
}

/** Saves a change to the draft: text, document slots, defence reason, files added and removed. */
export async function saveEvidence(q: Queryable, orgId: string, actor: string, id: string, provider: string | undefined, change: EvidenceChange, now: Date):
  Promise<Result<{ dispute: GatewayDisputeRef; row: EvidenceRow }>> {
  const d = await findGatewayDispute(q, orgId, id, provider);
  if (!d.ok) return d;
  const row = await lockEvidence(q, orgId, d.value, actor, now);
  if (row.status !== 'draft') return fail('CONFLICT', `the evidence for dispute ${id} was ${row.status === 'submitted' ? `submitted on ${row.submitted_at} by ${row.submitted_by}` : 'being submitted'}: it cannot be changed now`, 'id');
  if (change.revision !== undefined && change.revision !== row.revision) {
    return fail('CONFLICT', `revision: the draft is at revision ${row.revision} (changed since revision ${change.revision} was read)`, 'revision');
  }
  if (change.defense_reason && d.value.provider !== 'adyen') return fail('VALIDATION_FAILED', 'defense_reason: only an Adyen dispute takes a defence reason', 'defense_reason');
  const allowed = textFieldsOf(d.value.provider);
  for (const k of Object.keys(change.text ?? {})) {
    if (!allowed.includes(k)) return fail('VALIDATION_FAILED', `text.${k}: not an evidence field at ${d.value.provider} (${allowed.join(', ')})`, `text.${k}`);
  }
  if (change.text?.service_date && !/^\d{4}-\d\d-\d\d$/.test(change.text.service_date)) return fail('VALIDATION_FAILED', 'text.service_date: a date, YYYY-MM-DD', 'text.service_date');
  const draft = draftOf(row, d.value.provider);
  const text = Object.fromEntries(Object.entries({ ...draft.text, ...(change.text ?? {}) }).filter(([, v]) => v.trim() !== ''));
  const documents = { ...draft.documents, ...(change.documents ?? {}) };
  const removed = await removeEvidenceFiles(q, orgId, d.value, change.remove_files ?? []);
  if (!removed.ok) return removed;
  const kept = await evidenceFiles(q, orgId, d.value.provider, d.value.dispute_id);
  const added = change.add_files ?? [];
  if (kept.length + added.length > EVIDENCE_FILES_MAX) return fail('VALIDATION_FAILED', `add_files: at most ${EVIDENCE_FILES_MAX} files`, 'add_files');
  const slots = checkSlots(d.value, documents, [...kept.map((f) => ({ slot: f.slot, at: `file ${f.id}` })), ...added.map((f, i) => ({ slot: f.slot, at: `add_files[${i}].slot` }))]);
  if (!slots.ok) return slots;
  const fileIds: string[] = [];
  for (const [i, f] of added.entries()) {
    const r = await addEvidenceFile(q, orgId, d.value, f.slot, f, actor, now, `add_files[${i}]`);
    if (!r.ok) return r;
    fileIds.push(r.value);
  }
  const reason = change.defense_reason === undefined ? row.defense_reason : change.defense_reason;
  await saveEvidenceDraft(q, orgId, d.value, { text, documents }, reason, actor, now);
  await ensureEvidenceReminder(q, orgId, d.value, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_evidence_saved', entity: 'customer', entityId: d.value.customer_id,
    data: { provider: d.value.provider, dispute_id: id, revision: row.revision + 1, text_fields: Object.keys(text), documents, defense_reason: reason,
      files_added: fileIds, files_removed: change.remove_files ?? [] } }, now);
  return ok({ dispute: d.value, row: await evidenceRow(q, orgId, d.value, actor, now) });
}

/** The view after a save or a submit, read again (Adyen's reasons not read again: the draft's own reason stands). */
export async function evidenceAfter(q: Queryable, orgId: string, d: GatewayDisputeRef, actor: string, now: Date): Promise<EvidenceView> {
  return viewOf(q, orgId, d, await evidenceRow(q, orgId, d, actor, now), null, null);
}
