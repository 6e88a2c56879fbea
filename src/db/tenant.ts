// The org a piece of work acts for, carried through its async calls, so PostgreSQL's row-level security can hold it to that org.
import { AsyncLocalStorage } from 'node:async_hooks';

/** One org's unit of work (a request, a job): the connections it holds, released when it ends. */
export interface OrgScope {
  readonly orgId: string;
  /** Set when the work has ended; queries still arriving (a stream after the handler returned) take a connection each. */
  closed: boolean;
  /** Per database, what the scope holds there; released at the end (release never throws). */
  readonly held: Map<object, { release(): Promise<void> }>;
}

const scopes = new AsyncLocalStorage<OrgScope>();

// org ids go into SET statements as literals (one round trip instead of two), so they must be plain words
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs fn for one org: on a PostgreSQL database opened with row-level security, its queries see that org's rows only. */
export async function withOrg<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  if (!ORG_ID.test(orgId)) throw new Error(`org id ${JSON.stringify(orgId)} is not a plain id`);
  const scope: OrgScope = { orgId, closed: false, held: new Map() };
  try {
    return await scopes.run(scope, fn);
  } finally {
    scope.closed = true;
    // the answer need not wait for the reset: a held connection goes back to the pool only once it is reset (or closed)
    for (const h of scope.held.values()) void h.release();
    scope.held.clear();
  }
}

/** The org the current work acts for, if it runs inside withOrg. */
export function currentOrgScope(): OrgScope | undefined {
  return scopes.getStore();
}

/** Runs fn outside any org's scope (cross-org maintenance inside a request, such as the key lookup). */
export function withoutOrg<T>(fn: () => Promise<T>): Promise<T> {
  return scopes.exit(fn);
}
