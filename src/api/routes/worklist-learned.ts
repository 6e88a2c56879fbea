// /v1/worklist/settings/learned: each action's lift as the org's own history shows it, beside the one set, and
// .../apply, which sets those estimated with enough data.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ACTIONS, applyLearnedLifts, LEARN_DEFAULTS, learnedLifts, type LearnRequest } from '../../tasks/index.ts';
import { dateSchema } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const share = z.number().min(0).max(1);
const learnedSchema = z.object({
  since: z.string(), until: z.string().meta({ description: 'the last day an action is counted on: today less the window, so every outcome is known' }),
  days: z.number().int(), share, min_actions: z.number().int(),
  basis: z.literal('observational'), note: z.string(),
  comparison_days: z.number().int().meta({ description: 'customer-days with past-due balance and no one acting in the window (a weekly grid)' }),
  lifts: z.array(z.object({
    action: z.enum(ACTIONS), status: z.enum(['estimated', 'not_enough_data', 'no_baseline']),
    actions: z.number().int().meta({ description: 'customer-days after a person acted so' }),
    matched: z.number().int().meta({ description: 'those in a stratum with enough comparison days' }),
    comparisons: z.number().int(), paid_after_action: share.nullable(), paid_without_action: share.nullable(),
    lift: share.nullable().meta({ description: '(p_act − p_none) / (1 − p_none), bounded by [0, 1]; null unless estimated' }),
    low: share.nullable(), high: share.nullable(), current: z.number().meta({ description: 'the lift set now' }),
  })),
  minutes: z.object({ recorded: z.literal(false), note: z.string() }),
}).meta({ id: 'LearnedLifts' });

const learnQuery = z.object({
  since: dateSchema.optional().meta({ description: `first day looked at (default: ${LEARN_DEFAULTS.lookbackDays} days ago)` }),
  days: z.coerce.number().int().min(1).max(90).optional().meta({ description: `days after the action a payment counts in (default ${LEARN_DEFAULTS.days})` }),
  share: z.coerce.number().gt(0).max(1).optional().meta({ description: `share of what was past due that counts as paying (default ${LEARN_DEFAULTS.share})` }),
});

const request = (b: z.infer<typeof learnQuery>): LearnRequest => ({ ...(b.since ? { since: b.since } : {}), ...(b.days ? { days: b.days } : {}), ...(b.share ? { share: b.share } : {}) });

export const learnedRoutes = (deps: ApiDeps, settingsSchema: z.ZodType): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tasks'];
  const description = 'For each worklist action: the share of customers who paid at least `share` of what was past due within `days` after a '
    + 'person acted, against customer-days with no one acting matched by days past due, risk band (latest scores) and balance; the lift '
    + '(p_act − p_none) / (1 − p_none) with its 95% interval, or not_enough_data under the minimum of matched actions. Observational, not randomised.';
  app.get('/v1/worklist/settings/learned', {
    schema: { tags, summary: 'Each action\'s lift as the org\'s own history shows it, beside the lift set', description,
      querystring: learnQuery, response: { 200: learnedSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await learnedLifts(deps.db, orgOf(req), request(req.query), deps.now())));

  app.post('/v1/worklist/settings/learned/apply', {
    schema: { tags, summary: 'Set the lifts learned with enough data (the others keep their values), audited as a settings change', description,
      body: learnQuery.strict().optional(), response: { 200: z.object({ applied: z.record(z.string(), share), settings: settingsSchema, learned: learnedSchema }), ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => applyLearnedLifts(tx, orgOf(req), actorOf(req), request(req.body ?? {}), deps.now()))));
};
