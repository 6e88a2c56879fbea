// /v1/reconciliation/mercadopago/release-reports: Mercado Pago's payouts read from its release report. POST asks
// Mercado Pago for the report of a period (default: from just after the last payout read, to now) and checks it at once;
// a report still being generated is checked again by the worker, or now by .../{id}/check. Its payouts then show under
// /v1/reconciliation/reported-payouts/mercadopago:{id}, checked against what they carried.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReleaseReport, defaultReleasePeriod, getReleaseReport, listReleaseReports, requestReleaseReport } from '../../payments/index.ts';
import { fail } from '../../domain/result.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { gatewayContext } from './payment-links.ts';

export const releaseReportSchema = z.object({
  id: z.string(), begin_at: z.string(), end_at: z.string(),
  mp_report_id: z.string().nullable().meta({ description: 'Mercado Pago\'s id of the report' }),
  file_name: z.string().nullable().meta({ description: 'the report\'s file, once Mercado Pago has generated it' }),
  state: z.enum(['requested', 'stored', 'failed']).meta({ description: 'requested: waiting for Mercado Pago to generate it (checked again from next_at); '
    + 'stored: read, its payouts kept; failed: the last try failed (tried again from next_at while it is set)' }),
  attempts: z.number().int(), error: z.string().nullable(), next_at: z.string().nullable(), trigger: z.enum(['worker', 'api', 'cli']),
  payouts: z.number().int().meta({ description: 'payouts stored from it' }), transactions: z.number().int(),
  covered_to: z.string().nullable().meta({ description: 'the time of the last payout it held: the worker\'s next report starts after it' }),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'MercadoPagoReleaseReport' });

const when = z.string().datetime({ offset: true });
const body = z.object({ begin_date: when.optional(), end_date: when.optional() }).strict();
const params = z.object({ id: z.string().min(1).max(100) });
const WRITERS = { roles: ['admin', 'manager', 'collector'] as ('admin' | 'manager' | 'collector')[] };

export const reconciliationMpReleaseRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  const access = () => ({ ...gatewayContext(deps), db: deps.db });

  app.post('/v1/reconciliation/mercadopago/release-reports', {
    schema: { tags, summary: 'Ask Mercado Pago for its release report of a period and read its payouts (stored at once when it is ready, else checked again later)',
      body, response: { 201: releaseReportSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => {
    const org = orgOf(req);
    const now = deps.now();
    const d = await defaultReleasePeriod(deps.db, org, now);
    const period = { begin: req.body.begin_date ? new Date(req.body.begin_date) : d.begin, end: req.body.end_date ? new Date(req.body.end_date) : d.end };
    return sendResult(reply, await requestReleaseReport(access(), org, period, now, 'api'), 201);
  });

  app.get('/v1/reconciliation/mercadopago/release-reports', {
    schema: { tags, summary: 'The Mercado Pago release reports cobro asked for, newest first', response: { 200: z.object({ data: z.array(releaseReportSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listReleaseReports(deps.db, orgOf(req)) }));

  app.get('/v1/reconciliation/mercadopago/release-reports/:id', {
    schema: { tags, summary: 'One Mercado Pago release report', params, response: { 200: releaseReportSchema, ...errorResponses } },
  }, async (req, reply) => {
    const r = await getReleaseReport(deps.db, orgOf(req), req.params.id);
    return sendResult(reply, r ? { ok: true, value: r } : fail('NOT_FOUND', `no Mercado Pago release report ${req.params.id}`, 'id'));
  });

  app.post('/v1/reconciliation/mercadopago/release-reports/:id/check', {
    schema: { tags, summary: 'Check the report now: read it and store its payouts when Mercado Pago has generated it', params, response: { 200: releaseReportSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await checkReleaseReport(access(), orgOf(req), req.params.id, deps.now())));
};
