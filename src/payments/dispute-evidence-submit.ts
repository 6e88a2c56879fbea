// Submitting a gateway dispute's evidence, once. The draft is taken (status submitting, in a transaction of its own, so a
// second submit meanwhile is refused; one left by a stopped process is taken again after SUBMIT_STALE_MS), the gateway is
// called outside any transaction, then the outcome is recorded: submitted for good (the reminder completed, audited), or
// back to draft with the gateway's words (audited too). Stripe: cobro's documents and the staff's files uploaded (a file
// uploaded before keeps its id), then the dispute updated with every evidence field and submit=true (or false to stage it
// at Stripe, leaving the draft open), under an Idempotency-Key of the form's content. Adyen: the defence reason must be one
// Adyen offers now and the documents of the types it asks for (each slot one of its types, the Required ones and one of a
// OneOrMore group present), supplied, then the dispute defended. PayPal: the documents grouped by the evidence type each
// fills, the account of the debt as the OTHER evidence's notes, sent in one provide-evidence call. Mercado Pago: the
// chargeback read first (its documentation not yet received, its deadline not passed), then every document as one
// `files[]` part of one documentation call.
import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { inTransaction, inTx } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { adyenConfigFor, mercadoPagoConfigFor, paypalConfigFor, stripeConfigFor, type GatewayAccess, type GatewayError } from './gateways/index.ts';
import { documentationProblem, MP_DOCUMENTATION_DONE, readMercadoPagoChargeback, sendMercadoPagoDocumentation } from './gateways/mercadopago-chargebacks.ts';
import { applicableDefenseReasons, defendDispute, missingDocuments, supplyDefenseDocuments, type DefenseDocument } from './gateways/adyen-defense.ts';
import { updateStripeDispute, uploadStripeEvidenceFile } from './gateways/stripe-evidence.ts';
import { evidenceProblem, PAYPAL_NOTES_MAX, providePayPalEvidence, type PayPalEvidence } from './gateways/paypal-evidence.ts';
import { summaryText, type AutoEvidence } from './dispute-evidence-auto.ts';
import { evidenceAuto } from './dispute-evidence-snapshot.ts';
import { historyPdf, statementOf, textPdf } from './dispute-evidence-pdf.ts';
import { evidenceWords, type EvidenceWords } from './dispute-evidence-words.ts';
import { wordingFor } from './gateway-dispute-text.ts';
import { getOrg } from '../orgs/index.ts';
import { completeEvidenceReminder } from './dispute-evidence-reminder.ts';
import { evidenceFileData, findGatewayDispute, lockEvidence, markEvidence, noteGatewayFileId, type GatewayDisputeRef } from './dispute-evidence-store.ts';
import { DOCUMENTS, draftOf, type Draft, type DocumentName } from './dispute-evidence.ts';

/** The words of cobro's evidence in the org's language. */
const orgWords = async (q: Db, orgId: string): Promise<EvidenceWords> => {
  const org = await getOrg(q, orgId);
  return evidenceWords(wordingFor(org?.default_language, org?.country ?? undefined, 'UTC').language);
};

export const SUBMIT_STALE_MS = 10 * 60_000;
export const NAME = { stripe: 'Stripe', adyen: 'Adyen', paypal: 'PayPal', mercadopago: 'Mercado Pago' } as const;

type Outcome = Result<{ reply: Record<string, unknown>; submitted: boolean }>;
interface Doc { slot: string; filename: string; contentType: string; data: Buffer; fileId?: string; gatewayFileId?: string | null }

export const gatewayFailure = (d: GatewayDisputeRef, e: GatewayError) => fail(e.kind === 'uncertain' ? 'UNAVAILABLE' : 'INVALID_STATE', `${NAME[d.provider]}: ${e.message}`, 'gateway');

/** cobro's documents in the slots the draft gives them, made now. */
async function ownDocuments(db: Db, orgId: string, d: GatewayDisputeRef, draft: Draft, auto: AutoEvidence, now: Date): Promise<Doc[]> {
  const out: Doc[] = [];
  const w = await orgWords(db, orgId);
  const make: Record<DocumentName, () => Promise<Buffer | null>> = {
    statement: () => statementOf(db, orgId, d.customer_id, now, auto),
    history: () => historyPdf(auto, d, now, w),
    summary: () => textPdf(w.summaryTitle(d.dispute_id), summaryText(auto, d, draft.text.explanation ?? '', w).split('\n'), now),
  };
  for (const n of DOCUMENTS) {
    const slot = draft.documents[n];
    if (!slot) continue;
    const data = await make[n]();
    if (data) out.push({ slot, filename: `${n}-${d.dispute_id}.pdf`, contentType: 'application/pdf', data });
  }
  return out;
}

