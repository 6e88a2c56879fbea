// Mercado Pago payouts checked against what they carried, over HTTP: Mercado Pago sends no notification per payout,
// so POST /v1/reconciliation/mercadopago/release-reports asks a loopback Mercado Pago (Bearer token checked) for its
// release report of a period (the config POSTed with cobro's columns first, begin and end in UTC), the report is still
// being generated at first and is read by the worker once ready; each payout in it is stored with its lines, and
// GET /v1/reconciliation/reported-payouts/mercadopago:{id} shows the fees per payout and payment and each payment's cobro
// payment, flagging what does not add up; the bank credit of the payout settles as that payout. A malformed row fails the
// report naming the row and column and stores nothing; the egress guard holds; another org sees none of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { replanCase } from '../src/engine/index.ts';
import { checkGateways, createPaymentLink, mpReleaseRound, requestReleaseReport, REPORT_EVERY_MS, type ReleaseReport } from '../src/payments/index.ts';
import { importStatement, listPayoutLines } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { STRICT_EGRESS } from '../src/channels/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';
import { fakeReleases, type ReleaseFake } from './support/providers/mercadopago-release.ts';

interface Breakdown {
  id: string; amount: number; currency: string; arrival_date: string; lines: { line_id: string; status: string; basis: string }[];
  breakdown: {
    fetch: { state: string; transactions: number };
    check: { result: string; gross: number; fees: number; net: number; difference: number; issues: { code: string; field: string; txn_id: string | null }[];
      payments: { payment_id: string | null; payment_ref: string; gross: number; fees: number; net: number }[] };
    transactions: { txn_id: string; type: string; amount: number; fee: number; net: number; payment_id: string | null }[];
  };
}

let now = new Date('2026-03-15T12:00:00Z');
const TOKEN = 'APP_USR-release-123456';
let t: TestApi;
let mp: FakeMercadoPago;
let release: ReleaseFake;
const { get, post } = apiCalls(() => t);
const paymentRefs: string[] = [];
const paymentIds: string[] = [];
const fast = { sleep: async () => {} };
const access = () => ({ db: t.db, ...fast });
const at = (s: string) => new Date(s);
const show = (id: string) => get<Breakdown>(`/v1/reconciliation/reported-payouts/mercadopago:${id}`);
const ask = (begin: string, end: string, key = t.keys.collector) => post('/v1/reconciliation/mercadopago/release-reports', { begin_date: begin, end_date: end }, key);
const mpPayouts = async () => (await t.db.query<{ payout_id: string }>(`SELECT payout_id FROM gateway_payouts WHERE org_id = $1 AND gateway = 'mercadopago' ORDER BY payout_id`, [t.org]))
  .map((r) => r.payout_id);

