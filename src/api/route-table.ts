// Every route the server registers, with its method, path and config (public, roles), so a test can walk them all.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../orgs/index.ts';

export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  roles: Role[] | undefined;
  /** The route's own body limit in bytes, when it sets one (otherwise the server's applies). */
  bodyLimit: number | undefined;
}

const tables = new WeakMap<object, RouteEntry[]>();

/** Records each route as it is declared; call before any route is registered. */
export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { public?: boolean; roles?: Role[] };
    for (const method of methods) table.push({ method, url: route.url, public: Boolean(config.public), roles: config.roles, bodyLimit: route.bodyLimit });
  });
}

/** The routes of a server built by buildServer, HEAD twins included. */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return [...(tables.get(app) ?? [])];
}
