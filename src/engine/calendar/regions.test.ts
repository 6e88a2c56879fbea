// Regional holidays (Brazilian states, Spanish communities, German Länder): a customer's country and region (ISO 3166-2,
// 'SP' or 'BR-SP') pick the calendar; an unknown region keeps the national one; the planner moves a step off a regional
// holiday for that region's customers only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../domain/index.ts';
import { SMB_STRATEGY } from '../../strategy/index.ts';
import { caseCustomer } from '../case-rows.ts';
import { simulateCase } from '../simulate-case.ts';
import { aCase, anInvoice } from '../test-fixtures.ts';
import { startOfDayInZone } from '../zone.ts';
import { calendarFor, closedReason, isBusinessDay, withClosedDays } from './business-days.ts';

type Row = [country: string, region: string | null, date: string, closed: string | null];

describe('regional holidays', () => {
  const rows: Row[] = [
    ['BR', 'SP', '2026-07-09', 'Revolução Constitucionalista'],
    ['BR', 'BR-SP', '2026-07-09', 'Revolução Constitucionalista'],
    ['BR', 'sp', '2026-07-09', 'Revolução Constitucionalista'],
    ['BR', 'RJ', '2026-07-09', null],
    ['BR', null, '2026-07-09', null],
    ['BR', 'RJ', '2026-04-23', 'Dia de São Jorge'],
    ['BR', 'CE', '2026-03-19', 'Dia de São José'],
    ['BR', 'CE', '2026-03-25', 'Data Magna do Ceará'],
    ['BR', 'BA', '2026-07-02', 'Independência da Bahia'],
    ['BR', 'RS', '2027-09-20', 'Revolução Farroupilha'],
    ['BR', 'PA', '2026-08-17', null],
    ['BR', 'PA', '2027-08-16', null],
    ['BR', 'PA', '2028-08-15', 'Adesão do Grão-Pará à Independência'],
    ['BR', 'MS', '2027-10-11', 'Criação do Estado de Mato Grosso do Sul'],
    ['BR', 'MG', '2026-07-09', null],
    ['BR', 'ZZ', '2026-07-09', null],
    ['BR', 'ES-CT', '2026-09-11', null],
    ['ES', 'CT', '2026-09-11', 'Diada Nacional de Catalunya'],
    ['ES', 'ES-CT', '2026-04-06', 'Dilluns de Pasqua Florida'],
    ['ES', 'CT', '2026-06-24', 'Sant Joan'],
    ['ES', 'CT', '2026-04-02', null],
    ['ES', 'MD', '2026-04-02', 'Jueves Santo'],
    ['ES', 'AN', '2026-04-02', 'Jueves Santo'],
    ['ES', 'MD', '2026-11-02', 'Lunes siguiente a Todos los Santos'],
    ['ES', 'AN', '2026-12-07', 'Lunes siguiente al Día de la Constitución'],
    ['ES', 'CT', '2026-12-07', null],
    ['ES', 'MD', '2027-05-03', null],
    ['ES', 'MD', '2028-05-02', 'Fiesta de la Comunidad de Madrid'],
    ['ES', 'AN', '2027-03-01', null],
    ['ES', 'AN', '2029-02-28', 'Día de Andalucía'],
    ['ES', 'MD', '2026-09-11', null],
    ['ES', null, '2026-04-06', null],
    ['ES', 'VC', '2026-04-02', null],
    // the German Länder (Easter 2026: 5 April, so Fronleichnam is 4 June)
    ['DE', 'BY', '2026-01-06', 'Heilige Drei Könige'],
    ['DE', 'DE-BW', '2026-06-04', 'Fronleichnam'],
    ['DE', 'NW', '2026-06-04', 'Fronleichnam'],
    ['DE', 'BE', '2026-06-04', null],
    ['DE', null, '2026-06-04', null],
    ['DE', 'SL', '2026-08-14', null],
    ['DE', 'SL', '2029-08-15', 'Mariä Himmelfahrt'],
    ['DE', 'BY', '2029-08-15', null],
    ['DE', 'BE', '2027-03-08', 'Internationaler Frauentag'],
    ['DE', 'BE', '2018-03-08', null],
    ['DE', 'MV', '2022-03-08', null],
    ['DE', 'MV', '2023-03-08', 'Internationaler Frauentag'],
    ['DE', 'BE', '2025-05-08', 'Tag der Befreiung'],
    ['DE', 'BE', '2026-05-08', null],
    ['DE', 'TH', '2028-09-20', 'Weltkindertag'],
    ['DE', 'SN', '2028-10-31', 'Reformationstag'],
    ['DE', 'NI', '2028-10-31', 'Reformationstag'],
    ['DE', 'NI', '2016-10-31', null],
    ['DE', 'BY', '2017-10-31', 'Reformationstag'],
    ['DE', 'HB', '2017-10-31', 'Reformationstag'],
    ['DE', 'BY', '2028-10-31', null],
    ['DE', 'RP', '2027-11-01', 'Allerheiligen'],
    ['DE', 'HE', '2027-11-01', null],
    // Buß- und Bettag, the Wednesday before 23 November: 18 Nov 2026, 17 Nov 2027, 22 Nov 2028, 19 Nov 2025
    ['DE', 'SN', '2026-11-18', 'Buß- und Bettag'],
    ['DE', 'SN', '2026-11-16', null],
    ['DE', 'SN', '2027-11-17', 'Buß- und Bettag'],
    ['DE', 'SN', '2028-11-22', 'Buß- und Bettag'],
    ['DE', 'SN', '2028-11-15', null],
    ['DE', 'SN', '2025-11-19', 'Buß- und Bettag'],
    ['DE', 'BY', '2026-11-18', null],
  ];
  for (const [country, region, date, closed] of rows) {
    it(`${closed ? `closes ${date} for ${country}/${region}: ${closed}` : `keeps ${date} open for ${country}/${region ?? 'no region'}`}`, () => {
      assert.equal(closedReason(date, calendarFor(country, region).calendar), closed);
    });
  }

  it('gives the same calendar object for one region however it is written, and the national one for an unknown region', () => {
    assert.equal(calendarFor('BR', 'SP').calendar, calendarFor('br', 'BR-SP').calendar);
    assert.equal(calendarFor('BR', 'ZZ').calendar, calendarFor('BR').calendar);
    assert.equal(calendarFor('US', 'CA').calendar, calendarFor('US').calendar, 'no US state days are kept');
    assert.equal(calendarFor('BR', 'SP').known, true);
  });

  it('keeps an org\'s quiet days with a region\'s holidays', () => {
    const cal = withClosedDays('BR', new Map([['2026-07-10', 'Company day']]), 'SP');
    assert.deepEqual([isBusinessDay('2026-07-09', cal), isBusinessDay('2026-07-10', cal), isBusinessDay('2026-07-13', cal)], [false, false, true]);
    const rj = withClosedDays('BR', new Map([['2026-07-10', 'Company day']]), 'RJ');
    assert.deepEqual([isBusinessDay('2026-07-09', rj), isBusinessDay('2026-07-10', rj)], [true, false]);
  });
});

