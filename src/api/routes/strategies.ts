// /v1/strategies and /v1/segments: versioned dunning strategies and the ordered rules that pick one per customer.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activateStrategy, createStrategyVersion, eventStepOverlaps, getStrategy, listSegments, listStrategies, replaceSegments } from '../../strategy/index.ts';
import { checkStrategyTemplates } from '../../org-templates/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { newStrategySchema, savedStrategySchema, segmentSchema, strategySchema } from '../engineSchemas.ts';
import { inTransaction } from '../tx.ts';

const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };

export const strategyRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['strategies'];
  app.get('/v1/strategies', {
    schema: { tags, summary: 'List strategies, every version', querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ data: z.array(strategySchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listStrategies(deps.db, orgOf(req), { activeOnly: req.query.active === 'true' }) }));

  app.get('/v1/strategies/:id', {
    schema: { tags, summary: 'Get a strategy: the active version, or the one asked', params: z.object({ id: z.string() }), querystring: versionQuery,
      response: { 200: strategySchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getStrategy(deps.db, orgOf(req), req.params.id, req.query.version)));

  app.post('/v1/strategies', {
    schema: { tags, summary: 'Save a new version of a strategy', description: 'The version number is the next one for the id. A new version is inactive unless `activate` is true (a new id is active at once). `warnings` names steps that run together on one event or wait behind another; they do not stop the save.',
      body: newStrategySchema, response: { 201: savedStrategySchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => {
    const { activate, ...input } = req.body;
    const r = await inTransaction(deps.db, (tx) => createStrategyVersion(tx, orgOf(req), input, { activate, check: checkStrategyTemplates }));
    return r.ok ? reply.code(201).send({ ...r.value, warnings: eventStepOverlaps(r.value.definition.steps) }) : sendResult(reply, r);
  });

  app.post('/v1/strategies/:id/versions/:version/activate', {
    schema: { tags, summary: 'Make a version the active one', params: z.object({ id: z.string(), version: z.coerce.number().int().min(1) }),
      response: { 200: strategySchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => activateStrategy(tx, orgOf(req), req.params.id, req.params.version, checkStrategyTemplates))));

  app.get('/v1/segments', {
    schema: { tags: ['segments'], summary: 'The ordered segments', response: { 200: z.object({ data: z.array(segmentSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listSegments(deps.db, orgOf(req)) }));

  app.put('/v1/segments', {
    schema: { tags: ['segments'], summary: 'Replace the ordered segments', description: 'The first segment whose rule holds puts the customer in its strategy; end with a rule that catches everyone.',
      body: z.object({ data: z.array(segmentSchema).min(1) }), response: { 200: z.object({ data: z.array(segmentSchema) }), ...errorResponses } },
    config: managers,
  }, async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => replaceSegments(tx, orgOf(req), req.body.data));
    return r.ok ? reply.send({ data: r.value }) : sendResult(reply, r);
  });
};
