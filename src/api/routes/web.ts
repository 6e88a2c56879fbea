// The collectors' workspace: the built React app in web/dist at `/`, with every non-API path answered by its index.html.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorBody } from '../errors.ts';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');
const API_PREFIXES = ['/v1/', '/v1', '/docs', '/openapi.json', '/health', '/ready', '/portal/api'];
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>cobro</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The cobro workspace is not built yet</h1>
<p>Run <code>npm run build:web</code> (or start with <code>npm start</code>, which builds it first), then reload this page.</p>
<p>The API works meanwhile: <a href="/docs">/docs</a>.</p></body>`;

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

export function webRoutes(dist = WEB_DIST) {
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root: dist, serve: false });
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
      if (API_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
        return reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` }));
      }
      reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('cache-control', 'no-cache');
      if (!existsSync(join(dist, 'index.html'))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      const file = normalize(path).replace(/^[/\\]+/, '');
      if (file && !file.startsWith('..') && !file.includes(`${sep}..`) && isFile(join(dist, file))) return reply.sendFile(file);
      // any other path is a page of the app: the app's router reads it
      return reply.header('content-security-policy', CSP).type('text/html; charset=utf-8').sendFile('index.html');
    };
    const config = { public: true };
    app.get('/', { config, schema: { hide: true } }, handler);
    app.get('/*', { config, schema: { hide: true } }, handler);
  };
}