before(async () => {
  t = await testApi(() => now);
  mp = await fakeMercadoPago({ accessToken: TOKEN, webhookSecret: 'mp-release-secret', now: () => now });
  release = await fakeReleases({ accessToken: TOKEN, webhookSecret: 'mp-release-secret' });
  await mp.connect(t.db, t.org);
  // two customers pay their invoices through cobro's Mercado Pago links; cobro records the payments
  for (const amount of [1_200_00, 850_50, 100_00]) {
    const c = await aCustomer(t.db, t.org, { country: 'MX', timezone: 'America/Mexico_City' });
    await anInvoice(t.db, t.org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
    await replanCase(t.db, t.org, c.id, now);
    const link = await createPaymentLink({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, 'test', { customerId: c.id, source: 'api' }, now);
    assert.ok(link.ok, link.ok ? '' : link.error.message);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.value.id)!;
    const { payment } = await mp.pay(pref.id as string, { notify: false });
    paymentRefs.push(String(payment.id));
  }
  const check = await checkGateways({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, new Date(now.getTime() - 86_400_000), now);
  assert.equal(check.recovered.length, 3);
  for (const ref of paymentRefs) {
    const [row] = await t.db.query<{ payment_id: string }>('SELECT payment_id FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [t.org, ref]);
    paymentIds.push(row!.payment_id);
  }
  // the release report is read from its own loopback server, with the same access token
  await release.connect(t.db, t.org);
});
after(async () => { await mp.close(); await release.close(); await t.close(); });

describe('Mercado Pago payouts from the release report', () => {
  let first = '';
  it('asks for the report of a period, reads it once generated, and the payout balances with its fees per payment', async () => {
    // Mercado Pago releases both payments (its fee taken) and pays the balance out to the bank
    release.payment(paymentRefs[0]!, 1_200_00, 47_99, at('2026-03-10T15:00:00Z'), 'plk_x');
    release.payment(paymentRefs[1]!, 850_50, 34_02, at('2026-03-11T15:00:00Z'));
    const payout = release.payout(at('2026-03-12T14:00:00Z'));
    first = payout.sourceId;
    const r = await ask('2026-03-01T00:00:00Z', '2026-03-15T00:00:00Z');
    assert.equal(r.statusCode, 201, r.body);
    const asked = r.json() as ReleaseReport;
    // the first listing shows it still being generated: checked again later
    assert.deepEqual([asked.state, asked.file_name, asked.attempts], ['requested', null, 1]);
    assert.match(asked.error ?? '', /still generating the report \(pending\)/);
    assert.deepEqual(release.configWrites.map((w) => w.method), ['POST']);
    const cfg = release.configWrites[0]!.body;
    assert.equal(cfg.include_withdraw, true);
    for (const key of ['DATE', 'SOURCE_ID', 'RECORD_TYPE', 'DESCRIPTION', 'NET_CREDIT_AMOUNT', 'NET_DEBIT_AMOUNT', 'GROSS_AMOUNT', 'MP_FEE_AMOUNT', 'PAYOUT_BANK_ACCOUNT_NUMBER']) {
      assert.ok((cfg.columns as { key: string }[]).some((c) => c.key === key), key);
    }
    assert.deepEqual(release.creates, [{ begin_date: '2026-03-01T00:00:00Z', end_date: '2026-03-15T00:00:00Z' }]);
    assert.equal(release.unauthorized, 0, 'every call carried the access token');
    assert.deepEqual(await mpPayouts(), []);
    // the worker looks again when its turn comes, not before
    const early = await mpReleaseRound(access(), t.org, now);
    assert.deepEqual([early?.checked, early?.requested], [0, null]);
    now = new Date(now.getTime() + 61_000);
    const round = await mpReleaseRound(access(), t.org, now);
    assert.deepEqual([round?.checked, round?.stored, round?.requested], [1, 1, null], 'a report asked for is open: no new one');
    const stored = await get<ReleaseReport>(`/v1/reconciliation/mercadopago/release-reports/${asked.id}`);
    assert.deepEqual([stored.state, stored.payouts, stored.transactions, stored.error, stored.next_at], ['stored', 1, 3, null, null]);
    assert.equal(stored.file_name, `cobro-release-${asked.mp_report_id}.csv`);
    assert.deepEqual(release.downloads, [stored.file_name]);
    const b = await show(first);
    assert.deepEqual([b.amount, b.currency, b.arrival_date], [1_968_49, 'MXN', '2026-03-12']);
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.transactions, b.breakdown.check.result, b.breakdown.check.difference], ['fetched', 3, 'balanced', 0]);
    assert.deepEqual([b.breakdown.check.gross, b.breakdown.check.fees, b.breakdown.check.net], [2_050_50, 82_01, 1_968_49]);
    assert.deepEqual(b.breakdown.check.payments.map((p) => [p.payment_id, p.gross, p.fees, p.net]).sort(),
      [[paymentIds[0], 1_200_00, 47_99, 1_152_01], [paymentIds[1], 850_50, 34_02, 816_48]].sort());
    assert.deepEqual(b.breakdown.transactions.filter((x) => x.type === 'payment').map((x) => x.payment_id).sort(), paymentIds.slice(0, 2).sort());
    // a report beginning after the payout's first payment holds only part of what it carried: the payout read whole is kept
    release.generatingPolls = 0;
    const part = await ask('2026-03-11T00:00:00Z', '2026-03-12T20:00:00Z');
    release.generatingPolls = 1;
    assert.deepEqual([(part.json() as ReleaseReport).state, (part.json() as ReleaseReport).payouts], ['stored', 0]);
    const again = await show(first);
    assert.deepEqual(again.breakdown.transactions.map((x) => x.type), b.breakdown.transactions.map((x) => x.type));
  });

  it('settles the bank credit of the payout as that payout, imported before the report or after it', async () => {
    // a second payout, its bank credit imported before Mercado Pago's report is read: taken for an unnamed Mercado Pago payout
    release.payment(paymentRefs[2]!, 100_00, 4_00, at('2026-03-13T15:00:00Z'));
    const second = release.payout(at('2026-03-14T14:00:00Z'));
    const imported = await importStatement(t.db, t.org, Buffer.from(mt940([
      { date: '260314', mark: 'C', amount: '96,00', name: 'MERCADO PAGO', text: 'RETIRO DE DINERO' },
    ], { currency: 'MXN', id: 'MX1' })), { filename: 'mx1.sta', actor: 'test', now: () => now });
    assert.ok(imported.ok);
    const before = (await listPayoutLines(t.db, t.org, { gateway: 'mercadopago' })).data;
    assert.deepEqual(before.map((l) => [l.payout.payout_id, l.payout.basis]), [[null, 'text']]);
    const r = await ask('2026-03-12T18:00:01Z', '2026-03-15T00:01:00Z');
    assert.equal(r.statusCode, 201, r.body);
    now = new Date(now.getTime() + 61_000);
    const checked = await post(`/v1/reconciliation/mercadopago/release-reports/${(r.json() as ReleaseReport).id}/check`, {}, t.keys.manager);
    assert.equal(checked.statusCode, 200, checked.body);
    assert.equal((checked.json() as ReleaseReport).state, 'stored');
    const after = (await listPayoutLines(t.db, t.org, { gateway: 'mercadopago' })).data;
    assert.deepEqual(after.map((l) => [l.payout.payout_id, l.payout.basis]), [[second.sourceId, 'reported']]);
    assert.match(after[0]!.payout.reasons.join(' '), /release report/);
    const b = await show(second.sourceId);
    assert.deepEqual([b.breakdown.check.result, b.lines.map((l) => l.status)], ['balanced', ['payout']]);
    // the first payout's credit arrives on a statement imported later: the worker's round ties it to the payout
    const later = await importStatement(t.db, t.org, Buffer.from(mt940([
      { date: '260313', mark: 'C', amount: '1968,49', name: 'MERCADO PAGO', text: 'RETIRO' },
    ], { currency: 'MXN', id: 'MX2' })), { filename: 'mx2.sta', actor: 'test', now: () => now });
    assert.ok(later.ok);
    const round = await mpReleaseRound(access(), t.org, now);
    assert.equal(round?.settled, 1);
    assert.equal((await show(first)).lines[0]?.basis, 'reported');
  });

  it('flags a payout short of what it carried, a payment cobro never saw, a wrong gross, and refunds and chargebacks of unknown payments', async () => {
    release.payment('77000001', 300_00, 12_00, at('2026-03-15T09:00:00Z'));
    release.payment(paymentRefs[1]!, 800_00, 31_00, at('2026-03-15T09:10:00Z'));
    release.reversal('refund', '77000002', 50_00, at('2026-03-15T09:20:00Z'));
    release.reversal('chargeback', '77000003', 20_00, at('2026-03-15T09:30:00Z'));
    const short = release.payout(at('2026-03-15T10:00:00Z'), 1_00);
    now = new Date('2026-03-15T12:30:00Z');
    const r = await ask('2026-03-14T18:00:01Z', '2026-03-15T12:00:00Z');
    now = new Date(now.getTime() + 61_000);
    await post(`/v1/reconciliation/mercadopago/release-reports/${(r.json() as ReleaseReport).id}/check`, {}, t.keys.manager);
    const b = await show(short.sourceId);
    assert.equal(b.breakdown.check.result, 'review');
    const txn = (type: string, i = 0) => b.breakdown.transactions.filter((x) => x.type === type)[i]!.txn_id;
    assert.deepEqual(b.breakdown.check.issues.map((i) => [i.code, i.field, i.txn_id]), [
      ['NET_MISMATCH', 'net', null], ['UNKNOWN_CHARGE', 'payment_intent', txn('payment', 0)], ['AMOUNT_MISMATCH', 'amount', txn('payment', 1)],
      ['UNKNOWN_REFUND', 'payment_intent', txn('refund')], ['UNKNOWN_DISPUTE', 'payment_intent', txn('dispute')]]);
    assert.equal(b.breakdown.check.difference, -1_00);
  });

  it('fails a report with a malformed row naming the row and column, stores nothing of it, and reads it when it is right', async () => {
    const kept = await mpPayouts();
    const bad = release.payout(at('2026-03-15T12:40:00Z'));
    release.payment('77000009', 10_00, 0, at('2026-03-15T12:35:00Z'));
    const good = release.csv(at('2026-03-15T12:00:01Z'), at('2026-03-15T12:45:00Z'));
    release.csvOverride = good.replace(',77000009,', ',77000009,').replace('10.00,0.00,10.00', '10.00,0.00,1O.00');
    now = new Date('2026-03-15T12:50:00Z');
    const r = await ask('2026-03-15T12:00:01Z', '2026-03-15T12:45:00Z');
    now = new Date(now.getTime() + 61_000);
    const checked = (await post(`/v1/reconciliation/mercadopago/release-reports/${(r.json() as ReleaseReport).id}/check`, {}, t.keys.manager)).json() as ReleaseReport;
    assert.equal(checked.state, 'failed');
    assert.match(checked.error ?? '', /nothing of it was stored: line 3, column GROSS_AMOUNT: "1O\.00" is not an amount in MXN/);
    assert.ok(checked.next_at && Date.parse(checked.next_at) > now.getTime(), 'tried again later');
    assert.deepEqual(await mpPayouts(), kept, 'not the payout of the rows before it either');
    release.csvOverride = null;
    now = new Date(Date.parse(checked.next_at!) + 1);
    const round = await mpReleaseRound(access(), t.org, now);
    assert.equal(round?.stored, 1);
    assert.ok((await mpPayouts()).includes(bad.sourceId));
  });

  it('tries a call again with backoff, records a report it could not ask for, and the worker asks for the next period on its schedule', async () => {
    // the account's config was changed in Mercado Pago's panel: the columns cobro reads are added back, the rest kept
    release.config = { columns: [{ key: 'DATE' }, { key: 'SOURCE_ID' }], file_name_prefix: 'mine', frequency: { hour: 3, type: 'weekly', value: 1 } };
    // one 500, then an answer: the call is tried again
    release.failNext = 1;
    now = new Date('2026-03-15T13:00:00Z');
    const once = await requestReleaseReport(access(), t.org, { begin: at('2026-03-15T12:40:01Z'), end: at('2026-03-15T12:59:00Z') }, now, 'api');
    assert.ok(once.ok);
    assert.deepEqual([once.value.state, once.value.error], ['requested', 'Mercado Pago is still generating the report (pending)']);
    const put = release.configWrites[release.configWrites.length - 1]!;
    assert.deepEqual([put.method, put.body.file_name_prefix, put.body.frequency, put.body.include_withdraw], ['PUT', 'mine', { hour: 3, type: 'weekly', value: 1 }, true]);
    assert.deepEqual((put.body.columns as { key: string }[]).slice(0, 3).map((c) => c.key), ['DATE', 'SOURCE_ID', 'EXTERNAL_REFERENCE']);
    assert.equal(new Set((put.body.columns as { key: string }[]).map((c) => c.key)).size, (put.body.columns as unknown[]).length, 'no column twice');
    // Mercado Pago answers 500 to every try: recorded, tried again from next_at
    release.failNext = 100;
    const down = await requestReleaseReport(access(), t.org, { begin: at('2026-03-15T12:40:01Z'), end: at('2026-03-15T12:59:00Z') }, now, 'api');
    assert.ok(down.ok);
    assert.deepEqual([down.value.state, down.value.mp_report_id], ['failed', null]);
    assert.match(down.value.error ?? '', /could not be read or set: Mercado Pago answered 500/);
    assert.equal(release.failNext, 100 - 4, 'four tries of the config read');
    release.failNext = 0;
    // the worker checks what is due (both are read now) and, the last report being six hours old, asks for the period after the last payout read
    now = new Date(now.getTime() + REPORT_EVERY_MS);
    release.generatingPolls = 0;
    const creates = release.creates.length;
    const round = await mpReleaseRound(access(), t.org, now);
    assert.deepEqual([round?.checked, round?.stored, round?.failed], [2, 3, 0]);
    assert.ok(round?.requested);
    assert.equal((await mpReleaseRound(access(), t.org, new Date(now.getTime() + 60_000)))?.requested, null, 'not again before six hours');
    release.generatingPolls = 1;
    const next = release.creates.slice(creates).pop()!;
    const [last] = await t.db.query<{ at: string }>(`SELECT max(covered_to)::text AS at FROM mp_release_reports WHERE org_id = $1`, [t.org]);
    assert.equal(Date.parse(next.begin_date as string), Date.parse(last!.at) + 1000);
    assert.equal(next.end_date, '2026-03-15T19:00:00Z');
    assert.equal(await mpReleaseRound(access(), t.otherOrg, now), null, 'an org without Mercado Pago: nothing');
  });

  it('is asked for by the worker\'s round once the last report is six hours old', async () => {
    const creates = release.creates.length;
    const errors: object[] = [];
    const work = () => workOnce({ db: t.db, now: () => now, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (o: object) => { errors.push(o); } } });
    await work();
    assert.equal(release.creates.length, creates, 'not before six hours');
    now = new Date(now.getTime() + REPORT_EVERY_MS);
    await work();
    assert.equal(release.creates.length, creates + 1);
    const [latest] = await t.db.query<{ trigger: string; state: string }>(`SELECT trigger, state FROM mp_release_reports WHERE org_id = $1 ORDER BY created_at DESC LIMIT 1`, [t.org]);
    assert.deepEqual(latest, { trigger: 'worker', state: 'requested' });
    assert.deepEqual(errors.filter((e) => 'mp_release' in e), []);
  });

  it('reads through the operator\'s egress guard: a loopback api_base it does not allow is refused before a byte is sent', async () => {
    const asked = release.creates.length + release.listings + release.configWrites.length;
    const r = await requestReleaseReport({ db: t.db, egress: STRICT_EGRESS, ...fast }, t.org, { begin: at('2026-03-01T00:00:00Z'), end: at('2026-03-02T00:00:00Z') }, now, 'api');
    assert.ok(r.ok);
    assert.equal(r.value.state, 'failed');
    assert.match(r.value.error ?? '', /refused|not allowed|private|loopback/i);
    assert.equal(release.creates.length + release.listings + release.configWrites.length, asked, 'Mercado Pago was not asked');
  });

  it('answers errors naming the field, shows another org nothing, and is in the OpenAPI document', async () => {
    const backwards = await ask('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z');
    assert.deepEqual([backwards.statusCode, backwards.json().error.field], [400, 'end_date']);
    const viewer = await ask('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', t.keys.viewer);
    assert.equal(viewer.statusCode, 403);
    const mine = await get<{ data: ReleaseReport[] }>('/v1/reconciliation/mercadopago/release-reports');
    assert.ok(mine.data.length >= 5);
    const theirs = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/mercadopago/release-reports', headers: bearer(t.otherKey) });
    assert.deepEqual(theirs.json().data, []);
    const other = await t.app.inject({ method: 'GET', url: `/v1/reconciliation/mercadopago/release-reports/${mine.data[0]!.id}`, headers: bearer(t.otherKey) });
    assert.deepEqual([other.statusCode, other.json().error.field], [404, 'id']);
    const notConnected = await t.app.inject({ method: 'POST', url: '/v1/reconciliation/mercadopago/release-reports', payload: {}, headers: bearer(t.otherKey) });
    assert.equal(notConnected.statusCode, 409, notConnected.body);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v1/reconciliation/mercadopago/release-reports']?.post);
    assert.ok(doc.paths['/v1/reconciliation/mercadopago/release-reports/{id}/check']?.post);
    assert.ok(doc.components.schemas.MercadoPagoReleaseReport);
  });
});
