// /v1/sms/settings: whether the org's SMS go folded into GSM-7 when that saves segments (`sms_fold`: auto, the default,
// or never). Read by every role, changed by admins and managers (audited).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SMS_FOLDS } from '../../messaging/index.ts';
import { DEFAULT_SMS_SETTINGS, getSmsSettings, setSmsSettings, SmsSettingsPatch, smsSettingsJson, type SmsSettings } from '../../org-templates/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const values = z.object({ sms_fold: z.enum(SMS_FOLDS) });
const view = values.extend({ defaults: values }).meta({ id: 'SmsSettings' });

export const smsSettingsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['templates'];
  const shown = (s: SmsSettings) => ({ ...smsSettingsJson(s), defaults: smsSettingsJson(DEFAULT_SMS_SETTINGS) });
  app.get('/v1/sms/settings', { schema: { tags, summary: 'Whether SMS go folded into GSM-7 (accents left out) when that takes fewer segments',
    response: { 200: view, ...errorResponses } } }, async (req) => shown(await getSmsSettings(deps.db, orgOf(req))));
  app.put('/v1/sms/settings', { schema: { tags, summary: 'Change the SMS setting sms_fold: auto or never (audited)', body: SmsSettingsPatch,
    response: { 200: view, ...errorResponses } }, config: { roles: ['admin', 'manager'] as ('admin' | 'manager')[] } },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setSmsSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: shown(r.value) } : r);
  });
};
