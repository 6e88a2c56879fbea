// PostgreSQL's row-level security, the second wall: one org's work sees and writes that org's rows only, even through a
// query that forgets its org filter; work outside any org sees no org's rows; only asSystem sees them all. It needs PostgreSQL (PGlite runs as a superuser, whom no policy binds), so it
// opens DATABASE_URL, the database the rest of the PostgreSQL run uses (npm test runs it only when that is set).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { asSystem, openDb, withNoOrg, withOrg, type Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { createOrg, createApiKey } from '../src/orgs/index.ts';
import { buildServer } from '../src/api/index.ts';
import { bearer } from './support/api.ts';

const URL = loadConfig().databaseUrl;
if (!URL) throw new Error('test/pg-rls.test.ts runs on PostgreSQL: set DATABASE_URL (npm test leaves it out without one)');
const schema = `t_rls_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let db: Db;
let a: string;
let b: string;

async function addCustomer(q: { query: Db['query'] }, org: string, name: string) {
  await q.query('INSERT INTO customers (id, org_id, external_id, name) VALUES ($1, $2, $1, $3)', [`cus_${randomBytes(8).toString('hex')}`, org, name]);
}
const orgsOf = (rows: { org_id: string }[]) => [...new Set(rows.map((r) => r.org_id))].sort();
// the test's own set-up and checks look across orgs, as the owner
const owner = <T>(fn: () => Promise<T>) => asSystem('the test sets up and checks every org', fn);

before(async () => {
  // as cobro opens it on PostgreSQL by default (COBRO_PG_RLS unset): work outside any scope runs as no org
  db = await openDb({ databaseUrl: URL, schema, rls: loadConfig({ DATABASE_URL: URL }).pgRls });
  await owner(async () => {
    a = (await createOrg(db, { name: 'A' })).id;
    b = (await createOrg(db, { name: 'B' })).id;
    for (const [org, n] of [[a, 3], [b, 2]] as const) for (let i = 0; i < n; i++) await addCustomer(db, org, `${org}-${i}`);
  });
});
after(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('row-level security on PostgreSQL (COBRO_PG_RLS=on)', () => {
  it('is on by default on PostgreSQL, and COBRO_PG_RLS=off turns it off', () => {
    assert.equal(loadConfig({ DATABASE_URL: URL }).pgRls, true);
    assert.equal(loadConfig({ DATABASE_URL: URL, COBRO_PG_RLS: 'off' }).pgRls, false);
  });

  it('shows a query without org context no org\'s rows, in a transaction, through COPY and under withNoOrg alike', async () => {
    assert.deepEqual(await db.query('SELECT org_id FROM customers'), []);
    assert.deepEqual(await db.query('SELECT id FROM orgs'), []);
    assert.deepEqual(await db.transaction((tx) => tx.query('SELECT org_id FROM customers')), []);
    assert.deepEqual(await withNoOrg(() => db.query('SELECT org_id FROM customers')), []);
    const [who] = await db.query<{ who: string; org: string | null }>(`SELECT current_user AS who, current_setting('cobro.org_id', true) AS org`);
    assert.equal(who!.who, 'cobro_tenant');
    assert.ok(!who!.org);
    // nor may it write any org's row
    await assert.rejects(addCustomer(db, a, 'orphan'), /row-level security/);
    await assert.rejects(db.copyCsv('customers', ['id', 'org_id', 'external_id', 'name'], `cus_nobody,${a},cus_nobody,by copy\n`), /row-level security/);
    const updated = await db.query(`UPDATE customers SET name = 'taken' RETURNING id`);
    assert.equal(updated.length, 0);
  });

  it('shows a query without an org filter only the rows of the org whose work it runs in', async () => {
    const all = await owner(() => db.query<{ org_id: string }>('SELECT org_id FROM customers'));
    assert.deepEqual(orgsOf(all), [a, b].sort(), 'asSystem, the owner sees every org');
    const inner = await withOrg(a, () => owner(() => db.query<{ org_id: string }>('SELECT org_id FROM customers')));
    assert.deepEqual(orgsOf(inner), [a, b].sort(), 'asSystem inside an org\'s work is the owner too');
    const inA = await withOrg(a, () => db.query<{ org_id: string }>('SELECT org_id FROM customers'));
    assert.equal(inA.length, 3);
    assert.deepEqual(orgsOf(inA), [a]);
    const orgs = await withOrg(b, () => db.query<{ id: string }>('SELECT id FROM orgs'));
    assert.deepEqual(orgs.map((o) => o.id), [b]);
  });

  it('has a policy on every table that holds an org\'s rows, those of later migrations too', async () => {
    const open = await db.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
         AND NOT (c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))`);
    assert.deepEqual(open.map((r) => r.relname), [], 'tables with org_id but no row-level security policy');
  });

  it('refuses to write another org\'s row from one org\'s work, and leaves the other org\'s rows untouched', async () => {
    await assert.rejects(withOrg(a, () => addCustomer(db, b, 'smuggled')), /row-level security/);
    const updated = await withOrg(a, () => db.query(`UPDATE customers SET name = 'taken' WHERE org_id = $1 RETURNING id`, [b]));
    assert.equal(updated.length, 0);
    await withOrg(a, () => addCustomer(db, a, 'own'));
    const names = await owner(() => db.query<{ name: string; org_id: string }>('SELECT name, org_id FROM customers WHERE org_id = $1', [b]));
    assert.equal(names.length, 2);
    assert.ok(names.every((r) => r.name !== 'taken' && r.name !== 'smuggled'), JSON.stringify(names));
    await owner(() => db.query(`DELETE FROM customers WHERE name = 'own'`));
  });

  it('holds transactions, side-by-side queries, COPY and work after the scope ended to the same org', async () => {
    const seen = await withOrg(a, async () => {
      const out: string[][] = [];
      out.push(orgsOf(await db.transaction((tx) => tx.query<{ org_id: string }>('SELECT org_id FROM customers'))));
      // a plain query while the held connection is inside a transaction takes a connection of its own
      await db.transaction(async (tx) => {
        const [inTx, beside] = await Promise.all([tx.query<{ org_id: string }>('SELECT org_id FROM customers'),
          db.query<{ org_id: string }>('SELECT org_id FROM customers')]);
        out.push(orgsOf(inTx), orgsOf(beside));
      });
      await assert.rejects(db.copyCsv('customers', ['id', 'org_id', 'external_id', 'name'], `cus_copyb,${b},cus_copyb,by copy\n`), /row-level security/);
      await db.copyCsv('customers', ['id', 'org_id', 'external_id', 'name'], `cus_copya,${a},cus_copya,by copy\n`);
      return out;
    });
    assert.deepEqual(seen, [[a], [a], [a]]);
    const copied = await owner(() => db.query<{ id: string }>(`SELECT id FROM customers WHERE name = 'by copy'`));
    assert.deepEqual(copied.map((r) => r.id), ['cus_copya']);
    await owner(() => db.query(`DELETE FROM customers WHERE name = 'by copy'`));
    let later: Promise<{ org_id: string }[]> | undefined;
    await withOrg(a, async () => { later = new Promise((resolve) => setTimeout(() => resolve(db.query('SELECT org_id FROM customers')), 20)); });
    assert.deepEqual(orgsOf(await later!), [a]);
  });

  it('resets each connection before the pool hands it on, after a failed query too', async () => {
    await assert.rejects(withOrg(a, async () => {
      await db.query('SELECT 1 FROM customers');
      await db.query('SELECT no_such_column FROM customers');
    }), /no_such_column/);
    await assert.rejects(withOrg(a, async () => { await db.query('SELECT 1'); throw new Error('handler failed'); }), /handler failed/);
    const inB = await withOrg(b, () => db.query<{ org_id: string }>('SELECT org_id FROM customers'));
    assert.deepEqual(orgsOf(inB), [b]);
    // more queries at once than the pool has connections: every connection answers asSystem as the owner, with no org set
    const states = await owner(() => Promise.all(Array.from({ length: 24 }, () =>
      db.query<{ who: string; org: string | null }>(`SELECT current_user AS who, current_setting('cobro.org_id', true) AS org, pg_sleep(0.05)`))));
    for (const [s] of states) {
      assert.notEqual(s!.who, 'cobro_tenant');
      assert.ok(!s!.org, `a connection still carries org ${s!.org}`);
    }
  });
});

