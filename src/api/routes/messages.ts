// /v1/messages (what was sent, deferred or blocked, rendered), /v1/dispatch (one pass now), and the one-click unsubscribe.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomer } from '../../ledger/index.ts';
import { keptInlineImage, LOGO_CID } from '../../messaging/index.ts';
import { getOrgLogo } from '../../orgs/index.ts';
import { applyRevocation, toGateChannel, type LedgerChannel } from '../../compliance/index.ts';
import { dispatchOnce, getMessage, listMessages, readUnsubscribeToken, sandboxAdapters } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { withOrg } from '../../db/index.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { orgTemplateVersion } from './templates.ts';

const message = z.object({
  id: z.string(), action_id: z.string(), case_id: z.string().nullable(), customer_id: z.string(), channel: z.string(), provider: z.string().nullable(),
  address: z.string().nullable(), template: z.string().nullable(), tone: z.string().nullable(), status: z.string(), attempts: z.number(),
  next_attempt_at: z.string(), reason: z.string().nullable(), provider_message_id: z.string().nullable(), content: z.record(z.string(), z.unknown()),
  created_at: z.string(), sent_at: z.string().nullable(),
  cost_micros: z.number().nullable().meta({ description: 'the provider cost in millionths of the currency\'s major unit (SMS per segment)' }),
  cost_currency: z.string().nullable(), fallback_of: z.string().nullable(), delivery_at: z.string().nullable(),
  template_language: z.string().nullable().meta({ description: 'the language of the text sent (en, es, pt-BR); null until sent' }),
  org_template_tone: z.string().nullable().meta({ description: 'when the org\'s own text was sent: the tone its text is saved for (the message\'s own, or any); null: cobro\'s shipped text' }),
  org_template_version: z.number().nullable().meta({ description: 'when the org\'s own text was sent: that text\'s version at the time (GET /v1/templates/custom); null: cobro\'s shipped text' }),
  org_template_version_id: z.string().nullable().meta({ description: 'the kept wording of that version (GET /v1/templates/custom/{template}/{channel}/{tone}/{language}/versions); null: cobro\'s shipped text, or a message sent before the wordings were kept with a version no longer the text\'s own' }),
}).meta({ id: 'Message' });
const messageDetail = message.extend({
  org_template_text: orgTemplateVersion.nullable().meta({ description: 'the org\'s wording the message was built from, as saved (null as org_template_version_id)' }),
}).meta({ id: 'MessageDetail' });
const report = z.object({ enqueued: z.number(), sent: z.number(), deferred: z.number(), blocked: z.number(), failed: z.number(),
  cancelled: z.number(), retried: z.number() });

