// GET /metrics in Prometheus's text format. On the API's port it answers only with COBRO_METRICS_TOKEN as a bearer token; on
// the ops port (COBRO_OPS_PORT, not to be exposed publicly) it answers anyone unless that token is set, then it asks it too.
import type { FastifyInstance } from 'fastify';
import { asSystem, type Queryable } from '../../db/index.ts';
import { CONTENT_TYPE, metricsScraper, metricsTokenMatches, type MetricsOptions } from '../../ops/index.ts';
import { errorBody } from '../errors.ts';

export interface MetricsRouteOptions extends MetricsOptions {
  db: Queryable;
  now: () => Date;
  token?: string;
  /** True on the ops listener: without a token configured, /metrics is open there. */
  openWithoutToken?: boolean;
}

export function metricsRoutes(o: MetricsRouteOptions) {
  const scrape = metricsScraper(o.db, o);
  return async (app: FastifyInstance) => {
    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      if (!o.token && !o.openWithoutToken) {
        return reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'metrics are served on the ops port (COBRO_OPS_PORT), or here with COBRO_METRICS_TOKEN set' }));
      }
      if (o.token && !metricsTokenMatches(req.headers.authorization, o.token)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody({ code: 'UNAUTHORIZED', message: 'send the metrics token as "Authorization: Bearer <COBRO_METRICS_TOKEN>"' }));
      }
      return reply.header('cache-control', 'no-store').type(CONTENT_TYPE).send(await asSystem('metrics count every org\'s work', () => scrape(o.now())));
    });
  };
}
