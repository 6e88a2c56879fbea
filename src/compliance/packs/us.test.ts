// United States rules (COMPLIANCE.md §1 and rows 1-13 of §8), table-driven where the rule is a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aChannel, aContact, aDebt, aDebtor, aPurpose, decideAt, localAt, summary, type Scenario } from '../fixtures.ts';

const CHI = 'America/Chicago';
const t = (local: string) => localAt(local, CHI);
const check = (now: string, s: Scenario = {}) => summary(decideAt(t(now), s), CHI);

describe('US-1 hours at the consumer location', () => {
  const table: Array<[string, string, string]> = [
    ['US-1 defers a 07:59 call to 08:00 local', '2026-04-07 07:59', 'defer OUTSIDE_HOURS until 2026-04-07 08:00'],
    ['US-1 allows a call at 08:00 local', '2026-04-07 08:00', 'allow'],
    ['US-1 allows a call at 20:59 local', '2026-04-07 20:59', 'allow'],
    ['US-1 defers a 21:00 call to 08:00 the next day', '2026-04-07 21:00', 'defer OUTSIDE_HOURS until 2026-04-08 08:00'],
    ['US-1 allows Sundays, which Reg F does not restrict', '2026-04-12 10:00', 'allow'],
  ];
  for (const [name, now, expected] of table) {
    it(name, () => assert.equal(check(now, { channel: aChannel('call') }), expected));
  }

  it('US-1 requires the time to be allowed in every candidate zone when the location is ambiguous', () => {
    const debtor = aDebtor({ otherTimeZones: ['America/Los_Angeles'] });
    assert.equal(check('2026-04-07 08:30', { debtor }), 'defer OUTSIDE_HOURS until 2026-04-07 10:00');
    assert.equal(check('2026-04-07 20:30', { debtor }), 'allow');
  });

  it('US-1 keeps out of times the consumer said are inconvenient', () => {
    const debtor = aDebtor({ inconvenientTimes: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] });
    assert.equal(check('2026-04-07 10:00', { debtor }), 'defer INCONVENIENT_TIME until 2026-04-07 17:00');
    assert.equal(check('2026-04-11 10:00', { debtor }), 'allow');
  });
});

describe('US-2 call frequency', () => {
  // Monday 6 April 2026 is day 1: two calls, then one a day to Saturday, seven in all.
  const sevenCalls = [
    aContact(t('2026-04-06 09:00'), 'call', { address: '+13125550100' }),
    aContact(t('2026-04-06 15:00'), 'call', { address: '+13125550199' }),
    ...['07', '08', '09', '10', '11'].map((d, i) => aContact(t(`2026-04-${d} 10:00`), 'call', { address: i % 2 ? '+13125550199' : '+13125550100' })),
  ];
  const call = aChannel('call');

  it('US-2 defers an 8th call on day 7 to day 8, counting all numbers together', () => {
    assert.equal(check('2026-04-12 10:00', { channel: call, events: sevenCalls }), 'defer CALL_CAP until 2026-04-13 08:00');
  });
  it('US-2 allows the call on day 8', () => {
    assert.equal(check('2026-04-13 10:00', { channel: call, events: sevenCalls }), 'allow');
  });
  it('US-2 does not count calls that never connected', () => {
    const events = sevenCalls.map((e, i) => (i === 0 ? { ...e, outcome: 'failed' as const } : e));
    assert.equal(check('2026-04-12 10:00', { channel: call, events }), 'allow');
  });
  it('US-2 counts only calls about this debt', () => {
    const events = sevenCalls.map((e, i) => (i === 0 ? { ...e, debtId: 'inv_other' } : e));
    assert.equal(check('2026-04-12 10:00', { channel: call, events }), 'allow');
  });
  it('US-2 talk: after a conversation on Monday no call before next Monday', () => {
    const events = [aContact(t('2026-04-06 11:00'), 'call', { outcome: 'conversation' })];
    assert.equal(check('2026-04-12 20:00', { channel: call, events }), 'defer CONVERSATION_COOLDOWN until 2026-04-13 08:00');
    assert.equal(check('2026-04-13 08:00', { channel: call, events }), 'allow');
  });
  it('US-2 talk: a conversation on an inbound call starts the same 7 days', () => {
    const events = [aContact(t('2026-04-06 11:00'), 'call', { direction: 'inbound', outcome: 'conversation' })];
    assert.equal(check('2026-04-08 10:00', { channel: call, events }), 'defer CONVERSATION_COOLDOWN until 2026-04-13 08:00');
  });
  it('US-2 caps other channels at one message per channel per day', () => {
    const events = [aContact(t('2026-04-07 09:00'), 'sms')];
    assert.equal(check('2026-04-07 12:00', { events }), 'defer DAILY_CAP until 2026-04-08 08:00');
    assert.equal(check('2026-04-07 12:00', { events, channel: aChannel('email') }), 'allow');
  });
  it('US-2 applies a stricter state cap (Massachusetts: 2 calls or texts in 7 days)', () => {
    const debtor = aDebtor({ region: 'MA', timeZone: 'America/New_York' });
    const events = [aContact(localAt('2026-04-06 10:00', 'America/New_York'), 'call'), aContact(localAt('2026-04-07 10:00', 'America/New_York'), 'sms')];
    const d = decideAt(localAt('2026-04-09 10:00', 'America/New_York'), { debtor, events, channel: call });
    assert.equal(summary(d, 'America/New_York'), 'defer CALL_CAP until 2026-04-13 08:00');
  });
});

