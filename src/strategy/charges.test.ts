// Late fees and interest to the minor unit: fixed, percentage, yearly interest and the EU B2B rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeCharge, type ChargeAction, type ChargeBasis } from './charges.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('computeCharge', () => {
  const rows: [string, ChargeAction, ChargeBasis, number][] = [
    ['a fixed late fee', { type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: eur(2_500) } }, { balance: eur(100_000), daysLate: 9 }, 2_500],
    ['a 1.5% late fee, rounded half up', { type: 'charge', charge: 'late_fee', rule: { kind: 'percentage', basisPoints: 150 } }, { balance: eur(12_345), daysLate: 9 }, 185],
    ['12% a year of interest for 30 days', { type: 'charge', charge: 'interest', rule: { kind: 'percentage', basisPoints: 1_200 } }, { balance: eur(100_000), daysLate: 30 }, 986],
    ['no interest before the due date', { type: 'charge', charge: 'interest', rule: { kind: 'percentage', basisPoints: 1_200 } }, { balance: eur(100_000), daysLate: -2 }, 0],
    ['EU-6 B2B: 40 EUR plus 2.15% + 8 points for 30 days on 1,000 EUR',
      { type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000), marginBasisPoints: 800 } },
      { balance: eur(100_000), daysLate: 30, referenceRateBasisPoints: 215 }, 4_000 + 834],
    ['EU-6 B2B with a negative reference rate still charges the margin',
      { type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000), marginBasisPoints: 800 } },
      { balance: eur(100_000), daysLate: 365, referenceRateBasisPoints: -50 }, 4_000 + 7_500],
    ['a percentage on a zero-decimal currency', { type: 'charge', charge: 'late_fee', rule: { kind: 'percentage', basisPoints: 300 } },
      { balance: { amount: 1_234_567, currency: 'CLP' }, daysLate: 10 }, 37_037],
    ['interest on a balance too large for floating point', { type: 'charge', charge: 'interest', rule: { kind: 'percentage', basisPoints: 3_650 } },
      { balance: eur(9_000_000_000_000), daysLate: 1 }, 9_000_000_000],
  ];
  for (const [what, action, basis, amount] of rows) {
    it(`charges ${amount} minor units for ${what}`, () => {
      const result = computeCharge(action, basis);
      assert.deepEqual(result, { ok: true, value: { amount, currency: basis.balance.currency } });
    });
  }

  it('refuses a fee in another currency than the balance', () => {
    const result = computeCharge({ type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: { amount: 500, currency: 'USD' } } },
      { balance: eur(10_000), daysLate: 5 });
    assert.equal(!result.ok && result.error.code, 'CURRENCY_MISMATCH');
  });

  it('EU-6: needs the reference rate for the EU B2B rule', () => {
    const result = computeCharge({ type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000), marginBasisPoints: 800 } },
      { balance: eur(10_000), daysLate: 5 });
    assert.equal(!result.ok && result.error.field, 'referenceRateBasisPoints');
  });
});
