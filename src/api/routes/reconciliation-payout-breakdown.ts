// /v1/reconciliation/reported-payouts/{id}: one reported payout with what it carried, Stripe's balance transactions
// kept for it, checked against its amount (net, fees per payout and per payment, charges tied to cobro payments), and
// .../refetch to read them from Stripe again now, .../settle for a person to settle one for review (a manual payout) by hand.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { refetchReportedPayout, reportedPayoutBreakdown } from '../../payments/index.ts';
import { settleReportedPayout } from '../../payments/payout-transactions.ts';
import { BREAKDOWN_ISSUE_CODES } from '../../payments/payout-breakdown.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { gatewayContext } from './payment-links.ts';
import { releaseReportSchema } from './reconciliation-mp-release.ts';
import { reportedPayoutSchema } from './reconciliation-payouts.ts';

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

const reconciliation = z.string().nullable().meta({ description: 'Stripe\'s reconciliation_status of the payout (in_progress, completed, not_applicable) as its events gave it' });

const breakdownSchema = z.object({
  fetch: z.object({ state: z.enum(['pending', 'fetched', 'failed', 'not_listed']).meta({ description: 'pending: not read yet; failed: the last read failed (tried '
    + 'again later; the rows of an earlier read are kept); not_listed: a manual payout, whose balance transactions Stripe does not list by payout (never read)' }),
    attempts: z.number().int().meta({ description: 'failed reads (or reads made while Stripe was still reconciling the payout) since the last complete one' }),
    error: z.string().nullable(), next_attempt_at: z.string().nullable(), fetched_at: z.string().nullable(), transactions: z.number().int(),
    reconciliation_status: reconciliation,
    automatic: z.boolean().nullable().meta({ description: 'Stripe\'s automatic of the payout, read from Stripe (GET /v1/payouts/{id}) before its first read: false for a manual payout; null: not read yet' }),
    payout_read_at: z.string().nullable().meta({ description: 'when cobro last read the payout itself from Stripe' }) }),
  check: z.object({
    result: z.enum(['balanced', 'review', 'not_fetched', 'pending_reconciliation', 'settled']).meta({ description: 'balanced: the payout equals the net it carried and every charge '
      + 'is a cobro payment; review: see issues; pending_reconciliation: read while Stripe was still reconciling the payout, its net short of the amount '
      + '(read again when Stripe sends payout.reconciliation_completed, or by a later worker round); settled: it was for review and a person settled it by hand (see settlement; the issues stay listed)' }),
    settlement: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable().meta({ description: 'who settled the payout by hand, when and why (POST .../settle); cleared when a later read replaces its transactions' }),
    reconciliation_status: reconciliation,
    currency: z.string(), gross: minor, fees: minor, net: minor,
    difference: minor.meta({ description: 'the payout\'s amount less the net of its transactions (the payout\'s own transaction left out)' }),
    issues: z.array(z.object({ code: z.enum(BREAKDOWN_ISSUE_CODES).meta({ description: 'MANUAL_PAYOUT (field automatic): a manual payout, whose balance transactions '
      + 'Stripe does not list by payout; check it against the Stripe balance and settle it by hand' }), field: z.string(), message: z.string(),
      txn_id: z.string().nullable() })),
    payments: z.array(z.object({ payment_id: z.string().nullable(), payment_ref: z.string(), customer_id: z.string(), currency: z.string(),
      gross: minor, fees: minor, net: minor, txn_ids: z.array(z.string()) })),
  }),
  transactions: z.array(z.object({ txn_id: z.string(), type: z.string(), reporting_category: z.string().nullable(), amount: minor, fee: minor, net: minor,
    currency: z.string(), source_id: z.string().nullable(), charge_id: z.string().nullable(), payment_intent: z.string().nullable(),
    description: z.string().nullable(), created_at: z.string(),
    stripe_units: z.object({ amount: z.number().int(), fee: z.number().int(), net: z.number().int() }).nullable().optional().meta({ description: 'Stripe\'s own '
      + 'integers as it listed them where it writes the currency with more decimals than cobro\'s minor unit (ISK and UGX: hundredths, a fee of 43.80 ISK is '
      + '4380); amount, fee and net above are then whole units, rounded so that the payout\'s sums stay exact. Null for other currencies' }),
    payment_id: z.string().nullable().meta({ description: 'the cobro payment this charge settled, or this refund or dispute reverses' }) })),
});

const withBreakdown = reportedPayoutSchema.extend({ breakdown: breakdownSchema }).meta({ id: 'ReportedPayoutBreakdown' });
const refetched = withBreakdown.extend({ release_report: releaseReportSchema.optional().meta({ description: 'Mercado Pago: the release report asked for '
  + 'to read the payout again, from the payout before it to a day after it (state requested: the worker reads it once Mercado Pago has generated it)' }) })
  .meta({ id: 'RefetchedPayout' });
const params = z.object({ id: z.string().min(3).max(300).meta({ description: 'gateway:payout_id, e.g. stripe:po_1Abc' }) });

export const reconciliationPayoutBreakdownRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  app.get('/v1/reconciliation/reported-payouts/:id', {
    schema: { tags, summary: 'One reported payout with the balance transactions it carried, checked against its amount: fees, and the cobro payment of each charge',
      params, response: { 200: withBreakdown, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await reportedPayoutBreakdown(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/reconciliation/reported-payouts/:id/refetch', {
    schema: { tags, summary: 'Read the payout again from its gateway now: Stripe\'s balance transactions (a failed read is recorded and tried again by the worker); '
      + 'for Mercado Pago a new release report covering the payout (409 field provider when Mercado Pago is not connected)',
      params, response: { 200: refetched, ...errorResponses } },
    config: { roles: ['admin', 'manager', 'collector'] },
  }, async (req, reply) => sendResult(reply, await refetchReportedPayout({ ...gatewayContext(deps), db: deps.db }, orgOf(req), req.params.id, deps.now())));

  app.post('/v1/reconciliation/reported-payouts/:id/settle', {
    schema: { tags, summary: 'Settle by hand a payout that is for review (e.g. a manual payout, which Stripe lists no balance transactions for): its check reads settled, audited',
      params, body: z.object({ note: z.string().trim().min(1).max(1000).meta({ description: 'why it is settled: what was checked, against what' }) }),
      response: { 200: withBreakdown, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await settleReportedPayout(deps.db, orgOf(req), actorOf(req), req.params.id, req.body.note, deps.now())));
};