async function staffFiles(db: Db, orgId: string, d: GatewayDisputeRef): Promise<Doc[]> {
  return (await evidenceFileData(db, orgId, d.provider, d.dispute_id)).map((f) => ({ slot: f.slot, filename: f.filename, contentType: f.content_type,
    data: Buffer.from(f.data), fileId: f.id, gatewayFileId: f.gateway_file_id }));
}

/** The text fields cobro fills in at Stripe, the staff's words over them. */
export function stripeText(auto: AutoEvidence, d: GatewayDisputeRef, draft: Draft, w: EvidenceWords = evidenceWords('en')): Record<string, string> {
  const { explanation = '', ...staff } = draft.text;
  const filled: Record<string, string> = {
    customer_name: auto.customer.name, ...(auto.customer.email ? { customer_email_address: auto.customer.email } : {}),
    ...(auto.invoices.length ? { product_description: w.invoices(auto.invoices.map((i) => i.number).join(', ')) } : {}),
    ...(auto.service_date ? { service_date: auto.service_date } : {}), ...(auto.shipping_date ? { shipping_date: auto.shipping_date } : {}),
    uncategorized_text: summaryText(auto, d, explanation, w),
  };
  return { ...filled, ...staff };
}

async function submitStripe(a: GatewayAccess & { db: Db }, orgId: string, d: GatewayDisputeRef, draft: Draft, stage: boolean, now: Date): Promise<Outcome> {
  const config = await stripeConfigFor(a, orgId);
  if (!config.ok) return config;
  const auto = await evidenceAuto(a.db, orgId, d);
  const evidence = stripeText(auto, d, draft, await orgWords(a.db, orgId));
  for (const doc of [...await ownDocuments(a.db, orgId, d, draft, auto, now), ...await staffFiles(a.db, orgId, d)]) {
    let id = doc.gatewayFileId ?? null;
    if (!id) {
      const up = await uploadStripeEvidenceFile(config.value, doc);
      if (!up.ok) return gatewayFailure(d, up.error);
      id = up.value;
      if (doc.fileId) await noteGatewayFileId(a.db, orgId, doc.fileId, id);
    }
    evidence[doc.slot] = id;
  }
  const key = `cobro-evidence-${d.dispute_id}-${stage ? 'stage' : 'submit'}-${createHash('sha256').update(JSON.stringify(evidence)).digest('hex').slice(0, 24)}`;
  const r = await updateStripeDispute(config.value, d.dispute_id, evidence, !stage, key);
  if (!r.ok) return gatewayFailure(d, r.error);
  return ok({ reply: { ...r.value.details, status: r.value.status, fields: Object.keys(evidence).sort() }, submitted: !stage });
}

async function submitAdyen(a: GatewayAccess & { db: Db }, orgId: string, d: GatewayDisputeRef, draft: Draft, reason: string | null, now: Date): Promise<Outcome> {
  const config = await adyenConfigFor(a, orgId);
  if (!config.ok) return config;
  const reasons = await applicableDefenseReasons(config.value, d.dispute_id);
  if (!reasons.ok) return gatewayFailure(d, reasons.error);
  const offered = reasons.value.map((r) => r.code);
  const chosen = reasons.value.find((r) => r.code === reason);
  if (!chosen) return fail('VALIDATION_FAILED', `defense_reason: choose one of the reasons Adyen offers for this dispute (${offered.join(', ') || 'none'})`, 'defense_reason');
  const auto = await evidenceAuto(a.db, orgId, d);
  const docs = [...await ownDocuments(a.db, orgId, d, draft, auto, now), ...await staffFiles(a.db, orgId, d)];
  const types = new Set(chosen.documentTypes.map((t) => t.code));
  const stray = docs.find((x) => !types.has(x.slot));
  if (stray) return fail('VALIDATION_FAILED', `${stray.filename}: ${stray.slot} is not a document type ${chosen.code} takes (${[...types].join(', ')})`, 'documents');
  const missing = missingDocuments(chosen, new Set(docs.map((x) => x.slot)));
  if (missing.length) return fail('VALIDATION_FAILED', `documents: ${chosen.code} needs ${missing.join('; ')}`, 'documents');
  if (docs.length) {
    const supplied = await supplyDefenseDocuments(config.value, d.dispute_id, docs.map((x): DefenseDocument => ({ typeCode: x.slot, contentType: x.contentType, data: x.data })));
    if (!supplied.ok) return gatewayFailure(d, supplied.error);
  }
  const defended = await defendDispute(config.value, d.dispute_id, chosen.code);
  if (!defended.ok) return gatewayFailure(d, defended.error);
  return ok({ reply: { defense_reason: chosen.code, documents: docs.map((x) => x.slot), due_by: d.respond_by }, submitted: true });
}