export const messageRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['messages'];
  const messaging = deps.messaging ?? { adapters: sandboxAdapters(), publicUrl: 'https://localhost' };
  app.get('/v1/messages', {
    schema: { tags, summary: 'Messages, newest first, with their state, the gate\'s reason and the rendered content',
      querystring: z.object({ customer_id: z.string().optional(), channel: z.enum(['email', 'sms', 'whatsapp', 'voice']).optional(),
        status: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.object({ data: z.array(message) }), ...errorResponses } },
  }, async (req, reply) => {
    let customerId: string | undefined;
    if (req.query.customer_id) {
      const c = await getCustomer(deps.db, orgOf(req), req.query.customer_id);
      if (!c.ok) return sendFailure(reply, c.error);
      customerId = c.value.id;
    }
    return { data: await listMessages(deps.db, orgOf(req), { ...req.query, ...(customerId ? { customerId } : {}) }) };
  });

  app.get('/v1/messages/:id', { schema: { tags, summary: 'One message, with the org\'s wording it was built from', params: idParams, response: { 200: messageDetail, ...errorResponses } } },
    async (req, reply) => (await getMessage(deps.db, orgOf(req), req.params.id)) ?? sendFailure(reply, { code: 'NOT_FOUND', message: `no message ${req.params.id}`, field: 'id' }));

  /** The org's logo an email carried, while the org's logo is still that one (the outbox keeps its hash, not its bytes). */
  const keptLogo = async (orgId: string, content: Record<string, unknown>): Promise<{ data: Buffer; type: string; filename: string } | null> => {
    const images = Array.isArray(content['images']) ? content['images'] as { cid?: unknown; sha256?: unknown }[] : [];
    const sent = images.find((i) => i && typeof i === 'object' && i.cid === LOGO_CID);
    const logo = sent && typeof sent.sha256 === 'string' ? await getOrgLogo(deps.db, orgId) : null;
    if (!logo || createHash('sha256').update(logo.data).digest('hex') !== sent?.sha256) return null;
    return { data: logo.data, type: logo.content_type, filename: logo.content_type === 'image/png' ? 'logo.png' : 'logo.jpg' };
  };

  // an email's inline image as its HTML names it by Content-ID, for the message view: the payment QR code, a PNG drawn
  // again from what the outbox kept, or the org's logo while it is the one sent; never anything else (no HTML, no other
  // type), to someone who may read the message
  const imageParams = z.object({ id: z.string().max(100), content_id: z.string().max(200) });
  app.get('/v1/messages/:id/images/:content_id', {
    schema: { tags, summary: 'An inline image of a sent email by its Content-ID (the payment QR code as image/png, the org\'s logo as PNG or JPEG while unchanged)',
      params: imageParams },
  }, async (req, reply) => {
    const m = await getMessage(deps.db, orgOf(req), req.params.id);
    const qr = m?.channel === 'email' ? keptInlineImage(m.content, req.params.content_id) : null;
    const image = qr ? { data: qr.png, type: 'image/png', filename: qr.filename }
      : m?.channel === 'email' && req.params.content_id === LOGO_CID ? await keptLogo(orgOf(req), m.content) : null;
    if (!image) return sendFailure(reply, { code: 'NOT_FOUND', message: `no inline image ${req.params.content_id} in message ${req.params.id}`, field: 'content_id' });
    return reply.type(image.type).header('content-disposition', `inline; filename="${image.filename}"`).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'").header('cache-control', 'private, max-age=86400').send(image.data);
  });

  app.post('/v1/dispatch', {
    schema: { tags, summary: 'Send what is due now, through the compliance gate (the worker does this on its own every minute)',
      response: { 200: report, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async () => dispatchOnce({ db: deps.db, now: deps.now, ...messaging, ...(deps.secretKey ? { secretKey: deps.secretKey } : {}),
    ...(deps.egress ? { egress: deps.egress } : {}) }));

  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the link; people who open it get a page with a button
  const unsubscribe = async (token: string) => {
    const claim = await readUnsubscribeToken(deps.db, token);
    if (!claim || !['email', 'sms', 'whatsapp', 'voice'].includes(claim.channel)) return false;
    // the person's revocation: this address and every other they have on the channel, with the consents for it
    // the token is signed, so the org it names is the one the link was made for
    const r = await withOrg(claim.orgId, () => deps.db.transaction((tx) => applyRevocation(tx, claim.orgId, 'debtor:unsubscribe-link', claim.customerId,
      { kind: 'address', channel: toGateChannel(claim.channel as LedgerChannel), address: claim.address }, { reason: 'one-click unsubscribe', source: 'unsubscribe' }, deps.now())));
    return r.suppression !== null;
  };
  const tokenParams = z.object({ token: z.string().max(2000) });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body));
  app.post('/u/:token', { schema: { hide: true, params: tokenParams }, config: { public: true } }, async (req, reply) => {
    const ok = await unsubscribe(req.params.token);
    return reply.code(ok ? 200 : 404).type('text/plain; charset=utf-8').send(ok ? 'Unsubscribed.' : 'This link is not valid.');
  });
  app.get('/u/:token', { schema: { hide: true, params: tokenParams }, config: { public: true } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><meta name="viewport" content="width=device-width">
<title>Unsubscribe</title><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>Stop these messages?</h1><p>We will not write to this address again about this account.</p>
<form method="post"><button type="submit" style="font-size:1.1rem;padding:.6rem 1.2rem">Unsubscribe</button></form></body></html>`));
};
