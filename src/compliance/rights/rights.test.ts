// Data-subject request dates (EU-2, row 15) and what retention does to one customer (EU-3, row 16; US-10; Chile's two years).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, extendedDueDate, requestDueDate } from './requests.ts';
import { DEFAULT_RETENTION, customerDays, evidenceDays, purgeAction, type CustomerFacts } from './retention.ts';

describe('EU-2 request due dates', () => {
  it('answers a request of 31 January by the last day of February, 29 in a leap year', () => {
    assert.equal(requestDueDate('2026-01-31'), '2026-02-28');
    assert.equal(requestDueDate('2028-01-31'), '2028-02-29');
    assert.equal(requestDueDate('2026-03-15'), '2026-04-15');
    assert.equal(addMonths('2026-12-31', 2), '2027-02-28');
  });
  it('extends by two months only when the person is told before the first month ends', () => {
    const due = requestDueDate('2026-01-31');
    const told = extendedDueDate(due, '2026-02-28');
    assert.ok(told.ok && told.value === '2026-04-28');
    const late = extendedDueDate(due, '2026-03-01');
    assert.ok(!late.ok && late.error.field === 'told_on');
  });
});

describe('EU-3 retention per customer', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const facts = (over: Partial<CustomerFacts>): CustomerFacts => ({ id: 'c', country: 'MX', lastActivity: daysAgo(10), live: false, erased: false, restricted: false, ...over });
  const short = { contact_evidence_days: 400, closed_customer_days: 500, raw_event_days: 30 };

  it('keeps a live debt whatever its age, and restricts rather than erases (the restriction waits for the debt to close)', () => {
    assert.equal(purgeAction(facts({ live: true, lastActivity: daysAgo(5000) }), DEFAULT_RETENTION, now), 'none');
    assert.equal(purgeAction(facts({ live: true, restricted: true }), DEFAULT_RETENTION, now), 'none');
    assert.equal(purgeAction(facts({ restricted: true }), DEFAULT_RETENTION, now), 'erase');
  });
  it('erases a closed customer past retention and keeps one inside it', () => {
    assert.equal(purgeAction(facts({ lastActivity: daysAgo(1095) }), DEFAULT_RETENTION, now), 'erase');
    assert.equal(purgeAction(facts({ lastActivity: daysAgo(1094) }), DEFAULT_RETENTION, now), 'none');
    assert.equal(purgeAction(facts({ lastActivity: daysAgo(450) }), short, now), 'purge_evidence');
    assert.equal(purgeAction(facts({ lastActivity: daysAgo(500) }), short, now), 'erase');
  });
  it('never goes under three years of evidence in the US or two in Chile', () => {
    assert.deepEqual([evidenceDays(short, 'US'), evidenceDays(short, 'CL'), evidenceDays(short, 'MX')], [1095, 730, 400]);
    assert.equal(customerDays(short, 'CL'), 730);
    assert.equal(purgeAction(facts({ country: 'CL', lastActivity: daysAgo(600) }), short, now), 'none');
    assert.equal(purgeAction(facts({ country: 'US', lastActivity: daysAgo(1000) }), short, now), 'none');
    assert.equal(purgeAction(facts({ country: 'MX', lastActivity: daysAgo(600) }), short, now), 'erase');
  });
});
