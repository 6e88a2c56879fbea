// Messaging webhooks (public, signed by the provider) per org: Twilio's status callbacks, incoming messages and call keypresses,
// Meta's WhatsApp handshake and events, Mailgun's events and inbound mail, SendGrid's events and Inbound Parse mail, and the
// generic signed email webhook. Bodies are read as raw bytes in their own plugin scope, so each signature is checked
// before anything is parsed.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { INBOUND_ROUTES, metaHandshake, receiveMessagingWebhook, type InboundKind, type InboundProvider, type ReceiveAnswer } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]));
}

const orgParam = z.string().min(1).max(100);

/**
 * Mail forwarded by a Mailgun route or posted by SendGrid's Inbound Parse carries its files in the body
 * (multipart/form-data); Mailgun takes messages up to 25 MB and Inbound Parse up to 30 MB, so those two routes read up to
 * 32 MB (the files, the text and HTML bodies and the headers beside them); every other webhook 5 MB. Anyone may post, so
 * the body is bounded before the signature (inside it for Mailgun) can be checked.
 */
export const MAIL_WEBHOOK_BODY_LIMIT = 32 * 1024 * 1024;

export const messagingWebhookRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  // read at each request: the public URL may be known only once the server listens
  const receive = (provider: InboundProvider, kind: InboundKind, orgId: string, req: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: unknown }) =>
    receiveMessagingWebhook({ db: deps.db, now: deps.now, publicUrl: deps.messaging?.publicUrl ?? 'http://localhost',
      ...(deps.secretKey ? { secretKey: deps.secretKey } : {}) }, provider, kind, orgId, {
      method: req.method, path: req.url, headers: flatten(req.headers), body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    });
  const config = { public: true };
  const tags = ['webhooks'];

  await app.register(async (scope) => {
    const raw = scope.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    const send = (reply: FastifyReply, a: ReceiveAnswer, twilio = false) =>
      a.status === 200 && twilio ? reply.code(200).type('text/xml; charset=utf-8').send(a.twiml ?? EMPTY_TWIML) : reply.code(a.status).send(a.body);

    raw.post('/webhooks/twilio/:org_id/:kind', {
      schema: { tags, summary: 'Twilio: message status callbacks and incoming SMS/WhatsApp (messages), call status (voice), the call menu\'s keypress or speech (gather), a call the debtor makes to the org\'s number (incoming: the number\'s "A call comes in")',
        params: z.object({ org_id: orgParam, kind: z.enum(INBOUND_ROUTES.twilio) }) }, config,
    }, async (req, reply) => send(reply, await receive('twilio', req.params.kind, req.params.org_id, req), true));

    raw.post('/webhooks/meta/:org_id/whatsapp', {
      schema: { tags, summary: 'Meta WhatsApp Cloud API: message statuses and incoming messages, signed with X-Hub-Signature-256', params: z.object({ org_id: orgParam }) },
      config,
    }, async (req, reply) => send(reply, await receive('meta', 'whatsapp', req.params.org_id, req)));

    raw.post('/webhooks/mailgun/:org_id/events', {
      schema: { tags, summary: 'Mailgun: delivery, open, bounce, complaint and unsubscribe events', params: z.object({ org_id: orgParam }) }, config,
    }, async (req, reply) => send(reply, await receive('mailgun', 'events', req.params.org_id, req)));

    raw.post('/webhooks/sendgrid/:org_id/events', {
      schema: { tags, summary: 'SendGrid: the signed event webhook (delivered, open, bounce, dropped, spam report, unsubscribe), verified with the org\'s verification key',
        params: z.object({ org_id: orgParam }) }, config,
    }, async (req, reply) => send(reply, await receive('sendgrid', 'events', req.params.org_id, req)));

    raw.post('/webhooks/email/:org_id', {
      schema: { tags, summary: 'Email events from your own mail system (delivered, bounced, reply) in cobro\'s shape, signed with cobro-signature',
        params: z.object({ org_id: orgParam }) }, config,
    }, async (req, reply) => send(reply, await receive('email', 'events', req.params.org_id, req)));
  });

  await app.register(async (scope) => {
    const raw = scope.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAIL_WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    raw.post('/webhooks/mailgun/:org_id/inbound', {
      schema: { tags, summary: 'Mailgun: mail forwarded by a route (forward()), with its files (multipart/form-data, up to 32 MB)', params: z.object({ org_id: orgParam }) }, config,
    }, async (req, reply) => {
      const a = await receive('mailgun', 'inbound', req.params.org_id, req);
      return reply.code(a.status).send(a.body);
    });
    raw.post('/webhooks/sendgrid/:org_id/inbound', {
      schema: { tags, summary: 'SendGrid Inbound Parse: mail received, with its files (multipart/form-data, up to 32 MB), signed by the Parse webhook\'s security policy',
        params: z.object({ org_id: orgParam }) }, config,
    }, async (req, reply) => {
      const a = await receive('sendgrid', 'inbound', req.params.org_id, req);
      return reply.code(a.status).send(a.body);
    });
  });

  app.get('/webhooks/meta/:org_id/whatsapp', {
    schema: { tags, summary: 'Meta\'s subscription handshake: echoes hub.challenge when hub.verify_token is the org\'s verify_token',
      params: z.object({ org_id: orgParam }), querystring: z.record(z.string(), z.string()) }, config,
  }, async (req, reply) => {
    const answer = await metaHandshake({ db: deps.db, ...(deps.secretKey ? { secretKey: deps.secretKey } : {}) }, req.params.org_id, req.query);
    return answer.status === 200 ? reply.code(200).type('text/plain').send(answer.body) : reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'verify token mismatch' } });
  });
};
