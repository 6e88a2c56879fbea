// Which law sets a data-subject request's due date, by the debtor's country (and US state), and how far it may be extended.
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { GDPR_COUNTRIES } from '../packs/eu.ts';
import { addMonths, requestDueDate } from './requests.ts';
import { nextOpenDay } from './statutory-days.ts';
import { AR_25326, BR_LGPD, CL_19628, CL_21719, CL_21719_IN_FORCE, CO_1581, MX_LFPDPPP, PE_29733 } from './request-rules-latam.ts';
import { noExtension, toldInTime, type RequestKind, type RequestRule, type RequestRuleId } from './request-terms.ts';

export { REQUEST_KINDS, type RequestKind, type RequestRule, type RequestRuleId } from './request-terms.ts';

/** A rule whose period is the same for every kind of request. */
function oneRule(id: RequestRuleId, law: string, due: (r: CalendarDate) => CalendarDate,
  extensionLimit: (dueOn: CalendarDate, toldOn: CalendarDate) => Result<CalendarDate>): RequestRule {
  return { id, law, article: () => law, due: (r) => due(r), extensionLimit: (d, t) => extensionLimit(d, t) };
}

const gdprRules = new Map<string, RequestRule>();

/**
 * GDPR art. 12(3): one month from receipt, plus two further months when the person is told, with the reasons, within the
 * first. Periods of EU acts are counted by Regulation 1182/71 (as the EDPB's Guidelines 01/2022 on the right of access and
 * the ICO count this one): a month ends on the same date of the next month, or on its last day (art. 3(2)(c)); a last day
 * on a Saturday, a Sunday or a public holiday ends at the end of the next working day (art. 3(4)); public holidays are
 * those of the Member State where the action is taken (art. 2(1)): the controller's, `calendarCountry` (weekends only when
 * cobro keeps no holidays of it). The extension runs two months on from the first month's own last day, then moves the same way.
 */
export function gdprRule(calendarCountry: string | null): RequestRule {
  const country = (calendarCountry ?? '').trim().toUpperCase();
  let rule = gdprRules.get(country);
  if (rule) return rule;
  const law = 'GDPR art. 12(3)';
  rule = {
    id: 'GDPR', law, article: () => law,
    due: (receivedOn) => nextOpenDay(requestDueDate(receivedOn), country),
    extensionLimit: (dueOn, toldOn, _kind, receivedOn) => {
      const told = toldInTime(dueOn, toldOn, 'GDPR art. 12(3)');
      if (!told.ok) return fail('VALIDATION_FAILED', `an extension must be told to the person within the first month, by ${dueOn}; it was told on ${toldOn}`, 'told_on');
      const firstEnd = receivedOn ? requestDueDate(receivedOn) : dueOn;
      return ok(nextOpenDay(addMonths(firstEnd, 2), country));
    },
  };
  if (gdprRules.size < 1_000) gdprRules.set(country, rule);
  return rule;
}

/** The controller's country when it is under the GDPR, else the debtor's (a controller outside the EU acts where they are). */
export function gdprCalendarCountry(debtorCountry: string | null, controllerCountry: string | null): string {
  const org = (controllerCountry ?? '').trim().toUpperCase();
  return GDPR_COUNTRIES.has(org) ? org : (debtorCountry ?? '').trim().toUpperCase();
}

/** A rule by its id, the GDPR's on the calendar of `calendarCountry`. */
export function requestRuleById(id: RequestRuleId, calendarCountry: string | null): RequestRule {
  return id === 'GDPR' ? gdprRule(calendarCountry) : REQUEST_RULES[id];
}

export const REQUEST_RULES: Readonly<Record<RequestRuleId, RequestRule>> = {
  // one month, plus two more when the person is told within the first (art. 12(3)); weekends closed, no country's holidays
  GDPR: gdprRule(null),
  // the complete declaration within 15 days of the request (art. 19 II), off a closed last day; the law gives no extension
  LGPD: BR_LGPD,
  // 45 calendar days, once extended by 45 more when the consumer is told within the first 45 (Civ. Code 1798.130(a)(2)); the
  // CPPA's regulation counts "45 calendar days after receipt", at most "90 calendar days from the day the request is
  // received" (Cal. Code Regs. tit. 11 § 7021(b)), and moves no day off a weekend or holiday, so neither does cobro
  CCPA: oneRule('CCPA', 'CCPA Civ. Code 1798.130(a)(2)', (r) => addDays(r, 45), (dueOn, toldOn) => {
    const told = toldInTime(dueOn, toldOn, 'CCPA');
    return told.ok ? ok(addDays(dueOn, 45)) : told;
  }),
  LFPDPPP: MX_LFPDPPP, LEY_1581: CO_1581, LEY_25326: AR_25326, LEY_29733: PE_29733, LEY_19628: CL_19628, LEY_21719: CL_21719,
  // no statute configured for the country: cobro answers within a month all the same, does not extend, and does not move
  // a last day that falls on a weekend (it knows no law and no holidays of the country that would)
  COBRO: oneRule('COBRO', 'no statute configured for the country: cobro\'s own month', (r) => addMonths(r, 1),
    (d) => noExtension('cobro\'s own period (no statute configured for the country)', d)),
};

const BY_COUNTRY: Readonly<Record<string, RequestRule>> = { BR: BR_LGPD, MX: MX_LFPDPPP, CO: CO_1581, AR: AR_25326, PE: PE_29733 };

/**
 * The rule for a debtor's request received on `receivedOn` by a controller in `controllerCountry` (the org's): GDPR in the
 * EU, EEA and UK (on the controller's calendar, see gdprCalendarCountry), the CCPA for a Californian, each
 * Latin American country's own law (Chile's by the day received: Ley 21.719 from 2026-12-01), else cobro's month.
 */
export function requestRuleFor(country: string | null, region: string | null, receivedOn: CalendarDate,
  controllerCountry: string | null = null): RequestRule {
  const c = (country ?? '').trim().toUpperCase();
  if (GDPR_COUNTRIES.has(c)) return gdprRule(gdprCalendarCountry(c, controllerCountry));
  if (c === 'US' && (region ?? '').trim().toUpperCase() === 'CA') return REQUEST_RULES.CCPA;
  if (c === 'CL') return receivedOn >= CL_21719_IN_FORCE ? CL_21719 : CL_19628;
  return BY_COUNTRY[c] ?? REQUEST_RULES.COBRO;
}

/**
 * A new due date for a `kind` request due on `dueOn`, asked to run until `until` and told to the person on `toldOn`: refused
 * when the law allows none, when the person was told too late, or when `until` is past the law's limit or not after `dueOn`.
 */
export function extendDueDate(rule: RequestRule, kind: RequestKind, dueOn: CalendarDate, until: CalendarDate | undefined,
  toldOn: CalendarDate, receivedOn?: CalendarDate): Result<CalendarDate> {
  const limit = rule.extensionLimit(dueOn, toldOn, kind, receivedOn);
  if (!limit.ok) return limit;
  const to = until ?? limit.value;
  if (to > limit.value) return fail('VALIDATION_FAILED', `${rule.article(kind)} allows an extension to ${limit.value} at the latest, not ${to}`, 'until');
  if (to <= dueOn) return fail('VALIDATION_FAILED', `an extension must run past the due date ${dueOn}; ${to} does not`, 'until');
  return ok(to);
}
