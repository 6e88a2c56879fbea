// `cobro reconcile mp-release`: a customer pays through cobro's Mercado Pago link and Mercado Pago pays the balance
// out; the command asks a loopback Mercado Pago (through the operator's egress allowance) for its release report of the
// period, waits while it is generated, stores the payout, and `payout-breakdown mercadopago:<id>` prints it balanced;
// the same when the report is an .xlsx workbook, and a workbook with a broken cell fails naming the cell.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { checkGateways, createPaymentLink } from '../src/payments/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';
import { fakeReleases, type ReleaseFake } from './support/providers/mercadopago-release.ts';
import { workbookOf } from './support/xlsx-writer.ts';

const session: CliSession = await cobroSession();
const now = new Date('2026-03-15T12:00:00Z');

describe('cobro reconcile mp-release', () => {
  let dir = '';
  let mp: FakeMercadoPago;
  let release: ReleaseFake;
  let paymentRef = '';
  const env = (allow: string) => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: allow });
  const cobro = (allow: string, ...args: string[]) => session.run(args, env(allow));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-mp-release-')); await pgliteFolder(join(dir, 'data'));
    mp = await fakeMercadoPago({ accessToken: 'APP_USR-release-cli', webhookSecret: 'mp-release-cli', now: () => now });
    release = await fakeReleases({ accessToken: 'APP_USR-release-cli', webhookSecret: 'mp-release-cli' });
    const db = await openDb({ dataDir: join(dir, 'data') });
    try {
      const org = (await createOrg(db, { name: 'Tienda', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      await mp.connect(db, org);
      const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City' });
      await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 640_00, due_date: '2026-02-01' });
      await replanCase(db, org, c.id, now);
      const link = await createPaymentLink({ db, publicUrl: 'https://cobro.example' }, org, 'test', { customerId: c.id, source: 'api' }, now);
      assert.ok(link.ok);
      const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.value.id)!;
      paymentRef = String((await mp.pay(pref.id as string, { notify: false })).payment.id);
      assert.equal((await checkGateways({ db, publicUrl: 'https://cobro.example' }, org, new Date(now.getTime() - 86_400_000), now)).recovered.length, 1);
      await release.connect(db, org);
    } finally { await db.close(); }
  });
  after(async () => { await mp.close(); await release.close(); await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('asks for the report, waits while it is generated, stores the payout, and the breakdown prints it balanced', async () => {
    release.payment(paymentRef, 640_00, 25_60, new Date('2026-03-10T15:00:00Z'));
    const payout = release.payout(new Date('2026-03-11T14:00:00Z'));
    // the operator's egress allowance does not name the loopback Mercado Pago: refused, nothing asked
    const refused = await cobro('10.9.9.9', 'reconcile', 'mp-release', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-15T00:00:00Z')
      .then(() => assert.fail('a refused read exits 3'), (e: { code: number; stdout: string; stderr: string }) => e);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stdout, /failed.*refused/);
    assert.equal(release.creates.length, 0);
    const r = await cobro('127.0.0.1', 'reconcile', 'mp-release', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-15T00:00:00Z', '--wait', '20');
    assert.match(r.stdout, /stored \(cobro-release-\d+\.csv\): 1 payouts, 2 lines/);
    assert.ok(release.listings >= 2, 'listed while it was generated, then ready');
    assert.equal(release.unauthorized, 0);
    const b = await cobro('127.0.0.1', 'reconcile', 'payout-breakdown', `mercadopago:${payout.sourceId}`);
    assert.match(b.stdout, /check: balanced: gross 640\.00, fees 25\.60, net 614\.40, difference 0\.00/);
    const list = await cobro('127.0.0.1', 'reconcile', 'mp-release', '--list', '--json');
    assert.deepEqual((JSON.parse(list.stdout) as { state: string }[]).map((x) => x.state), ['stored', 'failed']);
  });

  it('reads the report when Mercado Pago generates it as an .xlsx workbook, to the same payout a CSV gives', async () => {
    release.format = 'xlsx';
    release.payment(paymentRef, 640_00, 25_60, new Date('2026-03-12T15:00:00Z'));
    const payout = release.payout(new Date('2026-03-13T14:00:00Z'));
    const r = await cobro('127.0.0.1', 'reconcile', 'mp-release', '--from', '2026-03-11T14:00:01Z', '--to', '2026-03-15T00:00:00Z', '--wait', '20');
    assert.match(r.stdout, /stored \(cobro-release-\d+\.xlsx\): 1 payouts, 2 lines/);
    const b = await cobro('127.0.0.1', 'reconcile', 'payout-breakdown', `mercadopago:${payout.sourceId}`);
    assert.match(b.stdout, /check: balanced: gross 640\.00, fees 25\.60, net 614\.40, difference 0\.00/);
    // a workbook with a broken cell: the report fails naming the cell, nothing stored
    release.payment(paymentRef, 10_00, 0, new Date('2026-03-14T15:00:00Z'));
    const bad = release.payout(new Date('2026-03-14T16:00:00Z'));
    release.fileOverride = workbookOf([['DATE', 'SOURCE_ID', 'RECORD_TYPE', 'DESCRIPTION', 'NET_CREDIT_AMOUNT', 'NET_DEBIT_AMOUNT'],
      ['2026-03-14T12:00:00.000-04:00', bad.sourceId, 'release', 'payout', '0', '10.00']], { rawCells: { F2: '<c r="F2" t="e"><v>#REF!</v></c>' } });
    release.generatingPolls = 0;
    const failed = await cobro('127.0.0.1', 'reconcile', 'mp-release', '--from', '2026-03-13T14:00:01Z', '--to', '2026-03-15T00:00:00Z')
      .then(() => assert.fail('a failed read exits 3'), (e: { code: number; stdout: string }) => e);
    assert.equal(failed.code, 3);
    assert.match(failed.stdout, /nothing of it was stored: the workbook could not be read: row 2, column F: the cell holds the error #REF!/);
    release.fileOverride = null;
    const none = await cobro('127.0.0.1', 'reconcile', 'payout-breakdown', `mercadopago:${bad.sourceId}`)
      .then(() => assert.fail('no such payout'), (e: { code: number }) => e);
    assert.notEqual(none.code, 0);
  });
});
