// The shape of a data-subject request rule, and rules built from a table of periods per kind of request.
import type { CalendarDate } from '../../domain/dates.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { periodEnd, type Period } from './statutory-days.ts';

export const REQUEST_KINDS = ['access', 'erasure', 'rectification'] as const;
export type RequestKind = typeof REQUEST_KINDS[number];

export type RequestRuleId = 'GDPR' | 'LGPD' | 'CCPA' | 'LFPDPPP' | 'LEY_1581' | 'LEY_25326' | 'LEY_29733' | 'LEY_19628' | 'LEY_21719' | 'COBRO';

export interface RequestRule {
  id: RequestRuleId;
  /** The law, as an officer would cite it. */
  law: string;
  /** The article that sets the period for a kind of request (the law itself where one article covers every kind). */
  article(kind: RequestKind): string;
  due(receivedOn: CalendarDate, kind: RequestKind): CalendarDate;
  /**
   * The latest date an extension told on `toldOn` may reach; a failure names the field that breaks the rule. `receivedOn`
   * lets a period counted from receipt (GDPR's months) be counted from it rather than from a due date moved off a closed day.
   */
  extensionLimit(dueOn: CalendarDate, toldOn: CalendarDate, kind: RequestKind, receivedOn?: CalendarDate): Result<CalendarDate>;
}

/** Every law here that allows an extension allows it only when the person is told (with the reasons) within the first period. */
export function toldInTime(dueOn: CalendarDate, toldOn: CalendarDate, law: string): Result<CalendarDate> {
  return toldOn > dueOn
    ? fail('VALIDATION_FAILED', `${law}: an extension must be told to the person by ${dueOn}; it was told on ${toldOn}`, 'told_on')
    : ok(dueOn);
}

export function noExtension(law: string, dueOn: CalendarDate): Result<CalendarDate> {
  return fail('VALIDATION_FAILED', `${law} allows no extension: the answer is due by ${dueOn}`, 'until');
}

/** What a law sets for one kind of request: its article, the period to answer, and the one extension it allows (null: none). */
export interface KindTerms { article: string; due: Period; extension: Period | null }

export interface StatutoryTable {
  id: RequestRuleId;
  law: string;
  /** Whose business days count (ISO 3166-1 alpha-2): the debtor's country's public holidays close them. */
  country: string;
  terms: Readonly<Record<RequestKind, KindTerms>>;
}

/** A rule from a table: each kind's period counted from the day of receipt, and its extension counted on from the due date. */
export function statutoryRule(t: StatutoryTable): RequestRule {
  return {
    id: t.id, law: t.law,
    article: (kind) => t.terms[kind].article,
    due: (receivedOn, kind) => periodEnd(receivedOn, t.terms[kind].due, t.country),
    extensionLimit: (dueOn, toldOn, kind) => {
      const { article, extension } = t.terms[kind];
      if (!extension) return noExtension(article, dueOn);
      const told = toldInTime(dueOn, toldOn, article);
      return told.ok ? ok(periodEnd(dueOn, extension, t.country)) : told;
    },
  };
}

/** The same terms for every kind of request. */
export const everyKind = (terms: KindTerms): Record<RequestKind, KindTerms> => ({ access: terms, erasure: terms, rectification: terms });
