// /v1/invoices: create, list with filters, read (by id or number), cancel, dispute and clear a dispute.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cancelInvoice, createInvoice, getInvoice, listInvoices, setInvoiceDisputed, withCustomerNames, INVOICE_STATUSES, currencySchema, dateSchema } from '../../ledger/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, invoiceSchema, newInvoiceSchema, pageOf, pageQuery } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { replanAfter } from '../replan.ts';

const listQuery = pageQuery.extend({
  status: z.string().optional().transform((s) => s?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(INVOICE_STATUSES)).optional()).meta({ description: 'comma-separated statuses' }),
  customer_id: z.string().optional(),
  currency: currencySchema.optional(),
  due_from: dateSchema.optional(),
  due_to: dateSchema.optional(),
  dpd_min: z.coerce.number().int().optional().meta({ description: 'at least this many days past due' }),
  dpd_max: z.coerce.number().int().optional(),
  as_of: dateSchema.optional().meta({ description: 'the date days past due are counted to; today by default' }),
});

const listedInvoice = invoiceSchema.extend({ customer_name: z.string().nullable().meta({ description: 'the customer\'s name, for lists' }) });

export const invoiceRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['invoices'];
  app.post('/v1/invoices', {
    schema: { tags, summary: 'Create an invoice', body: newInvoiceSchema, response: { 201: invoiceSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => replanAfter(tx, orgOf(req), deps.now(), createInvoice(tx, orgOf(req), actorOf(req), req.body))), 201));

  app.get('/v1/invoices', {
    schema: { tags, summary: 'List invoices (each with its customer\'s name)', querystring: listQuery, response: { 200: pageOf(listedInvoice), ...errorResponses } },
  }, async (req) => withCustomerNames(deps.db, orgOf(req),
    await listInvoices(deps.db, orgOf(req), { ...req.query, as_of: req.query.as_of ?? dateInZone(deps.now(), 'UTC') })));

  app.get('/v1/invoices/:id', {
    schema: { tags, summary: 'Get an invoice by id or number', params: idParams, response: { 200: invoiceSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getInvoice(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/invoices/:id/cancel', {
    schema: { tags, summary: 'Cancel an invoice with no payments', params: idParams, response: { 200: invoiceSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => cancelInvoice(tx, orgOf(req), actorOf(req), req.params.id))));

  app.post('/v1/invoices/:id/dispute', {
    schema: { tags, summary: 'Mark an invoice disputed, or clear the dispute', params: idParams,
      body: z.object({ disputed: z.boolean().default(true) }).default({ disputed: true }), response: { 200: invoiceSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => replanAfter(tx, orgOf(req), deps.now(), setInvoiceDisputed(tx, orgOf(req), actorOf(req), req.params.id, req.body.disputed)))));
};
