// Contact law through the API: consents, opt-outs, the contact profile, replies read for STOP, and gate checks.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { getCustomer } from '../../ledger/index.ts';
import { recordAudit } from '../../audit/index.ts';
import {
  applyReplyText, checkContact, contactsPerWeek, decisionsByReason, exportCustomerData, contactProfileSchema, getContactProfile, liftSuppression, listConsents, listDecisions,
  listSuppressions, recordConsent, revokeConsent, setContactProfile, suppress,
} from '../../compliance/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';

const channel = z.enum(['email', 'sms', 'whatsapp', 'voice']);
const ts = z.string();
const consent = z.object({ id: z.string(), customer_id: z.string(), kind: z.string(), channel: channel.nullable(), address: z.string().nullable(),
  source: z.string(), granted_at: ts, revoked_at: ts.nullable() }).meta({ id: 'Consent' });
const suppression = z.object({ id: z.string(), customer_id: z.string(), scope: z.enum(['all', 'channel', 'address']), channel: channel.nullable(),
  address: z.string().nullable(), reason: z.string(), source: z.string(), at: ts, lifted_at: ts.nullable() }).meta({ id: 'Suppression' });
const reason = z.object({ code: z.string(), rule: z.string(), message: z.string() });
const decision = z.object({ kind: z.enum(['allow', 'defer', 'block']), until: ts.optional(), reason: reason.optional(), packs: z.array(z.string()) })
  .meta({ id: 'ContactDecision' });
const decisionRow = z.object({ id: z.string(), customer_id: z.string(), action_id: z.string().nullable(), channel: z.string(),
  address: z.string().nullable(), decision: z.string(), reason_code: z.string().nullable(), rule: z.string().nullable(),
  message: z.string().nullable(), defer_until: ts.nullable(), packs: z.array(z.string()), at: ts }).meta({ id: 'GateDecision' });
const purpose = z.object({
  kind: z.enum(['collection', 'reply', 'confirmation', 'legal_escalation']).default('collection'),
  tags: z.array(z.enum(['legal-threat', 'cease-allowed', 'dispute-allowed', 'promise-reminder', 'validation-notice', 'demand'])).default([]),
  whatsapp_format: z.enum(['template', 'free_form']).optional(),
  ai_agent: z.boolean().optional(),
  discloses_ai: z.boolean().optional(),
}).default({ kind: 'collection', tags: [] });

/** Resolves :id (id or external id) to the customer's id, or replies 404. */
async function customerId(deps: ApiDeps, orgId: string, idOrExternal: string, reply: FastifyReply): Promise<string | null> {
  const c = await getCustomer(deps.db, orgId, idOrExternal);
  if (c.ok) return c.value.id;
  await sendFailure(reply, c.error);
  return null;
}

