// The org a piece of work acts for, carried through its async calls, so PostgreSQL's row-level security can hold it to that org.
import { AsyncLocalStorage } from 'node:async_hooks';

/** One org's unit of work (a request, a job): the connections it holds, released when it ends. */
export interface OrgScope {
  /** The org; '' is work for no org (it sees no org's rows). */
  readonly orgId: string;
  /** Set when the work has ended; queries still arriving (a stream after the handler returned) take a connection each. */
  closed: boolean;
  /** Per database, what the scope holds there; released at the end (release never throws). */
  readonly held: Map<object, { release(): Promise<void> }>;
}

/** Work that legitimately crosses orgs (migrations, the worker's claims, a key or link lookup): it runs as the tables' owner. */
export interface SystemScope {
  readonly system: string;
}

const scopes = new AsyncLocalStorage<OrgScope | SystemScope>();

// org ids go into SET statements as literals (one round trip instead of two), so they must be plain words
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

async function runScope<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
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

/** Runs fn for one org: on a PostgreSQL database opened with row-level security, its queries see that org's rows only. */
export async function withOrg<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  if (!ORG_ID.test(orgId)) throw new Error(`org id ${JSON.stringify(orgId)} is not a plain id`);
  return runScope(orgId, fn);
}

/** Runs fn as work for no org (a request before its org is known): with row-level security it sees no org's rows. */
export function withNoOrg<T>(fn: () => Promise<T>): Promise<T> {
  return runScope('', fn);
}

/**
 * The one way past row-level security: fn runs as the tables' owner, seeing every org. Only for work that legitimately
 * crosses orgs or runs before the org is known; `reason` says which (it names the path when grepping for asSystem).
 */
export function asSystem<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  if (!reason.trim()) throw new Error('asSystem needs a reason');
  return scopes.run({ system: reason }, fn);
}

/** The scope the current work runs in: one org's (or no org's), the owner's (asSystem), or none. */
export function currentScope(): OrgScope | SystemScope | undefined {
  return scopes.getStore();
}
