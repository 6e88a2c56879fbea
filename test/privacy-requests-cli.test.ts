// `cobro privacy record|list|extend|refuse|fulfil` on the command line, with the clock given by --now.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { listOrgs } from '../src/orgs/index.ts';
import { aCustomer } from './support/factories.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('data-subject requests on the command line', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => runCobro(args, env());
  const json = async (...args: string[]) => JSON.parse((await cobro(...args, '--json')).stdout);
  const NOW = ['--now', '2026-03-15T12:00:00Z'];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-dsr-'));
    await pgliteFolder(join(dir, 'data'));
    await cobro('compliance', 'settings');
    const db = await openDb({ dataDir: join(dir, 'data') });
    const [org] = await listOrgs(db);
    await aCustomer(db, org!.id, { name: 'Inês Vidal', external_id: 'INES', country: 'PT' });
    await aCustomer(db, org!.id, { name: 'Kai Moreno', external_id: 'KAI', country: 'US', region: 'CA', email: 'kai@example.com' });
    await db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records by the debtor\'s law, extends within it, refuses beyond it naming the field, and lists overdue first', async () => {
    const record = (customer: string, kind: string, at: string) => json('privacy', 'record', customer, '--kind', kind, '--requester', 'the person, by email',
      '--identity', 'answered the account security questions', '--received-at', at, ...NOW);
    const pt = await record('INES', 'access', '2026-02-01T10:00:00Z');
    const ca = await record('KAI', 'rectification', '2026-03-10T10:00:00Z');
    assert.deepEqual([pt.rule, pt.due_on, pt.overdue, ca.rule, ca.due_on, ca.overdue], ['GDPR', '2026-03-02', true, 'CCPA', '2026-04-24', false]);
    // the month ends on Sunday 1 March: Monday (Reg. 1182/71 art. 3(4))

    await assert.rejects(cobro('privacy', 'extend', ca.id, '--reason', 'records off site', '--until', '2026-06-09', ...NOW),
      (e: { code: number; stderr: string }) => e.code !== 0 && /until: .*2026-06-08/.test(e.stderr));
    await assert.rejects(cobro('privacy', 'extend', pt.id, '--reason', 'late', ...NOW),
      (e: { code: number; stderr: string }) => e.code !== 0 && /told_on: /.test(e.stderr));
    const extended = await json('privacy', 'extend', ca.id, '--reason', 'records off site', ...NOW);
    assert.deepEqual([extended.status, extended.extended_to, extended.extension_told_on], ['extended', '2026-06-08', '2026-03-15']);

    const listed = (await cobro('privacy', 'list', '--now', '2026-06-09T12:00:00Z')).stdout;
    const rows = listed.split('\n').filter((l) => l.includes('dsr_'));
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, new RegExp(`${pt.id}.*open OVERDUE.*2026-03-02`));
    assert.match(rows[1]!, new RegExp(`${ca.id}.*extended OVERDUE.*2026-06-08`));
    const early = await json('privacy', 'list', '--now', '2026-03-01T12:00:00Z');
    assert.deepEqual(early.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue]), [[pt.id, false], [ca.id, false]]);
  });

  it('fulfils a rectification with the corrected fields and an access request with the export; refuses naming the reason', async () => {
    const [ca] = await json('privacy', 'list', '--kind', 'rectification', ...NOW);
    const [pt] = await json('privacy', 'list', '--kind', 'access', ...NOW);
    await assert.rejects(cobro('privacy', 'fulfil', ca.id, '--changes', '{"email":"nope"}', ...NOW),
      (e: { code: number; stderr: string }) => e.code !== 0 && /changes\.email/.test(e.stderr));
    const fixed = JSON.parse((await cobro('privacy', 'fulfil', ca.id, '--changes', '{"email":"kai.moreno@example.com"}', ...NOW)).stdout);
    assert.deepEqual([fixed.request.status, fixed.request.outcome], ['fulfilled', { rectified: ['email'] }]);
    const exported = JSON.parse((await cobro('privacy', 'fulfil', pt.id, ...NOW)).stdout);
    assert.deepEqual([exported.export.customer.name, exported.request.status], ['Inês Vidal', 'fulfilled']);
    const another = await json('privacy', 'record', 'INES', '--kind', 'erasure', '--requester', 'a caller', '--identity', 'none', ...NOW);
    const refused = await json('privacy', 'refuse', another.id, '--reason', 'identity not verified', ...NOW);
    assert.deepEqual([refused.status, refused.refusal_reason], ['refused', 'identity not verified']);
    assert.match((await cobro('audit', 'verify')).stdout, /chain intact/);
  });
});
