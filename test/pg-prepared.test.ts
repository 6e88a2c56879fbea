// Prepared statements on PostgreSQL (src/db/prepared.ts) under row-level security: a statement prepared on a connection
// while it works for one org, and run past PostgreSQL's switch to a generic plan, still sees only the rows of the org
// the connection works for at each run (another org, no org, the owner).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { asSystem, openDb, preparedName, withOrg, type Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { createOrg } from '../src/orgs/index.ts';

const URL = loadConfig().databaseUrl;
if (!URL) throw new Error('test/pg-prepared.test.ts runs on PostgreSQL: set DATABASE_URL');
const schema = `t_prep_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let db: Db;
let a: string;
let b: string;
const owner = <T>(fn: () => Promise<T>) => asSystem('the test sets up and checks every org', fn);

const SQL = 'SELECT org_id, pg_backend_pid() AS pid FROM customers WHERE name LIKE $1';
const NAME = preparedName(SQL);
type Row = { org_id: string; pid: number };

before(async () => {
  db = await openDb({ databaseUrl: URL, schema, rls: true });
  await owner(async () => {
    a = (await createOrg(db, { name: 'A' })).id;
    b = (await createOrg(db, { name: 'B' })).id;
    for (const [org, n] of [[a, 3], [b, 2]] as const) {
      for (let i = 0; i < n; i++) {
        await db.query('INSERT INTO customers (id, org_id, external_id, name) VALUES ($1, $2, $1, $3)', [`cus_${randomBytes(8).toString('hex')}`, org, `c-${i}`]);
      }
    }
  });
});
after(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

/** Runs the named statement n times on the scope's connection; its rows' orgs and pids, and the statement's plans so far. */
async function runs(n: number): Promise<{ orgs: string[]; pids: number[]; generic: number }> {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push(...await db.query<Row>(SQL, ['c-%'], NAME));
  const [p] = await db.query<{ generic: number }>('SELECT generic_plans AS generic FROM pg_prepared_statements WHERE name = $1', [NAME]);
  return { orgs: [...new Set(rows.map((r) => r.org_id))], pids: [...new Set(rows.map((r) => r.pid))], generic: p?.generic ?? -1 };
}

describe('prepared statements under row-level security', () => {
  it('are prepared once per connection and checked against the org the connection works for at each run', async () => {
    const inA = await withOrg(a, () => runs(8));
    assert.deepEqual(inA.orgs, [a]);
    assert.equal(inA.pids.length, 1);
    assert.ok(inA.generic > 0, `the statement is prepared and has gone generic (generic plans ${inA.generic})`);
    // the same connection, back from the pool (its reset ends after the scope does), now for org B: the plan prepared for
    // A does not show A's rows; every run on any connection shows B's alone
    let inB = { orgs: [] as string[], pids: [] as number[], generic: -1 };
    for (let tries = 0; tries < 20 && inB.pids[0] !== inA.pids[0]; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      inB = await withOrg(b, () => runs(8));
      assert.deepEqual(inB.orgs, [b]);
    }
    assert.deepEqual(inB.pids, inA.pids, 'the pool handed back the connection the statement was prepared on');
    assert.ok(inB.generic > inA.generic);
    const noOrg = await runs(3);
    assert.deepEqual(noOrg.orgs, [], 'work outside any org sees no org\'s rows');
    const all = await owner(() => runs(3));
    assert.deepEqual(all.orgs.sort(), [a, b].sort(), 'the owner sees every org');
  });
});