/** The evidences PayPal gets: one an evidence type the documents fill, the account of the debt as OTHER's notes (cut to PayPal's 2,000 characters). */
export function paypalEvidences(docs: Pick<Doc, 'slot' | 'filename' | 'contentType' | 'data'>[], notes: string): PayPalEvidence[] {
  const by = new Map<string, PayPalEvidence>([['OTHER', { evidence_type: 'OTHER', documents: [] }]]);
  docs.forEach((x, i) => {
    const e = by.get(x.slot) ?? { evidence_type: x.slot, documents: [] };
    // PayPal matches a document to its part by name: each made unique by its place
    e.documents.push({ name: `${i + 1}-${x.filename}`, contentType: x.contentType, data: x.data });
    by.set(x.slot, e);
  });
  by.get('OTHER')!.notes = notes.length > PAYPAL_NOTES_MAX ? `${notes.slice(0, PAYPAL_NOTES_MAX - 1)}…` : notes;
  return [...by.values()];
}

async function submitPayPal(a: GatewayAccess & { db: Db }, orgId: string, d: GatewayDisputeRef, draft: Draft, now: Date): Promise<Outcome> {
  const config = await paypalConfigFor(a, orgId);
  if (!config.ok) return config;
  const auto = await evidenceAuto(a.db, orgId, d);
  const docs = [...await ownDocuments(a.db, orgId, d, draft, auto, now), ...await staffFiles(a.db, orgId, d)];
  const evidences = paypalEvidences(docs, summaryText(auto, d, draft.text.explanation ?? '', await orgWords(a.db, orgId)));
  const problem = evidenceProblem(evidences);
  if (problem) return fail('VALIDATION_FAILED', problem.message, problem.field);
  const sent = await providePayPalEvidence(config.value, d.dispute_id, evidences, now);
  if (!sent.ok) return gatewayFailure(d, sent.error);
  return ok({ reply: { evidences: evidences.map((e) => ({ evidence_type: e.evidence_type, documents: e.documents.map((x) => x.name), notes_chars: e.notes?.length ?? 0 })),
    links: sent.value.links, due_by: d.respond_by }, submitted: true });
}

async function submitMercadoPago(a: GatewayAccess & { db: Db }, orgId: string, d: GatewayDisputeRef, draft: Draft, now: Date): Promise<Outcome> {
  const config = await mercadoPagoConfigFor(a, orgId);
  if (!config.ok) return config;
  if (!d.case_id) return fail('INVALID_STATE', `Mercado Pago has not told cobro the id of payment ${d.payment_ref}'s chargeback yet (its chargebacks notification): nothing can be sent`, 'id');
  const live = await readMercadoPagoChargeback(config.value, d.case_id);
  if (!live.ok) return gatewayFailure(d, live.error);
  const cb = live.value;
  if (!cb) return fail('INVALID_STATE', `Mercado Pago: no chargeback ${d.case_id}`, 'gateway');
  if (cb.documentationStatus && MP_DOCUMENTATION_DONE.has(cb.documentationStatus)) {
    return fail('CONFLICT', `Mercado Pago's chargeback ${cb.id} takes no documentation now (documentation_status ${cb.documentationStatus})`, 'gateway');
  }
  if (cb.deadline && Date.parse(cb.deadline) < now.getTime()) return fail('INVALID_STATE', `Mercado Pago's deadline for chargeback ${cb.id}'s documentation passed at ${cb.deadline}`, 'gateway');
  const auto = await evidenceAuto(a.db, orgId, d);
  const docs = [...await ownDocuments(a.db, orgId, d, draft, auto, now), ...await staffFiles(a.db, orgId, d)];
  const files = docs.map((x, i) => ({ filename: `${i + 1}-${x.filename.replace(/[^A-Za-z0-9._-]/g, '-')}`, contentType: x.contentType, data: x.data }));
  const problem = documentationProblem(files);
  if (problem) return fail('VALIDATION_FAILED', problem, 'documents');
  const sent = await sendMercadoPagoDocumentation(config.value, cb.id, files);
  if (!sent.ok) return gatewayFailure(d, sent.error);
  const after = await readMercadoPagoChargeback(config.value, cb.id);
  return ok({ reply: { chargeback_id: cb.id, files: files.map((f) => f.filename), due_by: cb.deadline ?? d.respond_by,
    documentation_status: after.ok && after.value ? after.value.documentationStatus : null }, submitted: true });
}

