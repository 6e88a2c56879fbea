// Public holiday rules of Spain (national ones) and Ireland.
import { toCalendarDate, weekday } from '../../domain/dates.ts';
import type { HolidayRule } from './rules.ts';

/** Spain: the national holidays every autonomous community keeps; regional ones are not listed. */
export const ES: readonly HolidayRule[] = [
  { kind: 'fixed', month: 1, day: 1, name: 'Año Nuevo' },
  { kind: 'fixed', month: 1, day: 6, name: 'Epifanía del Señor' },
  { kind: 'easter', offset: -2, name: 'Viernes Santo' },
  { kind: 'fixed', month: 5, day: 1, name: 'Fiesta del Trabajo' },
  { kind: 'fixed', month: 8, day: 15, name: 'Asunción de la Virgen' },
  { kind: 'fixed', month: 10, day: 12, name: 'Fiesta Nacional de España' },
  { kind: 'fixed', month: 11, day: 1, name: 'Todos los Santos' },
  { kind: 'fixed', month: 12, day: 6, name: 'Día de la Constitución' },
  { kind: 'fixed', month: 12, day: 8, name: 'Inmaculada Concepción' },
  { kind: 'fixed', month: 12, day: 25, name: 'Navidad' },
];

/** Ireland: St Brigid's Day is 1 February when that is a Friday, otherwise the first Monday of February. */
function stBrigid(year: number) {
  const feb1 = toCalendarDate(year, 2, 1);
  const wd = weekday(feb1);
  if (wd === 5 || wd === 1) return feb1;
  return toCalendarDate(year, 2, 1 + ((8 - wd) % 7));
}

export const IE: readonly HolidayRule[] = [
  { kind: 'fixed', month: 1, day: 1, name: "New Year's Day", move: 'ie_substitute' },
  { kind: 'computed', name: "St Brigid's Day", on: stBrigid, from: 2023 },
  { kind: 'fixed', month: 3, day: 17, name: "St Patrick's Day", move: 'ie_substitute' },
  { kind: 'easter', offset: 1, name: 'Easter Monday' },
  { kind: 'nth_weekday', month: 5, weekday: 1, n: 1, name: 'May Bank Holiday' },
  { kind: 'nth_weekday', month: 6, weekday: 1, n: 1, name: 'June Bank Holiday' },
  { kind: 'nth_weekday', month: 8, weekday: 1, n: 1, name: 'August Bank Holiday' },
  { kind: 'nth_weekday', month: 10, weekday: 1, n: -1, name: 'October Bank Holiday' },
  { kind: 'fixed', month: 12, day: 25, name: 'Christmas Day', move: 'ie_substitute' },
  { kind: 'fixed', month: 12, day: 26, name: "St Stephen's Day", move: 'ie_substitute' },
];
