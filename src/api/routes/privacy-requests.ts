// Data-subject requests through the API: recorded with their statutory due date, listed overdue first, extended, refused, fulfilled.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  REQUEST_KINDS, REQUEST_STATUSES, extendDataRequest, fulfilDataRequest, getDataRequest, listDataRequests, recordDataRequest, refuseDataRequest,
} from '../../compliance/index.ts';
import { dateSchema } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { customerPatchSchema, idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';

const day = z.string().nullable();
const dataSubjectRequestSchema = z.object({
  id: z.string(), customer_id: z.string(), kind: z.enum(REQUEST_KINDS), status: z.enum(REQUEST_STATUSES),
  rule: z.string().meta({ description: 'GDPR, LGPD, CCPA, LFPDPPP (Mexico), LEY_1581 (Colombia), LEY_25326 (Argentina), LEY_29733 (Peru), '
    + 'LEY_19628 or LEY_21719 (Chile, by the day received), or COBRO where no statute is configured for the debtor\'s country' }),
  law: z.string().meta({ description: 'the article that sets this kind of request\'s period' }),
  received_at: z.string(), received_on: z.string(), due_on: z.string(), extended_to: day, extension_reason: z.string().nullable(), extension_told_on: day,
  answer_by: z.string().meta({ description: 'the due date in force: extended_to when extended, else due_on' }), overdue: z.boolean(),
  requester: z.string().nullable(), identity_check: z.string().nullable(), refusal_reason: z.string().nullable(),
  outcome: z.unknown().meta({ description: 'what fulfilled it: the export\'s hash and row counts, the erasure\'s counts, the fields rectified' }),
  actor: z.string(), created_at: z.string(), completed_at: z.string().nullable(),
  extension_limit: day.meta({ description: 'while the request is open, the latest date its law lets an extension reach when the person is told by due_on '
    + '(weekends and the holidays cobro keeps moved past, as the extension counts them); null when it is not open or its law allows none' }),
}).meta({ id: 'DataSubjectRequest' });

const text = (max: number) => z.string().trim().min(1).max(max);
const newRequest = z.object({
  customer_id: text(200), kind: z.enum(REQUEST_KINDS),
  requester: text(500).meta({ description: 'who asked: the person, or who acts for them' }),
  identity_check: text(2000).meta({ description: 'how the requester\'s identity was verified' }),
  received_at: z.iso.datetime({ offset: true }).optional().meta({ description: 'when the request came in; now by default' }),
});
const extension = z.object({
  reason: text(2000), until: dateSchema.optional().meta({ description: 'the new due date; the law\'s limit by default' }),
  told_on: dateSchema.optional().meta({ description: 'the day the person was told of the extension; today by default' }),
});

export const privacyRequestRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['data rights'];
  const write = { roles: ['admin' as const] };
  const read = { roles: ['admin' as const, 'manager' as const] };
  const one = { 200: dataSubjectRequestSchema, ...errorResponses };

  app.post('/v1/privacy/requests', { schema: { tags, summary: 'Record a data-subject request (access, erasure, rectification); due by the debtor\'s country rule',
    body: newRequest, response: { 201: dataSubjectRequestSchema, ...errorResponses } }, config: write }, async (req, reply) => {
    const { received_at, ...rest } = req.body;
    const input = { ...rest, received_at: received_at === undefined ? undefined : new Date(received_at) };
    return sendResult(reply, await inTransaction(deps.db, (tx) => recordDataRequest(tx, orgOf(req), actorOf(req), input, deps.now())), 201);
  });
  app.get('/v1/privacy/requests', { schema: { tags, summary: 'The org\'s data-subject requests, overdue first, then the rest to answer by due date',
    querystring: z.object({ status: z.enum(REQUEST_STATUSES).optional(), kind: z.enum(REQUEST_KINDS).optional(), customer_id: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    response: { 200: z.object({ data: z.array(dataSubjectRequestSchema) }), ...errorResponses } }, config: read },
  async (req) => ({ data: await listDataRequests(deps.db, orgOf(req), req.query, deps.now()) }));
  app.get('/v1/privacy/requests/:id', { schema: { tags, summary: 'One data-subject request', params: idParams, response: one }, config: read },
    async (req, reply) => sendResult(reply, await getDataRequest(deps.db, orgOf(req), req.params.id, deps.now())));
  app.post('/v1/privacy/requests/:id/extension', { schema: { tags,
    summary: 'Extend a request once, within its law and told to the person within the first period (GDPR two more months, CCPA 45 more days, '
      + 'Colombia 5 or 8 more business days, Mexico and Peru an equal period, Chile from 2026-12-01 30 more days; none under the LGPD, in Argentina or under Ley 19.628)',
    params: idParams, body: extension, response: one }, config: write },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => extendDataRequest(tx, orgOf(req), actorOf(req), req.params.id, req.body, deps.now()))));
  app.post('/v1/privacy/requests/:id/refusal', { schema: { tags, summary: 'Refuse a request, with the reason the person is given',
    params: idParams, body: z.object({ reason: text(2000) }), response: one }, config: write },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => refuseDataRequest(tx, orgOf(req), actorOf(req), req.params.id, req.body.reason, deps.now()))));
  app.post('/v1/privacy/requests/:id/fulfilment', { schema: { tags,
    summary: 'Fulfil a request by doing it: the export (returned) for access, the erasure (restricted while a debt is open), the corrected fields for a rectification',
    params: idParams, body: z.object({ changes: customerPatchSchema.optional() }),
    response: { 200: z.object({ request: dataSubjectRequestSchema, export: z.object({}).loose().optional(), erasure: z.object({}).loose().optional() }),
      ...errorResponses } }, config: write },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => fulfilDataRequest(tx, orgOf(req), actorOf(req), req.params.id, req.body.changes, deps.now()))));
};
