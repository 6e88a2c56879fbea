// Data-subject request due dates per country, and how far each law lets them be extended (EU-2; LGPD art. 19; CCPA).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_RULES, extendDueDate, requestRuleFor } from './request-rules.ts';

describe('the rule a debtor\'s request follows', () => {
  const cases: [string | null, string | null, string][] = [
    ['ES', null, 'GDPR'], ['ie', null, 'GDPR'], ['GB', null, 'GDPR'], ['NO', null, 'GDPR'],
    ['BR', 'SP', 'LGPD'], ['US', 'CA', 'CCPA'], ['US', 'ca', 'CCPA'],
    ['US', 'TX', 'COBRO'], ['MX', null, 'COBRO'], [null, null, 'COBRO'],
  ];
  for (const [country, region, rule] of cases) {
    it(`is ${rule} for ${country ?? 'no country'}${region ? `/${region}` : ''}`, () => assert.equal(requestRuleFor(country, region).id, rule));
  }
});

describe('due dates and extensions per law', () => {
  const table: { rule: keyof typeof REQUEST_RULES; received: string; due: string; limit: string | null }[] = [
    { rule: 'GDPR', received: '2026-01-31', due: '2026-02-28', limit: '2026-04-28' },
    { rule: 'LGPD', received: '2026-01-31', due: '2026-02-15', limit: null },
    { rule: 'CCPA', received: '2026-01-31', due: '2026-03-17', limit: '2026-05-01' },
    { rule: 'COBRO', received: '2026-01-31', due: '2026-02-28', limit: null },
  ];
  for (const { rule, received, due, limit } of table) {
    const r = REQUEST_RULES[rule];
    it(`${rule}: a request of ${received} is due ${due}, extendable ${limit ? `to ${limit}` : 'not at all'}`, () => {
      assert.equal(r.due(received), due);
      const most = extendDueDate(r, due, undefined, received);
      if (!limit) {
        assert.ok(!most.ok && most.error.field === 'until' && /no extension/.test(most.error.message));
        return;
      }
      assert.deepEqual(most, { ok: true, value: limit });
      const beyond = extendDueDate(r, due, '2026-05-02', received);
      assert.ok(!beyond.ok && beyond.error.field === 'until' && beyond.error.message.includes(limit));
      const shorter = extendDueDate(r, due, '2026-04-01', received);
      assert.deepEqual(shorter, { ok: true, value: '2026-04-01' });
      const notLater = extendDueDate(r, due, due, received);
      assert.ok(!notLater.ok && notLater.error.field === 'until');
      const toldLate = extendDueDate(r, due, undefined, '2026-03-18');
      assert.ok(!toldLate.ok && toldLate.error.field === 'told_on');
      assert.ok(extendDueDate(r, due, undefined, due).ok, 'told on the due date itself is in time');
    });
  }
});
