// /v1/replies/{id}/attachments: the files a debtor sent with a reply (WhatsApp images and documents, MMS), as the worker
// fetched them; one sent back as a download, each download in the audit log.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../audit/index.ts';
import { attachmentFile, replyAttachments } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';
import { sendAttachment } from '../attachment-reply.ts';

const tags = ['agent'];
const replyParams = z.object({ id: z.string().min(1).max(100) });
const fileParams = replyParams.extend({ attachment_id: z.string().min(1).max(100) });

const attachment = z.object({
  id: z.string(), inbound_id: z.string(), provider: z.string(),
  status: z.enum(['pending', 'stored', 'refused', 'failed']).meta({ description: 'pending: to be fetched from the provider; stored: kept; refused: too large or not a JPEG, PNG, WebP, HEIC or PDF; failed: could not be fetched' }),
  content_type: z.string().nullable().meta({ description: 'the type its bytes are, once stored' }),
  declared_type: z.string().nullable().meta({ description: 'the type the provider said' }),
  filename: z.string().nullable(), size: z.number().nullable(), sha256: z.string().nullable(), attempts: z.number(), error: z.string().nullable(),
  claim_id: z.string().nullable().meta({ description: 'the claimed payment this file is the proof of' }),
  received_at: z.string(), fetched_at: z.string().nullable(),
}).meta({ id: 'ReplyAttachment' });

export const replyAttachmentRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/replies/:id/attachments', {
    schema: { tags, summary: 'The files a debtor sent with a reply (photos, PDFs), fetched from the provider by the worker', params: replyParams,
      response: { 200: z.object({ data: z.array(attachment) }), ...errorResponses } },
  }, async (req, reply) => {
    const rows = await replyAttachments(deps.db, orgOf(req), req.params.id);
    if (!rows) return sendFailure(reply, { code: 'NOT_FOUND', message: `no reply ${req.params.id}`, field: 'id' });
    return { data: rows.map(({ customer_id: _c, ...r }) => r) };
  });

  app.get('/v1/replies/:id/attachments/:attachment_id', {
    schema: { tags, summary: 'One file a debtor sent, as it was fetched (a download; recorded in the audit log)', params: fileParams },
  }, async (req, reply) => {
    const orgId = orgOf(req);
    const file = await attachmentFile(deps.db, orgId, req.params.id, req.params.attachment_id);
    if (!file) return sendFailure(reply, { code: 'NOT_FOUND', message: `reply ${req.params.id} has no stored file ${req.params.attachment_id}`, field: 'attachment_id' });
    await recordAudit(deps.db, { orgId, actor: actorOf(req), action: 'reply.attachment_downloaded', entity: 'customer', entityId: file.row.customer_id ?? req.params.id,
      data: { reply: req.params.id, attachment: file.row.id, sha256: file.row.sha256 } }, deps.now());
    return sendAttachment(reply, file);
  });
};
