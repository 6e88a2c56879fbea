// Holidays of Spain (the national ones and those of the communities checked), Germany (nationwide and the Länder's own)
// and Ireland, as data.
import { easter, fixed, listed, nth } from './build.ts';
import { SHIFTS, type HolidayRule } from './rules.ts';

/**
 * Spanish communities (ISO 3166-2:ES without the prefix: CT, MD, AN). Each community sets its days every year (Estatuto
 * de los Trabajadores art. 37.2): its own day on its date every year (Diada 11 September, Fiesta de la Comunidad de
 * Madrid 2 May, Día de Andalucía 28 February; a year when a community moves it off a Sunday is not known here), and the
 * other days of the 2026 calendars it published (DOGC, BOCM, BOJA as reported): Holy Thursday in Madrid and Andalusia,
 * Easter Monday, Sant Joan and Sant Esteve in Catalonia, and the Mondays after 1 November and 6 December (both Sundays) in
 * Madrid and Andalusia. Other years' swaps and other communities are not kept: they keep the national days.
 */
function spanishCommunities(): HolidayRule[] {
  const CT = { regions: ['CT'] } as const;
  const MD = { regions: ['MD'] } as const;
  const AN = { regions: ['AN'] } as const;
  const MD_AN = { regions: ['MD', 'AN'] } as const;
  return [
    fixed(9, 11, 'Diada Nacional de Catalunya', CT),
    listed(['2026-04-06'], 'Dilluns de Pasqua Florida', CT),
    listed(['2026-06-24'], 'Sant Joan', CT),
    listed(['2026-12-26'], 'Sant Esteve', CT),
    fixed(5, 2, 'Fiesta de la Comunidad de Madrid', MD),
    fixed(2, 28, 'Día de Andalucía', AN),
    listed(['2026-04-02'], 'Jueves Santo', MD_AN),
    listed(['2026-11-02'], 'Lunes siguiente a Todos los Santos', MD_AN),
    listed(['2026-12-07'], 'Lunes siguiente al Día de la Constitución', MD_AN),
  ];
}

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
  ...spanishCommunities(),
];

/**
 * The Länder's own holidays (ISO 3166-2:DE without the prefix), each from the Land's Feiertagsgesetz, kept where they
 * close the whole Land: Heilige Drei Könige (BW, BY, ST), Internationaler Frauentag (BE from 2019, MV from 2023),
 * Fronleichnam (BW, BY, HE, NW, RP, SL), Mariä Himmelfahrt (SL), Weltkindertag (TH from 2019), Reformationstag (BB, MV,
 * SN, ST, TH; HB, HH, NI and SH from 2018; every Land in 2017, its 500th year), Allerheiligen (BW, BY, NW, RP, SL),
 * Buß- und Bettag (SN: the Wednesday before 23 November) and Berlin's 8 May of 2020 and 2025. Days kept in some
 * municipalities only (Mariä Himmelfahrt in Catholic Bavaria, Fronleichnam in parts of Saxony and Thuringia, Augsburg's
 * Friedensfest) are not kept; Sundays the law names (Ostersonntag, Pfingstsonntag) are closed anyway.
 */
function germanLaender(): HolidayRule[] {
  const on = (...regions: string[]) => ({ regions });
  /** From 16 November to the Wednesday of 16-22 November. */
  const WEDNESDAY_FROM_16 = { 1: 2, 2: 1, 4: 6, 5: 5, 6: 4, 7: 3 } as const;
  return [
    fixed(1, 6, 'Heilige Drei Könige', on('BW', 'BY', 'ST')),
    fixed(3, 8, 'Internationaler Frauentag', { ...on('BE'), from: 2019 }),
    fixed(3, 8, 'Internationaler Frauentag', { ...on('MV'), from: 2023 }),
    listed(['2020-05-08', '2025-05-08'], 'Tag der Befreiung', on('BE')),
    easter(60, 'Fronleichnam', on('BW', 'BY', 'HE', 'NW', 'RP', 'SL')),
    fixed(8, 15, 'Mariä Himmelfahrt', on('SL')),
    fixed(9, 20, 'Weltkindertag', { ...on('TH'), from: 2019 }),
    fixed(10, 31, 'Reformationstag', on('BB', 'MV', 'SN', 'ST', 'TH')),
    fixed(10, 31, 'Reformationstag', { ...on('HB', 'HH', 'NI', 'SH'), from: 2018 }),
    listed(['2017-10-31'], 'Reformationstag', on('BW', 'BY', 'BE', 'HE', 'NW', 'RP', 'SL', 'HB', 'HH', 'NI', 'SH')),
    fixed(11, 1, 'Allerheiligen', on('BW', 'BY', 'NW', 'RP', 'SL')),
    fixed(11, 16, 'Buß- und Bettag', { ...on('SN'), shift: WEDNESDAY_FROM_16 }),
  ];
}

/**
 * Germany: the holidays kept in every Land (Neujahr, Karfreitag, Ostermontag, Tag der Arbeit, Christi Himmelfahrt,
 * Pfingstmontag, Tag der Deutschen Einheit by the Einigungsvertrag, both days of Christmas), and each Land's own above.
 */
export const DE: readonly HolidayRule[] = [
  fixed(1, 1, 'Neujahr'),
  easter(-2, 'Karfreitag'),
  easter(1, 'Ostermontag'),
  fixed(5, 1, 'Tag der Arbeit'),
  easter(39, 'Christi Himmelfahrt'),
  easter(50, 'Pfingstmontag'),
  fixed(10, 3, 'Tag der Deutschen Einheit'),
  fixed(12, 25, '1. Weihnachtstag'),
  fixed(12, 26, '2. Weihnachtstag'),
  ...germanLaender(),
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
