// A Stripe payout in a currency Stripe writes in its own way (R-6, docs.stripe.com/currencies#special-cases): ISK and UGX
// are whole units in cobro but two-decimal in Stripe's API (100 is one krona), so a 2.9% + 30 fee of ISK 1,500 is 4380,
// ISK 43.80; JPY is zero-decimal; HUF is two-decimal at Stripe and in cobro (Stripe pays it out in whole forints). Each
// payout is read from the loopback Stripe by the worker and checked through the API: it balances to the unit, fees and
// nets of ISK and UGX rounded to whole units so the payout's sums stay exact, Stripe's own integers kept beside them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stripePayouts, type StripePayouts } from './support/stripe-payouts.ts';

let s: StripePayouts;
before(async () => { s = await stripePayouts('payout_currencies'); });
after(async () => { await s.close(); });

async function readPayout(currency: string, amounts: number[]) {
  const pis: string[] = [];
  for (const amount of amounts) pis.push(await s.pay(currency, amount));
  const payout = s.balance.payout(pis);
  await s.deliver(s.paid(payout));
  assert.deepEqual(await s.round(), { tried: 1, fetched: 1, failed: 0 });
  return s.show(payout.id as string);
}

describe('a Stripe payout in ISK, UGX, JPY or HUF', () => {
  it('reads ISK fees with fractions of a krona: whole-krona fees and nets that sum to the payout, Stripe\'s integers kept', async () => {
    // ISK 1,500 (fee 43.80) and ISK 31 (fee 1.20): the payout is ISK 1,486.00, Stripe's 148600
    const b = await readPayout('ISK', [1_500, 31]);
    assert.equal(b.breakdown.fetch.error, null);
    assert.deepEqual([b.amount, b.breakdown.fetch.state, b.breakdown.check.result, b.breakdown.check.difference], [1_486, 'fetched', 'balanced', 0]);
    assert.deepEqual([b.breakdown.check.gross, b.breakdown.check.fees, b.breakdown.check.net], [1_531, 45, 1_486]);
    const charges = b.breakdown.transactions.filter((x) => x.type === 'charge').sort((x, y) => y.amount - x.amount);
    assert.deepEqual(charges.map((x) => [x.amount, x.fee, x.net, x.stripe_units]),
      [[1_500, 44, 1_456, { amount: 150_000, fee: 4_380, net: 145_620 }], [31, 1, 30, { amount: 3_100, fee: 120, net: 2_980 }]].sort((x, y) => (y[0] as number) - (x[0] as number)));
    // each within one krona of Stripe's, the sums exact
    for (const x of charges) assert.ok(Math.abs(x.fee * 100 - x.stripe_units!.fee) < 100 && Math.abs(x.net * 100 - x.stripe_units!.net) < 100);
    assert.deepEqual(b.breakdown.check.payments.map((p) => p.gross).sort((x, y) => x - y), [31, 1_500]);
    assert.equal(b.breakdown.check.payments.reduce((n, p) => n + p.net, 0), 1_486);
  });

  it('reads UGX the same way: fees of USh 580.33 and 5.67 in a payout of USh 19,600', async () => {
    const b = await readPayout('UGX', [20_001, 185]);
    assert.deepEqual([b.amount, b.breakdown.check.result, b.breakdown.check.fees, b.breakdown.check.net, b.breakdown.check.difference], [19_600, 'balanced', 586, 19_600, 0]);
    assert.deepEqual(b.breakdown.transactions.filter((x) => x.type === 'charge').map((x) => x.stripe_units!.fee).sort((x, y) => x - y), [567, 58_033]);
  });

  it('reads JPY (zero-decimal) and HUF (two decimals, fillér in the fee) exactly, with no Stripe integers beside them', async () => {
    const yen = await readPayout('JPY', [5_000]);
    assert.deepEqual([yen.amount, yen.breakdown.check.result, yen.breakdown.check.fees, yen.breakdown.check.net], [4_825, 'balanced', 175, 4_825]);
    // HUF 12,345.67: fee 358.32
    const huf = await readPayout('HUF', [1_234_567]);
    assert.deepEqual([huf.amount, huf.breakdown.check.result, huf.breakdown.check.fees, huf.breakdown.check.net], [1_198_735, 'balanced', 35_832, 1_198_735]);
    assert.deepEqual([...yen.breakdown.transactions, ...huf.breakdown.transactions].map((x) => x.stripe_units), [null, null, null, null]);
  });

  it('names Stripe\'s integers in the OpenAPI document', async () => {
    const doc = (await s.t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const txn = doc.components.schemas.ReportedPayoutBreakdown.properties.breakdown.properties.transactions.items;
    assert.ok(txn.properties.stripe_units);
  });
});
