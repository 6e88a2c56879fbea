// The HTTP API.
export { buildServer } from './server.ts';
export type { ApiDeps } from './context.ts';
export { routeTable, type RouteEntry } from './route-table.ts';
