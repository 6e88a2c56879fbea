// The engine's own timeline entries (steps planned, skipped, cancelled; stops, closing, cycles, segments, charges) in the
// user's language, from the code and values the entry's data carries. An entry written before those were recorded has
// none, and gives null: the timeline then shows the server's English sentence it stored.
import { date, dateTime, money } from '../app/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CaseEvent } from './types.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Why the engine stopped, or cancelled a step: null for a code this web does not know. */
function why(d: Record<string, unknown>, t: Translate, locale: string): string | null {
  switch (str(d.code)) {
    // `paid` with not_due: a closing written before the case had its own stop code
    case 'paid': return t(d.not_due === true ? 'tl.e.stop.notDue' : 'tl.e.stop.paid');
    case 'not_due': return t('tl.e.stop.notDue');
    case 'escalated': return t('tl.e.stop.escalated');
    case 'disputed': return str(d.dispute_id) ? t('tl.e.stop.disputed', { id: str(d.dispute_id)! }) : t('tl.e.stop.disputedAll');
    case 'opted_out': {
      const channels = Array.isArray(d.channels) ? d.channels.filter((c): c is string => typeof c === 'string') : [];
      return t('tl.e.stop.opted_out', { channels: channels.map((c) => t(`channel.${c}`)).join(', ') });
    }
    case 'payment_claimed':
      return str(d.claim_id) && str(d.until) ? t('tl.e.stop.payment_claimed', { id: str(d.claim_id)!, date: date(str(d.until), locale) }) : null;
    case 'payment_in_flight':
      if (!str(d.hold_id) || !str(d.until)) return null;
      // a payment PayPal holds pending (method paypal_...): what it waits on, as the hold's own entry says it (heldText)
      if (str(d.method)?.startsWith('paypal_')) return heldWords(str(d.method)!, str(d.hold_id)!, str(d.until)!, t, locale);
      return t(d.via === 'debit' ? 'tl.e.stop.payment_in_flight_debit' : 'tl.e.stop.payment_in_flight', { id: str(d.hold_id)!, date: date(str(d.until), locale) });
    case 'promise_active':
      return str(d.promise_id) && num(d.amount) !== null && str(d.currency) && str(d.due_date)
        ? t('tl.e.stop.promise_active', { id: str(d.promise_id)!, amount: money(num(d.amount)!, str(d.currency)!, locale), date: date(str(d.due_date), locale) })
        : null;
    case 'plan_current':
      if (!str(d.plan_id)) return null;
      return str(d.next_due) ? t('tl.e.stop.plan_currentNext', { id: str(d.plan_id)!, date: date(str(d.next_due), locale) })
        : t('tl.e.stop.plan_current', { id: str(d.plan_id)! });
    case 'superseded':
      if (d.reminder === true) return t('tl.e.stop.supersededReminder');
      return num(d.cycle) !== null ? t('tl.e.stop.superseded', { cycle: num(d.cycle)! }) : null;
    case 'paused': return str(d.until) ? t('tl.e.stop.paused', { date: dateTime(str(d.until), locale) }) : null;
    case 'strategy_changed': return str(d.to) ? t('tl.e.stop.strategy_changed', { to: str(d.to)! }) : null;
    default: return null;
  }
}

/**
 * A payment PayPal holds pending for another reason than an eCheck (the server's payment_in_flight entry, method paypal_...):
 * what it waits on in the reader's words, in every language (the server's English sentence names PayPal's reason code);
 * null for a bank debit or voucher, whose server sentence stands.
 */
export function heldText(e: CaseEvent, t: Translate, locale: string): string | null {
  const d = e.data ?? {};
  const method = str(d.method);
  if (e.kind !== 'payment_in_flight' || !method?.startsWith('paypal_') || !str(d.until) || !str(d.hold_id)) return null;
  return heldWords(method, str(d.hold_id)!, str(d.until)!, t, locale);
}

/** What a PayPal pending hold waits on, or null for a method this web has no words for. */
function heldWords(method: string, id: string, until: string, t: Translate, locale: string): string | null {
  const text = t(`tl.f.${method}`, { id, date: date(until, locale) });
  return text === `tl.f.${method}` ? null : text;
}

/** The entry in the user's words, or null when it is not the engine's or carries no code (older entries). */
export function engineText(e: CaseEvent, t: Translate, locale: string): string | null {
  const d = e.data ?? {};
  const step = e.step_id ?? '—';
  switch (e.kind) {
    case 'action_planned': {
      if (!str(d.scheduled_for)) return null;
      const vars = { step, date: date(str(d.scheduled_for), locale) };
      const text = str(d.after_hold) ? t('tl.e.plannedAgain', { ...vars, hold: str(d.after_hold)! }) : t('tl.e.planned', vars);
      const channels = Array.isArray(d.channels) ? d.channels.filter((c): c is string => typeof c === 'string') : [];
      return channels.length > 0 ? `${text} · ${channels.map((c) => t(`channel.${c}`)).join(', ')}` : text;
    }
    case 'action_skipped':
      switch (str(d.skip)) {
        case 'superseded': return str(d.by) ? t('tl.e.skip.superseded', { step, by: str(d.by)! }) : null;
        case 'condition_failed': return t('tl.e.skip.condition_failed', { step });
        case 'no_channel': return t('tl.e.skip.no_channel', { step });
        default: return null;
      }
    case 'action_cancelled': {
      const w = why(d, t, locale);
      return w === null ? null : t('tl.e.cancelled', { step, why: w });
    }
    case 'stopped':
    case 'case_closed':
      return why(d, t, locale);
    case 'cycle_started':
      return num(d.cycle) !== null && str(d.due) ? t('tl.e.cycle', { cycle: num(d.cycle)!, date: date(str(d.due), locale) }) : null;
    case 'segment_assigned': {
      if (num(d.rule) === null || num(d.rules) === null || !str(d.segment_name) || !str(d.strategy_id)) return null;
      const vars = { segment: str(d.segment_name)!, rule: num(d.rule)!, rules: num(d.rules)!, strategy: str(d.strategy_id)! };
      return t(d.active === false ? 'tl.e.segmentInactive' : 'tl.e.segment', vars);
    }
    case 'segment_unassigned': return num(d.checked) !== null ? t('tl.e.noSegment', { n: num(d.checked)! }) : null;
    case 'charge_applied':
    case 'charge_not_applied': {
      if (!str(d.charge) || !str(d.invoice)) return null;
      const charge = t(`tl.e.charge.${str(d.charge)}`);
      if (e.kind === 'charge_not_applied') return t('tl.e.notCharged', { charge, invoice: str(d.invoice)! });
      return num(d.amount) !== null && str(d.currency)
        ? t('tl.e.charged', { charge, invoice: str(d.invoice)!, amount: money(num(d.amount)!, str(d.currency)!, locale) }) : null;
    }
    default: return null;
  }
}
