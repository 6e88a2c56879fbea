// The ops listener: /health, /ready and /metrics on a port of their own (COBRO_OPS_PORT), the only HTTP a worker serves.
// Not meant to face the internet: /metrics is open here unless COBRO_METRICS_TOKEN is set.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Db } from '../db/index.ts';
import type { ProcessRole } from '../ops/index.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { errorBody } from './errors.ts';

export interface OpsServerOptions {
  db: Db;
  now: () => Date;
  role: ProcessRole;
  metricsToken?: string;
  logger?: FastifyBaseLogger;
  /** False once the process is stopping: /ready answers 503 so nothing new is routed to it. */
  accepting?: () => boolean;
  messagesCacheMs?: number;
}

export async function buildOpsServer(o: OpsServerOptions): Promise<FastifyInstance> {
  // a scraper's keep-alive connection must not hold the stop: they are all closed at once (nothing here is slow)
  const app = Fastify({ ...(o.logger ? { loggerInstance: o.logger } : {}), logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url} on the ops port` })));
  app.get('/health', async () => ({ status: 'ok', role: o.role }));
  app.get('/ready', async (_req, reply) => {
    if (o.accepting && !o.accepting()) return reply.code(503).send({ status: 'stopping', database: o.db.kind });
    try {
      await o.db.query('SELECT 1');
      return { status: 'ready', database: o.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: o.db.kind });
    }
  });
  await app.register(metricsRoutes({ db: o.db, now: o.now, role: o.role, openWithoutToken: true,
    ...(o.metricsToken ? { token: o.metricsToken } : {}), ...(o.messagesCacheMs !== undefined ? { messagesCacheMs: o.messagesCacheMs } : {}) }));
  return app;
}
