// The debtor portal's page: /p/{token} answers the portal's own small HTML (web/dist/portal), whose script and styles are
// sent gzip- or brotli-compressed when the browser takes it. The page reads its token from the address and asks /portal/api.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WEB_DIST } from './web.ts';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const ASSETS = new Set(['portal.js', 'portal.css']);

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Portal</title>
<p style="font-family:system-ui;margin:2rem">This page is not available right now. Please try again later.</p>`;

export function portalPageRoutes(dist = WEB_DIST) {
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root: join(dist, 'portal'), serve: false, preCompressed: true });
    const config = { public: true };
    app.get('/p/:token', { config, schema: { hide: true } }, async (_req, reply) => {
      // the address holds the token: no referrer leaves the page (not even to the payment page), and nothing is cached
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow')
        .header('x-content-type-options', 'nosniff');
      if (!existsSync(join(dist, 'portal', 'index.html'))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      return reply.header('content-security-policy', CSP).type('text/html; charset=utf-8').sendFile('index.html');
    });
    app.get<{ Params: { file: string } }>('/portal/:file', { config, schema: { hide: true } }, async (req, reply) => {
      if (!ASSETS.has(req.params.file)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').sendFile(req.params.file);
    });
  };
}
