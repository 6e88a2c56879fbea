// Conditions over customer facts and the ordered segment rules that pick each customer's strategy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCondition, type Condition, type CustomerFacts } from './condition.ts';
import { DEFAULT_SEGMENTS } from './defaults.ts';
import { assignSegment, SegmentListSchema } from './segment.ts';

function facts(over: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    daysPastDue: 10, balances: [{ amount: 150_000, currency: 'MXN' }], invoiceCount: 2, averageDaysLate: 12,
    brokenPromises: 1, preferredChannel: 'whatsapp', country: 'MX', tags: ['retail'], riskBand: 'medium', ...over,
  };
}

describe('checkCondition', () => {
  const rows: [string, Condition, Partial<CustomerFacts>, boolean][] = [
    ['an empty condition holds for everyone', {}, {}, true],
    ['days past due inside the range', { daysPastDue: { min: 1, max: 30 } }, {}, true],
    ['days past due below the range', { daysPastDue: { min: 11 } }, {}, false],
    ['a negative range for customers not yet due', { daysPastDue: { max: -1 } }, { daysPastDue: -3 }, true],
    ['a balance above the amount in its currency', { balanceAbove: { amount: 100_000, currency: 'MXN' } }, {}, true],
    ['a balance equal to the amount is not above it', { balanceAbove: { amount: 150_000, currency: 'MXN' } }, {}, false],
    ['a balance in another currency counts as nothing', { balanceAbove: { amount: 1, currency: 'USD' } }, {}, false],
    ['a balance below the amount', { balanceBelow: { amount: 200_000, currency: 'MXN' } }, {}, true],
    ['an invoice count range', { invoiceCount: { min: 3 } }, {}, false],
    ['average days late when there is no history', { averageDaysLate: { max: 5 } }, { averageDaysLate: null }, false],
    ['broken promises up to a limit', { brokenPromises: { max: 1 } }, {}, true],
    ['a preferred channel in the list', { preferredChannel: ['whatsapp', 'sms'] }, {}, true],
    ['a country not in the list', { country: ['CO', 'PE'] }, {}, false],
    ['any of the tags', { tagsAny: ['vip', 'retail'] }, {}, true],
    ['all of the tags', { tagsAll: ['vip', 'retail'] }, {}, false],
    ['a risk band in the list', { riskBand: ['high'] }, {}, false],
    ['several criteria that all hold', { daysPastDue: { min: 5 }, country: ['MX'], riskBand: ['medium'] }, {}, true],
  ];
  for (const [what, condition, over, holds] of rows) {
    it(`${holds ? 'holds' : 'fails'} for ${what}`, () => assert.equal(checkCondition(condition, facts(over)).holds, holds));
  }

  it('explains a failure with the criterion that failed', () => {
    const check = checkCondition({ country: ['MX'], balanceAbove: { amount: 200_000, currency: 'MXN' } }, facts());
    assert.deepEqual(check.reasons, ['balance 1500.00 MXN is not above 2000.00 MXN']);
  });
});

describe('assignSegment', () => {
  const rows: [string, Partial<CustomerFacts>, string][] = [
    ['a customer who pays on time and keeps promises', { averageDaysLate: 1, brokenPromises: 0 }, 'gentle'],
    ['a consumer who is often late', { tags: ['consumer'], averageDaysLate: 20 }, 'consumer-early'],
    ['a good payer who is also a consumer (the first rule wins)', { tags: ['consumer'], averageDaysLate: 0, brokenPromises: 0 }, 'gentle'],
    ['a new business customer with no history', { averageDaysLate: null, brokenPromises: 0 }, 'smb-default'],
    ['a business customer who broke a promise', { averageDaysLate: 2, brokenPromises: 1 }, 'smb-default'],
  ];
  for (const [who, over, strategyId] of rows) {
    it(`sends ${who} to ${strategyId}`, () => {
      const result = assignSegment(facts(over), DEFAULT_SEGMENTS);
      assert.equal(result.assigned && result.strategyId, strategyId);
    });
  }

  it('records the reason with the rule that matched', () => {
    const result = assignSegment(facts({ averageDaysLate: 1, brokenPromises: 0 }), DEFAULT_SEGMENTS);
    assert.deepEqual(result, {
      assigned: true, segmentId: 'always-pays', strategyId: 'gentle', position: 1,
      reason: 'segment "Always pays" (rule 1 of 3): average days late 1 is within -inf..3; broken promises 0 is within -inf..0',
    });
    const fallback = assignSegment(facts(), DEFAULT_SEGMENTS);
    assert.equal(fallback.reason, 'segment "Everyone else" (rule 3 of 3): catches every customer');
  });

  it('says so when no segment matches', () => {
    const only = SegmentListSchema.parse([{ id: 'co', name: 'Colombia', strategyId: 'gentle', when: { country: ['CO'] } }]);
    assert.deepEqual(assignSegment(facts(), only), { assigned: false, reason: 'no segment matched (1 checked)' });
  });

  it('refuses a segment list with a repeated id', () => {
    const seg = { id: 'a', name: 'A', strategyId: 'gentle', when: {} };
    assert.equal(SegmentListSchema.safeParse([seg, seg]).success, false);
  });
});
