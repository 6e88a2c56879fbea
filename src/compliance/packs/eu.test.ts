// European rules: GDPR basics everywhere in the EU, EEA and UK, and Ireland's hours and monthly cap (rows 17 and 19 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aChannel, aContact, aDebtor, aPurpose, decideAt, localAt, summary, type Scenario } from '../fixtures.ts';

const DUB = 'Europe/Dublin';
const MAD = 'Europe/Madrid';

function check(zone: string, country: string, now: string, scenario: Scenario = {}) {
  const debtor = scenario.debtor ?? aDebtor({ country, timeZone: zone });
  return summary(decideAt(localAt(now, zone), { ...scenario, debtor }), zone);
}

describe('EU-7 Ireland', () => {
  const at = (s: string) => localAt(s, DUB);
  const threeThisMonth = ['2026-04-01', '2026-04-06', '2026-04-08'].map((d) => aContact(at(`${d} 10:00`), 'email'));
  const table: Array<[string, string, Scenario, string]> = [
    ['EU-7 defers Tuesday 21:00 to Wednesday 09:00', '2026-04-07 21:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 09:00'],
    ['EU-7 defers 08:59 to 09:00', '2026-04-08 08:59', {}, 'defer OUTSIDE_HOURS until 2026-04-08 09:00'],
    ['EU-7 defers any Sunday to Monday 09:00', '2026-04-12 15:00', {}, 'defer CLOSED_DAY until 2026-04-13 09:00'],
    ['EU-7 defers St Patrick\'s Day', '2026-03-17 11:00', {}, 'defer HOLIDAY until 2026-03-18 09:00'],
    ['EU-7 defers the Sunday before Easter Monday to Tuesday', '2026-04-05 11:00', {}, 'defer CLOSED_DAY until 2026-04-07 09:00'],
    ['EU-7 defers a 4th unsolicited contact in a month to the next month', '2026-04-20 11:00', { events: threeThisMonth },
      'defer MONTHLY_CAP until 2026-05-01 09:00'],
    ['EU-7 does not count contacts that did not reach the person', '2026-04-20 11:00',
      { events: [...threeThisMonth.slice(0, 2), aContact(at('2026-04-08 10:00'), 'call', { outcome: 'unanswered' })] }, 'allow'],
    ['EU-7 does not cap a reply to the debtor', '2026-04-20 11:00', { events: threeThisMonth, purpose: aPurpose({ kind: 'reply' }) }, 'allow'],
  ];
  for (const [name, now, scenario, expected] of table) {
    it(name, () => assert.equal(check(DUB, 'IE', now, scenario), expected));
  }
});

describe('GDPR basics', () => {
  const table: Array<[string, string, Scenario, string]> = [
    ['EU-1 blocks when no lawful basis is recorded', '2026-04-07 11:00',
      { debtor: aDebtor({ country: 'ES', timeZone: MAD, lawfulBasis: undefined }) }, 'block LAWFUL_BASIS_MISSING'],
    ['EU-4 blocks a legal escalation no person reviewed', '2026-04-07 11:00', { purpose: aPurpose({ kind: 'legal_escalation' }) }, 'block AUTOMATED_DECISION'],
    ['EU-4 allows a legal escalation a person reviewed', '2026-04-07 11:00', { purpose: aPurpose({ kind: 'legal_escalation', humanReviewed: true }) }, 'allow'],
    ['EU-5 allows an undisclosed AI message before 2 August 2026', '2026-07-31 11:00', { purpose: aPurpose({ aiAgent: true }) }, 'allow'],
    ['EU-5 blocks an AI agent turn without AI disclosure from 2 August 2026', '2026-08-03 11:00', { purpose: aPurpose({ aiAgent: true }) },
      'block AI_DISCLOSURE_MISSING'],
    ['EU-5 allows an AI agent turn that says it is an AI', '2026-08-03 11:00', { purpose: aPurpose({ aiAgent: true, disclosesAi: true }) }, 'allow'],
    ['applies the org policy hours in Spain', '2026-04-07 21:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 08:00'],
    ['applies the Spanish public holidays of the org policy', '2026-10-12 11:00', {}, 'defer HOLIDAY until 2026-10-13 08:00'],
    ['applies the org per-channel caps in Spain', '2026-04-07 11:00', { events: [aContact(localAt('2026-04-07 09:00', MAD), 'sms')], channel: aChannel('sms') },
      'defer DAILY_CAP until 2026-04-08 08:00'],
  ];
  for (const [name, now, scenario, expected] of table) {
    it(name, () => assert.equal(check(MAD, 'ES', now, scenario), expected));
  }

  it('applies GDPR, Ireland and no org policy to an Irish consumer', () => {
    assert.deepEqual(decideAt(localAt('2026-04-07 11:00', DUB), { debtor: aDebtor({ country: 'IE', timeZone: DUB }) }).packs, ['COMMON', 'EU', 'IE']);
  });
});
