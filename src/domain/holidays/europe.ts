// Holidays of Spain (the national ones) and Ireland, as data.
import { easter, fixed, nth } from './build.ts';
import { SHIFTS, type HolidayRule } from './rules.ts';

/** Spain: the national holidays every autonomous community keeps; communities add and swap others. */
export const ES: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  fixed(1, 6, 'Epifanía del Señor'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Fiesta del Trabajo'),
  fixed(8, 15, 'Asunción de la Virgen'),
  fixed(10, 12, 'Fiesta Nacional de España'),
  fixed(11, 1, 'Todos los Santos'),
  fixed(12, 6, 'Día de la Constitución Española'),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 25, 'Natividad del Señor'),
];

/** Ireland: public holidays (Organisation of Working Time Act 1997, sch. 2); a weekend one is also kept on the next free weekday. */
const SUBSTITUTE = { observed: 'next_free_weekday' } as const;

export const IE: readonly HolidayRule[] = [
  fixed(1, 1, "New Year's Day", SUBSTITUTE),
  fixed(2, 1, "St Brigid's Day", { shift: SHIFTS.ieBrigid, from: 2023 }),
  fixed(3, 17, "St Patrick's Day", SUBSTITUTE),
  easter(1, 'Easter Monday'),
  nth(1, 1, 5, 'May Bank Holiday'),
  nth(1, 1, 6, 'June Bank Holiday'),
  nth(1, 1, 8, 'August Bank Holiday'),
  nth(-1, 1, 10, 'October Bank Holiday'),
  fixed(12, 25, 'Christmas Day', SUBSTITUTE),
  fixed(12, 26, "St Stephen's Day", SUBSTITUTE),
];
