// What people do on a case through the API: log a call with its outcome, write a note, pause, resume, escalate, move it to
// another strategy, and ask for a one-off message (queued for the dispatcher, which sends it only if the gate allows).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addCaseNote, changeCaseStrategy, pauseCase, requestMessage, resumeCase } from '../../engine/index.ts';
import { channelsOf, packFor, templateIds, templateTags } from '../../messaging/index.ts';
import { checkOneOffTemplate } from '../../org-templates/index.ts';
import { ToneSchema } from '../../strategy/index.ts';
import { CALL_OUTCOMES, escalate, logCall, type LoggedCall } from '../../tasks/index.ts';
import { currencySchema, dateSchema } from '../../ledger/index.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { Queryable } from '../../db/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { caseSchema } from '../engineSchemas.ts';
import { confirmationSchema, promiseSchema } from './arrangement-schemas.ts';
import { confirmStaffArrangement, type Confirmation } from '../../portal/index.ts';
import { inTransaction } from '../tx.ts';

const channel = z.enum(['email', 'sms', 'whatsapp', 'voice']);
const note = z.string().trim().min(1).max(2000);

const callBody = z.object({
  outcome: z.enum(CALL_OUTCOMES).meta({ description: 'right_party, promise, refused, wrong_number or no_answer' }),
  task_id: z.string().optional().meta({ description: 'the task the call worked; it stays open until completed' }),
  note: note.optional(), phone: z.string().max(40).optional().meta({ description: 'the number dialled; the customer\'s phone by default' }),
  promise: z.object({ amount: z.number().int().positive(), currency: currencySchema, due_date: dateSchema }).optional()
    .meta({ description: 'with the promise outcome: recorded inside the negotiation limits, made by the collector on the phone' }),
  confirm: z.boolean().optional().meta({ description: 'with the promise outcome: confirm the promise to the debtor in writing, true or false; the org\'s setting (`GET /v1/confirmations/settings`, on by default) when absent' }),
});
const callSchema = z.object({
  event_id: z.string(), case_id: z.string(), customer_id: z.string(), outcome: z.enum(CALL_OUTCOMES),
  contact: z.enum(['failed', 'unanswered', 'delivered', 'conversation']).meta({ description: 'how the contact caps count it' }),
  task_id: z.string().nullable(), promise: promiseSchema.nullable(),
  confirmation: confirmationSchema.nullable().meta({ description: 'with a promise: its written confirmation to the debtor, queued or why not' }),
  suppressed: z.number().int().meta({ description: 'channels the number was taken off (a wrong number: voice and SMS)' }),
}).meta({ id: 'LoggedCall' });
const templateSchema = z.object({ id: z.string(), channels: z.array(channel), tags: z.array(z.string()) }).meta({ id: 'ShippedTemplate' });

