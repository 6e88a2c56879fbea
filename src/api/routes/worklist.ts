// /v1/worklist (a day's tasks in order of the expected value of acting, with the reason each is there), its settings
// (lift factors, minutes, a minute's cost), /v1/tasks (add one, such as a callback at an instant) and
// /v1/tasks/{id}/assign (managers hand tasks out).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { dateInZone } from '../../domain/dates.ts';
import { TASK_KINDS, TASK_PRIORITIES } from '../../engine/index.ts';
import { getOrg } from '../../orgs/index.ts';
import { ACTIONS, addTask, getPrioritySettings, handOver, PrioritySettingsPatch, SCOPES, setPrioritySettings, worklist } from '../../tasks/index.ts';
import { learnedRoutes } from './worklist-learned.ts';
import { dateSchema } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf, sessionOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { taskSchema } from '../engineSchemas.ts';
import { inTransaction } from '../tx.ts';

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });
const share = z.number().min(0).max(1);
const valueSchema = z.object({
  action: z.enum(ACTIONS), currency: z.string(), balance: minor.meta({ description: 'past due (0 when nothing is)' }),
  source: z.enum(['score', 'days_past_due']).meta({ description: 'where recovery without action comes from: the latest score, or the curve by days past due' }),
  recovery_without_action: share.meta({ description: 'P(recover | no action)' }), lift: share.meta({ description: 'the action\'s lift factor: the share of the rest it brings in' }),
  recovery_with_action: share.meta({ description: 'P(recover | act) = without + lift × (1 − without)' }),
  gain: minor.meta({ description: 'balance × (with − without)' }), minutes: z.number(), minute_cost: minor.nullable().meta({ description: 'null: no minute cost known in the currency' }),
  cost: minor.nullable().meta({ description: 'minutes × minute_cost' }), expected_value: minor.meta({ description: 'gain − cost' }),
  in_minutes: z.number().nullable().meta({ description: 'expected_value / minute_cost: what the list is ordered by (null: after the rest)' }),
}).meta({ id: 'ValueOfActing' });
const settingsSchema = z.object({ lift: z.record(z.string(), z.number()), minutes: z.record(z.string(), z.number()), minute_cost: z.record(z.string(), z.number().int()) })
  .meta({ id: 'PrioritySettings' });

export const workItemSchema = taskSchema.extend({
  case_id: z.string().nullable().meta({ description: 'null: an org-level task (no customer, no case)' }), customer_id: z.string().nullable(),
  rank: z.number().int(), score: z.number().int().meta({ description: '0-100: the expected value of acting against the best on the list; 0 when acting is not expected to pay' }),
  basis: z.enum(['score', 'balance_and_days']).meta({ description: 'score: the latest risk score; balance_and_days: no score yet' }),
  waiting: z.boolean().meta({ description: 'a callback whose time has not come; listed last, by its time' }),
  reason: z.string().meta({ description: 'why the task is there and in this place, in words' }),
  case_status: z.enum(['open', 'closed']).nullable(), stop_code: z.string().nullable(), paused_until: z.string().nullable(), escalated: z.boolean(),
  country: z.string().nullable(), timezone: z.string().nullable(), phone: z.string().nullable(),
  overdue: z.array(z.object({ currency: z.string(), amount: minor, invoices: z.number().int(), oldest_due: z.string() })),
  currency: z.string().nullable(), overdue_amount: minor, days_past_due: z.number().int(),
  amount_position: z.number().int().meta({ description: '1 for the largest past-due balance in its currency on this list; 0 with none' }),
  amount_of: z.number().int(), probability_late: z.number().nullable(), expected_recovery: minor.nullable(), risk_reason: z.string().nullable(),
  action: z.enum(ACTIONS).meta({ description: 'what the task stands for: its kind, or a callback, promise follow-up, dispute review or hand-over' }),
  expected_value: minor.meta({ description: 'of acting, in value_of_acting.currency' }), value_of_acting: valueSchema,
}).meta({ id: 'WorkItem' });

const worklistSchema = z.object({
  date: z.string(), scope: z.enum([...SCOPES, 'assignee']), assignee: z.string().nullable(),
  scored_as_of: z.string().nullable().meta({ description: 'the day of the latest risk scores; null: the org has none, so days past due stand in' }),
  data: z.array(workItemSchema),
}).meta({ id: 'Worklist' });

/** The signed-in person's user id; an API key has none. */
export function userOf(req: FastifyRequest): string | null {
  return sessionOf(req)?.user.id ?? null;
}

