// Public holiday rules of the United States and the Latin American countries cobro has packs for.
import { toCalendarDate, weekday } from '../../domain/dates.ts';
import type { HolidayRule, Move } from './rules.ts';

type Extra = { move?: Move; regions?: readonly string[]; from?: number; to?: number };

const fixed = (month: number, day: number, name: string, extra: Extra = {}): HolidayRule =>
  ({ kind: 'fixed', month, day, name, ...extra });
const easter = (offset: number, name: string, extra: Extra = {}): HolidayRule =>
  ({ kind: 'easter', offset, name, ...extra });
const nth = (month: number, isoWeekday: number, n: number, name: string): HolidayRule =>
  ({ kind: 'nth_weekday', month, weekday: isoWeekday, n, name });

/** US federal holidays (5 U.S.C. 6103), with their weekday observances. */
export const US: readonly HolidayRule[] = [
  fixed(1, 1, "New Year's Day", { move: 'us_observed' }),
  nth(1, 1, 3, 'Birthday of Martin Luther King, Jr.'),
  nth(2, 1, 3, "Washington's Birthday"),
  nth(5, 1, -1, 'Memorial Day'),
  fixed(6, 19, 'Juneteenth National Independence Day', { move: 'us_observed', from: 2021 }),
  fixed(7, 4, 'Independence Day', { move: 'us_observed' }),
  nth(9, 1, 1, 'Labor Day'),
  nth(10, 1, 2, 'Columbus Day'),
  fixed(11, 11, 'Veterans Day', { move: 'us_observed' }),
  nth(11, 4, 4, 'Thanksgiving Day'),
  fixed(12, 25, 'Christmas Day', { move: 'us_observed' }),
];

/** Mexico: mandatory rest days of the Ley Federal del Trabajo, art. 74. */
export const MX: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  nth(2, 1, 1, 'Día de la Constitución'),
  nth(3, 1, 3, 'Natalicio de Benito Juárez'),
  fixed(5, 1, 'Día del Trabajo'),
  fixed(9, 16, 'Día de la Independencia'),
  { kind: 'listed', dates: ['2024-10-01', '2030-10-01', '2036-10-01'], name: 'Transmisión del Poder Ejecutivo' },
  nth(11, 1, 3, 'Día de la Revolución'),
  fixed(12, 25, 'Navidad'),
];

/** Colombia: Ley 51 de 1983 (Ley Emiliani) moves most holidays to the next Monday. */
export const CO: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  fixed(1, 6, 'Reyes Magos', { move: 'next_monday' }),
  fixed(3, 19, 'San José', { move: 'next_monday' }),
  easter(-3, 'Jueves Santo'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajo'),
  easter(39, 'Ascensión del Señor', { move: 'next_monday' }),
  easter(60, 'Corpus Christi', { move: 'next_monday' }),
  easter(68, 'Sagrado Corazón', { move: 'next_monday' }),
  fixed(6, 29, 'San Pedro y San Pablo', { move: 'next_monday' }),
  fixed(7, 20, 'Día de la Independencia'),
  fixed(8, 7, 'Batalla de Boyacá'),
  fixed(8, 15, 'Asunción de la Virgen', { move: 'next_monday' }),
  fixed(10, 12, 'Día de la Raza', { move: 'next_monday' }),
  fixed(11, 1, 'Todos los Santos', { move: 'next_monday' }),
  fixed(11, 11, 'Independencia de Cartagena', { move: 'next_monday' }),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 25, 'Navidad'),
];

/** Brazil: national holidays, Good Friday, and state holidays of the states in the hours table. */
export const BR: readonly HolidayRule[] = [
  fixed(1, 1, 'Confraternização Universal'),
  easter(-2, 'Paixão de Cristo'),
  fixed(4, 21, 'Tiradentes'),
  fixed(5, 1, 'Dia do Trabalho'),
  fixed(9, 7, 'Independência do Brasil'),
  fixed(10, 12, 'Nossa Senhora Aparecida'),
  fixed(11, 2, 'Finados'),
  fixed(11, 15, 'Proclamação da República'),
  fixed(11, 20, 'Dia Nacional de Zumbi e da Consciência Negra', { from: 2024 }),
  fixed(12, 25, 'Natal'),
  fixed(7, 9, 'Revolução Constitucionalista', { regions: ['SP'] }),
  fixed(4, 23, 'Dia de São Jorge', { regions: ['RJ'] }),
  fixed(3, 19, 'Dia de São José', { regions: ['CE'] }),
  fixed(3, 25, 'Data Magna do Ceará', { regions: ['CE'] }),
];

