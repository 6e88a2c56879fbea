// /v1/agent/handovers/{id}: one handover with its conversation, and working it: take it, answer the debtor (gated when
// sent), hand the conversation back to the agent.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HANDOVER_REASONS, handBack, handoverDetail, replyToHandover, takeHandover } from '../../agent/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf, sessionOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const tags = ['agent'];
const line = z.object({
  id: z.string(), at: z.string(), direction: z.enum(['in', 'out']), channel: z.string(), text: z.string(), intent: z.string().nullable(),
  confidence: z.number().nullable(), action: z.string().nullable(), by: z.enum(['debtor', 'agent', 'person']), status: z.string().nullable(),
});
const detail = z.object({
  id: z.string(), customer_id: z.string(), customer_name: z.string(), case_id: z.string().nullable(), turn_id: z.string(), task_id: z.string(),
  reason: z.enum(HANDOVER_REASONS), summary: z.string(), details: z.record(z.string(), z.unknown()), status: z.enum(['open', 'done', 'cancelled']),
  priority: z.string(), created_at: z.string(), assigned_to: z.string().nullable(), channel: z.string(), conversation: z.array(line),
}).meta({ id: 'AgentHandoverDetail' });
const workers = { roles: ['admin', 'manager', 'collector'] as ('admin' | 'manager' | 'collector')[] };
const params = z.object({ id: z.string() });

export const agentHandoverRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/agent/handovers/:id', {
    schema: { tags, summary: 'One handover with the conversation: the debtor\'s replies (with what the agent read) and the answers, oldest first',
      params, response: { 200: detail, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await handoverDetail(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/agent/handovers/:id/take', {
    schema: { tags, summary: 'Take the handover: its task goes on your worklist', params, response: { 200: detail, ...errorResponses } }, config: workers,
  }, async (req, reply) => sendResult(reply, await deps.db.transaction((tx) => takeHandover(tx, orgOf(req), actorOf(req), sessionOf(req)?.user.id ?? null,
    req.params.id, deps.now()))));

  app.post('/v1/agent/handovers/:id/reply', {
    schema: { tags, summary: 'Answer the debtor in your own words on the channel they wrote on; the compliance gate decides when it is sent',
      params, body: z.object({ text: z.string().max(1000) }), response: { 201: z.object({ message_id: z.string() }), ...errorResponses } }, config: workers,
  }, async (req, reply) => sendResult(reply, await deps.db.transaction((tx) => replyToHandover(tx, orgOf(req), actorOf(req), req.params.id, req.body.text,
    deps.now())), 201));

  app.post('/v1/agent/handovers/:id/hand-back', {
    schema: { tags, summary: 'Give the conversation back to the agent (the handover\'s task is completed)',
      params, body: z.object({ note: z.string().max(1000).optional() }).default({}), response: { 200: detail, ...errorResponses } }, config: workers,
  }, async (req, reply) => sendResult(reply, await deps.db.transaction((tx) => handBack(tx, orgOf(req), actorOf(req), req.params.id, req.body.note ?? null,
    deps.now()))));
};
