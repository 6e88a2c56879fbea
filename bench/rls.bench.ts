// What row-level security costs a request on PostgreSQL: the same API calls served with COBRO_PG_RLS off and on, in turns.
// Two orgs of --customers customers each; per round, a list, a read and a write per mode, --rounds rounds; the median and
// the mean per call for each mode and their difference; then the scope alone around one query. The wall adds two round
// trips a request (switch and reset).
// Usage: node --import tsx bench/rls.bench.ts [--customers N] [--rounds N]
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openDb, withOrg, type Db } from '../src/db/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { buildServer } from '../src/api/index.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '300' } } });
const [customers, rounds] = [Number(values.customers), Number(values.rounds)];
const NOW = () => new Date('2026-03-15T12:00:00Z');
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = `bench_rls_${randomBytes(3).toString('hex')}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const plain = await openDb({ databaseUrl, schema });
let walled: Db | undefined;
try {
  const orgs: string[] = [];
  for (const name of ['A', 'B']) {
    const org = (await createOrg(plain, { name })).id;
    orgs.push(org);
    await plain.query(`INSERT INTO customers (id, org_id, external_id, name) SELECT $1 || g, $2, $1 || g, 'Customer ' || g
      FROM generate_series(1, $3::int) g`, [`cus_${name}_`, org, customers]);
  }
  await plain.exec('ANALYZE customers');
  walled = await openDb({ databaseUrl, schema, rls: true });
  const key = (await createApiKey(plain, orgs[0]!, 'admin')).secret;
  const apps: Record<'off' | 'on', FastifyInstance> = { off: await buildServer({ db: plain, now: NOW }), on: await buildServer({ db: walled, now: NOW }) };
  const headers = { authorization: `Bearer ${key}` };
  const calls: Record<string, (app: FastifyInstance, i: number) => Promise<number>> = {
    'GET /v1/customers?limit=50': async (app) => (await app.inject({ url: '/v1/customers?limit=50', headers })).statusCode,
    'GET /v1/customers/:id': async (app, i) => (await app.inject({ url: `/v1/customers/cus_A_${1 + (i % customers)}`, headers })).statusCode,
    'POST /v1/customers': async (app) => (await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: { name: 'Bench' } })).statusCode,
  };
  const times: Record<string, Record<'off' | 'on', number[]>> = {};
  for (const name of Object.keys(calls)) times[name] = { off: [], on: [] };
  for (let i = 0; i < rounds; i++) {
    for (const mode of (i % 2 ? ['off', 'on'] : ['on', 'off']) as ('off' | 'on')[]) {
      for (const [name, call] of Object.entries(calls)) {
        const t = performance.now();
        const status = await call(apps[mode], i);
        if (status >= 300) throw new Error(`${name} with RLS ${mode} answered ${status}`);
        if (i >= 10) times[name]![mode].push(performance.now() - t); // the first rounds warm the caches and the pool
      }
    }
  }
  console.log(`row-level security on PostgreSQL: ${rounds} rounds, 2 orgs of ${customers} customers, ms per call (median / mean)`);
  for (const [name, t] of Object.entries(times)) {
    const [off, on] = [t.off, t.on];
    console.log(`  ${name.padEnd(28)} off ${median(off).toFixed(2)} / ${mean(off).toFixed(2)}   on ${median(on).toFixed(2)} / ${mean(on).toFixed(2)}   ` +
      `extra ${(median(on) - median(off)).toFixed(2)} / ${(mean(on) - mean(off)).toFixed(2)}`);
  }
  // the mechanism alone: a scope holding one connection for one query (switch, query, reset) against the bare query
  // (on the walled database a query outside any scope runs as no org, so the bare one goes through the plain database)
  const bare: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let i = 0; i < rounds * 3; i++) {
    let t = performance.now();
    await plain.query('SELECT count(*) FROM orgs');
    bare.off.push(performance.now() - t);
    t = performance.now();
    await withOrg(orgs[0]!, () => walled!.query('SELECT count(*) FROM orgs'));
    bare.on.push(performance.now() - t);
  }
  console.log(`  ${'one query, scope alone'.padEnd(28)} off ${median(bare.off).toFixed(2)} / ${mean(bare.off).toFixed(2)}   on ${median(bare.on).toFixed(2)} / ${mean(bare.on).toFixed(2)}   ` +
    `extra ${(median(bare.on) - median(bare.off)).toFixed(2)} / ${(mean(bare.on) - mean(bare.off)).toFixed(2)}`);
  await apps.off.close();
  await apps.on.close();
} finally {
  await walled?.close();
  await plain.exec(`DROP SCHEMA ${schema} CASCADE`);
  await plain.close();
}
