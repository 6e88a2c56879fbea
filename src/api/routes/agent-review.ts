// /v1/agent/settings, /v1/agent/decisions, /v1/agent/handovers, /v1/agent/replies/{id}/correction, /v1/agent/corrections:
// the agent on or off and its threshold, what it decided, the handover queue, and collectors' corrections (training data).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AgentSettingsPatch, HANDOVER_REASONS, INTENTS, agentSettingsJson, correctIntent, correctionsJsonl, getAgentSettings, listCorrections, listDecisions,
  listHandovers, setAgentSettings,
} from '../../agent/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const tags = ['agent'];
const settings = z.object({ enabled: z.boolean(), confidence_threshold: z.number(), use_llm: z.boolean(), claim_hold_days: z.number().int() })
  .meta({ id: 'AgentSettings' });
const decision = z.object({
  id: z.string(), inbound_id: z.string(), customer_id: z.string(), channel: z.string(), status: z.enum(['pending', 'decided', 'failed']),
  intent: z.string().nullable(), confidence: z.number().nullable(), language: z.string().nullable(), understood_by: z.string().nullable(), entities: z.unknown(),
  action: z.string().nullable(), detail: z.string().nullable(), reply_message_id: z.string().nullable(), handover_id: z.string().nullable(),
  error: z.string().nullable(), created_at: z.string(), decided_at: z.string().nullable(),
  spoken: z.object({ text: z.string(), language: z.string(), locale: z.string(), next: z.enum(['listen', 'hangup', 'dial']) }).nullable()
    .describe('Said on a call: the answer spoken in the same call, and what the call did next'),
}).meta({ id: 'AgentDecision' });
const handover = z.object({
  id: z.string(), customer_id: z.string(), customer_name: z.string(), case_id: z.string().nullable(), turn_id: z.string(), task_id: z.string(),
  reason: z.enum(HANDOVER_REASONS), summary: z.string(), details: z.record(z.string(), z.unknown()), status: z.enum(['open', 'done', 'cancelled']),
  priority: z.string(), created_at: z.string(),
}).meta({ id: 'AgentHandover' });
const correction = z.object({
  id: z.string(), inbound_id: z.string(), text: z.string(), language: z.string(), understood_intent: z.string().nullable(), intent: z.enum(INTENTS),
  note: z.string().nullable(), corrected_by: z.string(), created_at: z.string(),
}).meta({ id: 'AgentCorrection' });
const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };

export const agentReviewRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/agent/settings', {
    schema: { tags, summary: 'Whether the agent answers replies, the confidence below which it hands over, whether the LLM may read replies', response: { 200: settings, ...errorResponses } },
  }, async (req) => agentSettingsJson(await getAgentSettings(deps.db, orgOf(req))));

  app.put('/v1/agent/settings', {
    schema: { tags, summary: 'Turn the agent on or off, set its confidence threshold (0..1), allow the configured LLM to read replies',
      body: AgentSettingsPatch, response: { 200: settings, ...errorResponses } },
    config: managers,
  }, async (req, reply) => {
    const r = await deps.db.transaction((tx) => setAgentSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: agentSettingsJson(r.value) } : r);
  });

  app.get('/v1/agent/decisions', {
    schema: { tags, summary: 'What the agent read in each reply and did (newest first): intent, confidence, action, the answer queued, any handover',
      querystring: z.object({ customer_id: z.string().optional(), status: z.enum(['pending', 'decided', 'failed']).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional() }),
      response: { 200: z.object({ data: z.array(decision) }), ...errorResponses } },
  }, async (req) => ({ data: await listDecisions(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
    ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }) }));

  app.get('/v1/agent/handovers', {
    schema: { tags, summary: 'The handover queue: open ones by priority then age (or all, newest first), each with its summary and worklist task',
      querystring: z.object({ status: z.enum(['open', 'all']).default('open'), customer_id: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      response: { 200: z.object({ data: z.array(handover) }), ...errorResponses } },
  }, async (req) => ({ data: await listHandovers(deps.db, orgOf(req), { status: req.query.status,
    ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }) }));

  app.post('/v1/agent/replies/:id/correction', {
    schema: { tags, summary: 'Correct the intent understood of a stored reply; kept as training data (the latest correction of a reply wins)',
      params: z.object({ id: z.string() }), body: z.object({ intent: z.enum(INTENTS), note: z.string().max(1000).optional() }),
      response: { 201: correction, ...errorResponses } },
    config: { roles: ['admin', 'manager', 'collector'] },
  }, async (req, reply) => sendResult(reply, await deps.db.transaction((tx) => correctIntent(tx, orgOf(req), actorOf(req), req.params.id,
    { intent: req.body.intent, ...(req.body.note ? { note: req.body.note } : {}) }, deps.now())), 201));

  app.get('/v1/agent/corrections', {
    schema: { tags, summary: 'The corrections, as JSON or (format=jsonl) one {"text", "intent", "language", "understood"} per line to fold into the corpus',
      querystring: z.object({ format: z.enum(['json', 'jsonl']).default('json') }) },
  }, async (req, reply) => {
    const rows = await listCorrections(deps.db, orgOf(req));
    if (req.query.format === 'jsonl') return reply.type('application/x-ndjson; charset=utf-8').send(correctionsJsonl(rows));
    return { data: rows };
  });
};
