import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromMercadoPagoAmount, fromStripeAmount, fromStripeAmounts, stripeExponent, toMercadoPagoPrice, toStripeAmount } from './amounts.ts';

describe('amounts on Stripe\'s wire', () => {
  const cases: [string, number, number, number][] = [
    // currency, cobro minor units, Stripe unit_amount, charged (cobro minor units)
    ['USD', 1_234, 1_234, 1_234],
    ['EUR', 1, 1, 1],
    ['JPY', 5_000, 5_000, 5_000],
    ['CLP', 125_990, 125_990, 125_990],
    ['KRW', 10_000, 10_000, 10_000],
    ['PYG', 70_000, 70_000, 70_000],
    ['XOF', 1_500, 1_500, 1_500],
    ['KWD', 5_124, 5_120, 5_120],
    ['KWD', 5_125, 5_130, 5_130],
    ['BHD', 1_000, 1_000, 1_000],
    ['ISK', 4_500, 450_000, 4_500],
    ['UGX', 20_000, 2_000_000, 20_000],
    ['HUF', 10_045, 10_045, 10_045],
  ];
  for (const [currency, minor, unit, charged] of cases) {
    it(`writes ${minor} ${currency} minor units as unit_amount ${unit}`, () => {
      const r = toStripeAmount(minor, currency);
      assert.ok(r.ok);
      assert.deepEqual(r.value, { unit, charged });
      assert.equal(fromStripeAmount(unit, currency), charged, 'and reads it back');
    });
  }

  it('knows Stripe\'s exponents: zero-decimal, three-decimal, two otherwise (ISK and UGX included)', () => {
    assert.deepEqual(['JPY', 'CLP', 'VND', 'KWD', 'TND', 'USD', 'ISK', 'UGX', 'MXN'].map(stripeExponent), [0, 0, 0, 3, 3, 2, 2, 2, 2]);
  });

  it('reads a list of ISK or UGX hundredths into whole units whose running total is exact, each within one unit', () => {
    // a payout's own transaction (-1486.00), fees of 43.80 and 1.20, a refund's fee of -0.50: running totals rounded half up
    assert.deepEqual(fromStripeAmounts([-148_600, 4_380, 120, -50], 'ISK'), [-1_486, 44, 1, 0]);
    assert.deepEqual(fromStripeAmounts([145_620, 2_980], 'UGX'), [1_456, 30]);
    const units = [1_234, 5_678, -999, 101, 49, 51];
    const minor = fromStripeAmounts(units, 'ISK')!;
    for (let i = 0; i < units.length; i++) assert.ok(Math.abs(minor[i]! * 100 - units[i]!) < 100, `value ${i} within one krona`);
    assert.equal(minor.reduce((a, b) => a + b, 0), 61, 'the total is the exact total (ISK 61.14) rounded');
  });

  it('reads other currencies\' lists exactly, and refuses what is no integer', () => {
    assert.deepEqual(fromStripeAmounts([175, -4_825], 'JPY'), [175, -4_825]);
    assert.deepEqual(fromStripeAmounts([35_832, 1], 'HUF'), [35_832, 1]);
    assert.equal(fromStripeAmounts([1.5], 'EUR'), null);
    assert.equal(fromStripeAmounts([1], 'XYZ'), null);
  });

  it('refuses an unknown currency and an amount that rounds to nothing', () => {
    assert.ok(!toStripeAmount(100, 'XYZ').ok);
    const tiny = toStripeAmount(4, 'KWD');
    assert.ok(!tiny.ok && tiny.error.field === 'amount');
  });

  it('reads back only what fits cobro\'s units: 150 ISK-hundredths is not a whole krona', () => {
    assert.equal(fromStripeAmount(150, 'ISK'), null);
    assert.equal(fromStripeAmount(12.5, 'USD'), null);
  });
});

describe('amounts on Mercado Pago\'s wire', () => {
  it('writes unit_price in major units from minor units, exactly', () => {
    const cases: [string, number, number][] = [['MXN', 123_456, 1234.56], ['MXN', 5, 0.05], ['CLP', 125_990, 125_990], ['BRL', 1_000, 10], ['ARS', 10_010, 100.1]];
    for (const [currency, minor, price] of cases) {
      const r = toMercadoPagoPrice(minor, currency);
      assert.ok(r.ok);
      assert.equal(r.value, price);
      assert.equal(JSON.stringify(r.value), String(price));
      assert.equal(fromMercadoPagoAmount(r.value, currency), minor, 'and reads it back');
    }
  });

  it('refuses currencies Mercado Pago does not charge in', () => {
    const r = toMercadoPagoPrice(1_000, 'USD');
    assert.ok(!r.ok && r.error.field === 'currency');
  });

  it('reads amounts that floating point stored slightly off, and refuses extra decimals', () => {
    assert.equal(fromMercadoPagoAmount(0.1 + 0.2, 'MXN'), 30);
    assert.equal(fromMercadoPagoAmount(749.5, 'MXN'), 749_50);
    assert.equal(fromMercadoPagoAmount(12.345, 'MXN'), null);
    assert.equal(fromMercadoPagoAmount(100.5, 'CLP'), null);
    assert.equal(fromMercadoPagoAmount('12', 'MXN'), null);
  });
});
