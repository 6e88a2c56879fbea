// POST /v1/agent/understand: a debtor's message read into intent, confidence, language and entities (nothing is stored).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AGENT_LANGUAGES, INTENTS, understand, understandingJson } from '../../agent/index.ts';
import { isCurrency, isTimeZone } from '../../domain/index.ts';
import { ROLES } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { errorResponses } from '../errors.ts';

const CHANNELS = ['sms', 'whatsapp', 'email', 'call', 'letter', 'visit'] as const;
const scored = z.object({ intent: z.enum(INTENTS), confidence: z.number() });
const understanding = z.object({
  text: z.string(), intent: z.enum(INTENTS), confidence: z.number().meta({ description: 'calibrated probability of the intent' }),
  alternatives: z.array(scored), language: z.enum(AGENT_LANGUAGES), language_confidence: z.number(), language_source: z.enum(['text', 'hint']),
  decided_by: z.enum(['model', 'opt_out_rule', 'llm']),
  entities: z.object({
    dates: z.array(z.object({ text: z.string(), date: z.string(), until: z.string().optional() })),
    amounts: z.array(z.object({ text: z.string(), amount: z.number().int().meta({ description: 'minor units of currency' }), currency: z.string().nullable(), explicit: z.boolean() })),
    instalments: z.array(z.object({ text: z.string(), count: z.number().int(), frequency: z.enum(['weekly', 'biweekly', 'monthly']).optional() })),
  }),
  opt_out: z.object({ kind: z.enum(['opt_out', 'opt_in', 'help', 'wrong_party', 'name_mismatch', 'inconvenient_times', 'none']), rule: z.string().optional(),
    matched: z.string().optional(), scopes: z.array(z.unknown()).optional(), times: z.array(z.unknown()).optional(),
    name: z.string().optional().meta({ description: 'name_mismatch: the name the sender says they are not, which is not the debtor\'s' }) }),
}).meta({ id: 'AgentUnderstanding' });

const body = z.object({
  text: z.string().min(1).max(5000),
  language: z.enum(AGENT_LANGUAGES).optional().meta({ description: 'the customer\'s language, used when the text is too short to tell' }),
  time_zone: z.string().refine(isTimeZone, 'an IANA time zone such as America/Mexico_City').default('UTC'),
  now: z.string().datetime({ offset: true }).optional().meta({ description: 'when the message arrived; the server\'s clock by default' }),
  currency: z.string().refine(isCurrency, 'an ISO 4217 currency cobro knows').optional(),
  channel: z.enum(CHANNELS).optional(),
});

export const agentRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/v1/agent/understand', {
    schema: { tags: ['agent'], summary: 'Read a debtor\'s message: intent with a calibrated confidence, language, dates (in the debtor\'s zone), amounts and instalments',
      body, response: { 200: understanding, ...errorResponses } },
    // Reading changes nothing, so every role may ask.
    config: { roles: [...ROLES] },
  }, async (req) => {
    const { text, language, time_zone: timeZone, now, currency, channel } = req.body;
    return understandingJson(understand(text, {
      now: now ? new Date(now) : deps.now(), timeZone, ...(language ? { language } : {}), ...(currency ? { currency } : {}), ...(channel ? { channel } : {}),
    }));
  });
};
