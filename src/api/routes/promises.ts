// /v1/promises (make and list promises to pay), /v1/extensions (more time, recorded as a promise of the whole balance) and
// /v1/reports/promises (the kept-promise rate per channel and per collector).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createPromise, listExtensions, listPromises, promiseReport, requestExtension } from '../../payments/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { dateSchema } from '../../ledger/index.ts';
import { inTransaction } from '../tx.ts';
import { apiFields, apiSource, extensionSchema, newPromiseSchema, promiseReportSchema, promiseSchema } from './arrangement-schemas.ts';

const statuses = z.enum(['pending', 'kept', 'partly_kept', 'broken', 'replaced', 'cancelled']);

export const promiseRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/v1/promises', {
    schema: { tags: ['promises'], summary: 'Record a promise to pay an amount by a date',
      description: 'Within the negotiation limits (amount between the minimum share and what is owed in the currency on undisputed invoices; date from today to the limit\'s days ahead, in the debtor\'s time zone). It replaces a pending promise, stops reminders until date + grace, and is judged the day after: kept, partly kept or broken.',
      body: newPromiseSchema, response: { 201: promiseSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    return sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => createPromise(tx, orgOf(req), actorOf(req), {
      customerId: b.customer_id, amount: b.amount, currency: b.currency, dueDate: b.due_date, source: b.source, ...(b.channel ? { channel: b.channel } : {}),
    }, deps.now()))), 201);
  });

  app.get('/v1/promises', {
    schema: { tags: ['promises'], summary: 'List promises, newest first',
      querystring: z.object({ customer_id: z.string().optional(), status: statuses.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      response: { 200: z.object({ data: z.array(promiseSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listPromises(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
    ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }) }));

  app.post('/v1/extensions', {
    schema: { tags: ['promises'], summary: 'Give a customer more time',
      description: 'At most the limit\'s days, and the limit\'s count in any 365 days. Recorded as a promise of the whole balance (in the currency most is owed in) by the oldest due date (or today, when that has passed) plus the days.',
      body: z.object({ customer_id: z.string().min(1), days: z.number().int().min(1), reason: z.string().max(1000).optional(), source: apiSource }),
      response: { 201: extensionSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => requestExtension(tx, orgOf(req), actorOf(req), {
    customerId: req.body.customer_id, days: req.body.days, source: req.body.source, ...(req.body.reason ? { reason: req.body.reason } : {}),
  }, deps.now()))), 201));

  app.get('/v1/extensions', {
    schema: { tags: ['promises'], summary: 'List extensions, newest first', querystring: z.object({ customer_id: z.string().optional() }),
      response: { 200: z.object({ data: z.array(extensionSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listExtensions(deps.db, orgOf(req), req.query.customer_id) }));

  app.get('/v1/reports/promises', {
    schema: { tags: ['promises'], summary: 'Kept-promise rate per channel and per collector, for promises falling due from `from` to `to`',
      querystring: z.object({ from: dateSchema, to: dateSchema }), response: { 200: promiseReportSchema, ...errorResponses } },
  }, async (req, reply) => {
    if (req.query.to < req.query.from) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'to is before from', field: 'to' });
    return promiseReport(deps.db, orgOf(req), req.query.from, req.query.to);
  });
};
