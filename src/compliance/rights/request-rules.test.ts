// Data-subject request due dates per country and kind, and how far each law lets them be extended (EU-2 with Reg. 1182/71; LGPD art. 19; CCPA;
// Mexico, Colombia, Argentina, Peru and Chile counted on their own business days).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../domain/dates.ts';
import {
  REQUEST_RULES, extendDueDate, gdprCalendarCountry, gdprRule, requestRuleFor, type RequestKind, type RequestRuleId,
} from './request-rules.ts';

describe('the rule a debtor\'s request follows', () => {
  const cases: [string | null, string | null, string][] = [
    ['ES', null, 'GDPR'], ['ie', null, 'GDPR'], ['GB', null, 'GDPR'], ['NO', null, 'GDPR'],
    ['BR', 'SP', 'LGPD'], ['US', 'CA', 'CCPA'], ['US', 'ca', 'CCPA'],
    ['US', 'TX', 'COBRO'], ['MX', null, 'LFPDPPP'], ['co', null, 'LEY_1581'], ['AR', 'B', 'LEY_25326'], ['PE', null, 'LEY_29733'],
    ['UY', null, 'COBRO'], [null, null, 'COBRO'],
  ];
  for (const [country, region, rule] of cases) {
    it(`is ${rule} for ${country ?? 'no country'}${region ? `/${region}` : ''}`, () => assert.equal(requestRuleFor(country, region, '2026-03-01').id, rule));
  }
  it('is Chile\'s Ley 19.628 for a request received before 2026-12-01 and Ley 21.719 from that day', () => {
    assert.deepEqual(['2026-11-30', '2026-12-01', '2027-03-01'].map((d) => requestRuleFor('CL', null, d).id), ['LEY_19628', 'LEY_21719', 'LEY_21719']);
  });
});

describe('due dates and extensions per law', () => {
  const table: { rule: keyof typeof REQUEST_RULES; received: string; due: string; limit: string | null }[] = [
    { rule: 'GDPR', received: '2026-01-31', due: '2026-03-02', limit: '2026-04-28' },
    { rule: 'LGPD', received: '2026-01-31', due: '2026-02-16', limit: null },
    { rule: 'CCPA', received: '2026-01-31', due: '2026-03-17', limit: '2026-05-01' },
    { rule: 'COBRO', received: '2026-01-31', due: '2026-02-28', limit: null },
  ];
  for (const { rule, received, due, limit } of table) {
    const r = REQUEST_RULES[rule];
    it(`${rule}: a request of ${received} is due ${due}, extendable ${limit ? `to ${limit}` : 'not at all'}`, () => {
      assert.equal(r.due(received, 'access'), due);
      assert.equal(r.due(received, 'erasure'), due, 'the same period for every kind');
      const most = extendDueDate(r, 'access', due, undefined, received, received);
      if (!limit) {
        assert.ok(!most.ok && most.error.field === 'until' && /no extension/.test(most.error.message));
        return;
      }
      assert.deepEqual(most, { ok: true, value: limit });
      const beyond = extendDueDate(r, 'access', due, '2026-05-02', received, received);
      assert.ok(!beyond.ok && beyond.error.field === 'until' && beyond.error.message.includes(limit));
      const shorter = extendDueDate(r, 'access', due, '2026-04-01', received, received);
      assert.deepEqual(shorter, { ok: true, value: '2026-04-01' });
      const notLater = extendDueDate(r, 'access', due, due, received, received);
      assert.ok(!notLater.ok && notLater.error.field === 'until');
      const toldLate = extendDueDate(r, 'access', due, undefined, '2026-03-18', received);
      assert.ok(!toldLate.ok && toldLate.error.field === 'told_on');
      assert.ok(extendDueDate(r, 'access', due, undefined, due, received).ok, 'told on the due date itself is in time');
    });
  }
});