describe('the planner on a regional calendar', () => {
  // SMB's due-day step on Thursday 9 July 2026, São Paulo's state holiday
  const plannedDates = (region: string | null) => {
    const customer = caseCustomer({ id: 'cus_1', country: 'BR', region, timezone: 'America/Sao_Paulo', email: 'a@example.com', phone: null,
      whatsapp: null, preferred_channel: null, tags: [], average_days_late: null }, { country: 'BR', timezone: 'America/Sao_Paulo' } as never);
    const state = aCase({ customer, invoices: [anInvoice({ dueDate: '2026-07-09' })] });
    const { calendar } = calendarFor(customer.country, customer.region);
    const from = startOfDayInZone(addDays('2026-07-09', -5), 'America/Sao_Paulo');
    const to = startOfDayInZone(addDays('2026-07-09', 2), 'America/Sao_Paulo');
    return simulateCase(state, SMB_STRATEGY, calendar, from, to).flatMap((t) => t.plan.actions.map((a) => `${a.stepId} ${a.scheduledFor}`));
  };

  it('moves the due-day step off 9 July for a customer in São Paulo', () => {
    assert.deepEqual(plannedDates('SP'), ['before-3 2026-07-06', 'due-day 2026-07-10']);
  });
  it('keeps it on 9 July for a customer in Rio de Janeiro, and for one with no region', () => {
    assert.deepEqual(plannedDates('RJ'), ['before-3 2026-07-06', 'due-day 2026-07-09']);
    assert.deepEqual(plannedDates(null), ['before-3 2026-07-06', 'due-day 2026-07-09']);
  });
});
