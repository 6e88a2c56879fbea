// /v1/providers/{provider}/webhook-secrets: admins rotate the secret a provider signs its webhooks with (WH-5): the new
// one is put in force while the replaced one stays accepted until retired or expired; secrets are never shown back.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addWebhookSecret, COUNTED_PROVIDERS, listWebhookSecrets, MAX_KEEP_HOURS, retireWebhookSecret, ROTATING_PROVIDERS, vaultKey, DEFAULT_KEEP_HOURS,
} from '../../vault/index.ts';
import { isAdapterSource } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const at = z.string().nullable();
const secretView = z.object({
  id: z.string().nullable().meta({ description: 'whs_…; null for a secret the credentials alone hold' }),
  role: z.enum(['current', 'previous']).meta({ description: 'current: in force; previous: one it replaced, accepted while active' }),
  field: z.string().nullable().meta({ description: 'the credentials field holding it (null for a kept replaced secret)' }),
  hint: z.string().meta({ description: 'its last four characters (a public key\'s before its base64 padding)' }),
  state: z.enum(['active', 'expired', 'retired']),
  added_at: at, added_by: z.string().nullable(), expires_at: at, retired_at: at, retired_by: z.string().nullable(),
  last_verified_at: at.meta({ description: 'the last delivery it verified' }), verified_count: z.number().int(),
}).meta({ id: 'WebhookSecret' });
const listSchema = z.object({ provider: z.enum(COUNTED_PROVIDERS as [string, ...string[]]), field: z.string(), secrets: z.array(secretView) })
  .meta({ id: 'WebhookSecrets' });

const params = z.object({ provider: z.enum(ROTATING_PROVIDERS as [string, ...string[]]) });
// SendGrid's verification keys are public keys in its settings: listed with their counts, rotated through PUT /v1/providers/sendgrid
const listParams = z.object({ provider: z.enum(COUNTED_PROVIDERS as [string, ...string[]]) });

export const webhookSecretRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['providers'];
  const config = { roles: ['admin'] as 'admin'[] };
  // the dispatcher reads the credentials again (Twilio's auth token is also its API password)
  const changed = (orgId: string) => { const a = deps.messaging?.adapters; if (a && isAdapterSource(a)) a.invalidate(orgId); };

  app.get('/v1/providers/:provider/webhook-secrets', {
    schema: { tags, summary: 'The secrets a provider\'s webhooks are accepted with: the one in force and any it replaced, with the deliveries each verified',
      description: 'For sendgrid: the verification keys of its settings (webhook_public_key, previous_webhook_public_key), each with the deliveries it verified.',
      params: listParams,
      response: { 200: listSchema, ...errorResponses } },
    config,
  }, async (req, reply) => sendResult(reply, await listWebhookSecrets(deps.db, orgOf(req), req.params.provider, deps.now())));

  app.post('/v1/providers/:provider/webhook-secrets', {
    schema: { tags, summary: 'Put a new webhook signing secret in force; the one it replaces stays accepted until retired or for keep_hours', params,
      description: `At most two secrets are accepted: refused (409) while a replaced one is still active. keep_hours defaults to ${DEFAULT_KEEP_HOURS}.`,
      body: z.object({ secret: z.string().min(1).max(500), keep_hours: z.number().int().min(1).max(MAX_KEEP_HOURS).optional() }).strict(),
      response: { 201: listSchema, ...errorResponses } },
    config,
  }, async (req, reply) => {
    const key = await vaultKey(deps.db, deps.secretKey);
    const r = await addWebhookSecret(deps.db, key, orgOf(req), actorOf(req), req.params.provider,
      { secret: req.body.secret, ...(req.body.keep_hours !== undefined ? { keepHours: req.body.keep_hours } : {}) }, deps.now());
    if (r.ok) changed(orgOf(req));
    return sendResult(reply, r, 201);
  });

  app.post('/v1/providers/:provider/webhook-secrets/retire', {
    schema: { tags, summary: 'Stop accepting a replaced webhook secret (the one named by id, or every replaced one); it is erased', params,
      body: z.object({ id: z.string().regex(/^whs_[0-9a-z]+$/, 'a webhook secret id (whs_…)').optional() }).strict().nullish(),
      response: { 200: listSchema, ...errorResponses } },
    config,
  }, async (req, reply) => sendResult(reply, await retireWebhookSecret(deps.db, orgOf(req), actorOf(req), req.params.provider, req.body?.id, deps.now())));
};
