// /v1/customers: create, list, read (by id or external id), update; and a customer's balance and credit.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createCustomer, customerBalance, getCustomer, listCustomers, updateCustomer } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { customerPatchSchema, customerSchema, idParams, newCustomerSchema, pageOf, pageQuery } from '../schemas.ts';
import { inTransaction } from '../tx.ts';

export const customerRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['customers'];
  app.post('/v1/customers', {
    schema: { tags, summary: 'Create a customer', body: newCustomerSchema, response: { 201: customerSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => createCustomer(tx, orgOf(req), actorOf(req), req.body)), 201));

  app.get('/v1/customers', {
    schema: { tags, summary: 'List customers', querystring: pageQuery.extend({ country: z.string().optional(), tag: z.string().optional(),
      search: z.string().optional() }), response: { 200: pageOf(customerSchema), ...errorResponses } },
  }, async (req) => listCustomers(deps.db, orgOf(req), req.query));

  app.get('/v1/customers/:id', {
    schema: { tags, summary: 'Get a customer by id or external id', params: idParams, response: { 200: customerSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getCustomer(deps.db, orgOf(req), req.params.id)));

  app.patch('/v1/customers/:id', {
    schema: { tags, summary: 'Update a customer', params: idParams, body: customerPatchSchema, response: { 200: customerSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => updateCustomer(tx, orgOf(req), actorOf(req), req.params.id, req.body))));

  app.get('/v1/customers/:id/balance', {
    schema: { tags, summary: 'Open balance and unapplied credit per currency', params: idParams,
      response: { 200: z.object({ data: z.array(z.object({ currency: z.string(), open: z.number(), credit: z.number(), invoices: z.number() })) }), ...errorResponses } },
  }, async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendResult(reply, c);
    return { data: await customerBalance(deps.db, orgOf(req), c.value.id) };
  });
};