/** Takes the draft for an answer (evidence, or a PayPal claim accepted): refused when answered already, or being answered by another call not stale yet. */
export async function take(db: Db, orgId: string, actor: string, id: string, provider: string | undefined, now: Date):
  Promise<Result<{ d: GatewayDisputeRef; draft: Draft; reason: string | null }>> {
  return inTransaction(db, async (tx) => {
    const found = await findGatewayDispute(tx, orgId, id, provider);
    if (!found.ok) return found;
    const d = found.value;
    const row = await lockEvidence(tx, orgId, d, actor, now);
    if (row.status === 'submitted') {
      const what = row.answer === 'accept_claim' ? `the claim of dispute ${id} was already accepted at` : `the evidence for dispute ${id} was already submitted to`;
      return fail('CONFLICT', `${what} ${NAME[d.provider]} on ${row.submitted_at} by ${row.submitted_by}; a dispute is answered once`, 'id');
    }
    if (row.status === 'submitting' && row.submitting_at && now.getTime() - Date.parse(row.submitting_at) < SUBMIT_STALE_MS) {
      return fail('CONFLICT', `the evidence for dispute ${id} is being submitted (since ${row.submitting_at}); read it again in a moment`, 'id');
    }
    if (d.status !== 'open') return fail('INVALID_STATE', `dispute ${id} is ${d.status} at ${NAME[d.provider]}: there is nothing to answer`, 'id');
    await markEvidence(tx, orgId, d, 'submitting', { at: now, actor });
    return ok({ d, draft: draftOf(row, d.provider), reason: row.defense_reason });
  });
}

/** Submits the evidence (or, `stage` at Stripe, stages it there and keeps the draft open). */
export async function submitEvidence(a: GatewayAccess & { db: Db }, orgId: string, actor: string, id: string, provider: string | undefined,
  o: { stage?: boolean }, now: Date): Promise<Result<GatewayDisputeRef>> {
  const taken = await take(a.db, orgId, actor, id, provider, now);
  if (!taken.ok) return taken;
  const { d, draft, reason } = taken.value;
  let outcome: Outcome;
  if (o.stage && d.provider !== 'stripe') outcome = fail('VALIDATION_FAILED', `stage: only Stripe keeps staged evidence; ${NAME[d.provider]} takes the evidence when it is submitted`, 'stage');
  else {
    try {
      outcome = d.provider === 'stripe' ? await submitStripe(a, orgId, d, draft, Boolean(o.stage), now)
        : d.provider === 'adyen' ? await submitAdyen(a, orgId, d, draft, reason, now)
        : d.provider === 'mercadopago' ? await submitMercadoPago(a, orgId, d, draft, now) : await submitPayPal(a, orgId, d, draft, now);
    } catch (e) {
      outcome = fail('UNAVAILABLE', `the evidence could not be made or sent: ${(e as Error).message}`, 'gateway');
    }
  }
  await inTx(a.db, async (tx) => {
    const action = outcome.ok ? (outcome.value.submitted ? 'gateway.dispute_evidence_submitted' : 'gateway.dispute_evidence_staged') : 'gateway.dispute_evidence_refused';
    if (outcome.ok && outcome.value.submitted) {
      await markEvidence(tx, orgId, d, 'submitted', { at: now, actor, reply: outcome.value.reply, answer: 'evidence' });
      await completeEvidenceReminder(tx, orgId, d, `evidence submitted to ${NAME[d.provider]}`, actor, now);
    } else {
      await markEvidence(tx, orgId, d, 'draft', { at: now, reply: outcome.ok ? outcome.value.reply : null, error: outcome.ok ? null : outcome.error.message });
    }
    await recordAudit(tx, { orgId, actor, action, entity: 'customer', entityId: d.customer_id,
      data: { provider: d.provider, dispute_id: d.dispute_id, payment_ref: d.payment_ref, ...(outcome.ok ? { reply: outcome.value.reply } : { error: outcome.error.message }) } }, now);
  });
  return outcome.ok ? ok(d) : outcome;
}
