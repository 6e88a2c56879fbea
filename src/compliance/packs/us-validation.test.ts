// US-7 validation notice timing and validation period end dates (rows 8 and 9 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validationNoticeStatus, validationPeriod } from './us-validation.ts';

const CHI = 'America/Chicago';
const noon = (date: string) => new Date(`${date}T18:00:00Z`);

describe('US-7 validation notice timing', () => {
  it('US-7 alerts when no notice has gone out by T+5', () => {
    assert.deepEqual(validationNoticeStatus({ initialCommunicationOn: '2026-04-06' }, noon('2026-04-12'), CHI), { kind: 'overdue', dueBy: '2026-04-11' });
  });
  it('US-7 is still due on T+5', () => {
    assert.deepEqual(validationNoticeStatus({ initialCommunicationOn: '2026-04-06' }, noon('2026-04-11'), CHI), { kind: 'due', by: '2026-04-11' });
  });
  it('US-7 needs no notice when the debt was paid before T+5', () => {
    const facts = { initialCommunicationOn: '2026-04-06', paidInFullOn: '2026-04-08' };
    assert.deepEqual(validationNoticeStatus(facts, noon('2026-04-20'), CHI), { kind: 'not_needed' });
  });
  it('US-7 still alerts when the debt was paid after T+5', () => {
    const facts = { initialCommunicationOn: '2026-04-06', paidInFullOn: '2026-04-15' };
    assert.equal(validationNoticeStatus(facts, noon('2026-04-20'), CHI).kind, 'overdue');
  });
  it('US-7 records a notice sent late', () => {
    const facts = { initialCommunicationOn: '2026-04-06', noticeSentOn: '2026-04-13' };
    assert.deepEqual(validationNoticeStatus(facts, noon('2026-04-20'), CHI), { kind: 'sent', on: '2026-04-13', late: true });
  });
  it('US-7 has nothing to say before the initial communication', () => {
    assert.deepEqual(validationNoticeStatus({}, noon('2026-04-20'), CHI), { kind: 'not_started' });
  });
});

describe('US-7 date: validation period end dates', () => {
  const table: Array<[string, string, string, string]> = [
    ['a plain week', '2026-04-06', '2026-04-13', '2026-05-13'],
    ['Juneteenth on the Friday', '2026-06-15', '2026-06-23', '2026-07-23'],
    ['Thanksgiving in the week', '2026-11-19', '2026-11-27', '2026-12-27'],
    ['sent on a Saturday', '2026-04-11', '2026-04-17', '2026-05-17'],
    ['Christmas and the year end', '2026-12-23', '2026-12-31', '2027-01-30'],
    ['the observed 4 July 2027 (Monday 5)', '2027-07-01', '2027-07-09', '2027-08-08'],
  ];
  for (const [because, sent, receipt, ends] of table) {
    it(`US-7 date: sent ${sent} (${because}) is received ${receipt} and the period ends ${ends}`, () => {
      assert.deepEqual(validationPeriod(sent), { assumedReceipt: receipt, endsOn: ends });
    });
  }
});
