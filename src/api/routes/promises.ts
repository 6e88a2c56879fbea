// /v1/promises (make, list and cancel promises to pay), /v1/extensions (more time, recorded as a promise of the whole balance) and
// /v1/reports/promises (the kept-promise rate per channel and per collector), and /v1/confirmations/settings (whether the
// arrangements staff record are confirmed to the debtor in writing by default).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createPromise, listExtensions, listPromises, promiseReport, requestExtension } from '../../payments/index.ts';
import { confirmStaffArrangement, getConfirmationSettings, setConfirmationSettings, staffCancelPromise } from '../../portal/index.ts';
import { ok } from '../../domain/result.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { dateSchema } from '../../ledger/index.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { apiFields, cancelSchema, extensionSchema, newExtensionSchema, newPromiseSchema, promiseReportSchema, promiseSchema, recordedExtensionSchema, recordedPromiseSchema } from './arrangement-schemas.ts';

const confirmationSettingsSchema = z.object({
  staff_arrangements: z.boolean().meta({ description: 'the promises, extensions and plans staff record (web, API, CLI), and staff\'s cancellations of a promise or plan, are confirmed to the debtor in writing unless the request says `confirm: false`; on by default' }),
}).meta({ id: 'ConfirmationSettings' });

const statuses = z.enum(['pending', 'kept', 'partly_kept', 'broken', 'replaced', 'cancelled']);

export const promiseRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/v1/promises', {
    schema: { tags: ['promises'], summary: 'Record a promise to pay an amount by a date',
      description: 'Confirmed to the debtor in writing (email or SMS, through the compliance gate) unless `confirm` is false or the org turned it off; `confirmation` says what came of it. Within the negotiation limits (amount between the minimum share and what is owed in the currency on undisputed invoices; date from today to the limit\'s days ahead, in the debtor\'s time zone). It replaces a pending promise, stops reminders until date + grace, and is judged the day after: kept, partly kept or broken.',
      body: newPromiseSchema, response: { 201: recordedPromiseSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const [org, actor, now] = [orgOf(req), actorOf(req), deps.now()];
    return sendResult(reply, apiFields(await inTransaction(deps.db, async (tx) => {
      const r = await createPromise(tx, org, actor, {
        customerId: b.customer_id, amount: b.amount, currency: b.currency, dueDate: b.due_date, source: b.source, ...(b.channel ? { channel: b.channel } : {}),
      }, now);
      if (!r.ok) return r;
      return ok({ ...r.value, confirmation: await confirmStaffArrangement(tx, org, actor, { kind: 'promise', promise: r.value }, b, now) });
    })), 201);
  });

  app.get('/v1/promises', {
    schema: { tags: ['promises'], summary: 'List promises, newest first',
      querystring: z.object({ customer_id: z.string().optional(), status: statuses.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      response: { 200: z.object({ data: z.array(promiseSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listPromises(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
    ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }) }));

  app.post('/v1/promises/:id/cancel', {
    schema: { tags: ['promises'], summary: 'Cancel a pending promise (or extension): it is judged no more and the case returns to its strategy at once',
      description: 'Anything paid stays credited. Confirmed to the debtor in writing (saying the company cancelled it, what stays paid and that reminders resume; through the compliance gate) unless `confirm` is false or the org turned confirmations of staff arrangements off; `confirmation` says what came of it.',
      params: idParams, body: cancelSchema, response: { 200: recordedPromiseSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db,
    (tx) => staffCancelPromise(tx, orgOf(req), actorOf(req), req.params.id, req.body, deps.now())))));

  app.post('/v1/extensions', {
    schema: { tags: ['promises'], summary: 'Give a customer more time',
      description: 'At most the limit\'s days, and the limit\'s count in any 365 days. Recorded as a promise of the whole balance (in the currency most is owed in) by the oldest due date (or today, when that has passed) plus the days.',
      body: newExtensionSchema, response: { 201: recordedExtensionSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const [org, actor, now] = [orgOf(req), actorOf(req), deps.now()];
    return sendResult(reply, apiFields(await inTransaction(deps.db, async (tx) => {
      const r = await requestExtension(tx, org, actor, { customerId: b.customer_id, days: b.days, source: b.source, ...(b.reason ? { reason: b.reason } : {}) }, now);
      if (!r.ok) return r;
      const confirmation = r.value.promise ? await confirmStaffArrangement(tx, org, actor, { kind: 'extension', promise: r.value.promise }, b, now)
        : { message_id: null, skipped: 'the extension made no promise to confirm' };
      return ok({ ...r.value, confirmation });
    })), 201);
  });

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

  app.get('/v1/confirmations/settings', {
    schema: { tags: ['promises'], summary: 'Whether staff\'s arrangements are confirmed to the debtor by default', response: { 200: confirmationSettingsSchema, ...errorResponses } },
  }, async (req) => getConfirmationSettings(deps.db, orgOf(req)));

  app.put('/v1/confirmations/settings', {
    schema: { tags: ['promises'], summary: 'Change whether staff\'s arrangements are confirmed to the debtor by default',
      body: confirmationSettingsSchema.partial().strict(), response: { 200: confirmationSettingsSchema, ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, async (tx) => ok(await setConfirmationSettings(tx, orgOf(req), actorOf(req), req.body, deps.now())))));
};
