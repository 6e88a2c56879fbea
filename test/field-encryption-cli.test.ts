// `cobro keys` as parsed from argv: status before and after turning encryption on, a rotation in small batches that
// reports its counts and resumes, a master key rotation, and turning it off; on PGlite or PostgreSQL like every test.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { configureFieldKeys, fieldEncryptionStatus } from '../src/vault/index.ts';
import { aCustomer } from './support/factories.ts';
import { testDb, testOrg } from './support/db.ts';
import { keysCli } from './support/keys-cli.ts';

let db: Db;
let org: string;
const first = randomBytes(32).toString('hex');
const second = randomBytes(32).toString('base64url');

const cobro = (...args: string[]) => keysCli(db, org, ...args);

before(async () => {
  configureFieldKeys({ fieldKey: first });
  db = await testDb();
  org = await testOrg(db);
  for (let i = 1; i <= 5; i++) await aCustomer(db, org, { external_id: `K-${i}`, email: `k${i}@example.mx`, phone: `+52155000000${i}${i}` });
});
after(async () => { await db.close(); configureFieldKeys({}); });

describe('cobro keys', () => {
  it('shows encryption off with every value in the clear, then seals them all when enabled', async () => {
    assert.match(await cobro('status'), /field encryption: off[\s\S]*in the clear: +10 values/);
    const on = await cobro('enable', '--batch', '2');
    assert.match(on, /field encryption on/);
    assert.match(on, /10 values in 5 rows re-written in 3 batches/);
    assert.match(on, /v1 \(active\): 10 values/);
    assert.match(on, /in the clear: +0 values/);
  });

  it('rotates the data key in batches, stops when told and resumes to the end', async () => {
    const partial = await cobro('rotate', '--batch', '2', '--max-batches', '1');
    assert.match(partial, /data key version 2 is active/);
    assert.match(partial, /4 values in 2 rows re-written in 1 batches \(not finished/);
    assert.match(partial, /v1: 6 values[\s\S]*v2 \(active\): 4 values/);
    const rest = await cobro('resume', '--batch', '2');
    assert.match(rest, /6 values in 3 rows/);
    const s = JSON.parse(await cobro('status', '--json'));
    assert.deepEqual(s.keys.map((k: { version: number; values: number }) => [k.version, k.values]), [[1, 0], [2, 10]]);
  });

  it('re-wraps every key under a new master key, after which the previous one is not needed', async () => {
    configureFieldKeys({ fieldKey: second, fieldKeyPrevious: first });
    const out = await cobro('rotate', '--master');
    assert.match(out, /re-wrapped 2 data keys and 1 index keys/);
    configureFieldKeys({ fieldKey: second });
    const s = await fieldEncryptionStatus(db, org);
    assert.ok(s.keys.every((k) => k.master_id === s.master_key_id) && s.index_key_master_id === s.master_key_id);
    assert.match(await cobro('disable'), /10 values in 5 rows[\s\S]*in the clear: +10 values/);
    const [row] = await db.query<{ email: string }>("SELECT email FROM customers WHERE org_id = $1 AND external_id = 'K-3'", [org]);
    assert.equal(row!.email, 'k3@example.mx');
  });
});
