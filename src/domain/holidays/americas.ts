// Holidays of the United States and the Latin American countries cobro covers, as data.
import { easter, fixed, listed, nth } from './build.ts';
import { SHIFTS, type HolidayRule } from './rules.ts';

const BANK = { category: 'bank' } as const;

/** US federal holidays (5 U.S.C. 6103): kept on the day, and observed on the Friday or Monday of a weekend. */
export const US: readonly HolidayRule[] = [
  fixed(1, 1, "New Year's Day", { observed: SHIFTS.usObserved }),
  nth(3, 1, 1, 'Martin Luther King Jr. Day'),
  nth(3, 1, 2, "Washington's Birthday"),
  nth(-1, 1, 5, 'Memorial Day'),
  fixed(6, 19, 'Juneteenth', { observed: SHIFTS.usObserved, from: 2021 }),
  fixed(7, 4, 'Independence Day', { observed: SHIFTS.usObserved }),
  nth(1, 1, 9, 'Labor Day'),
  nth(2, 1, 10, 'Columbus Day'),
  fixed(11, 11, 'Veterans Day', { observed: SHIFTS.usObserved }),
  nth(4, 4, 11, 'Thanksgiving Day'),
  fixed(12, 25, 'Christmas Day', { observed: SHIFTS.usObserved }),
];

/** Mexico: the mandatory rest days of the Ley Federal del Trabajo, art. 74. */
export const MX: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  nth(1, 1, 2, 'Día de la Constitución'),
  nth(3, 1, 3, 'Natalicio de Benito Juárez'),
  fixed(5, 1, 'Día del Trabajo'),
  fixed(9, 16, 'Día de la Independencia'),
  listed(['2024-10-01', '2030-10-01', '2036-10-01'], 'Transmisión del Poder Ejecutivo Federal'),
  nth(3, 1, 11, 'Día de la Revolución'),
  fixed(12, 25, 'Navidad'),
];

/** Colombia: Ley 51 de 1983 (Ley Emiliani) moves most holidays to the following Monday. */
export const CO: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  fixed(1, 6, 'Reyes Magos', { shift: SHIFTS.nextMonday }),
  fixed(3, 19, 'San José', { shift: SHIFTS.nextMonday }),
  easter(-3, 'Jueves Santo'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajo'),
  easter(39, 'Ascensión del Señor', { shift: SHIFTS.nextMonday }),
  easter(60, 'Corpus Christi', { shift: SHIFTS.nextMonday }),
  easter(68, 'Sagrado Corazón', { shift: SHIFTS.nextMonday }),
  fixed(6, 29, 'San Pedro y San Pablo', { shift: SHIFTS.nextMonday }),
  fixed(7, 20, 'Día de la Independencia'),
  fixed(8, 7, 'Batalla de Boyacá'),
  fixed(8, 15, 'Asunción de la Virgen', { shift: SHIFTS.nextMonday }),
  fixed(10, 12, 'Día de la Raza', { shift: SHIFTS.nextMonday }),
  fixed(11, 1, 'Todos los Santos', { shift: SHIFTS.nextMonday }),
  fixed(11, 11, 'Independencia de Cartagena', { shift: SHIFTS.nextMonday }),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 25, 'Navidad'),
];

/**
 * Brazil: national holidays (Lei 662/1949, 6.802/1980, 9.093/1995, 14.759/2023); Carnival and Corpus Christi,
 * which are not law but on which banks do not open (FEBRABAN); and the state holidays (a state's "data magna", Lei
 * 9.093/1995 art. 1 II) of the states checked against two published lists: SP, RJ, CE, BA, RS, PA and MS. Other states
 * (MG, PR, PE, SC, ...) keep the national days only. Regions are the ISO 3166-2 subdivision part (BR-SP is 'SP').
 */
export const BR: readonly HolidayRule[] = [
  fixed(1, 1, 'Confraternização Universal'),
  easter(-48, 'Carnaval (segunda-feira)', BANK),
  easter(-47, 'Carnaval (terça-feira)', BANK),
  easter(-2, 'Sexta-feira Santa'),
  fixed(4, 21, 'Tiradentes'),
  fixed(5, 1, 'Dia do Trabalho'),
  easter(60, 'Corpus Christi', BANK),
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
  fixed(7, 2, 'Independência da Bahia', { regions: ['BA'] }),
  fixed(9, 20, 'Revolução Farroupilha', { regions: ['RS'] }),
  fixed(8, 15, 'Adesão do Grão-Pará à Independência', { regions: ['PA'] }),
  fixed(10, 11, 'Criação do Estado de Mato Grosso do Sul', { regions: ['MS'] }),
];

