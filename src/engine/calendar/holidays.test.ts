// Known 2026 and 2027 public holidays per country, and days that look like holidays but are not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CALENDARS } from './countries.ts';
import { holidaysOf, nthWeekday } from './holidays.ts';
import { isBusinessDay } from './business-days.ts';

type Row = [country: string, date: string, why: string];

const closed: Row[] = [
  ['US', '2026-01-19', 'Martin Luther King Jr. Day, third Monday of January'],
  ['US', '2026-05-25', 'Memorial Day, last Monday of May'],
  ['US', '2026-07-03', 'Independence Day on a Saturday is observed on the Friday'],
  ['US', '2026-11-26', 'Thanksgiving, fourth Thursday of November'],
  ['US', '2027-06-18', 'Juneteenth on a Saturday is observed on the Friday'],
  ['US', '2027-07-05', 'Independence Day on a Sunday is observed on the Monday'],
  ['US', '2027-12-24', 'Christmas on a Saturday is observed on the Friday'],
  ['US', '2027-12-31', "New Year's Day 2028 on a Saturday is observed in 2027"],
  ['MX', '2026-02-02', 'Día de la Constitución, first Monday of February'],
  ['MX', '2026-03-16', 'Natalicio de Benito Juárez, third Monday of March'],
  ['MX', '2026-11-16', 'Día de la Revolución, third Monday of November'],
  ['MX', '2027-02-01', 'first Monday of February 2027 is the 1st'],
  ['MX', '2027-09-16', 'Día de la Independencia'],
  ['CO', '2026-01-12', 'Reyes Magos (Tuesday 6th) moved to Monday by Ley Emiliani'],
  ['CO', '2026-03-23', 'San José (Thursday 19th) moved to Monday'],
  ['CO', '2026-04-02', 'Jueves Santo'],
  ['CO', '2026-05-18', 'Ascensión moved to the Monday, 43 days after Easter'],
  ['CO', '2026-06-08', 'Corpus Christi moved to the Monday'],
  ['CO', '2026-06-15', 'Sagrado Corazón moved to the Monday'],
  ['CO', '2026-08-17', 'Asunción (Saturday 15th) moved to Monday'],
  ['CO', '2026-11-02', 'Todos los Santos (Sunday 1st) moved to Monday'],
  ['CO', '2026-11-16', 'Independencia de Cartagena (Wednesday 11th) moved to Monday'],
  ['CO', '2027-07-05', 'San Pedro y San Pablo (Tuesday 29 June) moved to Monday'],
  ['CO', '2027-10-18', 'Día de la Raza (Tuesday 12th) moved to Monday'],
  ['CO', '2027-07-20', 'Independence Day stays on its Tuesday'],
  ['BR', '2026-02-16', 'Carnival Monday'],
  ['BR', '2026-02-17', 'Carnival Tuesday'],
  ['BR', '2026-04-21', 'Tiradentes'],
  ['BR', '2026-06-04', 'Corpus Christi'],
  ['BR', '2026-11-20', 'Consciência Negra, national since 2024'],
  ['BR', '2027-03-26', 'Good Friday'],
  ['BR', '2027-11-02', 'Finados'],
  ['CL', '2026-05-21', 'Glorias Navales'],
  ['CL', '2026-09-18', 'Independencia Nacional'],
  ['CL', '2026-06-29', 'San Pedro y San Pablo on a Monday stays'],
  ['CL', '2027-06-21', 'Día de los Pueblos Indígenas, the winter solstice'],
  ['CL', '2027-06-28', 'San Pedro y San Pablo (Tuesday 29th) moved to the Monday before'],
  ['CL', '2027-10-11', 'Encuentro de Dos Mundos (Tuesday 12th) moved to the Monday before'],
  ['CL', '2027-07-16', 'Virgen del Carmen'],
  ['PE', '2026-04-02', 'Jueves Santo'],
  ['PE', '2026-07-23', 'Día de la Fuerza Aérea'],
  ['PE', '2026-07-28', 'Fiestas Patrias'],
  ['PE', '2026-08-06', 'Batalla de Junín'],
  ['PE', '2026-12-09', 'Batalla de Ayacucho'],
  ['PE', '2027-06-07', 'Batalla de Arica'],
  ['PE', '2027-08-30', 'Santa Rosa de Lima'],
  ['AR', '2026-02-16', 'Carnaval'],
  ['AR', '2026-03-24', 'Día de la Memoria'],
  ['AR', '2026-06-15', 'Güemes (Wednesday 17th) moved to the Monday before'],
  ['AR', '2026-11-23', 'Soberanía Nacional (Friday 20th) moved to the Monday after'],
  ['AR', '2026-07-10', 'tourism bridge day decreed for 2026'],
  ['AR', '2027-06-21', 'Güemes (Thursday 17th) moved to the Monday after'],
  ['AR', '2027-08-16', 'San Martín (Tuesday 17th) moved to the Monday before'],
  ['ES', '2026-01-06', 'Epifanía'],
  ['ES', '2026-04-03', 'Viernes Santo'],
  ['ES', '2026-10-12', 'Fiesta Nacional'],
  ['ES', '2027-12-06', 'Día de la Constitución'],
  ['ES', '2027-11-01', 'Todos los Santos'],
];

