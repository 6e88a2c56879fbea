// /v1/org/logo: the org's logo on the debtor's statement (PDF and HTML heading): set (admins; PNG or JPEG, checked by
// its bytes, at most 512 KB), read (its details, or the image itself for a preview) and removed.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ok } from '../../domain/result.ts';
import { getOrgLogo, getOrgLogoInfo, LOGO_MAX_BYTES, removeOrgLogo, setOrgLogo } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const logoSchema = z.object({ content_type: z.enum(['image/png', 'image/jpeg']), width: z.number().int(), height: z.number().int(),
  size: z.number().int(), sha256: z.string(), updated_at: z.string() }).meta({ id: 'OrgLogo' });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const orgLogoRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['settings'];
  app.get('/v1/org/logo', { schema: { tags, summary: 'The org\'s logo: its type, pixel size and bytes; 404 when it has none',
    response: { 200: logoSchema, ...errorResponses } } }, async (req, reply) => {
    const logo = await getOrgLogoInfo(deps.db, orgOf(req));
    return logo ? logo : sendFailure(reply, { code: 'NOT_FOUND', message: 'the org has no logo', field: 'logo' });
  });
  app.get('/v1/org/logo/image', { schema: { tags, summary: 'The org\'s logo image itself (PNG or JPEG), for a preview' } }, async (req, reply) => {
    const logo = await getOrgLogo(deps.db, orgOf(req));
    if (!logo) return sendFailure(reply, { code: 'NOT_FOUND', message: 'the org has no logo', field: 'logo' });
    return reply.type(logo.content_type).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(logo.data);
  });
  app.put('/v1/org/logo', {
    // base64 makes 512 KB about 683 KB of text
    bodyLimit: 1024 * 1024,
    schema: { tags, summary: 'Set the logo the debtor\'s statement shows in its heading (replacing any before)',
      description: `A PNG or JPEG of at most ${LOGO_MAX_BYTES / 1024} KB and 4096 pixels a side, base64 in \`logo\`; its type is told by its bytes, and a file cut short or corrupt is refused.`,
      body: z.object({ logo: z.string().min(1) }), response: { 200: logoSchema, ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req, reply) => {
    const text = req.body.logo.replace(/\s+/g, '');
    if (!BASE64.test(text)) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'logo is not base64', field: 'logo' });
    return sendResult(reply, await inTransaction(deps.db, (tx) => setOrgLogo(tx, orgOf(req), actorOf(req), Buffer.from(text, 'base64'), deps.now())));
  });
  app.delete('/v1/org/logo', { schema: { tags, summary: 'Remove the org\'s logo: statements go back to the name alone',
    response: { 200: z.object({ removed: z.boolean() }), ...errorResponses } }, config: { roles: ['admin'] } },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, async (tx) => ok({ removed: await removeOrgLogo(tx, orgOf(req), actorOf(req), deps.now()) }))));
};