describe('the API with row-level security', () => {
  let app: FastifyInstance;
  let keyA: string;
  let keyB: string;
  before(async () => {
    app = await buildServer({ db, now: () => new Date('2026-03-15T12:00:00Z') });
    // a route that forgets its org filter, as a bug would: the policy still keeps each key to its org
    app.get('/v1/test-forgetful', async () => ({ data: await db.query<{ org_id: string }>('SELECT org_id FROM customers') }));
    app.post('/webhooks/test-forgetful/:org_id', { config: { public: true } },
      async () => ({ data: await db.query<{ org_id: string }>('SELECT org_id FROM customers') }));
    app.get('/test-public-forgetful', { config: { public: true } }, async () => ({ data: await db.query<{ org_id: string }>('SELECT org_id FROM customers') }));
    keyA = (await owner(() => createApiKey(db, a, 'admin'))).secret;
    keyB = (await owner(() => createApiKey(db, b, 'viewer'))).secret;
  });
  after(async () => { await app.close(); });

  it('keeps a route without an org filter to the key\'s org, request after request', async () => {
    for (const [key, org] of [[keyA, a], [keyB, b], [keyA, a], [keyB, b]] as const) {
      const res = await app.inject({ url: '/v1/test-forgetful', headers: bearer(key) });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(orgsOf(res.json().data), [org]);
    }
  });

  it('shows a route that acts for no org (no key, no org in its address) no org\'s rows', async () => {
    const res = await app.inject({ url: '/test-public-forgetful' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().data, []);
  });

  it('keeps a provider webhook to the org in its address', async () => {
    for (const org of [a, b]) {
      const res = await app.inject({ method: 'POST', url: `/webhooks/test-forgetful/${org}`, payload: {} });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(orgsOf(res.json().data), [org]);
    }
    const nobody = await app.inject({ method: 'POST', url: '/webhooks/test-forgetful/not%20an%20id', payload: {} });
    assert.equal(nobody.statusCode, 200, nobody.body);
    assert.deepEqual(nobody.json().data, [], 'an address that names no org sees no org\'s rows');
  });

  it('serves the ordinary routes: create and list customers', async () => {
    const made = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(keyA), payload: { name: 'Through the API' } });
    assert.equal(made.statusCode, 201, made.body);
    const listed = await app.inject({ url: '/v1/customers?limit=100', headers: bearer(keyA) });
    assert.equal(listed.statusCode, 200, listed.body);
    const names = (listed.json().data as { name: string }[]).map((c) => c.name);
    assert.ok(names.includes('Through the API'));
    const fromB = await app.inject({ url: `/v1/customers/${made.json().id}`, headers: bearer(keyB) });
    assert.equal(fromB.statusCode, 404);
  });
});