export const complianceRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['contact law'];
  app.get('/v1/customers/:id/consents', { schema: { tags, summary: 'Consents of a customer', params: idParams,
    response: { 200: z.object({ data: z.array(consent) }), ...errorResponses } } }, async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    return id ? { data: await listConsents(deps.db, orgOf(req), id) } : reply;
  });
  app.post('/v1/customers/:id/consents', { schema: { tags, summary: 'Record a consent with its source', params: idParams,
    body: z.object({ kind: z.enum(['channel', 'automated_calls', 'whatsapp_opt_in', 'employer_email']), channel: channel.nullish(),
      address: z.string().max(320).nullish(), source: z.string().min(1).max(200) }), response: { 201: consent, ...errorResponses } } },
  async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    if (!id) return reply;
    return sendResult(reply, await inTransaction(deps.db, (tx) => recordConsent(tx, orgOf(req), actorOf(req), id, req.body, deps.now())), 201);
  });
  app.post('/v1/consents/:id/revoke', { schema: { tags, summary: 'Revoke a consent', params: idParams, response: { 200: consent, ...errorResponses } } },
    async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => revokeConsent(tx, orgOf(req), actorOf(req), req.params.id, deps.now()))));

  app.get('/v1/customers/:id/suppressions', { schema: { tags, summary: 'Opt-outs of a customer', params: idParams,
    response: { 200: z.object({ data: z.array(suppression) }), ...errorResponses } } }, async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    return id ? { data: await listSuppressions(deps.db, orgOf(req), id) } : reply;
  });
  app.post('/v1/customers/:id/opt-out', { schema: { tags, summary: 'Stop contact: everywhere, on one channel, or at one address',
    params: idParams, body: z.object({ scope: z.enum(['all', 'channel', 'address']), channel: channel.nullish(), address: z.string().max(320).nullish(),
      reason: z.string().min(1).max(500).default('asked through the API') }), response: { 201: suppression, ...errorResponses } } },
  async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    if (!id) return reply;
    return sendResult(reply, await inTransaction(deps.db, (tx) => suppress(tx, orgOf(req), actorOf(req), id, { ...req.body, source: 'api' }, deps.now())), 201);
  });
  app.post('/v1/suppressions/:id/lift', { schema: { tags, summary: 'Lift an opt-out (the debtor opted back in)', params: idParams,
    response: { 200: suppression, ...errorResponses } } },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => liftSuppression(tx, orgOf(req), actorOf(req), req.params.id, deps.now()))));

  app.post('/v1/customers/:id/replies', { schema: { tags, summary: 'Read a reply the debtor sent on your own channel for STOP, START and "no más"',
    params: idParams, body: z.object({ text: z.string().min(1).max(5000), channel, address: z.string().max(320).optional() }),
    response: { 200: z.object({ detection: z.string(), suppressed: z.array(suppression), lifted: z.array(z.string()) }), ...errorResponses } } },
  async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    if (!id) return reply;
    const { text, ...received } = req.body;
    const effect = await deps.db.transaction((tx) => applyReplyText(tx, orgOf(req), actorOf(req), id, text, received, deps.now()));
    return { detection: effect.detection.kind, suppressed: effect.suppressed, lifted: effect.lifted };
  });

  app.get('/v1/customers/:id/contact-profile', { schema: { tags, summary: 'Consumer or business debt, cease request, lawful basis, inconvenient times',
    params: idParams, response: { 200: z.object({}).loose(), ...errorResponses } } },
  async (req, reply) => sendResult(reply, await getContactProfile(deps.db, orgOf(req), req.params.id)));
  app.put('/v1/customers/:id/contact-profile', { schema: { tags, summary: 'Change the contact profile', params: idParams, body: contactProfileSchema,
    response: { 200: z.object({}).loose(), ...errorResponses } } }, async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    if (!id) return reply;
    return sendResult(reply, await inTransaction(deps.db, (tx) => setContactProfile(tx, orgOf(req), actorOf(req), id, req.body, deps.now())));
  });

  app.post('/v1/contact-checks', { schema: { tags, summary: 'Ask the gate whether a customer may be contacted now on a channel (recorded)',
    body: z.object({ customer_id: z.string(), channel, address: z.string().optional(), purpose }), response: { 200: decision, ...errorResponses } } },
  async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.body.customer_id);
    if (!c.ok) return sendFailure(reply, c.error);
    const p = req.body.purpose;
    const r = await checkContact(deps.db, orgOf(req), { customerId: c.value.id, channel: req.body.channel, ...(req.body.address ? { address: req.body.address } : {}),
      purpose: { kind: p.kind, tags: p.tags, ...(p.whatsapp_format ? { whatsappFormat: p.whatsapp_format } : {}),
        ...(p.ai_agent !== undefined ? { aiAgent: p.ai_agent } : {}), ...(p.discloses_ai !== undefined ? { disclosesAi: p.discloses_ai } : {}) } }, deps.now());
    if (!r.ok) return sendFailure(reply, r.error);
    const d = r.value;
    return { kind: d.kind, packs: [...d.packs], ...(d.kind === 'defer' ? { until: d.until.toISOString() } : {}), ...(d.kind !== 'allow' ? { reason: d.reason } : {}) };
  });
  app.get('/v1/customers/:id/contact-decisions', { schema: { tags, summary: 'The gate\'s decisions for a customer, newest first', params: idParams,
    response: { 200: z.object({ data: z.array(decisionRow) }), ...errorResponses } } }, async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    return id ? { data: await listDecisions(deps.db, orgOf(req), id) } : reply;
  });

  const period = z.object({ from: z.iso.date(), to: z.iso.date() });
  app.get('/v1/compliance/report', { schema: { tags, summary: 'Contacts per debtor, channel and week, and the gate\'s decisions by reason, over a period',
    querystring: period, response: { 200: z.object({
      contacts: z.array(z.object({ customer_id: z.string(), channel: z.string(), week: z.string(), outbound: z.number(), inbound: z.number() })),
      decisions: z.array(z.object({ decision: z.string(), reason_code: z.string().nullable(), rule: z.string().nullable(), channel: z.string(), count: z.number() })),
    }), ...errorResponses } },
  config: { roles: ['admin', 'manager'] } }, async (req) => {
    const from = new Date(`${req.query.from}T00:00:00Z`);
    const to = new Date(new Date(`${req.query.to}T00:00:00Z`).getTime() + 86_400_000);
    return { contacts: await contactsPerWeek(deps.db, orgOf(req), from, to), decisions: await decisionsByReason(deps.db, orgOf(req), from, to) };
  });
  app.get('/v1/customers/:id/export', { schema: { tags, summary: 'Everything held about a customer, as JSON (access and portability requests)', params: idParams,
    response: { 200: z.object({}).loose(), ...errorResponses } }, config: { roles: ['admin'] } }, async (req, reply) => {
    const id = await customerId(deps, orgOf(req), req.params.id, reply);
    if (!id) return reply;
    const now = deps.now();
    const data = await exportCustomerData(deps.db, orgOf(req), id, now);
    if (!data) return sendFailure(reply, { code: 'NOT_FOUND', message: `no customer ${id}`, field: 'id' });
    await recordAudit(deps.db, { orgId: orgOf(req), actor: actorOf(req), action: 'customer.data_exported', entity: 'customer', entityId: id }, now);
    return data;
  });
};
