// The merged holiday tables against the published 2026 and 2027 holidays of every country, and the rules' options.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countryHolidays, hasHolidayRules, holidayOccurrences, holidayRules, type HolidayRule } from './index.ts';

/** A year written as 'MM-DD' days, with ':bank', ':bridge', ':actual' or ':observed' where the day is not a plain public holiday. */
const written = (country: string, year: number) => countryHolidays(country, year)
  .map((h) => [h.date.slice(5), h.category === 'public' ? '' : h.category, h.observance ?? ''].filter(Boolean).join(':'))
  .join(' ');

describe('holiday tables', () => {
  const years: [country: string, year: number, days: string][] = [
    ['US', 2026, '01-01 01-19 02-16 05-25 06-19 07-03:observed 07-04:actual 09-07 10-12 11-11 11-26 12-25'],
    ['US', 2027, '01-01 01-18 02-15 05-31 06-18:observed 06-19:actual 07-04:actual 07-05:observed 09-06 10-11 11-11 11-25 '
      + '12-24:observed 12-25:actual 12-31:observed'],
    ['MX', 2026, '01-01 02-02 03-16 05-01 09-16 11-16 12-25'],
    ['MX', 2027, '01-01 02-01 03-15 05-01 09-16 11-15 12-25'],
    ['CO', 2026, '01-01 01-12 03-23 04-02 04-03 05-01 05-18 06-08 06-15 06-29 07-20 08-07 08-17 10-12 11-02 11-16 12-08 12-25'],
    ['CO', 2027, '01-01 01-11 03-22 03-25 03-26 05-01 05-10 05-31 06-07 07-05 07-20 08-07 08-16 10-18 11-01 11-15 12-08 12-25'],
    ['BR', 2026, '01-01 02-16:bank 02-17:bank 04-03 04-21 05-01 06-04:bank 09-07 10-12 11-02 11-15 11-20 12-25'],
    ['BR', 2027, '01-01 02-08:bank 02-09:bank 03-26 04-21 05-01 05-27:bank 09-07 10-12 11-02 11-15 11-20 12-25'],
    ['CL', 2026, '01-01 04-03 04-04 05-01 05-21 06-21 06-29 07-16 08-15 09-18 09-19 10-12 10-31 11-01 12-08 12-25'],
    ['CL', 2027, '01-01 03-26 03-27 05-01 05-21 06-21 06-28 07-16 08-15 09-18 09-19 10-11 10-31 11-01 12-08 12-25'],
    ['PE', 2026, '01-01 04-02 04-03 05-01 06-07 06-29 07-23 07-28 07-29 08-06 08-30 10-08 11-01 12-08 12-09 12-25'],
    ['PE', 2027, '01-01 03-25 03-26 05-01 06-07 06-29 07-23 07-28 07-29 08-06 08-30 10-08 11-01 12-08 12-09 12-25'],
    ['AR', 2026, '01-01 02-16 02-17 03-23:bridge 03-24 04-02 04-03 05-01 05-25 06-15 06-20 07-09 07-10:bridge 08-17 10-12 '
      + '11-23 12-07:bridge 12-08 12-25'],
    ['AR', 2027, '01-01 02-08 02-09 03-24 03-26 04-02 05-01 05-25 06-20 06-21 07-09 08-16 10-11 11-20 12-08 12-25'],
    ['ES', 2026, '01-01 01-06 04-03 05-01 08-15 10-12 11-01 12-06 12-08 12-25'],
    ['ES', 2027, '01-01 01-06 03-26 05-01 08-15 10-12 11-01 12-06 12-08 12-25'],
    ['IE', 2026, '01-01 02-02 03-17 04-06 05-04 06-01 08-03 10-26 12-25 12-26:actual 12-28:observed'],
    ['IE', 2027, '01-01 02-01 03-17 03-29 05-03 06-07 08-02 10-25 12-25:actual 12-26:actual 12-27:observed 12-28:observed'],
  ];
  for (const [country, year, days] of years) {
    it(`lists every ${country} holiday of ${year}`, () => assert.equal(written(country, year), days));
  }
});

