// /v1/customers: create, list, read (by id or external id), update; and a customer's balance and credit.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createCustomer, customerBalance, getCustomer, listCustomers, updateCustomer } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { customerPatchSchema, customerSchema, idParams, newCustomerSchema, pageOf, pageQuery } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { dateInZone } from '../../domain/dates.ts';
import { currencySchema, dateSchema, overdueOnProblem } from '../../ledger/index.ts';

const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));
// the filters that take the list down to the customers behind a dashboard figure
const drillQuery = {
  overdue: flag.meta({ description: 'only customers with an unpaid invoice past due' }),
  currency: currencySchema.optional().meta({ description: 'with overdue or dpd_min/dpd_max: an unpaid invoice in this currency; with overdue_on: overdue in it on that day' }),
  overdue_on: dateSchema.optional().meta({ description: 'a past day (YYYY-MM-DD): only customers with an invoice overdue at the end of it, by that day\'s balances (the dashboard\'s overdue trend), each listed with overdue_on.balances; not with overdue, dpd_min, dpd_max or as_of' }),
  dpd_min: z.coerce.number().int().min(0).optional().meta({ description: 'an unpaid invoice at least this many days past due' }),
  dpd_max: z.coerce.number().int().min(0).optional(),
  as_of: dateSchema.optional().meta({ description: 'the date days past due are counted to; today by default' }),
  strategy_id: z.string().optional().meta({ description: 'customers whose case is on this strategy' }),
  strategy_version: z.coerce.number().int().min(1).optional(),
  messaged: flag.meta({ description: 'sent a message (sent, delivered or read) between from and to' }),
  contacted: flag.meta({ description: 'sent a message or called by a person (a call logged) between from and to: the accounts the contact rate counts' }),
  channel: z.enum(['email', 'sms', 'whatsapp', 'voice']).optional().meta({ description: 'sent a message on this channel between from and to' }),
  promised: flag.meta({ description: 'with a promise or extension falling due between from and to' }),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  risk_band: z.enum(['high', 'medium', 'low', 'unscored']).optional()
    .meta({ description: 'in this risk band of the latest finished score run (unscored: in none of them); with currency, owing in it (the dashboard\'s risk bands)' }),
};

export const customerRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['customers'];
  app.post('/v1/customers', {
    schema: { tags, summary: 'Create a customer', body: newCustomerSchema, response: { 201: customerSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => createCustomer(tx, orgOf(req), actorOf(req), req.body)), 201));

  app.get('/v1/customers', {
    schema: { tags, summary: 'List customers', querystring: pageQuery.extend({ country: z.string().optional(), tag: z.string().optional(),
      search: z.string().optional(), ...drillQuery }), response: { 200: pageOf(customerSchema), ...errorResponses } },
  }, async (req, reply) => {
    const refused = overdueOnProblem(req.query, dateInZone(deps.now(), 'UTC'), 'querystring.');
    if (refused) return sendResult(reply, refused);
    return listCustomers(deps.db, orgOf(req), { ...req.query, ...(req.query.overdue_on ? {} : { as_of: req.query.as_of ?? dateInZone(deps.now(), 'UTC') }) });
  });

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
