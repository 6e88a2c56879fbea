// The second factor, pure: what is expected from a customer's record, how answers are compared, and when wrong answers lock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectedAnswer, factorGate, normaliseAnswer, type FactorAttempt } from './factor.ts';

const limits = { factor_max_failures: 3, factor_lock_minutes: 15 };
const at = (minute: number, succeeded = false): FactorAttempt => ({ at: new Date(Date.UTC(2026, 2, 15, 12, minute)), succeeded });
const minute = (m: number) => new Date(Date.UTC(2026, 2, 15, 12, m));

describe('the second factor', () => {
  it('expects the last 4 letters or digits of the tax id, however it is written', () => {
    assert.equal(expectedAnswer('tax_id_last4', { tax_id: '12.345.678-K' }), '678K');
    assert.equal(expectedAnswer('tax_id_last4', { rfc: 'XAXX010101000' }), '1000');
    assert.equal(expectedAnswer('tax_id_last4', { cpf: 12345678909 }), '8909');
    assert.equal(normaliseAnswer(' 678-k '), '678K');
  });

  it('expects the whole postcode, spaces and dashes aside', () => {
    assert.equal(expectedAnswer('postcode', { postcode: 'sw1a 1aa' }), 'SW1A1AA');
    assert.equal(expectedAnswer('postcode', { cep: '01310-100' }), '01310100');
    assert.equal(normaliseAnswer('01310 100'), '01310100');
  });

  it('expects nothing when the record holds nothing usable', () => {
    assert.equal(expectedAnswer('postcode', {}), null);
    assert.equal(expectedAnswer('tax_id_last4', { tax_id: '12' }), null);
    assert.equal(expectedAnswer('tax_id_last4', { tax_id: { nested: true } }), null);
  });

  it('locks after the limit of wrong answers, until enough of them have left the window', () => {
    assert.deepEqual(factorGate([at(0), at(1)], limits, minute(2)), { locked: false, failuresLeft: 1 });
    assert.deepEqual(factorGate([at(0), at(1), at(2)], limits, minute(3)), { locked: true, until: minute(15) });
    assert.deepEqual(factorGate([at(0), at(1), at(2)], limits, minute(14)), { locked: true, until: minute(15) });
    assert.deepEqual(factorGate([at(0), at(1), at(2)], limits, minute(15)), { locked: false, failuresLeft: 1 });
    assert.deepEqual(factorGate([at(0), at(1), at(2), at(3)], limits, minute(4)), { locked: true, until: minute(16) });
  });

  it('counts only the wrong answers after the last right one', () => {
    assert.deepEqual(factorGate([at(0), at(1), at(2, true), at(3)], limits, minute(4)), { locked: false, failuresLeft: 2 });
  });

  it('ignores attempts after now (a clock set back) and long past', () => {
    assert.deepEqual(factorGate([at(0), at(1), at(40)], limits, minute(30)), { locked: false, failuresLeft: 3 });
  });
});
