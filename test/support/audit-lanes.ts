// Helpers for tests of the audit log's lanes: an entry, the entries per lane, and a transaction that holds its lane open.
import type { Db, Queryable } from '../../src/db/index.ts';
import { recordAudit } from '../../src/audit/index.ts';

export const noteIn = (q: Queryable, org: string, i: number) => recordAudit(q, { orgId: org, actor: 't', action: 'note', entity: 'org', entityId: org, data: { i } });

/** [lane, entries] of an org, by lane. */
export const lanesIn = async (db: Db, org: string) => (await db.query<{ lane: number; n: number }>(
  'SELECT lane, count(*)::int AS n FROM audit_log WHERE org_id = $1 GROUP BY lane ORDER BY lane', [org])).map((r) => [Number(r.lane), r.n]);

/** A transaction that appends n entries, then stays open (holding its lane) until released. */
export async function holdLane(db: Db, org: string, n: number) {
  let release = () => {};
  const held = new Promise<void>((r) => { release = r; });
  let appended = () => {};
  const ready = new Promise<void>((r) => { appended = r; });
  const done = db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await noteIn(tx, org, i);
    appended();
    await held;
  });
  await Promise.race([ready, done]);
  return { release, done };
}