/** Chile: Ley 20.215 makes 17 September a holiday on a Monday and 20 September on a Friday. */
function chileSeptemberBridge(year: number) {
  const d17 = toCalendarDate(year, 9, 17);
  const d20 = toCalendarDate(year, 9, 20);
  return weekday(d17) === 1 ? d17 : weekday(d20) === 5 ? d20 : null;
}

/** Chile: Ley 20.299 moves 31 October from a Tuesday to the Friday before and from a Wednesday to the Friday after. */
function chileEvangelicalChurches(year: number) {
  const wd = weekday(toCalendarDate(year, 10, 31));
  return wd === 2 ? toCalendarDate(year, 10, 27) : wd === 3 ? toCalendarDate(year, 11, 2) : toCalendarDate(year, 10, 31);
}

export const CL: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  { kind: 'computed', name: 'Feriado de 2 de enero', on: (y) => (weekday(toCalendarDate(y, 1, 2)) === 1 ? toCalendarDate(y, 1, 2) : null) },
  easter(-2, 'Viernes Santo'),
  easter(-1, 'Sábado Santo'),
  fixed(5, 1, 'Día Nacional del Trabajo'),
  fixed(5, 21, 'Día de las Glorias Navales'),
  // Ley 21.357: the day of the winter solstice, taken from its time in Chile each year.
  { kind: 'listed', name: 'Día Nacional de los Pueblos Indígenas',
    dates: ['2022-06-21', '2023-06-21', '2024-06-20', '2025-06-20', '2026-06-21', '2027-06-21', '2028-06-20', '2029-06-20', '2030-06-21'] },
  fixed(6, 29, 'San Pedro y San Pablo', { move: 'cl_19668' }),
  fixed(7, 16, 'Día de la Virgen del Carmen'),
  fixed(8, 15, 'Asunción de la Virgen'),
  { kind: 'computed', name: 'Feriado de Fiestas Patrias', on: chileSeptemberBridge },
  fixed(9, 18, 'Independencia Nacional'),
  fixed(9, 19, 'Día de las Glorias del Ejército'),
  fixed(10, 12, 'Encuentro de Dos Mundos', { move: 'cl_19668' }),
  { kind: 'computed', name: 'Día de las Iglesias Evangélicas y Protestantes', on: chileEvangelicalChurches },
  fixed(11, 1, 'Día de Todos los Santos'),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 25, 'Navidad'),
];

/** Peru: national holidays, none of them moved. */
export const PE: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  easter(-3, 'Jueves Santo'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajo'),
  fixed(6, 7, 'Batalla de Arica y Día de la Bandera', { from: 2022 }),
  fixed(6, 29, 'San Pedro y San Pablo'),
  fixed(7, 23, 'Día de la Fuerza Aérea del Perú', { from: 2023 }),
  fixed(7, 28, 'Fiestas Patrias'),
  fixed(7, 29, 'Fiestas Patrias'),
  fixed(8, 6, 'Batalla de Junín', { from: 2023 }),
  fixed(8, 30, 'Santa Rosa de Lima'),
  fixed(10, 8, 'Combate de Angamos'),
  fixed(11, 1, 'Día de Todos los Santos'),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 9, 'Batalla de Ayacucho', { from: 2022 }),
  fixed(12, 25, 'Navidad'),
];

/** Argentina: Ley 27.399, with the four movable (trasladables) holidays. */
export const AR: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  easter(-48, 'Carnaval'),
  easter(-47, 'Carnaval'),
  fixed(3, 24, 'Día Nacional de la Memoria por la Verdad y la Justicia'),
  fixed(4, 2, 'Día del Veterano y de los Caídos en la Guerra de Malvinas'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajador'),
  fixed(5, 25, 'Día de la Revolución de Mayo'),
  fixed(6, 17, 'Paso a la Inmortalidad del General Güemes', { move: 'ar_trasladable' }),
  fixed(6, 20, 'Paso a la Inmortalidad del General Belgrano'),
  fixed(7, 9, 'Día de la Independencia'),
  fixed(8, 17, 'Paso a la Inmortalidad del General San Martín', { move: 'ar_trasladable' }),
  fixed(10, 12, 'Día del Respeto a la Diversidad Cultural', { move: 'ar_trasladable' }),
  fixed(11, 20, 'Día de la Soberanía Nacional', { move: 'ar_trasladable' }),
  fixed(12, 8, 'Inmaculada Concepción de María'),
  fixed(12, 25, 'Navidad'),
];
