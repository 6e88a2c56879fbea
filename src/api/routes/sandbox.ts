// /v1/sandbox/replies: play what a debtor would answer on a channel the org sends through the built-in sandbox (the demo,
// development), and see cobro read it and its agent answer, without a provider account.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { playSandboxReply, sandboxAdapters, SANDBOX_REPLY_CHANNELS } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const played = z.object({
  inbox_event_id: z.string(), status: z.enum(['processed', 'waiting', 'failed', 'skipped']),
  note: z.string().nullable().meta({ description: 'what reading it found (e.g. "read as opt_out"), or why it waits' }),
  inbound_message_id: z.string().nullable(), from: z.string(),
  answers: z.number().int().meta({ description: 'messages the agent queued in answer (sent through the gate by the dispatcher)' }),
}).meta({ id: 'SandboxReplyPlayed' });

export const sandboxRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const adapters = deps.messaging?.adapters ?? sandboxAdapters();
  app.post('/v1/sandbox/replies', {
    schema: { tags: ['messages'], summary: 'Play a debtor\'s reply on a channel the org sends through the sandbox: stored, read and answered as a provider\'s would be',
      body: z.object({ customer_id: z.string().min(1).meta({ description: 'id or external id' }), channel: z.enum(SANDBOX_REPLY_CHANNELS),
        text: z.string().min(1).max(4000) }),
      response: { 201: played, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await playSandboxReply(deps.db, orgOf(req), actorOf(req), adapters,
    { customer: req.body.customer_id, channel: req.body.channel, text: req.body.text }, deps.now(), deps.agent ?? {}), 201));
};
