// /v1/customers/{id}/conversation: the customer's whole conversation, oldest first, a page at a time (the newest page unless
// `before` names a line), with the files sent with each reply; the same page `cobro conversation --json` prints.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomer } from '../../ledger/index.ts';
import { customerConversation, CONVERSATION_LIMIT_DEFAULT, CONVERSATION_LIMIT_MAX } from '../../timeline/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(CONVERSATION_LIMIT_MAX).default(CONVERSATION_LIMIT_DEFAULT)
    .meta({ description: `lines a page (1..${CONVERSATION_LIMIT_MAX}, ${CONVERSATION_LIMIT_DEFAULT} by default): the newest chosen, listed oldest first` }),
  before: z.string().min(1).max(200).optional().meta({ description: 'a line\'s id (the `next_before` a page gives): the lines before it' }),
});

const file = z.object({
  id: z.string().meta({ description: 'its bytes: GET /v1/replies/{line id}/attachments/{id}' }), name: z.string().nullable(),
  type: z.string().nullable().meta({ description: 'the type its bytes are once stored, else the type the provider said' }), size: z.number().nullable(),
  status: z.enum(['pending', 'stored', 'refused', 'failed']), error: z.string().nullable(),
}).meta({ id: 'ConversationFile' });

const line = z.object({
  id: z.string(), at: z.string(), direction: z.enum(['in', 'out']),
  channel: z.string().meta({ description: 'email, sms, whatsapp, voice, or portal (the portal chat\'s answers)' }), text: z.string(),
  by: z.enum(['debtor', 'agent', 'person', 'cobro']).meta({ description: 'cobro: a message cobro sent on its own (a reminder, a confirmation, a one-off)' }),
  status: z.string().nullable().meta({ description: 'a message\'s delivery state' }), template: z.string().nullable(),
  intent: z.string().nullable().meta({ description: 'replies: what the agent read' }), confidence: z.number().nullable(), action: z.string().nullable(),
  handover_id: z.string().nullable().meta({ description: 'replies: the handover the agent\'s reading opened' }),
  files: z.array(file).meta({ description: 'replies: the files sent with it' }),
}).meta({ id: 'ConversationLine' });

const page = z.object({
  customer_id: z.string(), data: z.array(line), has_more: z.boolean(),
  next_before: z.string().nullable().meta({ description: 'the `before` of the page of older lines; null at the start of the conversation' }),
}).meta({ id: 'CustomerConversation' });

export const customerConversationRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/customers/:id/conversation', {
    schema: { tags: ['customers'], summary: 'A customer\'s conversation, oldest first, a page at a time: messages sent, replies (what the agent read, the files sent), answers, handovers',
      params: idParams, querystring: query, response: { 200: page, ...errorResponses } },
  }, async (req, reply) => {
    const orgId = orgOf(req);
    const c = await getCustomer(deps.db, orgId, req.params.id);
    if (!c.ok) return sendResult(reply, c);
    const r = await customerConversation(deps.db, orgId, c.value.id, req.query);
    // a `before` not in this customer's conversation is a bad query, not a missing customer
    if (!r.ok) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: r.error.message, field: 'querystring.before' });
    return r.value;
  });
};
