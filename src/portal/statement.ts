// The statement the debtor downloads, pure: a self-contained, printable HTML page (no scripts, no outside resources) of
// their open invoices, or of one, with what makes up each balance, in their language, money in each invoice's currency.
import { formatMoney } from '../domain/index.ts';
import { escapeHtml } from '../messaging/index.ts';
import { TRANSFER_TEXTS } from '../payments/transfer/index.ts';
import type { OrgLogo } from '../orgs/index.ts';
import type { PortalAccount, PortalInvoice } from './account.ts';

export const TEXTS = {
  en: { title: 'Statement of account', invoice: 'Invoice', for: 'For', from: 'From', address: 'Address', taxId: 'Tax ID', date: 'Date', number: 'Invoice', issued: 'Issued', due: 'Due',
    amount: 'Amount', balance: 'Balance', overdue: 'Days overdue', total: 'Total owed', disputed: 'in dispute',
    payments: 'Recent payments', none: 'Nothing is owed.', note: 'This statement lists the open invoices as our records show them today. It is not a tax invoice.',
    page: 'Page {n} of {m}', overdueOf: 'overdue',
    kinds: { late_fee: 'Late fee', interest: 'Interest', discount: 'Discount', write_off: 'Written off', credit_note: 'Credit note' } },
  es: { title: 'Estado de cuenta', invoice: 'Factura', for: 'Para', from: 'De', address: 'Dirección', taxId: 'ID fiscal', date: 'Fecha', number: 'Factura', issued: 'Emitida', due: 'Vence',
    amount: 'Importe', balance: 'Saldo', overdue: 'Días de atraso', total: 'Total adeudado', disputed: 'en disputa',
    payments: 'Pagos recientes', none: 'No hay nada pendiente.', note: 'Este estado de cuenta muestra las facturas abiertas según nuestros registros de hoy. No es un comprobante fiscal.',
    page: 'Página {n} de {m}', overdueOf: 'vencido',
    kinds: { late_fee: 'Recargo por mora', interest: 'Intereses', discount: 'Descuento', write_off: 'Condonado', credit_note: 'Nota de crédito' } },
  'pt-BR': { title: 'Extrato de conta', invoice: 'Fatura', for: 'Para', from: 'De', address: 'Endereço', taxId: 'CNPJ/CPF', date: 'Data', number: 'Fatura', issued: 'Emitida', due: 'Vencimento',
    amount: 'Valor', balance: 'Saldo', overdue: 'Dias de atraso', total: 'Total devido', disputed: 'em contestação',
    payments: 'Pagamentos recentes', none: 'Não há nada em aberto.', note: 'Este extrato mostra as faturas em aberto conforme nossos registros de hoje. Não é um documento fiscal.',
    page: 'Página {n} de {m}', overdueOf: 'vencido',
    kinds: { late_fee: 'Multa por atraso', interest: 'Juros', discount: 'Desconto', write_off: 'Baixado', credit_note: 'Nota de crédito' } },
} as const;

const e = escapeHtml;

