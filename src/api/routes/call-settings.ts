// /v1/calls/settings: the org's settings for calls the debtor makes to its number: wrong one-time codes allowed, the
// code's minutes, and how long the person's phone rings on a put-through. Read by staff, changed by managers (audited).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallSettingsPatch, callSettingsJson, DEFAULT_CALL_SETTINGS, getCallSettings, setCallSettings } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const values = z.object({ code_attempts: z.number().int(), code_minutes: z.number().int(), ring_seconds: z.number().int() });
const view = values.extend({ defaults: values }).meta({ id: 'CallSettings' });

export const callSettingsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['calls'];
  const shown = (s: Parameters<typeof callSettingsJson>[0]) => ({ ...callSettingsJson(s), defaults: callSettingsJson(DEFAULT_CALL_SETTINGS) });
  app.get('/v1/calls/settings', { schema: { tags, summary: 'Calls the debtor makes: wrong one-time codes allowed, the code\'s minutes, seconds a put-through rings',
    response: { 200: view, ...errorResponses } } }, async (req) => shown(await getCallSettings(deps.db, orgOf(req))));
  app.put('/v1/calls/settings', { schema: { tags, summary: 'Change the settings of calls the debtor makes (those named; audited)', body: CallSettingsPatch,
    response: { 200: view, ...errorResponses } }, config: { roles: ['admin', 'manager'] as ('admin' | 'manager')[] } },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setCallSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: shown(r.value) } : r);
  });
};
