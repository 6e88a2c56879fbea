// /v1/webhook-endpoints (admins subscribe URLs to events; the signing secret is shown once) and /v1/events (the events
// written with each fact, their deliveries with every attempt, and replays).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createEndpoint, deleteEndpoint, EVENT_RETENTION_DAYS, EVENT_TYPES, eventDeliveries, eventRetention, getEndpoint, getEvent, listEndpoints,
  listEvents, replayEvent, updateEndpoint } from '../../events/index.ts';
import { vaultKey } from '../../vault/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, errorSchema, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';

const ts = z.string().meta({ format: 'date-time' });
const types = z.array(z.enum(['*', ...EVENT_TYPES])).min(1).max(EVENT_TYPES.length + 1)
  .meta({ description: `event types to receive, or ["*"] for all: ${EVENT_TYPES.join(', ')}` });
const endpointSchema = z.object({
  id: z.string(), url: z.string(), description: z.string().nullable(), event_types: z.array(z.string()), enabled: z.boolean(),
  secret_hint: z.string().meta({ description: 'the last four characters of the signing secret' }), created_by: z.string(), created_at: ts, updated_at: ts,
}).meta({ id: 'WebhookEndpoint' });
const createdSchema = endpointSchema.extend({ secret: z.string().meta({ description: 'the signing secret (whsec_...), shown this once' }) })
  .meta({ id: 'WebhookEndpointCreated' });
const eventSchema = z.object({ id: z.string(), type: z.string(), subject: z.string().nullable(), customer_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()), created_at: ts }).meta({ id: 'Event' });
const attemptSchema = z.object({ attempt: z.number(), url: z.string(), at: z.string(), status: z.enum(['succeeded', 'failed']),
  response_code: z.number().nullable(), duration_ms: z.number(), error: z.string().nullable() });
const deliverySchema = z.object({
  id: z.string(), event_id: z.string(), endpoint_id: z.string(), replay: z.boolean(), status: z.enum(['pending', 'succeeded', 'failed', 'cancelled']),
  attempts: z.number(), next_attempt_at: ts, last_response_code: z.number().nullable(), last_error: z.string().nullable(), created_at: ts,
  updated_at: ts, attempt_log: z.array(attemptSchema),
}).meta({ id: 'WebhookDelivery' });
const URL_CHECK = 'A URL on, or whose host name resolves now to, a private, loopback, link-local or metadata address is refused (400 naming url) '
  + 'unless the operator allows it (COBRO_EGRESS_ALLOW); the name is checked again on every delivery. It is resolved within 5 s: a resolver '
  + 'slower than that gives 503 (UNAVAILABLE) naming url, and nothing is stored; try again.';
const endpointBody = z.object({ url: z.string().url().max(2000), event_types: types, description: z.string().max(500).nullish(), enabled: z.boolean().optional() });

