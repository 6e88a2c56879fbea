// /v1/disputes/{id}/evidence: the evidence answering a Stripe, Adyen or PayPal dispute ({id} is the gateway's dispute id:
// dp_... at Stripe, the dispute's pspReference at Adyen, PP-D-... at PayPal; cobro's own disputes are dsp_...). GET reads the draft (made on first
// reading) with what cobro fills in and the gateway's deadline; PUT saves the draft (files base64 in the JSON body);
// POST .../submit sends it to the gateway, once (managers and admins); POST /v1/disputes/{id}/accept-claim instead accepts a
// PayPal claim, once (managers and admins).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';
import { decodeAttachment } from './disputes.ts';
import { evidenceAfter, getEvidence, saveEvidence, type EvidenceView } from '../../payments/dispute-evidence.ts';
import { submitEvidence } from '../../payments/dispute-evidence-submit.ts';
import { acceptClaim } from '../../payments/dispute-accept-claim.ts';
import { acceptClaimBody, evidenceBody, evidenceSchema } from './dispute-evidence-schemas.ts';
import type { Attachment } from '../../payments/disputes-attachment.ts';

/** The draft's body: one 5 MB file in base64 (about 6.7 MB) with its text fits; more files go over several saves. */
const EVIDENCE_BODY_LIMIT = 8 * 1024 * 1024;

const params = z.object({ id: z.string().min(1).max(100) });
const query = z.object({ provider: z.enum(['stripe', 'adyen', 'paypal', 'mercadopago']).optional() });

type FileIn = { slot: string; filename: string; content_type: string; data_base64: string };

/** The files of a PUT decoded, each failure naming its place in add_files. */
export function decodeFiles(files: FileIn[] | undefined): Result<(Attachment & { slot: string })[]> {
  const out: (Attachment & { slot: string })[] = [];
  for (const [i, f] of (files ?? []).entries()) {
    const d = decodeAttachment(f);
    if (!d.ok) return fail('VALIDATION_FAILED', `add_files[${i}]: ${d.error.message}`, `add_files[${i}].data_base64`);
    out.push({ ...d.value!, slot: f.slot });
  }
  return ok(out);
}

export const disputeEvidenceRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['disputes'];
  const access = { db: deps.db, ...(deps.secretKey ? { secretKey: deps.secretKey } : {}), ...(deps.egress ? { egress: deps.egress } : {}) };
  const view = (v: EvidenceView) => v as unknown as z.infer<typeof evidenceSchema>;

  app.get('/v1/disputes/:id/evidence', {
    schema: { tags, summary: 'The evidence answering a Stripe, Adyen or PayPal dispute: the draft, what cobro fills in, the deadline',
      description: '{id} is the gateway\'s dispute id. The draft is made on first reading, with a review task due two days before the gateway\'s deadline. At Adyen the defence reasons Adyen offers are read live.',
      params, querystring: query, response: { 200: evidenceSchema, ...errorResponses } },
  }, async (req, reply) => {
    const r = await getEvidence(access, orgOf(req), actorOf(req), req.params.id, req.query.provider, deps.now());
    return r.ok ? view(r.value) : sendFailure(reply, r.error);
  });

  app.put('/v1/disputes/:id/evidence', {
    bodyLimit: EVIDENCE_BODY_LIMIT,
    schema: { tags, summary: 'Save the evidence draft: text fields, where cobro\'s documents go, Adyen\'s defence reason, files added and removed',
      description: 'Refused once submitted, and (409) when `revision` is given and the draft changed since. Files: PDF, PNG or JPEG whose bytes match, at most 5 MB each, 20 in all; at Stripe each file slot holds one file. A request carries at most 8 MB (one 5 MB file in base64 fits): larger sets are added over several saves.',
      params, querystring: query, body: evidenceBody, response: { 200: evidenceSchema, ...errorResponses } },
  }, async (req, reply) => {
    const files = decodeFiles(req.body.add_files);
    if (!files.ok) return sendFailure(reply, files.error);
    const b = req.body;
    const now = deps.now();
    const saved = await inTransaction(deps.db, (tx) => saveEvidence(tx, orgOf(req), actorOf(req), req.params.id, req.query.provider, {
      revision: b.revision, text: b.text, documents: b.documents, defense_reason: b.defense_reason, add_files: files.value, remove_files: b.remove_files }, now));
    if (!saved.ok) return sendFailure(reply, saved.error);
    return view(await evidenceAfter(deps.db, orgOf(req), saved.value.dispute, actorOf(req), now));
  });

  app.post('/v1/disputes/:id/evidence/submit', {
    config: { roles: ['admin', 'manager'] },
    schema: { tags, summary: 'Submit the evidence to the gateway, once (a second submit is refused with 409)',
      description: 'Stripe: files uploaded (purpose dispute_evidence), then the dispute updated with evidence[...] and submit=true; `stage: true` sends submit=false (staged at Stripe, the draft stays open). Adyen: the defence reason checked against those Adyen offers and the document types it asks for, documents supplied, the dispute defended. PayPal: the documents grouped by the evidence type each fills, the account of the debt as the OTHER evidence\'s notes, sent in one provide-evidence call (multipart).',
      params, querystring: query, body: z.object({ stage: z.boolean().optional() }).strict().default({}), response: { 200: evidenceSchema, ...errorResponses } },
  }, async (req, reply) => {
    const now = deps.now();
    const r = await submitEvidence(access, orgOf(req), actorOf(req), req.params.id, req.query.provider, { ...(req.body.stage ? { stage: true } : {}) }, now);
    if (!r.ok) return sendFailure(reply, r.error);
    return sendResult(reply, ok(view(await evidenceAfter(deps.db, orgOf(req), r.value, actorOf(req), now))));
  });

  app.post('/v1/disputes/:id/accept-claim', {
    config: { roles: ['admin', 'manager'] },
    schema: { tags, summary: 'Accept a PayPal claim instead of answering it with evidence, once (the dispute closes for the buyer; PayPal refunds them)',
      description: 'PayPal disputes only: POST /v1/customer/disputes/{id}/accept-claim with the note (1 to 2,000 characters). A dispute is answered once: after evidence was submitted, or the claim accepted, this is refused with 409; PayPal\'s refusal is kept as the draft\'s last error.',
      params, body: acceptClaimBody, response: { 200: evidenceSchema, ...errorResponses } },
  }, async (req, reply) => {
    const now = deps.now();
    const r = await acceptClaim(access, orgOf(req), actorOf(req), req.params.id, req.body.note, now);
    if (!r.ok) return sendFailure(reply, r.error);
    return sendResult(reply, ok(view(await evidenceAfter(deps.db, orgOf(req), r.value, actorOf(req), now))));
  });
};
