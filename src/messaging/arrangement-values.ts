// The placeholder values of a confirmation: whether it replaced an earlier arrangement, whether staff recorded it, and a plan's schedule
// (as a list in text, a table in an email's HTML), total, count and first and last dates, in the debtor's locale.
import type { Money } from '../domain/index.ts';
import { date, money, type DateStyle } from './locale.ts';
import { escapeHtml, type Value } from './render-text.ts';
import type { Language, MessageContext } from './types.ts';

export const ARRANGEMENT_PLACEHOLDERS = [
  'arrangement_changed', 'arranged_with_us', 'plan_schedule', 'plan_total', 'plan_instalment_count', 'plan_first_date', 'plan_last_date',
] as const;
export type ArrangementPlaceholder = (typeof ARRANGEMENT_PLACEHOLDERS)[number];

const SCHEDULE_HEADINGS: Readonly<Record<Language, { number: string; dueDate: string; amount: string }>> = {
  en: { number: 'Payment', dueDate: 'Due date', amount: 'Amount' },
  es: { number: 'Pago', dueDate: 'Vencimiento', amount: 'Importe' },
  'pt-BR': { number: 'Parcela', dueDate: 'Vencimento', amount: 'Valor' },
};

type Row = { n: string; due: string; amount: string };

function scheduleTable(rows: readonly Row[], language: Language): string {
  const h = SCHEDULE_HEADINGS[language];
  const th = 'style="text-align:left;padding:6px 8px;border-bottom:1px solid #d1d5db"';
  const td = 'style="padding:6px 8px;border-bottom:1px solid #e5e7eb"';
  const tdr = 'style="padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap"';
  const body = rows.map((r) => `<tr><td ${td}>${escapeHtml(r.n)}</td><td ${td}>${escapeHtml(r.due)}</td><td ${tdr}>${escapeHtml(r.amount)}</td></tr>`).join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin:8px 0 16px">`
    + `<thead><tr><th ${th}>${escapeHtml(h.number)}</th><th ${th}>${escapeHtml(h.dueDate)}</th><th ${th.replace('left', 'right')}>${escapeHtml(h.amount)}</th></tr></thead>`
    + `<tbody>${body}</tbody></table>`;
}

/** A plan's schedule: the list as text, the table written only when an email's HTML part reads it. */
class ScheduleValue {
  constructor(readonly text: string, private readonly rows: readonly Row[], private readonly language: Language) {}
  get html(): string { return scheduleTable(this.rows, this.language); }
}

/** The values of a message that confirms no arrangement (nearly every message): all empty, built once. */
export const NO_ARRANGEMENT: Readonly<Record<ArrangementPlaceholder, Value>> = Object.freeze({
  arrangement_changed: '', arranged_with_us: '', plan_schedule: '', plan_total: '', plan_instalment_count: '', plan_first_date: '', plan_last_date: '',
});

/** The values; each is '' when the context holds no arrangement (or no plan), so a template's sections about it stay hidden. */
export function arrangementValues(ctx: MessageContext, language: Language, locale: string, style: DateStyle): Readonly<Record<ArrangementPlaceholder, Value>> {
  const a = ctx.arrangement;
  if (!a) return NO_ARRANGEMENT;
  const plan = a?.instalments ?? [];
  const first = plan[0];
  const last = plan[plan.length - 1];
  const rows: Row[] = plan.map((i, k) => ({ n: String(k + 1), due: date(i.dueDate, locale, style), amount: money(i.amount, locale) }));
  const total: Money | null = first ? { amount: plan.reduce((s, i) => s + i.amount.amount, 0), currency: first.amount.currency } : null;
  return {
    arrangement_changed: a?.changed ? 'yes' : '',
    arranged_with_us: a?.byStaff ? 'yes' : '',
    plan_schedule: rows.length ? new ScheduleValue(rows.map((r) => `${r.n}. ${r.due}: ${r.amount}`).join('\n'), rows, language) : '',
    plan_total: total ? money(total, locale) : '',
    plan_instalment_count: plan.length ? String(plan.length) : '',
    plan_first_date: first ? date(first.dueDate, locale, style) : '',
    plan_last_date: last ? date(last.dueDate, locale, style) : '',
  };
}