describe('US-3 to US-11', () => {
  const noon = '2026-04-07 12:00';
  const noTexts = aDebtor({ suppressions: [{ scope: { kind: 'channel', channel: 'sms' }, at: t('2026-04-01 10:00') }] });
  const table: Array<[string, Scenario, string]> = [
    ['US-3 blocks SMS after "no texts"', { debtor: noTexts }, 'block OPTED_OUT'],
    ['US-3 still allows email after "no texts"', { debtor: noTexts, channel: aChannel('email') }, 'allow'],
    ['US-3 allows SMS again once the opt-out is lifted (START)',
      { debtor: aDebtor({ suppressions: [{ scope: { kind: 'channel', channel: 'sms' }, at: t('2026-04-01 10:00'), liftedAt: t('2026-04-02 10:00') }] }) }, 'allow'],
    ['US-5 blocks every message once a cease is on file', { debtor: aDebtor({ ceaseRequestedAt: t('2026-04-01 10:00') }) }, 'block CEASE_REQUESTED'],
    ['US-5 lets a cease-allowed notice through', { debtor: aDebtor({ ceaseRequestedAt: t('2026-04-01 10:00') }), purpose: aPurpose({ tags: ['cease-allowed'] }) }, 'allow'],
    ['US-6 blocks an employer-provided email without consent', { channel: aChannel('email', { employerProvided: true }) }, 'block EMPLOYER_EMAIL'],
    ['US-6 allows an employer-provided email with consent',
      { channel: aChannel('email', { employerProvided: true }), debtor: aDebtor({ consents: [{ kind: 'employer_email', grantedAt: t('2026-01-01 10:00') }] }) }, 'allow'],
    ['US-7 blocks demand templates while a timely dispute is unverified',
      { debt: aDebt({ dispute: { openedAt: t('2026-04-01 10:00') } }), purpose: aPurpose({ tags: ['demand'] }) }, 'block DISPUTE_UNVERIFIED'],
    ['US-7 resumes once verification has been sent',
      { debt: aDebt({ dispute: { openedAt: t('2026-04-01 10:00'), verifiedAt: t('2026-04-05 10:00') } }), purpose: aPurpose({ tags: ['demand'] }) }, 'allow'],
    ['US-9 blocks a legal-threat template once limitations expired',
      { debt: aDebt({ limitationsExpiresAt: '2026-04-07' }), purpose: aPurpose({ tags: ['legal-threat'] }) }, 'block TIME_BARRED_LEGAL_THREAT'],
    ['US-9 allows a legal-threat template before expiry',
      { debt: aDebt({ limitationsExpiresAt: '2026-04-08' }), purpose: aPurpose({ tags: ['legal-threat'] }) }, 'allow'],
    ['US-9 allows a plain reminder on a time-barred debt', { debt: aDebt({ limitationsExpiresAt: '2020-01-01' }) }, 'allow'],
    ['US-11 blocks an AI voice call to a mobile without consent', { channel: aChannel('call', { dialing: 'ai_voice' }) }, 'block CONSENT_MISSING'],
    ['US-11 blocks an autodialed call to a number of unknown type without consent',
      { channel: aChannel('call', { dialing: 'autodialed', lineType: 'unknown' }) }, 'block CONSENT_MISSING'],
    ['US-11 blocks an AI voice call with consent that does not disclose the AI',
      { channel: aChannel('call', { dialing: 'ai_voice' }), debtor: aDebtor({ consents: [{ kind: 'automated_calls', grantedAt: t('2026-01-01 10:00') }] }) },
      'block AI_DISCLOSURE_MISSING'],
    ['US-11 allows an AI voice call with consent, disclosure and opt-out',
      { channel: aChannel('call', { dialing: 'ai_voice' }), debtor: aDebtor({ consents: [{ kind: 'automated_calls', grantedAt: t('2026-01-01 10:00') }] }),
        purpose: aPurpose({ disclosesAi: true, offersOptOut: true }) }, 'allow'],
    ['US-11 blocks once the automated-call consent is revoked',
      { channel: aChannel('call', { dialing: 'prerecorded' }),
        debtor: aDebtor({ consents: [{ kind: 'automated_calls', grantedAt: t('2026-01-01 10:00'), revokedAt: t('2026-04-06 10:00') }] }) },
      'block CONSENT_MISSING'],
    ['US-11 allows a manually dialled call without consent', { channel: aChannel('call') }, 'allow'],
    ['R-4 blocks a reminder on a paid debt', { debt: aDebt({ balance: { amount: 0, currency: 'USD' } }) }, 'block DEBT_SETTLED'],
    ['R-4 allows the receipt of a paid debt', { debt: aDebt({ balance: { amount: 0, currency: 'USD' } }), purpose: aPurpose({ kind: 'confirmation' }) }, 'allow'],
    ['R-4 blocks while a payment is in flight', { debt: aDebt({ paymentPending: true }) }, 'block PAYMENT_PENDING'],
  ];
  for (const [name, scenario, expected] of table) {
    it(name, () => assert.equal(check(noon, scenario), expected));
  }

  it('G-1 defers reminders while a promise is pending, to the day after it is due', () => {
    const debt = aDebt({ promisedBy: '2026-04-10' });
    assert.equal(check(noon, { debt }), 'defer PROMISE_ACTIVE until 2026-04-11 08:00');
    assert.equal(check(noon, { debt, purpose: aPurpose({ tags: ['promise-reminder'] }) }), 'allow');
  });

  it('applies the org policy instead of Reg F to a business debt', () => {
    const d = decideAt(t('2026-04-07 20:30'), { debt: aDebt({ consumer: false }) });
    assert.deepEqual(d.packs, ['COMMON', 'ORG']);
    assert.equal(summary(d, CHI), 'defer OUTSIDE_HOURS until 2026-04-08 08:00');
  });
});
