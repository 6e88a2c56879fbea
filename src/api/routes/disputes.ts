// /v1/disputes: open (with an optional attachment, base64 in the JSON body), list, read, resolve (valid: a credit note,
// managers and admins only; invalid: contact resumes), and the attachment served back.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { disputeAttachment, getDispute, listDisputes, openDispute, resolveDispute, ATTACHMENT_MAX_BYTES, type Attachment } from '../../payments/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { sendAttachment } from '../attachment-reply.ts';
import { apiFields, disputeSchema, newDisputeSchema } from './arrangement-schemas.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An attachment sent base64 in a JSON body, decoded and size-checked (its type and bytes are checked by openDispute). */
export function decodeAttachment(a: { filename: string; content_type: string; data_base64: string } | undefined): Result<Attachment | undefined> {
  if (!a) return ok(undefined);
  const text = a.data_base64.replace(/\s+/g, '');
  if (!BASE64.test(text)) return fail('VALIDATION_FAILED', 'attachment.data_base64 is not base64', 'attachment.data_base64');
  const data = Buffer.from(text, 'base64');
  if (data.length > ATTACHMENT_MAX_BYTES) return fail('VALIDATION_FAILED', `the attachment is over ${ATTACHMENT_MAX_BYTES} bytes`, 'attachment.data_base64');
  return ok({ filename: a.filename, contentType: a.content_type, data });
}

export const disputeRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['disputes'];
  app.post('/v1/disputes', {
    // the attachment travels base64 in the body: 5 MB of file is about 6.7 MB of text
    bodyLimit: 8 * 1024 * 1024,
    schema: { tags, summary: 'Open a dispute on some or all of a customer\'s open invoices',
      description: 'The invoices are marked disputed (contact pauses on them; the case stops when every invoice it holds is disputed) and a high-priority review task goes on the worklist. An attachment may be a PDF, PNG, JPEG, GIF, WebP or plain text of at most 5 MB whose bytes match its type.',
      body: newDisputeSchema, response: { 201: disputeSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const decoded = decodeAttachment(b.attachment);
    if (!decoded.ok) return sendFailure(reply, decoded.error);
    const attachment = decoded.value;
    return sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => openDispute(tx, orgOf(req), actorOf(req), {
      customerId: b.customer_id, invoiceIds: b.invoice_ids, reason: b.reason, source: b.source, ...(b.text ? { text: b.text } : {}), ...(attachment ? { attachment } : {}),
    }, deps.now()))), 201);
  });

  app.get('/v1/disputes', {
    schema: { tags, summary: 'List disputes, newest first',
      querystring: z.object({ status: z.enum(['open', 'valid', 'invalid']).optional(), customer_id: z.string().optional() }),
      response: { 200: z.object({ data: z.array(disputeSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listDisputes(deps.db, orgOf(req), { ...(req.query.status ? { status: req.query.status } : {}),
    ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}) }) }));

  app.get('/v1/disputes/:id', {
    schema: { tags, summary: 'A dispute', params: idParams, response: { 200: disputeSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getDispute(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/disputes/:id/resolve', {
    schema: { tags, summary: 'Resolve a dispute: valid issues a credit note for the disputed amount (managers and admins), invalid undisputes the invoices',
      params: idParams, body: z.object({ outcome: z.enum(['valid', 'invalid']), note: z.string().max(2000).optional() }),
      response: { 200: disputeSchema, ...errorResponses } },
  }, async (req, reply) => {
    const role = req.auth?.role;
    if (req.body.outcome === 'valid' && role !== 'admin' && role !== 'manager') {
      return sendFailure(reply, { code: 'FORBIDDEN', message: 'resolving a dispute as valid issues a credit note: managers and admins only', field: 'outcome' });
    }
    return sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => resolveDispute(tx, orgOf(req), actorOf(req), req.params.id,
      { outcome: req.body.outcome, ...(req.body.note ? { note: req.body.note } : {}) }, deps.now()))));
  });

  app.get('/v1/disputes/:id/attachment', {
    schema: { tags, summary: 'The dispute\'s attachment, as it was uploaded', params: idParams },
  }, async (req, reply) => {
    const r = await disputeAttachment(deps.db, orgOf(req), req.params.id);
    return r.ok ? sendAttachment(reply, r.value) : sendFailure(reply, r.error);
  });
};
