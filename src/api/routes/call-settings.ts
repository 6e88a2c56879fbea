// /v1/calls/settings: the org's call settings: wrong one-time codes allowed, the code's minutes, how long the person's phone
// rings on a put-through and how long they have to press 1, answering machine detection on that leg, and the speech
// confidence under which words said on a call are not acted on. Read by staff, changed by managers (audited).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallSettingsPatch, callSettingsJson, DEFAULT_CALL_SETTINGS, getCallSettings, setCallSettings } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const values = z.object({ code_attempts: z.number().int(), code_minutes: z.number().int(), ring_seconds: z.number().int(), screen_seconds: z.number().int(),
  speech_threshold: z.number(), machine_detection: z.boolean() });
const view = values.extend({ defaults: values }).meta({ id: 'CallSettings' });

export const callSettingsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['calls'];
  const shown = (s: Parameters<typeof callSettingsJson>[0]) => ({ ...callSettingsJson(s), defaults: callSettingsJson(DEFAULT_CALL_SETTINGS) });
  app.get('/v1/calls/settings', { schema: { tags, summary: 'Call settings: one-time codes, a put-through\'s ringing and press-1 seconds, machine detection, speech confidence',
    response: { 200: view, ...errorResponses } } }, async (req) => shown(await getCallSettings(deps.db, orgOf(req))));
  app.put('/v1/calls/settings', { schema: { tags, summary: 'Change the call settings (those named; audited)', body: CallSettingsPatch,
    response: { 200: view, ...errorResponses } }, config: { roles: ['admin', 'manager'] as ('admin' | 'manager')[] } },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setCallSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: shown(r.value) } : r);
  });
};
