// Why a task is on the list and in its place, in the user's language: callback time, what is past due and where it
// stands among the list's balances, the risk score (or that there is none yet), the expected value of acting and its
// parts, the task's priority and note.
import { dateTime, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import type { ValueOfActing, WorkItem } from './types.ts';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** "Worth $742.50 to act (negotiation): $5,000.00 × 15.0 points more recovery (40.0% without, 55.0% with, ...) = ..." */
export function valueLine(v: ValueOfActing, t: ReturnType<typeof useT>['t'], locale: string): string {
  const m = (n: number) => money(n, v.currency, locale);
  const vars = { value: m(v.expected_value), action: t(`value.action.${v.action}`), balance: m(v.balance),
    points: (Math.round((v.recovery_with_action - v.recovery_without_action) * 1000) / 10).toFixed(1), without: pct(v.recovery_without_action),
    with: pct(v.recovery_with_action), source: t(`value.source.${v.source}`), gain: m(v.gain), minutes: v.minutes, currency: v.currency };
  return v.minute_cost === null ? t('value.lineNoCost', vars) : t('value.line', { ...vars, minute: m(v.minute_cost), cost: m(v.cost ?? 0) });
}

export function reasonParts(item: WorkItem, t: ReturnType<typeof useT>['t'], locale: string): string[] {
  const parts: string[] = [];
  if (item.due_at) parts.push(t(item.waiting ? 'reason.callbackWaiting' : 'reason.callbackDue', { time: dateTime(item.due_at, locale) }));
  if (item.currency && item.overdue_amount > 0) {
    const n = item.overdue[0]?.invoices ?? 1;
    parts.push(t(n === 1 ? 'reason.overdueOne' : 'reason.overdue', { amount: money(item.overdue_amount, item.currency, locale), n, days: item.days_past_due }));
    parts.push(item.amount_position === 1 ? t('reason.position', { currency: item.currency })
      : t('reason.positionOf', { position: item.amount_position, of: item.amount_of, currency: item.currency }));
  } else parts.push(t('reason.nothingDue'));
  if (item.basis === 'score' && item.probability_late !== null) {
    parts.push(`${t('reason.risk', { pct: Math.round(item.probability_late * 100) })}${item.risk_reason ? ` (${item.risk_reason})` : ''}.`);
  } else parts.push(t('reason.noScore'));
  if (item.value_of_acting) parts.push(valueLine(item.value_of_acting, t, locale));
  parts.push(t('reason.priority', { priority: t(`task.priority.${item.priority}`) }));
  return parts;
}

export function Reason({ item }: { item: WorkItem }) {
  const { t, locale } = useT();
  return (
    <span className="reason">
      {reasonParts(item, t, locale).join(' ')}
      {item.note ? <span className="muted small note"> — {item.note}</span> : null}
    </span>
  );
}
