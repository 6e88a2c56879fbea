// Holiday calendars checked against the published holidays of 2026 and 2027.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { easterSunday, holidaysIn, isPublicHoliday } from './index.ts';

const dates = (country: string, year: number, region?: string) => holidaysIn(country, year, region).map((h) => h.date);

describe('easterSunday', () => {
  for (const [year, date] of [[2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2038, '2038-04-25']] as const) {
    it(`puts Easter ${year} on ${date}`, () => assert.equal(easterSunday(year), date));
  }
});

describe('full calendars', () => {
  const table: Array<[string, number, string[]]> = [
    ['CO', 2026, ['2026-01-01', '2026-01-12', '2026-03-23', '2026-04-02', '2026-04-03', '2026-05-01', '2026-05-18',
      '2026-06-08', '2026-06-15', '2026-06-29', '2026-07-20', '2026-08-07', '2026-08-17', '2026-10-12', '2026-11-02',
      '2026-11-16', '2026-12-08', '2026-12-25']],
    ['CO', 2027, ['2027-01-01', '2027-01-11', '2027-03-22', '2027-03-25', '2027-03-26', '2027-05-01', '2027-05-10',
      '2027-05-31', '2027-06-07', '2027-07-05', '2027-07-20', '2027-08-07', '2027-08-16', '2027-10-18', '2027-11-01',
      '2027-11-15', '2027-12-08', '2027-12-25']],
    ['US', 2026, ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-07-04',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']],
    ['US', 2027, ['2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-06-19', '2027-07-04',
      '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24', '2027-12-25', '2027-12-31']],
    ['MX', 2026, ['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25']],
    ['MX', 2027, ['2027-01-01', '2027-02-01', '2027-03-15', '2027-05-01', '2027-09-16', '2027-11-15', '2027-12-25']],
    ['IE', 2026, ['2026-01-01', '2026-02-02', '2026-03-17', '2026-04-06', '2026-05-04', '2026-06-01', '2026-08-03',
      '2026-10-26', '2026-12-25', '2026-12-26', '2026-12-28']],
    ['IE', 2027, ['2027-01-01', '2027-02-01', '2027-03-17', '2027-03-29', '2027-05-03', '2027-06-07', '2027-08-02',
      '2027-10-25', '2027-12-25', '2027-12-26', '2027-12-27', '2027-12-28']],
    ['ES', 2026, ['2026-01-01', '2026-01-06', '2026-04-03', '2026-05-01', '2026-08-15', '2026-10-12', '2026-11-01',
      '2026-12-06', '2026-12-08', '2026-12-25']],
    ['PE', 2027, ['2027-01-01', '2027-03-25', '2027-03-26', '2027-05-01', '2027-06-07', '2027-06-29', '2027-07-23',
      '2027-07-28', '2027-07-29', '2027-08-06', '2027-08-30', '2027-10-08', '2027-11-01', '2027-12-08', '2027-12-09',
      '2027-12-25']],
  ];
  for (const [country, year, expected] of table) {
    it(`lists every ${country} holiday of ${year}`, () => assert.deepEqual(dates(country, year), expected));
  }
});

describe('known dates', () => {
  const table: Array<[string, string, boolean, string, string?]> = [
    ['CO', '2026-01-12', true, "Ley Emiliani moves Reyes (Tuesday 6 January) to Monday 12"],
    ['CO', '2026-01-06', false, 'the moved Reyes is no longer a holiday on its own date'],
    ['CO', '2027-10-18', true, 'Día de la Raza 2027 moves from Tuesday 12 to Monday 18'],
    ['BR', '2026-04-03', true, 'Good Friday 2026 is a holiday in Brazil'],
    ['BR', '2026-11-20', true, 'Consciência Negra is national since 2024'],
    ['BR', '2026-07-09', true, 'São Paulo keeps 9 July', 'SP'],
    ['BR', '2026-07-09', false, 'Rio de Janeiro does not keep 9 July', 'RJ'],
    ['BR', '2027-04-23', true, 'Rio de Janeiro keeps São Jorge', 'RJ'],
    ['BR', '2027-03-25', true, 'Ceará keeps its Data Magna', 'CE'],
    ['CL', '2026-06-21', true, 'Pueblos Indígenas falls on the 2026 solstice'],
    ['CL', '2027-06-28', true, 'San Pedro y San Pablo 2027 moves from Tuesday 29 to Monday 28'],
    ['CL', '2027-10-11', true, 'Encuentro de Dos Mundos 2027 moves from Tuesday 12 to Monday 11'],
    ['CL', '2026-09-18', true, 'Independencia Nacional'],
    ['CL', '2027-03-27', true, 'Holy Saturday 2027'],
    ['PE', '2026-04-02', true, 'Holy Thursday 2026'],
    ['PE', '2026-12-09', true, 'Batalla de Ayacucho'],
    ['AR', '2026-02-16', true, 'Carnival Monday 2026'],
    ['AR', '2026-06-15', true, 'Güemes 2026 moves from Wednesday 17 to Monday 15'],
    ['AR', '2026-11-23', true, 'Soberanía Nacional 2026 moves from Friday 20 to Monday 23'],
    ['AR', '2027-08-16', true, 'San Martín 2027 moves from Tuesday 17 to Monday 16'],
    ['AR', '2027-02-09', true, 'Carnival Tuesday 2027'],
    ['ES', '2027-03-26', true, 'Good Friday 2027 in Spain'],
    ['IE', '2026-04-03', false, 'Good Friday is not a public holiday in Ireland'],
    ['US', '2026-07-03', true, 'Independence Day 2026 is observed on Friday 3 July'],
  ];
  for (const [country, date, expected, because, region] of table) {
    it(`${expected ? 'counts' : 'does not count'} ${country}${region ? `-${region}` : ''} ${date}: ${because}`, () => {
      assert.equal(isPublicHoliday(date, country, region), expected);
    });
  }

  it('has no holidays for a country without a calendar', () => assert.deepEqual(dates('FR', 2026), []));
  it('keeps Germany\'s nationwide holidays, Easter Monday and Whit Monday among them', () => assert.deepEqual(dates('DE', 2026),
    ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26']));
});
