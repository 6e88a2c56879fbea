// /v1/replies/file-settings: the org's limits on the files debtors send with replies (the largest file kept, the seconds
// one fetch from WhatsApp or Twilio may take). Read by staff, changed by managers (audited).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_REPLY_FILE_SETTINGS, getReplyFileSettings, ReplyFileSettingsPatch, replyFileSettingsJson, setReplyFileSettings } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const values = z.object({ max_file_mb: z.number().int(), fetch_timeout_seconds: z.number().int() });
const view = values.extend({ defaults: values }).meta({ id: 'ReplyFileSettings' });

export const replyFileSettingsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['agent'];
  const shown = (s: Parameters<typeof replyFileSettingsJson>[0]) => ({ ...replyFileSettingsJson(s), defaults: replyFileSettingsJson(DEFAULT_REPLY_FILE_SETTINGS) });
  app.get('/v1/replies/file-settings', { schema: { tags, summary: 'Files sent with replies: the largest kept (MB), the seconds one fetch may take',
    response: { 200: view, ...errorResponses } } }, async (req) => shown(await getReplyFileSettings(deps.db, orgOf(req))));
  app.put('/v1/replies/file-settings', { schema: { tags, summary: 'Change the limits on files sent with replies (those named; audited)', body: ReplyFileSettingsPatch,
    response: { 200: view, ...errorResponses } }, config: { roles: ['admin', 'manager'] as ('admin' | 'manager')[] } },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setReplyFileSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: shown(r.value) } : r);
  });
};