describe('Latin American periods per kind, business days on the country\'s own holidays', () => {
  // received on, due on, and the latest extension (null: the law allows none); each row's period spans a public holiday
  // of the country except where noted, so counting weekends alone would give an earlier date
  const table: { rule: RequestRuleId; kind: RequestKind; received: string; due: string; limit: string | null; why: string }[] = [
    { rule: 'LFPDPPP', kind: 'access', received: '2026-03-01', due: '2026-03-30', limit: '2026-04-27', why: '20 business days past Benito Juárez (16 March), once 20 more' },
    { rule: 'LFPDPPP', kind: 'erasure', received: '2026-03-01', due: '2026-03-30', limit: '2026-04-27', why: 'cancellation has the same ARCO period' },
    { rule: 'LEY_1581', kind: 'access', received: '2026-03-18', due: '2026-04-06', limit: '2026-04-13', why: 'a query: 10 business days past San José and Holy Thursday and Friday, at most 5 more' },
    { rule: 'LEY_1581', kind: 'erasure', received: '2026-03-18', due: '2026-04-13', limit: '2026-04-23', why: 'a claim: 15 business days, at most 8 more' },
    { rule: 'LEY_1581', kind: 'rectification', received: '2026-03-18', due: '2026-04-13', limit: '2026-04-23', why: 'a claim: 15 business days, at most 8 more' },
    { rule: 'LEY_25326', kind: 'access', received: '2026-03-19', due: '2026-03-29', limit: null, why: '10 calendar days, a Sunday included, no extension' },
    { rule: 'LEY_25326', kind: 'rectification', received: '2026-03-19', due: '2026-03-27', limit: null, why: '5 business days past 24 March, no extension' },
    { rule: 'LEY_25326', kind: 'erasure', received: '2026-03-19', due: '2026-03-27', limit: null, why: 'suppression as rectification' },
    { rule: 'LEY_29733', kind: 'access', received: '2026-03-30', due: '2026-04-29', limit: '2026-05-28', why: '20 business days past Holy Week, once 20 more past 1 May' },
    { rule: 'LEY_29733', kind: 'erasure', received: '2026-03-30', due: '2026-04-15', limit: '2026-04-29', why: 'cancellation: 10 business days, once 10 more' },
    { rule: 'LEY_29733', kind: 'rectification', received: '2026-03-30', due: '2026-04-15', limit: '2026-04-29', why: 'rectification: 10 business days, once 10 more' },
    { rule: 'LEY_19628', kind: 'access', received: '2026-09-17', due: '2026-09-22', limit: null, why: '2 business days past the Fiestas Patrias, no extension' },
    { rule: 'LEY_19628', kind: 'erasure', received: '2026-11-30', due: '2026-12-02', limit: null, why: 'received the day before Ley 21.719' },
    { rule: 'LEY_21719', kind: 'erasure', received: '2026-12-01', due: '2026-12-31', limit: '2027-01-30', why: '30 calendar days, once 30 more' },
  ];
  for (const { rule, kind, received, due, limit, why } of table) {
    const r = REQUEST_RULES[rule];
    it(`${rule} ${kind}: received ${received}, due ${due}, extendable ${limit ? `to ${limit}` : 'not at all'} (${why})`, () => {
      assert.equal(r.due(received, kind), due);
      const most = extendDueDate(r, kind, due, undefined, received);
      if (!limit) {
        assert.ok(!most.ok && most.error.field === 'until' && most.error.message.includes(`${r.article(kind)} allows no extension`), JSON.stringify(most));
        return;
      }
      assert.deepEqual(most, { ok: true, value: limit });
      const beyond = extendDueDate(r, kind, due, addDays(limit, 1), received);
      assert.ok(!beyond.ok && beyond.error.field === 'until' && beyond.error.message.includes(limit), JSON.stringify(beyond));
      assert.deepEqual(extendDueDate(r, kind, due, addDays(due, 1), due), { ok: true, value: addDays(due, 1) }, 'told on the due date is in time');
      const late = extendDueDate(r, kind, due, undefined, addDays(due, 1));
      assert.ok(!late.ok && late.error.field === 'told_on' && late.error.message.includes(r.article(kind)), JSON.stringify(late));
    });
  }

  it('cites the article for the kind: Argentina\'s access and rectification are different articles', () => {
    assert.deepEqual([REQUEST_RULES.LEY_25326.article('access'), REQUEST_RULES.LEY_25326.article('rectification')],
      ['Ley 25.326 art. 14', 'Ley 25.326 art. 16']);
    assert.equal(REQUEST_RULES.GDPR.article('erasure'), 'GDPR art. 12(3)');
  });
});

describe('a calendar-day period whose last day is closed', () => {
  // received on, due on: Brazil's Civil Code (art. 132 §1) moves the last day to the next business day; Argentina's and
  // Chile's count continuous days and end on the closed day itself
  const table: { rule: RequestRuleId; kind: RequestKind; received: string; due: string; why: string }[] = [
    { rule: 'LGPD', kind: 'access', received: '2026-02-20', due: '2026-03-09', why: 'the 15th day is Saturday 7 March: Monday' },
    { rule: 'LGPD', kind: 'erasure', received: '2026-11-05', due: '2026-11-23', why: 'the 15th day is Consciência Negra, Friday 20 November: Monday' },
    { rule: 'LGPD', kind: 'access', received: '2026-03-29', due: '2026-04-13', why: 'the 15th day is a Monday: not moved' },
    { rule: 'LEY_25326', kind: 'access', received: '2026-02-25', due: '2026-03-07', why: 'Argentina\'s 10 "días corridos" end on Saturday 7 March' },
    { rule: 'LEY_21719', kind: 'access', received: '2026-12-02', due: '2027-01-01', why: 'Chile\'s 30 "días corridos" end on New Year\'s Day' },
  ];
  for (const { rule, kind, received, due, why } of table) {
    it(`${rule} ${kind}: received ${received}, due ${due} (${why})`, () => assert.equal(REQUEST_RULES[rule].due(received, kind), due));
  }
  it('takes the next open day after a run of closed ones (Brazil: Saturday, Sunday, then Tiradentes on Tuesday is not in the way)', () => {
    assert.equal(REQUEST_RULES.LGPD.due('2026-04-03', 'access'), '2026-04-20', 'Saturday 18 April to Monday 20');
    assert.equal(REQUEST_RULES.LGPD.due('2026-04-06', 'access'), '2026-04-22', 'Tiradentes, Tuesday 21 April, to Wednesday 22');
  });
});

