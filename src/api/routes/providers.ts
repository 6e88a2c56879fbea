// /v1/providers: admins connect the org's payment gateways and messaging providers; secrets are sealed and never shown back.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deleteCredentials, listCredentials, PROVIDER_NAMES, putCredentials, vaultKey } from '../../vault/index.ts';
import { isAdapterSource, mailboxState, pollMailbox } from '../../worker/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, errorSchema, sendFailure, sendResult } from '../errors.ts';
import { NO_PUBLIC_URL_NOTE, webhookUrlsOf } from '../webhook-urls.ts';

const summarySchema = z.object({
  provider: z.enum(PROVIDER_NAMES as [string, ...string[]]), settings: z.record(z.string(), z.unknown()),
  hints: z.record(z.string(), z.string()).meta({ description: 'the last four characters of each stored secret' }),
  updated_at: z.string(), updated_by: z.string(),
}).meta({ id: 'ProviderCredentials' });

const webhookUrlSchema = z.object({
  url: z.string(), purpose: z.string().meta({ description: 'a stable code of what it is for (twilio.messages, sendgrid.events, ...)' }), for: z.string(),
  set_by: z.enum(['you', 'cobro']).meta({ description: 'you: register it at the provider; cobro: cobro gives it to the provider itself' }),
  methods: z.array(z.enum(['GET', 'POST'])),
}).meta({ id: 'ProviderWebhookUrl' });
const urlsSchema = z.array(webhookUrlSchema).nullable().meta({ description: 'null when COBRO_PUBLIC_URL is not set (see webhook_urls_note)' });
const listSchema = z.object({
  data: z.array(summarySchema.extend({ webhook_urls: urlsSchema })),
  webhook_urls: z.record(z.string(), z.array(webhookUrlSchema)).nullable()
    .meta({ description: 'every provider\'s webhook URLs for this org, connected or not; null when COBRO_PUBLIC_URL is not set' }),
  webhook_urls_note: z.string().optional(),
});

const params = z.object({ provider: z.enum(PROVIDER_NAMES as [string, ...string[]]) });

const mailboxSchema = z.object({
  connected: z.boolean(), mailbox: z.string().nullable(), uid_validity: z.string().nullable(), last_uid: z.number(),
  last_polled_at: z.string().nullable(), last_ok_at: z.string().nullable(), next_poll_at: z.string().nullable(),
  last_error_code: z.string().nullable(), last_error: z.string().nullable(), last_error_at: z.string().nullable(), failures: z.number(),
  stored: z.number().meta({ description: 'messages kept in the inbox so far' }), oversize: z.number().meta({ description: 'messages skipped for their size' }),
  mode: z.enum(['idle', 'poll']).nullable().meta({ description: 'idle: a worker holds the mailbox in IDLE and reads new mail as it comes; poll: read every poll_seconds (no IDLE on the server, idle off, or the last try failed); null: not read yet' }),
  auth: z.enum(['password', 'oauth2']).nullable().meta({ description: 'how the worker logs in: LOGIN with the password, or AUTHENTICATE XOAUTH2 with an OAuth2 access token' }),
}).meta({ id: 'ImapMailbox' });
const pollSchema = z.object({ polled: z.boolean(), read: z.number(), stored: z.number(), duplicates: z.number(), automatic: z.number(), oversize: z.number(),
  unreadable: z.number(), error: z.object({ code: z.string(), message: z.string() }).optional() }).meta({ id: 'ImapPoll' });

export const providerRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['providers'];
  // the dispatcher picks up the change at once in this process (other processes within seconds)
  const changed = (orgId: string) => { const a = deps.messaging?.adapters; if (a && isAdapterSource(a)) a.invalidate(orgId); };
  const config = { roles: ['admin'] as 'admin'[] };
  app.get('/v1/providers', {
    schema: { tags, summary: 'The providers this org has connected, with their settings, secret hints and the webhook URLs to register at each',
      response: { 200: listSchema, ...errorResponses } },
    config,
  }, async (req) => {
    const org = orgOf(req);
    const urls = (provider: string) => webhookUrlsOf(deps.publicUrl, org, provider);
    const data = (await listCredentials(deps.db, org)).map((c) => ({ ...c, webhook_urls: urls(c.provider) }));
    if (!deps.publicUrl) return { data, webhook_urls: null, webhook_urls_note: NO_PUBLIC_URL_NOTE };
    return { data, webhook_urls: Object.fromEntries(PROVIDER_NAMES.map((p) => [p, urls(p) ?? []] as const).filter(([, u]) => u.length > 0)) };
  });

  app.put('/v1/providers/:provider', {
    schema: { tags, summary: 'Connect a provider or replace its credentials (secrets are sealed at rest and never returned)', params,
      description: 'A server the settings name (the webhook channel url, api_base, token_url, host) that is, or resolves now to, a private, loopback, link-local or '
        + 'metadata address is refused (400 naming the field) unless the operator allows it (COBRO_EGRESS_ALLOW). The name is resolved '
        + 'within 5 s: a resolver slower than that gives 503 (UNAVAILABLE) naming the field; try again.',
      body: z.object({ settings: z.record(z.string(), z.unknown()).default({}), secrets: z.record(z.string(), z.unknown()).default({}) }),
      response: { 200: summarySchema, ...errorResponses, 503: errorSchema } },
    config,
  }, async (req, reply) => {
    const key = await vaultKey(deps.db, deps.secretKey);
    const r = await putCredentials(deps.db, key, orgOf(req), actorOf(req), req.params.provider, req.body, deps.now(), deps.egress);
    if (r.ok) changed(orgOf(req));
    return sendResult(reply, r);
  });

  // the IMAP mailbox's poller: where it stands and its last error (kept until a poll succeeds), and a poll now
  app.get('/v1/providers/imap/status', {
    schema: { tags, summary: 'The IMAP mailbox reader: IDLE or polling, the login kind, last read, last UID taken, counts and the last error', response: { 200: mailboxSchema, ...errorResponses } }, config,
  }, async (req) => {
    const imap = (await listCredentials(deps.db, orgOf(req))).find((c) => c.provider === 'imap');
    const connected = imap !== undefined;
    const auth = imap ? (imap.settings['auth'] === 'oauth2' ? 'oauth2' as const : 'password' as const) : null;
    const s = await mailboxState(deps.db, orgOf(req));
    return { connected, mailbox: s?.mailbox ?? null, uid_validity: s?.uid_validity ?? null, last_uid: s?.last_uid ?? 0, last_polled_at: s?.last_polled_at ?? null,
      last_ok_at: s?.last_ok_at ?? null, next_poll_at: s?.next_poll_at ?? null, last_error_code: s?.last_error_code ?? null, last_error: s?.last_error ?? null,
      last_error_at: s?.last_error_at ?? null, failures: s?.failures ?? 0, stored: s?.stored ?? 0, oversize: s?.oversize ?? 0,
      mode: s?.mode ?? null, auth };
  });

  app.post('/v1/providers/imap/poll', {
    schema: { tags, summary: 'Poll the IMAP mailbox now (the worker applies what it kept in its next round)', response: { 200: pollSchema, ...errorResponses } }, config,
  }, async (req, reply) => {
    const r = await pollMailbox({ db: deps.db, ...(deps.secretKey ? { secretKey: deps.secretKey } : {}), ...(deps.egress ? { egress: deps.egress } : {}) },
      orgOf(req), deps.now(), { force: true });
    if (!r) return sendFailure(reply, { code: 'NOT_FOUND', message: 'no imap mailbox is connected: PUT /v1/providers/imap first', field: 'provider' });
    return r;
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