export const webhookRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const admin = { roles: ['admin'] as 'admin'[] };
  const tags = ['webhooks'];
  app.post('/v1/webhook-endpoints', {
    schema: { tags, summary: 'Subscribe a URL to events; the response holds the signing secret, shown this once', description: URL_CHECK, body: endpointBody,
      response: { 201: createdSchema, ...errorResponses, 503: errorSchema } }, config: admin,
  }, async (req, reply) => {
    const key = await vaultKey(deps.db, deps.secretKey);
    const b = req.body;
    // given the database, not a transaction: the URL's name is resolved before the endpoint is written in one
    return sendResult(reply, await createEndpoint(deps.db, key, orgOf(req), actorOf(req), {
      url: b.url, event_types: b.event_types, ...(b.description !== undefined ? { description: b.description } : {}), ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
    }, deps.now(), deps.egress), 201);
  });

  app.get('/v1/webhook-endpoints', {
    schema: { tags, summary: 'The org\'s webhook endpoints', response: { 200: z.object({ data: z.array(endpointSchema) }), ...errorResponses } }, config: admin,
  }, async (req) => ({ data: await listEndpoints(deps.db, orgOf(req)) }));

  app.get('/v1/webhook-endpoints/:id', {
    schema: { tags, summary: 'One webhook endpoint', params: idParams, response: { 200: endpointSchema, ...errorResponses } }, config: admin,
  }, async (req, reply) => sendResult(reply, await getEndpoint(deps.db, orgOf(req), req.params.id)));

  app.patch('/v1/webhook-endpoints/:id', {
    schema: { tags, summary: 'Change an endpoint\'s URL, event types, description, or enable and disable it', params: idParams,
      description: URL_CHECK, body: endpointBody.partial(), response: { 200: endpointSchema, ...errorResponses, 503: errorSchema } }, config: admin,
  }, async (req, reply) => {
    const b = req.body;
    return sendResult(reply, await updateEndpoint(deps.db, orgOf(req), actorOf(req), req.params.id, {
      ...(b.url !== undefined ? { url: b.url } : {}), ...(b.event_types !== undefined ? { event_types: b.event_types } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}), ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
    }, deps.now(), deps.egress));
  });

  app.delete('/v1/webhook-endpoints/:id', {
    schema: { tags, summary: 'Delete an endpoint (deliveries still waiting are cancelled)', params: idParams, response: { 204: z.null(), ...errorResponses } },
    config: admin,
  }, async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => deleteEndpoint(tx, orgOf(req), actorOf(req), req.params.id, deps.now()));
    return r.ok ? reply.code(204).send(null) : sendResult(reply, r);
  });

  app.get('/v1/events', {
    schema: { tags, summary: 'Events, newest first (cursor pagination)',
      querystring: z.object({ type: z.enum(EVENT_TYPES).optional(), customer_id: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: z.string().max(100).optional() }),
      response: { 200: z.object({ data: z.array(eventSchema), has_more: z.boolean(), next_cursor: z.string().nullable() }), ...errorResponses } },
  }, async (req) => listEvents(deps.db, orgOf(req), { ...(req.query.type ? { type: req.query.type } : {}),
    ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}),
    ...(req.query.cursor ? { cursor: req.query.cursor } : {}) }));

  app.get('/v1/events/retention', {
    schema: { tags, summary: 'How long events and their delivery attempts are kept (COBRO_EVENT_RETENTION_DAYS); older ones with no delivery pending are deleted by the worker',
      response: { 200: z.object({ days: z.number().int(), delete_before: ts }).meta({ id: 'EventRetention' }), ...errorResponses } },
  }, async () => eventRetention(deps.eventRetentionDays ?? EVENT_RETENTION_DAYS, deps.now()));

  app.get('/v1/events/:id', {
    schema: { tags, summary: 'One event', params: idParams, response: { 200: eventSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getEvent(deps.db, orgOf(req), req.params.id)));

  app.get('/v1/events/:id/deliveries', {
    schema: { tags, summary: 'The event\'s deliveries (first ones and replays), each with every attempt: status, response code, duration, error',
      params: idParams, response: { 200: z.object({ data: z.array(deliverySchema) }), ...errorResponses } },
  }, async (req, reply) => {
    const r = await eventDeliveries(deps.db, orgOf(req), req.params.id);
    return r.ok ? { data: r.value } : sendResult(reply, r);
  });

  app.post('/v1/events/:id/replay', {
    schema: { tags, summary: 'Send the event again, to one endpoint or to every enabled endpoint subscribed to its type (on the worker\'s next round)',
      params: idParams, body: z.object({ endpoint_id: z.string().optional() }).default({}),
      response: { 202: z.object({ deliveries: z.array(z.string()) }), ...errorResponses } }, config: admin,
  }, async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => replayEvent(tx, orgOf(req), actorOf(req), req.params.id, req.body.endpoint_id ?? null, deps.now()));
    return r.ok ? reply.code(202).send({ deliveries: r.value }) : sendResult(reply, r);
  });
};
