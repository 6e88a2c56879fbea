// /portal/api/chat: the debtor writes to the collections agent from the portal and reads the conversation. Registered
// inside the portal's routes, so the link's token, the second factor's session and the portal's rate limits apply as to
// every other portal route (a custom header cannot be sent cross-site, so the write needs no CSRF token).
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CHAT_MAX_LENGTH } from '../../agent/index.ts';
import { portalChat, portalChatMessage, type PortalAccess } from '../../portal/index.ts';
import type { ApiDeps } from '../context.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { portalChatStreamRoute } from './portal-chat-stream.ts';

const ts = z.string().meta({ format: 'date-time' });
const chatLine = z.object({
  id: z.string(), at: ts, author: z.enum(['debtor', 'agent', 'person']), text: z.string(),
  pay: z.boolean().meta({ description: 'the answer offers payment: the page shows its pay button' }),
}).meta({ id: 'PortalChatLine' });
const view = {
  data: z.array(chatLine).meta({ description: 'the debtor\'s portal messages and the answers in the order recorded, newest last (the last 100)' }),
  agent: z.boolean().meta({ description: 'the org has the agent on: it answers here' }),
  with_person: z.boolean().meta({ description: 'a person has the conversation: they answer here, the agent does not' }),
  pending: z.boolean().meta({ description: 'a message still waits for the agent' }),
  cursor: z.string().nullable().meta({ description: 'where the chat\'s stream takes up after these lines: its Last-Event-ID (null while the chat is empty)' }),
};
const chatSchema = z.object(view).meta({ id: 'PortalChat' });
const postedSchema = z.object({ ...view, message: chatLine, answers: z.array(chatLine),
  stopped: z.array(z.string()).meta({ description: 'the channels a stop in this message turned off' }) }).meta({ id: 'PortalChatPosted' });
export const chatMessageBody = z.object({ text: z.string().trim().min(1, 'write a message').max(CHAT_MAX_LENGTH) }).strict();

export function portalChatRoutes(app: FastifyInstance, deps: ApiDeps, accessOf: (req: FastifyRequest) => PortalAccess): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['debtor portal'];
  const config = { public: true };
  const security: Record<string, string[]>[] = [];

  r.get('/portal/api/chat', {
    config, schema: { tags, security, summary: 'The chat with the collections agent: the debtor\'s messages and the answers, newest last',
      response: { 200: chatSchema, ...errorResponses } },
  }, async (req) => portalChat(deps.db, accessOf(req)));

  r.post('/portal/api/chat', {
    config, schema: { tags, security, summary: 'Write to the collections agent: read and acted on as a reply on channel portal; its answer comes back',
      body: chatMessageBody, response: { 201: postedSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await portalChatMessage(deps.db, accessOf(req), req.body.text, deps.agent ?? {}, deps.now()), 201));

  portalChatStreamRoute(app, deps, accessOf);
}
