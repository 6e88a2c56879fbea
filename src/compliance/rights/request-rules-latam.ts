// Response periods of the Latin American data-protection laws, per kind of request, with the one extension each allows.
import { businessDays, calendarDays, calendarDaysToOpenDay } from './statutory-days.ts';
import { everyKind, statutoryRule, type KindTerms, type RequestKind, type RequestRule } from './request-terms.ts';

/** Access under one article, rectification and erasure together under another, as most of these laws split them. */
const accessThenChanges = (access: KindTerms, changes: KindTerms): Record<RequestKind, KindTerms> =>
  ({ access, erasure: changes, rectification: changes });

/**
 * Mexico, LFPDPPP: the 2010 law's art. 32 has the answer to an ARCO request (access, rectification, cancellation,
 * opposition) within 20 days of receipt, extendable once by an equal period when the circumstances justify it; the law of
 * DOF 20-03-2025 that replaced it keeps those terms (its article number is not checked here). The days are counted as
 * business days, as the authority's guidance counts them: the shorter reading would be calendar days.
 */
export const MX_LFPDPPP: RequestRule = statutoryRule({
  id: 'LFPDPPP', law: 'LFPDPPP (Mexico), ARCO rights', country: 'MX',
  terms: everyKind({ article: 'LFPDPPP (ARCO answer, 2010 law art. 32)', due: businessDays(20), extension: businessDays(20) }),
});

/**
 * Colombia, Ley 1581 de 2012: a query (access) is answered within 10 business days, extendable by at most 5 more when
 * the person is told the reason and the new date before the first ends (art. 14); a claim (rectification, erasure) within
 * 15 business days from the day after receipt, extendable by at most 8 (art. 15).
 */
export const CO_1581: RequestRule = statutoryRule({
  id: 'LEY_1581', law: 'Ley 1581 de 2012 (Colombia)', country: 'CO',
  terms: accessThenChanges({ article: 'Ley 1581 art. 14', due: businessDays(10), extension: businessDays(5) },
    { article: 'Ley 1581 art. 15', due: businessDays(15), extension: businessDays(8) }),
});

/**
 * Argentina, Ley 25.326: access within 10 calendar days of the request (art. 14 inc. 2); rectification, update or
 * suppression within 5 business days of the claim (art. 16 inc. 2). Neither period can be extended. The 10 days are "días
 * corridos", counted as the Civil and Commercial Code's art. 6 counts legal periods (whole, continuous days, non-working
 * days not left out), so an access period ending on a weekend or holiday ends that day: it is not moved.
 */
export const AR_25326: RequestRule = statutoryRule({
  id: 'LEY_25326', law: 'Ley 25.326 (Argentina)', country: 'AR',
  terms: accessThenChanges({ article: 'Ley 25.326 art. 14', due: calendarDays(10), extension: null },
    { article: 'Ley 25.326 art. 16', due: businessDays(5), extension: null }),
});

/**
 * Peru, Ley 29733 and its regulation: D.S. 003-2013-JUS art. 55 sets access within 20 days from the day after the request,
 * rectification, cancellation and opposition within 10, each extendable once by at most an equal period with the reason
 * told within the period being extended. D.S. 016-2024-JUS replaced that regulation from 30 March 2025; these are the
 * 2013 periods, not re-checked against its text. Days are business days, as Peruvian administrative terms are counted.
 */
export const PE_29733: RequestRule = statutoryRule({
  id: 'LEY_29733', law: 'Ley 29733 (Peru) and its regulation', country: 'PE',
  terms: accessThenChanges({ article: 'Ley 29733 regulation (access)', due: businessDays(20), extension: businessDays(20) },
    { article: 'Ley 29733 regulation (rectification, cancellation)', due: businessDays(10), extension: businessDays(10) }),
});

/**
 * Chile before 1 December 2026, Ley 19.628 art. 16: the person may go to court when the controller has not answered within
 * 2 business days, so that is the answer's deadline, for every kind, with no extension.
 */
export const CL_19628: RequestRule = statutoryRule({
  id: 'LEY_19628', law: 'Ley 19.628 art. 16 (Chile, before 2026-12-01)', country: 'CL',
  terms: everyKind({ article: 'Ley 19.628 art. 16', due: businessDays(2), extension: null }),
});

/**
 * Chile from 1 December 2026, Ley 19.628 as rewritten by Ley 21.719 (art. 11): an answer within 30 calendar days of the
 * request, extendable once by up to 30 more. The law says "días corridos" and nothing of a closed last day; the Civil
 * Code's arts. 48 and 50 count legal periods as whole days to midnight of the last, holidays included, so a period ending
 * on a weekend or holiday ends that day (Ley 19.880's move to the next business day is for administrative procedure).
 */
export const CL_21719: RequestRule = statutoryRule({
  id: 'LEY_21719', law: 'Ley 21.719 (Chile, from 2026-12-01)', country: 'CL',
  terms: everyKind({ article: 'Ley 19.628 art. 11 (Ley 21.719)', due: calendarDays(30), extension: calendarDays(30) }),
});

/**
 * Brazil, LGPD art. 19 II: the complete declaration within 15 days of the request, with no extension in the law. The
 * days are counted as the Civil Code's art. 132 counts legal periods (the first day left out, the last kept) and its §1
 * moves a period ending on a holiday to the next business day ("dia útil"); cobro takes Saturdays and Sundays as closed
 * too, as no "dia útil" falls on them, and counts national holidays only.
 */
export const BR_LGPD: RequestRule = statutoryRule({
  id: 'LGPD', law: 'LGPD art. 19 II', country: 'BR',
  terms: everyKind({ article: 'LGPD art. 19 II', due: calendarDaysToOpenDay(15), extension: null }),
});

/** The day Ley 21.719 took effect: a Chilean request received on or after it follows the new law. */
export const CL_21719_IN_FORCE = '2026-12-01';