export const worklistRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tasks'];
  app.get('/v1/worklist', {
    schema: { tags, summary: 'A day\'s open tasks in working order, each with the reason it is there',
      description: 'Tasks due on or before `date` (today in the org\'s time zone by default) of open cases, and the org\'s own open tasks (no customer, no case: a gateway dispute on a payment cobro does not know; `case_id`, `customer_id` and the case fields null, nothing owed; `level=org` lists only these, `level=customer` none of them). A collector sees the tasks assigned to them; '
        + 'managers and admins see theirs and the unassigned ones by default, or any `scope` or `assignee`. The order: the expected value of acting, '
        + 'balance × lift × (1 − recovery without action) − minutes × a minute\'s cost, in collector minutes so currencies compare (recovery without '
        + 'action from the latest score, or by days past due when there is none, and the reason says so); then priority; callbacks whose time has '
        + 'not come go last, by their time. The reason and `value_of_acting` give the parts.',
      querystring: z.object({ date: dateSchema.optional(), scope: z.enum(SCOPES).optional(), assignee: z.string().optional().meta({ description: 'a user id (managers)' }),
        kind: z.enum(TASK_KINDS).optional(), level: z.enum(['org', 'customer']).optional().meta({ description: 'org: only the org-level tasks; customer: only the tasks of cases' }),
        limit: z.coerce.number().int().min(1).max(2000).optional() }),
      response: { 200: worklistSchema, ...errorResponses } },
  }, async (req, reply) => {
    const org = orgOf(req);
    const date = req.query.date ?? dateInZone(deps.now(), (await getOrg(deps.db, org))?.default_timezone ?? 'UTC');
    const { scope, assignee, kind, level, limit } = req.query;
    return sendResult(reply, await worklist(deps.db, org, { role: req.auth!.role, userId: userOf(req) }, {
      date, ...(scope ? { scope } : {}), ...(assignee ? { assignee } : {}), ...(kind ? { kind } : {}), ...(level ? { level } : {}), ...(limit ? { limit } : {}) }, deps.now()));
  });

  app.get('/v1/worklist/settings', {
    schema: { tags, summary: 'What orders the worklist: each action\'s lift factor and minutes, a collector\'s minute cost per currency (minor units)',
      response: { 200: settingsSchema, ...errorResponses } },
  }, async (req) => getPrioritySettings(deps.db, orgOf(req)));

  app.put('/v1/worklist/settings', {
    schema: { tags, summary: 'Change lift factors (0..1), minutes or minute costs; only what is named changes, `reset` starts from the defaults',
      body: PrioritySettingsPatch.extend({ reset: z.boolean().optional() }), response: { 200: settingsSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const { reset, ...patch } = req.body;
    return sendResult(reply, await inTransaction(deps.db, (tx) => setPrioritySettings(tx, orgOf(req), actorOf(req), patch, deps.now(), reset ?? false)));
  });

  await app.register(learnedRoutes(deps, settingsSchema));

  app.post('/v1/tasks', {
    schema: { tags, summary: 'Add a task to an open case: a callback (a call at an instant) or a task for a day',
      description: 'Assigned to the signed-in person unless `assigned_to` names another user (or null: unassigned). A callback is due on its instant\'s day in the org\'s time zone and waits at the end of the worklist until its time.',
      body: z.object({ case_id: z.string().min(1), kind: z.enum(TASK_KINDS).default('call'), priority: z.enum(TASK_PRIORITIES).default('normal'),
        note: z.string().max(2000).optional(), due_at: z.iso.datetime({ offset: true }).optional(), due_date: dateSchema.optional(),
        assigned_to: z.string().nullable().optional() }),
      response: { 201: taskSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    return sendResult(reply, await inTransaction(deps.db, (tx) => addTask(tx, orgOf(req), actorOf(req), userOf(req), {
      caseId: b.case_id, kind: b.kind, priority: b.priority, ...(b.note ? { note: b.note } : {}), ...(b.due_at ? { dueAt: new Date(b.due_at) } : {}),
      ...(b.due_date ? { dueDate: b.due_date } : {}), ...(b.assigned_to !== undefined ? { assignedTo: b.assigned_to } : {}) }, deps.now())), 201);
  });

  app.post('/v1/tasks/:id/assign', {
    schema: { tags, summary: 'Give an open task to a user, or back to the unassigned (user_id null)', params: idParams,
      body: z.object({ user_id: z.string().min(1).nullable() }), response: { 200: taskSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => handOver(tx, orgOf(req), actorOf(req), req.params.id, req.body.user_id, deps.now()))));
};