export type StatementTexts = (typeof TEXTS)[keyof typeof TEXTS];

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the locale (made once per locale: a long statement writes hundreds). */
export function day(d: string, locale: string): string {
  let f = dayFormats.get(locale);
  if (!f) dayFormats.set(locale, f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  return f.format(new Date(`${d}T00:00:00Z`));
}

// no-break spaces (Intl puts them in money) become plain ones: the HTML wraps nowhere odd, the PDF's fonts lack U+202F
export const money = (amount: number, currency: string, locale: string) => formatMoney({ amount, currency }, locale).replace(/[\u00a0\u202f]/g, ' ');

function invoiceRows(list: PortalInvoice[], t: StatementTexts, locale: string): string {
  return list.map((i) => {
    const parts = i.adjustments.map((j) => `<li>${e(t.kinds[j.kind as keyof typeof t.kinds] ?? j.kind)} ${e(day(j.date, locale))}: ${e(money(j.amount, i.currency, locale))}</li>`).join('');
    return `<tr><td>${e(i.number)}${i.disputed ? ` <em>(${e(t.disputed)})</em>` : ''}${parts ? `<ul>${parts}</ul>` : ''}</td><td>${e(day(i.issue_date, locale))}</td>`
      + `<td>${e(day(i.due_date, locale))}</td><td class="n">${i.days_overdue}</td><td class="n">${e(money(i.amount, i.currency, locale))}</td>`
      + `<td class="n">${e(money(i.balance, i.currency, locale))}</td></tr>`;
  }).join('\n');
}

/** How to pay by bank transfer, per currency: each account's lines, the reference to quote, and its payment QR code (drawn by us: no outside SVG). */
function transferHtml(account: PortalAccount): string {
  const t = TRANSFER_TEXTS[account.language];
  return (account.bank_transfer ?? []).map((v) => `<h2>${e(t.heading)} (${e(v.currency)})</h2>${v.accounts.map((a) => `<dl class="transfer">`
    + `${a.label ? `<dt class="label">${e(a.label)}</dt><dd></dd>` : ''}${a.lines.map((l) => `<dt>${e(l.label)}</dt><dd>${e(l.value)}</dd>`).join('')}`
    + `<dt>${e(t.reference)}</dt><dd><strong>${e(a.reference)}</strong></dd>`
    + `${a.qr?.format === 'pix' ? `<dt>${e(t.pixCode)}</dt><dd class="code">${e(a.qr.payload)}</dd>` : ''}</dl>`
    + `${a.qr ? `<figure class="qr">${a.qr.svg}<figcaption>${e(t.qr)}</figcaption></figure>` : ''}`).join('')}`).join('');
}

/** The creditor's address and tax id, each when set, as heading lines with their labels. */
export function creditorLines(account: PortalAccount, t: StatementTexts): [string, string][] {
  return [...(account.org.address ? [[t.address, account.org.address] as [string, string]] : []),
    ...(account.org.tax_id ? [[t.taxId, account.org.tax_id] as [string, string]] : [])];
}

/** The statement of the open invoices, or of the one invoice given, with the org's logo (inline, as a data URL) when given. */
export function statementHtml(account: PortalAccount, only?: PortalInvoice, logo?: OrgLogo | null): string {
  const t = TEXTS[account.language];
  const { locale } = account;
  const list = only ? [only] : account.invoices;
  const heading = only ? `${t.invoice} ${only.number}` : t.title;
  const totals = only ? '' : account.totals.map((x) => `<p class="total">${e(t.total)}: <strong>${e(money(x.balance, x.currency, locale))}</strong></p>`).join('');
  const payments = only || account.payments.length === 0 ? '' : `<h2>${e(t.payments)}</h2><ul>${account.payments
    .map((p) => `<li>${e(day(p.date, locale))}: ${e(money(p.amount, p.currency, locale))}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="${e(account.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(heading)} · ${e(account.org.name)}</title>
<style>body{font-family:system-ui,sans-serif;color:#1c2430;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccd;vertical-align:top}
.n{text-align:right;white-space:nowrap}figure.qr{margin:.5rem 0 1rem}figure.qr svg{width:10rem;height:10rem}.code{overflow-wrap:anywhere;font-family:monospace}dl.transfer{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0}ul{margin:.2rem 0 0 1rem;padding:0;font-size:.9rem}.note{color:#4a5563;font-size:.9rem}img.logo{float:right;max-width:10rem;max-height:4rem;object-fit:contain}</style></head>
<body>${logo ? `<img class="logo" src="data:${logo.content_type};base64,${logo.data.toString('base64')}" width="${logo.width}" height="${logo.height}" alt="${e(account.org.name)}">` : ''}<h1>${e(heading)}</h1>
<p>${e(t.from)}: <strong>${e(account.org.name)}</strong><br>${creditorLines(account, t).map(([label, value]) => `${e(label)}: ${e(value)}<br>`).join('')}${e(t.for)}: <strong>${e(account.customer.name)}</strong><br>${e(t.date)}: ${e(day(account.today, locale))}</p>
${list.length === 0 ? `<p>${e(t.none)}</p>` : `<table><thead><tr><th>${e(t.number)}</th><th>${e(t.issued)}</th><th>${e(t.due)}</th><th class="n">${e(t.overdue)}</th>`
  + `<th class="n">${e(t.amount)}</th><th class="n">${e(t.balance)}</th></tr></thead><tbody>\n${invoiceRows(list, t, locale)}\n</tbody></table>`}
${totals}${payments}${only ? '' : transferHtml(account)}
<p class="note">${e(t.note)}</p></body></html>
`;
}