/** Chile: national holidays, with the moves of Ley 19.668 and Ley 20.299 and the weekday-only days of Leyes 20.215 and 20.983. */
export const CL: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  fixed(1, 2, 'Feriado de 2 de enero', { onlyOn: [1], from: 2017 }),
  easter(-2, 'Viernes Santo'),
  easter(-1, 'Sábado Santo'),
  fixed(5, 1, 'Día Nacional del Trabajo'),
  fixed(5, 21, 'Día de las Glorias Navales'),
  // Ley 21.357: the day of the southern winter solstice, as it falls in Chile.
  listed(['2021-06-21', '2022-06-21', '2023-06-21', '2024-06-20', '2025-06-20', '2026-06-21', '2027-06-21',
    '2028-06-20', '2029-06-20', '2030-06-21'], 'Día Nacional de los Pueblos Indígenas'),
  fixed(6, 29, 'San Pedro y San Pablo', { shift: SHIFTS.clMovable }),
  fixed(7, 16, 'Día de la Virgen del Carmen'),
  fixed(8, 15, 'Asunción de la Virgen'),
  fixed(9, 17, 'Fiestas Patrias (lunes)', { onlyOn: [1] }),
  fixed(9, 18, 'Independencia Nacional'),
  fixed(9, 19, 'Día de las Glorias del Ejército'),
  fixed(9, 20, 'Fiestas Patrias (viernes)', { onlyOn: [5] }),
  fixed(10, 12, 'Encuentro de Dos Mundos', { shift: SHIFTS.clMovable }),
  fixed(10, 31, 'Día de las Iglesias Evangélicas y Protestantes', { shift: SHIFTS.clReformation }),
  fixed(11, 1, 'Día de Todos los Santos'),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 25, 'Navidad'),
];

/** Peru: Decreto Legislativo 713, art. 6, with the days added by Leyes 31381, 31530, 31822 and 31788; none move. */
export const PE: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  easter(-3, 'Jueves Santo'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajo'),
  fixed(6, 7, 'Batalla de Arica y Día de la Bandera', { from: 2024 }),
  fixed(6, 29, 'San Pedro y San Pablo'),
  fixed(7, 23, 'Día de la Fuerza Aérea del Perú', { from: 2023 }),
  fixed(7, 28, 'Fiestas Patrias'),
  fixed(7, 29, 'Fiestas Patrias'),
  fixed(8, 6, 'Batalla de Junín', { from: 2022 }),
  fixed(8, 30, 'Santa Rosa de Lima'),
  fixed(10, 8, 'Combate de Angamos'),
  fixed(11, 1, 'Día de Todos los Santos'),
  fixed(12, 8, 'Inmaculada Concepción'),
  fixed(12, 9, 'Batalla de Ayacucho', { from: 2022 }),
  fixed(12, 25, 'Navidad'),
];

/**
 * Argentina: Ley 27.399 (fixed and movable holidays), plus the tourism days decreed each year, which are not
 * holidays in law but on which the public sector and banks close.
 */
export const AR: readonly HolidayRule[] = [
  fixed(1, 1, 'Año Nuevo'),
  easter(-48, 'Carnaval'),
  easter(-47, 'Carnaval'),
  fixed(3, 24, 'Día Nacional de la Memoria por la Verdad y la Justicia'),
  fixed(4, 2, 'Día del Veterano y de los Caídos en la Guerra de Malvinas'),
  easter(-2, 'Viernes Santo'),
  fixed(5, 1, 'Día del Trabajador'),
  fixed(5, 25, 'Día de la Revolución de Mayo'),
  fixed(6, 17, 'Paso a la Inmortalidad del General Martín Miguel de Güemes', { shift: SHIFTS.arMovable }),
  fixed(6, 20, 'Paso a la Inmortalidad del General Manuel Belgrano'),
  fixed(7, 9, 'Día de la Independencia'),
  fixed(8, 17, 'Paso a la Inmortalidad del General José de San Martín', { shift: SHIFTS.arMovable }),
  fixed(10, 12, 'Día del Respeto a la Diversidad Cultural', { shift: SHIFTS.arMovable }),
  fixed(11, 20, 'Día de la Soberanía Nacional', { shift: SHIFTS.arMovable }),
  fixed(12, 8, 'Inmaculada Concepción de María'),
  fixed(12, 25, 'Navidad'),
  listed(['2026-03-23', '2026-07-10', '2026-12-07'], 'Día no laborable con fines turísticos', { category: 'bridge' }),
];
