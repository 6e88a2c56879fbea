// The placeholder values of a message, computed from its context: names, invoices, totals, days, links, promise.
import { daysBetween, type Money } from '../domain/index.ts';
import { date, money, type DateStyle } from './locale.ts';
import { escapeHtml, fill, type Value } from './render-text.ts';
import type { LanguagePack } from './templates/types.ts';
import type { MessageContext } from './types.ts';
import { transferValue } from './transfer-value.ts';
import { ARRANGEMENT_PLACEHOLDERS, arrangementValues } from './arrangement-values.ts';

/** Every placeholder a template may use. Templates naming anything else fail the catalogue test. */
export const PLACEHOLDERS = [
  'customer_name', 'contact_name', 'company_name', 'company_email', 'company_phone', 'company_address', 'company_tax_id',
  'invoice_count', 'several', 'invoice_numbers', 'invoice_list', 'total_due', 'oldest_due_date', 'days_overdue',
  'days_until_due', 'overdue', 'payment_link', 'portal_link', 'promise_amount', 'promise_date', 'instalment_amount',
  'instalment_due_date', 'instalment_number', 'late_fee', 'deadline', 'legal_footer', 'unsubscribe_link', 'bank_transfer',
  ...ARRANGEMENT_PLACEHOLDERS,
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Totals per currency, in the order currencies first appear (a case normally holds one). */
export function totals(ctx: MessageContext): Money[] {
  const sums = new Map<string, number>();
  for (const inv of ctx.invoices) sums.set(inv.balance.currency, (sums.get(inv.balance.currency) ?? 0) + inv.balance.amount);
  return [...sums].map(([currency, amount]) => ({ currency, amount }));
}

function oldestDue(ctx: MessageContext): string | undefined {
  return ctx.invoices.map((i) => i.dueDate).sort()[0];
}

// Values as plain objects (no getters in an object literal, which V8 builds slowly, by a runtime call per message):
// what is made only when a template reads it is an object whose text and html are read through its class.

/** A link: its URL as text, its anchor written only when read (an email's HTML reads it, an SMS never does). */
class LinkValue {
  private written: string | undefined;
  constructor(readonly text: string, private readonly label: string | undefined) {}
  get html(): string { return (this.written ??= anchor(this.text, this.label)); }
}

/** A value made on its first read, text or HTML (the invoice list, the unsubscribe link sealed on first read). */
class Deferred {
  private made: Value | undefined;
  constructor(private readonly make: () => Value) {}
  private value(): Value { return (this.made ??= this.make()); }
  get text(): string { const v = this.value(); return typeof v === 'string' ? v : v.text; }
  get html(): string { const v = this.value(); return typeof v === 'string' ? escapeHtml(v) : v.html; }
}

function link(url: string | undefined, label?: string): Value {
  return url ? new LinkValue(url, label) : '';
}

function anchor(url: string, label: string | undefined): string {
  const safe = /^(https?:|mailto:)/i.test(url) ? url : '';
  return safe ? `<a href="${escapeHtml(safe)}" style="color:#1a56db">${escapeHtml(label ?? url)}</a>` : escapeHtml(url);
}

function invoiceList(ctx: MessageContext, pack: LanguagePack, locale: string, style: DateStyle): Value {
  // each invoice's date and balance written once, for the text and the HTML
  const shown = ctx.invoices.map((inv) => ({ number: inv.number, due_date: date(inv.dueDate, locale, style), balance: money(inv.balance, locale) }));
  const text = shown.map((v) => `- ${fill(pack.invoiceLine, v).text}`).join('\n');
  // the table is built only when read: an email's HTML part reads it, an SMS never does
  return { text, get html() { return invoiceTable(ctx, pack, locale, shown); } };
}

function invoiceTable(ctx: MessageContext, pack: LanguagePack, locale: string, shown: readonly { number: string; due_date: string; balance: string }[]): string {
  const th = 'style="text-align:left;padding:6px 8px;border-bottom:1px solid #d1d5db"';
  const td = 'style="padding:6px 8px;border-bottom:1px solid #e5e7eb"';
  const tdr = 'style="padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap"';
  const rows = shown.map((v) =>
    `<tr><td ${td}>${escapeHtml(v.number)}</td><td ${td}>${escapeHtml(v.due_date)}</td><td ${tdr}>${escapeHtml(v.balance)}</td></tr>`).join('');
  const t = pack.invoiceTable;
  const total = totals(ctx).map((m) => money(m, locale)).join(' + ');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin:8px 0 16px">` +
    `<thead><tr><th ${th}>${escapeHtml(t.number)}</th><th ${th}>${escapeHtml(t.dueDate)}</th><th ${th.replace('left', 'right')}>${escapeHtml(t.balance)}</th></tr></thead>` +
    `<tbody>${rows}</tbody><tfoot><tr><td ${td} colspan="2"><strong>${escapeHtml(t.total)}</strong></td><td ${tdr}><strong>${escapeHtml(total)}</strong></td></tr></tfoot></table>`;
}

/** Builds the value map; every key in PLACEHOLDERS is present ('' when the context does not have it). `sms` asks for short forms. */
export function buildValues(ctx: MessageContext, pack: LanguagePack, locale: string, style: DateStyle, sms = false): Record<Placeholder, Value> {
  const oldest = oldestDue(ctx);
  const overdueDays = oldest ? Math.max(0, daysBetween(oldest, ctx.today)) : 0;
  const untilDue = oldest ? Math.max(0, daysBetween(ctx.today, oldest)) : 0;
  const c = ctx.company;
  const arrangement = arrangementValues(ctx, pack.language, locale, style);
  // made only when a template reads it, so that a context's unsubscribe link, sealed on first read, is not made for an SMS;
  // the invoice list (each invoice's date and balance formatted) likewise: an SMS template seldom names it
  return {
    customer_name: ctx.customer.name,
    contact_name: ctx.customer.contactName ?? ctx.customer.name,
    company_name: c.name,
    company_email: c.email ?? '',
    company_phone: c.phone ?? '',
    company_address: c.address ?? '',
    company_tax_id: c.taxId ?? '',
    invoice_count: String(ctx.invoices.length),
    several: ctx.invoices.length > 1 ? 'yes' : '',
    invoice_numbers: ctx.invoices.map((i) => i.number).join(', '),
    invoice_list: new Deferred(() => invoiceList(ctx, pack, locale, style)),
    total_due: totals(ctx).map((m) => money(m, locale)).join(' + '),
    oldest_due_date: oldest ? date(oldest, locale, style) : '',
    days_overdue: String(overdueDays),
    days_until_due: String(untilDue),
    overdue: overdueDays > 0 ? 'yes' : '',
    payment_link: link(ctx.links.payment),
    portal_link: link(ctx.links.portal),
    promise_amount: ctx.promise ? money(ctx.promise.amount, locale) : '',
    promise_date: ctx.promise ? date(ctx.promise.date, locale, style) : '',
    instalment_amount: ctx.instalment ? money(ctx.instalment.amount, locale) : '',
    instalment_due_date: ctx.instalment ? date(ctx.instalment.dueDate, locale, style) : '',
    instalment_number: ctx.instalment?.number !== undefined ? String(ctx.instalment.number) : '',
    late_fee: ctx.lateFee ? money(ctx.lateFee, locale) : '',
    deadline: ctx.deadline ? date(ctx.deadline, locale, style) : '',
    legal_footer: c.legalFooter?.[pack.language] ?? c.legalFooter?.en ?? '',
    unsubscribe_link: new Deferred(() => link(ctx.links.unsubscribe)),
    bank_transfer: ctx.bankTransfer ? transferValue(ctx, pack.language, sms) : '',
    arrangement_changed: arrangement.arrangement_changed,
    arranged_with_us: arrangement.arranged_with_us,
    plan_schedule: arrangement.plan_schedule,
    plan_total: arrangement.plan_total,
    plan_instalment_count: arrangement.plan_instalment_count,
    plan_first_date: arrangement.plan_first_date,
    plan_last_date: arrangement.plan_last_date,
  };
}