describe('known holidays', () => {
  const named: [country: string, date: string, name: string, why: string][] = [
    ['US', '2026-06-19', 'Juneteenth', 'a federal holiday since 2021'],
    ['MX', '2030-10-01', 'Transmisión del Poder Ejecutivo Federal', 'the six-yearly change of president'],
    ['CO', '2026-01-12', 'Reyes Magos', 'moved from Tuesday 6 January by Ley Emiliani'],
    ['BR', '2026-02-17', 'Carnaval (terça-feira)', 'a bank holiday, not a legal one'],
    ['CL', '2023-01-02', 'Feriado de 2 de enero', '2 January on a Monday (Ley 20.983)'],
    ['CL', '2025-10-31', 'Día de las Iglesias Evangélicas y Protestantes', 'a Friday stays'],
    ['CL', '2028-10-27', 'Día de las Iglesias Evangélicas y Protestantes', 'Tuesday 31 October moves to the Friday before'],
    ['CL', '2029-09-17', 'Fiestas Patrias (lunes)', '17 September on a Monday'],
    ['PE', '2023-07-23', 'Día de la Fuerza Aérea del Perú', 'Ley 31822 of July 2023'],
    ['PE', '2022-08-06', 'Batalla de Junín', 'Ley 31530 of July 2022'],
    ['AR', '2026-07-10', 'Día no laborable con fines turísticos', 'a bridge day decreed for 2026'],
    ['ES', '2027-12-06', 'Día de la Constitución Española', 'a national holiday'],
    ['IE', '2028-02-07', "St Brigid's Day", '1 February on a Tuesday moves to the first Monday'],
    ['IE', '2030-02-01', "St Brigid's Day", '1 February on a Friday stays'],
  ];
  for (const [country, date, name, why] of named) {
    it(`keeps ${name} in ${country} on ${date}: ${why}`, () => {
      const found = countryHolidays(country, Number(date.slice(0, 4))).filter((h) => h.date === date).map((h) => h.name);
      assert.deepEqual(found, [name]);
    });
  }

  const absent: [country: string, date: string, why: string][] = [
    ['CL', '2026-01-02', '2 January on a Friday'],
    ['CL', '2016-01-02', 'before Ley 20.983'],
    ['PE', '2023-06-07', 'Día de la Bandera became a holiday in 2024'],
    ['AR', '2027-11-22', 'Soberanía Nacional on a Saturday does not move'],
    ['CO', '2026-01-06', 'Reyes Magos itself, once moved'],
    ['BR', '2026-07-09', 'a São Paulo holiday, outside any region'],
    ['IE', '2022-02-07', "before St Brigid's Day was a holiday"],
  ];
  for (const [country, date, why] of absent) {
    it(`has no holiday in ${country} on ${date}: ${why}`, () => {
      assert.equal(countryHolidays(country, Number(date.slice(0, 4))).some((h) => h.date === date), false);
    });
  }
});

describe('choosing what counts', () => {
  const dates = (country: string, year: number, options: Parameters<typeof countryHolidays>[2]) =>
    countryHolidays(country, year, options).map((h) => h.date);

  it('leaves bank holidays out when only public ones are asked for', () => {
    const legal = dates('BR', 2026, { categories: ['public'] });
    assert.equal(legal.includes('2026-02-16'), false);
    assert.equal(legal.includes('2026-06-04'), false);
    assert.equal(legal.length, 10);
  });

  it('leaves bridge days out when only public ones are asked for', () => {
    assert.deepEqual(dates('AR', 2026, { categories: ['bridge'] }), ['2026-03-23', '2026-07-10', '2026-12-07']);
    assert.equal(dates('AR', 2026, { categories: ['public'] }).length, 16);
  });

  const regional: [region: string, date: string, kept: boolean][] = [
    ['SP', '2026-07-09', true], ['RJ', '2026-07-09', false], ['RJ', '2027-04-23', true],
    ['CE', '2027-03-19', true], ['CE', '2027-03-25', true], ['SP', '2027-03-25', false],
  ];
  for (const [region, date, kept] of regional) {
    it(`${kept ? 'adds' : 'does not add'} ${date} for BR-${region}`, () => {
      assert.equal(dates('BR', Number(date.slice(0, 4)), { region }).includes(date), kept);
    });
  }

  it('evaluates a calendar given as data, with a default public category', () => {
    const rules: HolidayRule[] = [{ kind: 'fixed', month: 12, day: 2, name: 'National Day' }];
    assert.deepEqual(holidayOccurrences(rules, 2026), [{ date: '2026-12-02', name: 'National Day', category: 'public' }]);
  });

  it('knows which countries it has tables for', () => {
    assert.equal(hasHolidayRules('IE'), true);
    assert.equal(hasHolidayRules('FR'), false);
    assert.deepEqual(holidayRules('FR'), []);
    assert.deepEqual(countryHolidays('FR', 2026), []);
  });
});
