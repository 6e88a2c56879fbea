// Runs a business command in one transaction, rolling back when it returns a failure (expected failures are values).
import type { Db, Queryable } from './types.ts';
import { FailureError, type Result } from '../domain/result.ts';

export async function inTransaction<T>(db: Db, fn: (tx: Queryable) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const r = await fn(tx);
      if (!r.ok) throw new FailureError(r.error);
      return r;
    });
  } catch (e) {
    if (e instanceof FailureError) return { ok: false, error: e.failure };
    throw e;
  }
}

/** Runs fn in a transaction of its own, or in the caller's when given one (a transaction's handle has no `transaction`). */
export function inTx<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in q && typeof (q as Db).transaction === 'function' ? (q as Db).transaction(fn) : fn(q);
}
