// The HTTP API.
export { buildServer } from './server.ts';
export type { ApiDeps } from './context.ts';
