// /health (the process is up) and /ready (the database answers).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../context.ts';

export const healthRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const config = { public: true };
  app.get('/health', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } }, config },
    async () => ({ status: 'ok' as const }));
  app.get('/ready', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ready'), database: z.string() }),
    503: z.object({ status: z.literal('unavailable'), database: z.string() }) } }, config },
  async (_req, reply) => {
    try {
      await deps.db.query('SELECT 1');
      return { status: 'ready' as const, database: deps.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable' as const, database: deps.db.kind });
    }
  });
};