const open: Row[] = [
  ['US', '2026-07-06', 'the Monday after an Independence Day observed on Friday'],
  ['US', '2027-12-27', 'Christmas 2027 was observed on the Friday before, not the Monday after'],
  ['MX', '2026-11-20', 'the Revolution is kept on the Monday, not on the 20th'],
  ['CO', '2026-01-06', 'Reyes Magos itself, once moved to Monday'],
  ['CO', '2026-03-19', 'San José itself, once moved to Monday'],
  ['BR', '2026-04-02', 'Holy Thursday is not a Brazilian holiday'],
  ['CL', '2027-06-29', 'San Pedro y San Pablo itself, once moved'],
  ['AR', '2026-06-17', 'Güemes itself, once moved'],
  ['AR', '2026-11-20', 'Soberanía itself, once moved'],
  ['ES', '2026-04-02', 'Holy Thursday is regional, not national'],
  ['PE', '2026-06-08', 'an ordinary Monday'],
];

describe('public holidays', () => {
  for (const [country, date, why] of closed) {
    it(`closes ${country} on ${date}: ${why}`, () => assert.equal(isBusinessDay(date, country), false));
  }
  for (const [country, date, why] of open) {
    it(`keeps ${country} open on ${date}: ${why}`, () => assert.equal(isBusinessDay(date, country), true));
  }

  const counts: [string, number, number][] = [
    ['US', 2026, 11], ['MX', 2026, 7], ['CO', 2026, 18], ['BR', 2026, 13], ['CL', 2026, 16],
    ['PE', 2026, 16], ['AR', 2026, 19], ['ES', 2026, 10], ['CO', 2027, 18], ['PE', 2027, 16],
  ];
  for (const [country, year, count] of counts) {
    it(`lists ${count} holidays for ${country} in ${year}`, () => {
      const calendar = CALENDARS[country];
      assert.ok(calendar);
      assert.equal(holidaysOf(calendar, year).size, count);
    });
  }
});

describe('nthWeekday', () => {
  const rows: [number, number, 1 | 4, number, string][] = [
    [2026, 5, 1, -1, '2026-05-25'], [2027, 5, 1, -1, '2027-05-31'], [2026, 11, 4, 4, '2026-11-26'],
    [2026, 2, 1, 1, '2026-02-02'], [2027, 2, 1, 1, '2027-02-01'], [2028, 2, 4, -1, '2028-02-24'],
  ];
  for (const [y, m, wd, n, want] of rows) {
    it(`finds weekday ${wd} number ${n} of ${y}-${m} on ${want}`, () => assert.equal(nthWeekday(y, m, wd, n), want));
  }
});