describe('GDPR periods on the controller\'s calendar (Regulation 1182/71 art. 3(4))', () => {
  // received on, the controller's country, due on: one month to the same date, then off a Saturday, Sunday or public
  // holiday of the controller's country to the next working day
  const table: { received: string; country: string | null; due: string; why: string }[] = [
    { received: '2026-01-31', country: 'ES', due: '2026-03-02', why: 'the month ends on Saturday 28 February: Monday' },
    { received: '2026-03-25', country: 'DE', due: '2026-04-27', why: 'Saturday 25 April, then Sunday' },
    { received: '2024-11-25', country: 'DE', due: '2024-12-27', why: 'Christmas Day on a Wednesday, then 26 December, kept in Germany' },
    { received: '2024-11-25', country: 'ES', due: '2024-12-26', why: 'Christmas Day; 26 December is no national holiday in Spain' },
    { received: '2024-11-25', country: 'GB', due: '2024-12-25', why: 'no holidays kept for the country: only weekends move' },
    { received: '2026-03-06', country: 'DE', due: '2026-04-07', why: 'Easter Monday, a holiday in every German Land' },
    { received: '2026-03-06', country: 'ES', due: '2026-04-06', why: 'Easter Monday is no national holiday in Spain' },
    { received: '2026-11-25', country: 'IE', due: '2026-12-29', why: 'Christmas on a Friday, St Stephen\'s Day on Saturday kept on Monday 28' },
    { received: '2026-03-04', country: 'DE', due: '2026-04-07', why: 'Saturday 4 April, Easter Sunday, then Easter Monday' },
    { received: '2026-03-04', country: 'ES', due: '2026-04-06', why: 'Saturday 4 April and Easter Sunday only' },
    { received: '2026-03-15', country: 'DE', due: '2026-04-15', why: 'an ordinary Wednesday: not moved' },
  ];
  for (const { received, country, due, why } of table) {
    it(`received ${received}, controller in ${country}: due ${due} (${why})`, () => assert.equal(gdprRule(country).due(received, 'access'), due));
  }

  it('extends two months on from the first month\'s own last day, moved off a closed day the same way', () => {
    assert.deepEqual(extendDueDate(gdprRule('ES'), 'access', '2026-03-02', undefined, '2026-03-02', '2026-01-31'), { ok: true, value: '2026-04-28' },
      '28 February + 2 months, not the moved 2 March + 2');
    assert.deepEqual(extendDueDate(gdprRule('DE'), 'erasure', '2026-03-25', undefined, '2026-03-20', '2026-02-25'), { ok: true, value: '2026-05-26' },
      '25 May 2026 is Whit Monday in Germany');
    assert.deepEqual(extendDueDate(gdprRule('ES'), 'erasure', '2026-03-25', undefined, '2026-03-20', '2026-02-25'), { ok: true, value: '2026-05-25' },
      'and an open Monday in Spain');
    const late = extendDueDate(gdprRule('ES'), 'access', '2026-03-02', undefined, '2026-03-03', '2026-01-31');
    assert.ok(!late.ok && late.error.field === 'told_on' && late.error.message.includes('2026-03-02'), JSON.stringify(late));
  });

  it('counts on the controller\'s country when it is under the GDPR, else on the debtor\'s', () => {
    assert.deepEqual([gdprCalendarCountry('FR', 'DE'), gdprCalendarCountry('DE', 'US'), gdprCalendarCountry('de', null), gdprCalendarCountry('ES', 'es')],
      ['DE', 'DE', 'DE', 'ES']);
    assert.equal(requestRuleFor('FR', null, '2026-03-06', 'DE').due('2026-03-06', 'access'), '2026-04-07', 'a French debtor of a German controller');
    assert.equal(requestRuleFor('DE', null, '2026-03-06', 'ES').due('2026-03-06', 'access'), '2026-04-06', 'a German debtor of a Spanish controller');
    assert.equal(requestRuleFor('DE', null, '2026-03-06', 'MX').due('2026-03-06', 'access'), '2026-04-07', 'a controller outside the EU: the debtor\'s');
  });

  it('does not move a CCPA period: the regulation counts 45 calendar days after receipt, a closed last day included', () => {
    assert.equal(REQUEST_RULES.CCPA.due('2026-11-10', 'access'), '2026-12-25', 'Christmas Day stays the last day');
    assert.equal(REQUEST_RULES.CCPA.due('2026-01-22', 'access'), '2026-03-08', 'a Sunday stays the last day');
    assert.deepEqual(extendDueDate(REQUEST_RULES.CCPA, 'access', '2026-03-08', undefined, '2026-03-01', '2026-01-22'), { ok: true, value: '2026-04-22' },
      '90 days from receipt');
  });
});
