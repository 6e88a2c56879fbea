// /v1/simulations and /v1/ticks: run the engine over the portfolio without writing, or run one tick now.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runTick, simulate, syncCases } from '../../engine/index.ts';
import { eventStepOverlaps, getStrategy } from '../../strategy/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { simulationRequest, simulationSchema, tickRequest, tickSchema } from '../engineSchemas.ts';

export const engineRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/v1/simulations', {
    schema: { tags: ['engine'], summary: 'Simulate the engine day by day over the portfolio',
      description: 'Balances as they stood on each day (later payments do not count yet, later invoices do not exist yet). A run from today starts from the open cases (see open_cases). A segments list runs in place of the stored segments (unsaved edits), a strategy body in place of the strategy\'s active version (an unsaved draft). Nothing is written or sent.',
      body: simulationRequest, response: { 200: simulationSchema, ...errorResponses } },
  }, async (req, reply) => {
    const org = orgOf(req);
    const r = await simulate(deps.db, org,
      { from: req.body.from, to: req.body.to, ...(req.body.strategy_id ? { strategyId: req.body.strategy_id } : {}),
        ...(req.body.version ? { version: req.body.version } : {}), customers: req.body.customers,
        ...(req.body.segments ? { segments: req.body.segments } : {}), ...(req.body.strategy ? { strategy: req.body.strategy } : {}),
        // today's open cases are where a run from today starts; a run over past days starts with none (they did not exist yet)
        openCases: req.body.open_cases ?? req.body.from >= deps.now().toISOString().slice(0, 10) });
    if (!r.ok || !req.body.strategy_id) return sendResult(reply, r);
    // the steps the run planned with: the unsaved draft's, else the version asked or the active one's
    const ran = req.body.strategy ? null : await getStrategy(deps.db, org, req.body.strategy_id, req.body.version);
    const steps = req.body.strategy ? req.body.strategy.steps as Parameters<typeof eventStepOverlaps>[0] : ran?.ok ? ran.value.definition.steps : null;
    return reply.send({ ...r.value, ...(steps ? { warnings: eventStepOverlaps(steps) } : {}) });
  });

  app.post('/v1/ticks', {
    schema: { tags: ['engine'], summary: 'Run one tick now', description: 'Opens and closes cases from the ledger (unless sync is false), then plans every case whose next action has come.',
      body: tickRequest, response: { 200: tickSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req) => {
    const org = orgOf(req);
    const now = req.body.as_of ? new Date(req.body.as_of) : deps.now();
    const sync = req.body.sync && !req.body.dry_run ? await deps.db.transaction((tx) => syncCases(tx, org, now)) : null;
    const r = await runTick(deps.db, { orgId: org, now, dryRun: req.body.dry_run });
    return {
      now: r.now, dry_run: r.dryRun, cases: r.cases, batches: r.batches, planned: r.planned, skipped: r.skipped, cancelled: r.cancelled,
      tasks: r.tasks, closed: r.closed, ms: r.ms, sync,
      actions: r.actions.map((a) => ({ case_id: a.caseId, customer_id: a.customerId, step_id: a.stepId, scheduled_for: a.scheduledFor,
        invoice_ids: a.invoices.map((i) => i.id), reason: a.reason })),
    };
  });
};
