import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_COST_RATES, mergeRates, messageCost, microsToMinor } from './costs.ts';
import type { RenderedMessage } from '../messaging/index.ts';

const sms = (segments: number): RenderedMessage => ({ channel: 'sms', language: 'es', text: 'x', segments: { encoding: 'GSM-7', units: 160 * segments, segments }, warnings: [] });

describe('message costs', () => {
  it('uses the debtor country\'s rate, or the rate for every other country', () => {
    const rates = mergeRates({ rates: { email: { MX: 300 } } });
    assert.deepEqual(messageCost(rates, 'email', 'mx'), { micros: 300, currency: 'USD', units: 1 });
    assert.equal(messageCost(rates, 'email', 'CL').micros, DEFAULT_COST_RATES.rates.email['*']);
    assert.equal(messageCost(rates, 'email', null).micros, DEFAULT_COST_RATES.rates.email['*']);
  });
  it('charges SMS per segment', () => {
    const rates = mergeRates({ currency: 'MXN', rates: { sms: { MX: 1_200_00 } } });
    assert.deepEqual(messageCost(rates, 'sms', 'MX', sms(3)), { micros: 360_000, currency: 'MXN', units: 3 });
  });
  it('keeps the defaults for what the org did not set, and ignores a stored value that no longer validates', () => {
    const rates = mergeRates({ rates: { sms: { US: 7_900 } } });
    assert.equal(rates.rates.sms['US'], 7_900);
    assert.equal(rates.rates.sms['MX'], DEFAULT_COST_RATES.rates.sms['MX']);
    assert.deepEqual(mergeRates({ rates: { fax: {} } }), DEFAULT_COST_RATES);
  });
  it('turns micro-units into minor units of the currency, rounding half up', () => {
    assert.equal(microsToMinor(8_300, 'USD'), 1); // 0.83 cents
    assert.equal(microsToMinor(4_999, 'USD'), 0);
    assert.equal(microsToMinor(5_000, 'USD'), 1);
    assert.equal(microsToMinor(1_500_000, 'CLP'), 2); // 1.5 pesos, no minor unit
    assert.equal(microsToMinor(1_234_567, 'KWD'), 1_235);
  });
});
