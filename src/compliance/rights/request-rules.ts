// Which law sets a data-subject request's due date, by the debtor's country (and US state), and how far it may be extended.
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { GDPR_COUNTRIES } from '../packs/eu.ts';
import { addMonths, extendedDueDate, requestDueDate } from './requests.ts';
import { AR_25326, BR_LGPD, CL_19628, CL_21719, CL_21719_IN_FORCE, CO_1581, MX_LFPDPPP, PE_29733 } from './request-rules-latam.ts';
import { noExtension, toldInTime, type RequestKind, type RequestRule, type RequestRuleId } from './request-terms.ts';

export { REQUEST_KINDS, type RequestKind, type RequestRule, type RequestRuleId } from './request-terms.ts';

/** A rule whose period is the same for every kind of request. */
function oneRule(id: RequestRuleId, law: string, due: (r: CalendarDate) => CalendarDate,
  extensionLimit: (dueOn: CalendarDate, toldOn: CalendarDate) => Result<CalendarDate>): RequestRule {
  return { id, law, article: () => law, due: (r) => due(r), extensionLimit: (d, t) => extensionLimit(d, t) };
}

export const REQUEST_RULES: Readonly<Record<RequestRuleId, RequestRule>> = {
  // one month, plus two more when the person is told, with the reasons, within the first (art. 12(3))
  GDPR: oneRule('GDPR', 'GDPR art. 12(3)', requestDueDate, extendedDueDate),
  // the complete declaration within 15 days of the request (art. 19 II), off a closed last day; the law gives no extension
  LGPD: BR_LGPD,
  // 45 calendar days, once extended by 45 more when the consumer is told within the first 45 (Civ. Code 1798.130(a)(2))
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
 * The rule for a debtor's request received on `receivedOn`: GDPR in the EU, EEA and UK, the CCPA for a Californian, each
 * Latin American country's own law (Chile's by the day received: Ley 21.719 from 2026-12-01), else cobro's month.
 */
export function requestRuleFor(country: string | null, region: string | null, receivedOn: CalendarDate): RequestRule {
  const c = (country ?? '').trim().toUpperCase();
  if (GDPR_COUNTRIES.has(c)) return REQUEST_RULES.GDPR;
  if (c === 'US' && (region ?? '').trim().toUpperCase() === 'CA') return REQUEST_RULES.CCPA;
  if (c === 'CL') return receivedOn >= CL_21719_IN_FORCE ? CL_21719 : CL_19628;
  return BY_COUNTRY[c] ?? REQUEST_RULES.COBRO;
}

/**
 * A new due date for a `kind` request due on `dueOn`, asked to run until `until` and told to the person on `toldOn`: refused
 * when the law allows none, when the person was told too late, or when `until` is past the law's limit or not after `dueOn`.
 */
export function extendDueDate(rule: RequestRule, kind: RequestKind, dueOn: CalendarDate, until: CalendarDate | undefined,
  toldOn: CalendarDate): Result<CalendarDate> {
  const limit = rule.extensionLimit(dueOn, toldOn, kind);
  if (!limit.ok) return limit;
  const to = until ?? limit.value;
  if (to > limit.value) return fail('VALIDATION_FAILED', `${rule.article(kind)} allows an extension to ${limit.value} at the latest, not ${to}`, 'until');
  if (to <= dueOn) return fail('VALIDATION_FAILED', `an extension must run past the due date ${dueOn}; ${to} does not`, 'until');
  return ok(to);
}