export const caseWorkRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['cases'];
  const tx = <T>(fn: (q: Queryable) => Promise<Result<T>>) => inTransaction(deps.db, fn);

  app.post('/v1/cases/:id/calls', {
    schema: { tags, summary: 'Log a call and its outcome (a contact the compliance caps count)',
      description: 'The case by id or customer id. right_party, promise and refused count as a conversation, no_answer and wrong_number as a call placed; '
        + 'a wrong number is taken off the customer\'s voice and SMS channels. A promise outcome records the promise in the same transaction, '
        + 'or nothing is recorded and the error names the field (`promise.amount`, `promise.due_date`).',
      params: idParams, body: callBody, response: { 201: callSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const [org, actor, now] = [orgOf(req), actorOf(req), deps.now()];
    return sendResult(reply, await tx(async (q): Promise<Result<LoggedCall & { confirmation: Confirmation | null }>> => {
      const r = await logCall(q, org, actor, { caseId: req.params.id, outcome: b.outcome,
        ...(b.task_id ? { taskId: b.task_id } : {}), ...(b.note ? { note: b.note } : {}), ...(b.phone ? { phone: b.phone } : {}),
        ...(b.promise ? { promise: { amount: b.promise.amount, currency: b.promise.currency, dueDate: b.promise.due_date } } : {}) }, now);
      if (!r.ok || !r.value.promise) return r.ok ? ok({ ...r.value, confirmation: null }) : r;
      return ok({ ...r.value, confirmation: await confirmStaffArrangement(q, org, actor, { kind: 'promise', promise: r.value.promise }, { confirm: b.confirm }, now) });
    }), 201);
  });

  app.post('/v1/cases/:id/notes', {
    schema: { tags, summary: 'Write a note on the case\'s timeline', params: idParams, body: z.object({ note }),
      response: { 201: z.object({ id: z.string(), case_id: z.string() }), ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await tx((q) => addCaseNote(q, orgOf(req), actorOf(req), req.params.id, req.body.note, deps.now())), 201));

  app.post('/v1/cases/:id/pause', {
    schema: { tags, summary: 'Pause contact until an instant (at most 90 days): planned actions are cancelled, tasks stay',
      params: idParams, body: z.object({ until: z.union([z.iso.datetime({ offset: true }), dateSchema]).meta({ description: 'an instant, or a day (its start in UTC)' }),
        note: note.optional() }), response: { 200: caseSchema, ...errorResponses } },
  }, async (req, reply) => {
    const u = req.body.until;
    const until = new Date(u.length === 10 ? `${u}T00:00:00Z` : u);
    return sendResult(reply, await tx((q) => pauseCase(q, orgOf(req), actorOf(req), req.params.id, until, req.body.note ?? null, deps.now())));
  });

  app.post('/v1/cases/:id/resume', {
    schema: { tags, summary: 'Lift a pause or an escalation; the case is planned again now', params: idParams,
      body: z.object({}).default({}), response: { 200: caseSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await tx((q) => resumeCase(q, orgOf(req), actorOf(req), req.params.id, deps.now()))));

  app.post('/v1/cases/:id/escalate', {
    schema: { tags, summary: 'Hand the case over to people: no automatic contact, a high-priority review task for managers, `case.escalated` for integrators', params: idParams,
      body: z.object({ note: note.optional() }).default({}), response: { 200: caseSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await tx((q) => escalate(q, orgOf(req), actorOf(req), req.params.id, req.body.note ?? null, deps.now()))));

  app.post('/v1/cases/:id/strategy', {
    schema: { tags, summary: 'Put the case on the active version of another strategy (what the old one planned and has not sent is cancelled)',
      params: idParams, body: z.object({ strategy_id: z.string().min(1) }), response: { 200: caseSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await tx((q) => changeCaseStrategy(q, orgOf(req), actorOf(req), req.params.id, req.body.strategy_id, deps.now()))));

  app.post('/v1/cases/:id/messages', {
    schema: { tags, summary: 'Queue a one-off message from a shipped template or one of the org\'s own (id org-..., with a text on the channel for the tone or any tone); the dispatcher sends it only if the compliance gate allows',
      description: 'Nothing is sent by this call: an outbox action due today (in the customer\'s time zone) lists the customer\'s open undisputed invoices; '
        + 'the dispatcher renders it, asks the gate (hours, caps, consent, opt-outs, paid, dispute, promise) and sends, defers or blocks it. Its message shows in the timeline.',
      params: idParams, body: z.object({ channel, template: z.string().min(1), tone: ToneSchema.default('neutral') }),
      response: { 202: z.object({ action_id: z.string(), case_id: z.string(), scheduled_for: z.string() }), ...errorResponses } },
  }, async (req, reply) => {
    const { channel: ch, template, tone } = req.body;
    return sendResult(reply, await tx(async (q) => {
      const usable = await checkOneOffTemplate(q, orgOf(req), template, ch, tone);
      return usable.ok ? requestMessage(q, orgOf(req), actorOf(req), req.params.id, { channel: ch, template, tone }, deps.now()) : usable;
    }), 202);
  });

  app.get('/v1/templates', {
    schema: { tags: ['messages'], summary: 'The shipped templates, with the channels each has text for and its tags',
      response: { 200: z.object({ data: z.array(templateSchema) }), ...errorResponses } },
  }, async (_req, reply) => sendResult(reply, ok({ data: templateIds().map((id) => ({ id, channels: channelsOf(packFor('en'), id), tags: [...templateTags(id)] })) })));
};
