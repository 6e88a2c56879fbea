// Which law sets a data-subject request's due date, by the debtor's country (and US state), and how far it may be extended.
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { GDPR_COUNTRIES } from '../packs/eu.ts';
import { addMonths, extendedDueDate, requestDueDate } from './requests.ts';

export type RequestRuleId = 'GDPR' | 'LGPD' | 'CCPA' | 'COBRO';

export interface RequestRule {
  id: RequestRuleId;
  /** The law and article, as an officer would cite it. */
  law: string;
  due(receivedOn: CalendarDate): CalendarDate;
  /** The latest date an extension told on `toldOn` may reach; a failure names the field that breaks the rule. */
  extensionLimit(dueOn: CalendarDate, toldOn: CalendarDate): Result<CalendarDate>;
}

/** Both GDPR and the CCPA let the period grow only if the person is told so within it. */
function toldInTime(dueOn: CalendarDate, toldOn: CalendarDate, law: string): Result<CalendarDate> {
  return toldOn > dueOn
    ? fail('VALIDATION_FAILED', `${law}: an extension must be told to the person by ${dueOn}; it was told on ${toldOn}`, 'told_on')
    : ok(dueOn);
}

function noExtension(law: string) {
  return (dueOn: CalendarDate): Result<CalendarDate> =>
    fail('VALIDATION_FAILED', `${law} allows no extension: the answer is due by ${dueOn}`, 'until');
}

export const REQUEST_RULES: Readonly<Record<RequestRuleId, RequestRule>> = {
  // one month, plus two more when the person is told, with the reasons, within the first (art. 12(3))
  GDPR: { id: 'GDPR', law: 'GDPR art. 12(3)', due: requestDueDate, extensionLimit: extendedDueDate },
  // the complete declaration within 15 days of the request (art. 19 II); the law gives no extension
  LGPD: { id: 'LGPD', law: 'LGPD art. 19 II', due: (r) => addDays(r, 15), extensionLimit: noExtension('LGPD art. 19 II') },
  // 45 calendar days, once extended by 45 more when the consumer is told within the first 45 (Civ. Code 1798.130(a)(2))
  CCPA: { id: 'CCPA', law: 'CCPA Civ. Code 1798.130(a)(2)', due: (r) => addDays(r, 45), extensionLimit: (dueOn, toldOn) => {
    const told = toldInTime(dueOn, toldOn, 'CCPA');
    return told.ok ? ok(addDays(dueOn, 45)) : told;
  } },
  // no statute configured for the country: cobro answers within a month all the same, and does not extend
  COBRO: { id: 'COBRO', law: 'no statute configured for the country: cobro\'s own month', due: (r) => addMonths(r, 1),
    extensionLimit: noExtension('cobro\'s own period (no statute configured for the country)') },
};

/** The rule for a debtor: GDPR in the EU, EEA and UK, the LGPD in Brazil, the CCPA for a Californian, else cobro's month. */
export function requestRuleFor(country: string | null, region: string | null): RequestRule {
  const c = (country ?? '').trim().toUpperCase();
  if (GDPR_COUNTRIES.has(c)) return REQUEST_RULES.GDPR;
  if (c === 'BR') return REQUEST_RULES.LGPD;
  if (c === 'US' && (region ?? '').trim().toUpperCase() === 'CA') return REQUEST_RULES.CCPA;
  return REQUEST_RULES.COBRO;
}

/**
 * A new due date for a request due on `dueOn`, asked to run until `until` and told to the person on `toldOn`: refused when
 * the law allows none, when the person was told too late, or when `until` is past the law's limit or not after `dueOn`.
 */
export function extendDueDate(rule: RequestRule, dueOn: CalendarDate, until: CalendarDate | undefined, toldOn: CalendarDate): Result<CalendarDate> {
  const limit = rule.extensionLimit(dueOn, toldOn);
  if (!limit.ok) return limit;
  const to = until ?? limit.value;
  if (to > limit.value) return fail('VALIDATION_FAILED', `${rule.law} allows an extension to ${limit.value} at the latest, not ${to}`, 'until');
  if (to <= dueOn) return fail('VALIDATION_FAILED', `an extension must run past the due date ${dueOn}; ${to} does not`, 'until');
  return ok(to);
}
