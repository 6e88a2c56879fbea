// /v1/providers: admins connect the org's payment gateways and messaging providers; secrets are sealed and never shown back.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deleteCredentials, listCredentials, PROVIDER_NAMES, putCredentials, vaultKey } from '../../vault/index.ts';
import { isAdapterSource } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';

const summarySchema = z.object({
  provider: z.enum(PROVIDER_NAMES as [string, ...string[]]), settings: z.record(z.string(), z.unknown()),
  hints: z.record(z.string(), z.string()).meta({ description: 'the last four characters of each stored secret' }),
  updated_at: z.string(), updated_by: z.string(),
}).meta({ id: 'ProviderCredentials' });

const params = z.object({ provider: z.enum(PROVIDER_NAMES as [string, ...string[]]) });

export const providerRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['providers'];
  // the dispatcher picks up the change at once in this process (other processes within seconds)
  const changed = (orgId: string) => { const a = deps.messaging?.adapters; if (a && isAdapterSource(a)) a.invalidate(orgId); };
  const config = { roles: ['admin'] as 'admin'[] };
  app.get('/v1/providers', {
    schema: { tags, summary: 'The providers this org has connected, with their settings and secret hints', response: { 200: z.object({ data: z.array(summarySchema) }), ...errorResponses } },
    config,
  }, async (req) => ({ data: await listCredentials(deps.db, orgOf(req)) }));

  app.put('/v1/providers/:provider', {
    schema: { tags, summary: 'Connect a provider or replace its credentials (secrets are sealed at rest and never returned)', params,
      body: z.object({ settings: z.record(z.string(), z.unknown()).default({}), secrets: z.record(z.string(), z.unknown()).default({}) }),
      response: { 200: summarySchema, ...errorResponses } },
    config,
  }, async (req, reply) => {
    const key = await vaultKey(deps.db, deps.secretKey);
    const r = await putCredentials(deps.db, key, orgOf(req), actorOf(req), req.params.provider, req.body, deps.now());
    if (r.ok) changed(orgOf(req));
    return sendResult(reply, r);
  });

  app.delete('/v1/providers/:provider', {
    schema: { tags, summary: 'Disconnect a provider (its credentials are deleted)', params, response: { 204: z.null(), ...errorResponses } }, config,
  }, async (req, reply) => {
    if (!(await deleteCredentials(deps.db, orgOf(req), actorOf(req), req.params.provider))) {
      return sendFailure(reply, { code: 'NOT_FOUND', message: `no ${req.params.provider} credentials are stored`, field: 'provider' });
    }
    changed(orgOf(req));
    return reply.code(204).send(null);
  });
};
