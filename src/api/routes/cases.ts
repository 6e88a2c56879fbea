// /v1/cases and /v1/tasks: cases with their timeline, and the worklist of tasks for people.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listCases, listTasks } from '../../engine/index.ts';
import { finishTask } from '../../tasks/index.ts';
import { caseStory } from '../../timeline/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, pageOf, pageQuery } from '../schemas.ts';
import { caseDetailSchema, caseSchema, taskSchema } from '../engineSchemas.ts';
import { inTransaction } from '../tx.ts';

const caseQuery = pageQuery.extend({
  status: z.enum(['open', 'closed']).optional(), strategy_id: z.string().optional(), customer_id: z.string().optional(),
  step_id: z.string().optional().meta({ description: 'the step the case is on' }),
  due_before: z.iso.datetime({ offset: true }).optional().meta({ description: 'cases whose next action comes at or before this instant' }),
  escalated: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
});

const taskQuery = pageQuery.extend({
  status: z.enum(['open', 'done', 'cancelled']).optional(), kind: z.enum(['call', 'review', 'negotiate']).optional(),
  customer_id: z.string().optional(), case_id: z.string().optional(),
});

export const caseRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/cases', {
    schema: { tags: ['cases'], summary: 'List cases', querystring: caseQuery, response: { 200: pageOf(caseSchema), ...errorResponses } },
  }, async (req) => {
    const { escalated, ...rest } = req.query;
    return listCases(deps.db, orgOf(req), { ...rest, ...(escalated === undefined ? {} : { escalated }) });
  });

  app.get('/v1/cases/:id', {
    schema: { tags: ['cases'], summary: 'Get a case (by id or customer id) with its actions and timeline',
      description: 'The timeline lists every planned, skipped and cancelled action with its reason, the segment assignment with its reason, '
        + 'the promises, plans, extensions, discounts and disputes made during the case, the messages sent or failed, and the replies received.',
      params: idParams, response: { 200: caseDetailSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await caseStory(deps.db, orgOf(req), req.params.id)));

  app.get('/v1/tasks', {
    schema: { tags: ['tasks'], summary: 'List tasks', querystring: taskQuery, response: { 200: pageOf(taskSchema), ...errorResponses } },
  }, async (req) => listTasks(deps.db, orgOf(req), req.query));

  app.post('/v1/tasks/:id/complete', {
    schema: { tags: ['tasks'], summary: 'Complete a task (the case\'s timeline says so, with the outcome)', params: idParams,
      body: z.object({ outcome: z.string().max(1000).optional() }).default({}), response: { 200: taskSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => finishTask(tx, orgOf(req), actorOf(req), req.params.id, req.body.outcome ?? null, deps.now()))));
};
