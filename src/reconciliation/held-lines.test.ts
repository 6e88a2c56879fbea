// The same day's movements imported as camt.053 and again as MT940: the second file's repeats are held back and reported,
// nothing is credited twice, a new movement in it is matched, and a person can release a line that is no duplicate.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getStatement, importStatement, releaseDuplicate } from './index.ts';
import { camt053 } from './testing/camt053-builder.ts';
import { mt940 } from './testing/mt940-builder.ts';

let db: Db;
let org = '';
before(async () => {
  db = await testDb();
  org = await testOrg(db);
  const c = await aCustomer(db, org, { name: 'Lumen Logistics' });
  for (const [number, amount] of [['LL-1', 25_000], ['LL-2', 12_000], ['LL-3', 9_900]] as const) {
    await anInvoice(db, org, { customer_id: c.id, number, amount, currency: 'EUR' });
  }
});
after(async () => { await db.close(); });
const now = () => new Date('2026-03-11T08:00:00Z');
const payer = { name: 'LUMEN LOGISTICS', iban: 'NL91ABNA0417164300' };

async function load(text: string, filename: string) {
  const r = await importStatement(db, org, Buffer.from(text), { filename, actor: 'test', now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}
const bankPayments = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE org_id = $1 AND source = 'bank'`, [org]))[0]!.n;

describe('the same movements in camt.053 and MT940', () => {
  let heldId = '';

  it('credits the camt.053 file, then holds back the MT940 repeats and matches only what is new', async () => {
    const camt = await load(camt053([
      { date: '2026-03-10', direction: 'CRDT', amount: '250.00', text: 'LL-1', eref: 'E2E-1', ref: 'BK-1', ...payer },
      { date: '2026-03-10', direction: 'CRDT', amount: '120.00', text: 'LL-2', ...payer },
      { date: '2026-03-10', direction: 'DBIT', amount: '3.50', text: 'account fee' },
    ]), 'day.xml');
    assert.deepEqual([camt.format, camt.reconciliation.matched, camt.cross_format_duplicates.length], ['camt.053', 2, 0]);
    const sta = await load(mt940([
      { date: '260310', mark: 'C', amount: '250,00', text: 'Invoice LL-1', eref: 'E2E-1', ...payer },
      { date: '260310', mark: 'C', amount: '120,00', text: 'LL-2 march', ...payer },
      { date: '260310', mark: 'D', amount: '3,50', text: 'Kontofuehrung' },
      { date: '260310', mark: 'C', amount: '99,00', text: 'LL-3', ...payer },
    ], { account: '50010517/5407324931' }), 'day.sta');
    assert.deepEqual([sta.new_lines, sta.reconciliation.matched, sta.reconciliation.duplicate], [4, 1, 3]);
    assert.deepEqual(sta.cross_format_duplicates.map((d) => d.position), [1, 2, 3]);
    const [e2e, account, fee] = sta.cross_format_duplicates;
    assert.match(e2e!.reason, /imported from camt\.053 file day\.xml: the same end-to-end id E2E-1/);
    assert.match(account!.reason, /payer account/);
    assert.match(fee!.reason, /nothing|no id/);
    assert.equal(await bankPayments(), 3, 'two credits from camt.053 and the new one from MT940: none twice');
    const detail = await getStatement(db, org, sta.statements[0]!.id);
    assert.ok(detail.ok);
    assert.deepEqual(detail.value.lines.map((l) => [l.match_state, l.duplicate_of !== null]),
      [['duplicate', true], ['duplicate', true], ['duplicate', true], ['matched', false]]);
    heldId = account!.line_id;
    const again = await load(mt940([{ date: '260310', mark: 'C', amount: '250,00', text: 'Invoice LL-1', eref: 'E2E-1', ...payer },
      { date: '260310', mark: 'C', amount: '120,00', text: 'LL-2 march', ...payer }, { date: '260310', mark: 'D', amount: '3,50', text: 'Kontofuehrung' },
      { date: '260310', mark: 'C', amount: '99,00', text: 'LL-3', ...payer }], { account: '50010517/5407324931' }), 'day.sta');
    assert.deepEqual([again.new_lines, again.cross_format_duplicates.length], [0, 0], 'the same file again adds nothing');
  });

  it('does not hold back a movement whose end-to-end id differs', async () => {
    const r = await load(mt940([{ date: '260310', mark: 'C', amount: '250,00', text: 'second transfer', eref: 'E2E-2', ...payer }],
      { account: '50010517/5407324931', id: 'STMT2' }), 'second.sta');
    assert.deepEqual([r.new_lines, r.cross_format_duplicates.length, r.reconciliation.duplicate], [1, 0, 0]);
  });

  it('releases a held line into matching, once', async () => {
    const r = await releaseDuplicate(db, org, 'user:ana', heldId, now);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.notEqual(r.value.line.match_state, 'duplicate');
    assert.equal(r.value.line.duplicate_of, null);
    const twice = await releaseDuplicate(db, org, 'user:ana', heldId, now);
    assert.equal(twice.ok ? '' : twice.error.code, 'INVALID_STATE');
  });
});
