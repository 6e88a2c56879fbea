// What the debtor sees: their open invoices (balance, due date, days overdue, the fees and credits behind the balance),
// totals per currency, recent payments, their promise, plan and disputes, and what they may ask for, in their language.
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, daysBetween, fail, ok, type CalendarDate, type Result } from '../domain/index.ts';
import { getCustomer, listAdjustments, listInvoices, listPayments, type InvoiceStatus } from '../ledger/index.ts';
import { resolveLanguage } from '../messaging/index.ts';
import { getOrg, getOrgLogoInfo } from '../orgs/index.ts';
import { getComplianceSettings } from '../compliance/rights/settings.ts';
import { connectedGateway, customerArrangements, getLimits, paymentsInFlight, type Plan, type PromiseToPay, type VoucherHold } from '../payments/index.ts';
import { getTransferSettings, transferView, type TransferView } from '../payments/transfer/index.ts';
import type { PortalAccess } from './links.ts';

export interface PortalInvoice {
  id: string; number: string; issue_date: string; due_date: string; currency: string; amount: number; balance: number;
  status: InvoiceStatus; days_overdue: number; disputed: boolean;
  /** Fees, interest, discounts, write-offs and credit notes in force, which with payments explain the balance. */
  adjustments: { kind: string; amount: number; date: string }[];
}

export interface PortalAccount {
  customer: { name: string };
  /**
   * The creditor: the org's country sets the paper of the PDF statement (Letter in the Americas that use it, else A4); its
   * address and tax id (the compliance settings') head the statement when set, as does its logo when it has one.
   */
  org: { name: string; country: string | null; address?: string | null; tax_id?: string | null; logo?: boolean };
  language: 'en' | 'es' | 'pt-BR';
  locale: string;
  today: CalendarDate;
  totals: { currency: string; balance: number; overdue: number }[];
  invoices: PortalInvoice[];
  payments: { date: string; amount: number; currency: string }[];
  promise: Pick<PromiseToPay, 'id' | 'kind' | 'amount' | 'currency' | 'due_date' | 'status'> | null;
  plan: (Pick<Plan, 'id' | 'currency' | 'total' | 'paid' | 'frequency' | 'status'> & { instalments: { seq: number; due_date: string; amount: number; paid: boolean }[] }) | null;
  disputes: { id: string; reason: string; amount: number; currency: string; status: string; created_at: string }[];
  /**
   * Payments in flight through a payment link: vouchers issued and not paid yet (OXXO, boleto ...: `kind` voucher, payable
   * until `expires_at`) and bank debits the gateway has not confirmed yet (Stripe SEPA or ACH processing, a PayPal eCheck
   * pending: `kind` debit, `started_on` the debtor's date it began, `expires_at` the most cobro waits for it).
   */
  payments_in_flight?: InFlightPayment[];
  online_payment: boolean;
  /** How to pay by bank transfer, per currency owed that the org has accounts in, with the reference to quote. */
  bank_transfer?: TransferView[];
  limits: { promise_last_date: CalendarDate; promise_min_share_bp: number; extension_max_days: number };
}

export interface InFlightPayment { kind: 'voucher' | 'debit'; method: string; amount: number; currency: string; expires_at: string; started_on: CalendarDate }

/** A hold as the debtor reads it, dated in their zone. */
const inFlight = (h: VoucherHold, zone: string): InFlightPayment => ({ kind: h.source, method: h.method ?? h.source, amount: Number(h.amount), currency: h.currency,
  expires_at: new Date(h.expires_at).toISOString(), started_on: dateInZone(new Date(h.created_at), zone) });

const FALLBACK_LOCALE = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR' } as const;

/** The locale money and dates are written in: the language with the debtor's country when Intl knows it. */
export function portalLocale(language: PortalAccount['language'], country: string | null): string {
  const tag = `${language.split('-')[0]}-${country ?? ''}`;
  try {
    if (country && /^[A-Z]{2}$/.test(country) && Intl.NumberFormat.supportedLocalesOf([tag]).length) return tag;
  } catch { /* an invalid tag falls back */ }
  return FALLBACK_LOCALE[language];
}

const OPEN: InvoiceStatus[] = ['open', 'partially_paid', 'disputed'];

async function openInvoices(q: Queryable, a: PortalAccess, today: CalendarDate): Promise<PortalInvoice[]> {
  const page = await listInvoices(q, a.orgId, { customer_id: a.customerId, status: OPEN, limit: 500 });
  const rows = page.data.filter((i) => i.customer_id === a.customerId && i.balance > 0)
    .sort((x, y) => x.due_date.localeCompare(y.due_date) || x.number.localeCompare(y.number)).slice(0, 200);
  const out: PortalInvoice[] = [];
  for (const i of rows) {
    const adjustments = (await listAdjustments(q, a.orgId, i.id)).filter((j) => !j.reversed_at).map((j) => ({ kind: j.kind, amount: j.amount, date: j.date }));
    out.push({ id: i.id, number: i.number, issue_date: i.issue_date, due_date: i.due_date, currency: i.currency, amount: i.amount, balance: i.balance,
      status: i.status, days_overdue: Math.max(0, daysBetween(i.due_date, today)), disputed: i.status === 'disputed', adjustments });
  }
  return out;
}

function totalsOf(invoices: PortalInvoice[]): PortalAccount['totals'] {
  const by = new Map<string, { currency: string; balance: number; overdue: number }>();
  for (const i of invoices) {
    if (i.disputed) continue;
    const t = by.get(i.currency) ?? { currency: i.currency, balance: 0, overdue: 0 };
    t.balance += i.balance;
    if (i.days_overdue > 0) t.overdue += i.balance;
    by.set(i.currency, t);
  }
  return [...by.values()].sort((x, y) => y.balance - x.balance);
}

/** The org's transfer details for each currency owed, quoting the numbers of the invoices (not in dispute) of that currency, with the QR code for their balance. */
async function transferViews(q: Queryable, orgId: string, invoices: PortalInvoice[], customerRef: string | null, language: PortalAccount['language']): Promise<TransferView[]> {
  const owed = invoices.filter((i) => !i.disputed);
  if (!owed.length) return [];
  const settings = await getTransferSettings(q, orgId);
  return [...new Set(owed.map((i) => i.currency))].flatMap((currency) => {
    const mine = owed.filter((i) => i.currency === currency);
    const view = transferView(settings, currency, mine.map((i) => i.number), customerRef, language, mine.reduce((a, i) => a + i.balance, 0));
    return view ? [view] : [];
  });
}

/** The debtor's whole view, read with the org and customer of their link on every query. */
export async function portalAccount(q: Queryable, a: PortalAccess, now: Date): Promise<Result<PortalAccount>> {
  const customer = await getCustomer(q, a.orgId, a.customerId);
  const org = await getOrg(q, a.orgId);
  if (!customer.ok || !org || customer.value.id !== a.customerId) return fail('NOT_FOUND', 'no such account', 'token');
  const c = customer.value;
  const zone = c.timezone ?? org.default_timezone;
  const today = dateInZone(now, zone);
  const language = resolveLanguage(c.language ?? undefined, org.default_language);
  const invoices = await openInvoices(q, a, today);
  const payments = (await listPayments(q, a.orgId, { customer_id: a.customerId, from: addDays(today, -365), limit: 500 })).data
    .filter((p) => p.customer_id === a.customerId && !p.reversed_at).sort((x, y) => y.date.localeCompare(x.date)).slice(0, 10)
    .map((p) => ({ date: p.date, amount: p.amount, currency: p.currency }));
  const arr = await customerArrangements(q, a.orgId, a.customerId);
  const promise = arr.promises.find((p) => p.status === 'pending' && p.customer_id === a.customerId);
  const plan = arr.plans.find((p) => p.status === 'active' && p.customer_id === a.customerId);
  const limits = await getLimits(q, a.orgId);
  const company = await getComplianceSettings(q, a.orgId);
  return ok({
    customer: { name: c.name }, language,
    org: { name: org.name, country: org.country, address: company.company_address, tax_id: company.company_tax_id, logo: (await getOrgLogoInfo(q, a.orgId)) !== null }, locale: portalLocale(language, c.country), today,
    totals: totalsOf(invoices), invoices, payments,
    promise: promise ? { id: promise.id, kind: promise.kind, amount: promise.amount, currency: promise.currency, due_date: promise.due_date, status: promise.status } : null,
    plan: plan ? { id: plan.id, currency: plan.currency, total: plan.total, paid: plan.paid, frequency: plan.frequency, status: plan.status,
      instalments: plan.instalments.map((i) => ({ seq: i.seq, due_date: i.due_date, amount: i.amount, paid: i.paid })) } : null,
    disputes: arr.disputes.filter((d) => d.customer_id === a.customerId && d.status === 'open')
      .map((d) => ({ id: d.id, reason: d.reason, amount: d.amount, currency: d.currency, status: d.status, created_at: d.created_at })),
    payments_in_flight: (await paymentsInFlight(q, a.orgId, a.customerId, today)).map((h) => inFlight(h, zone)),
    bank_transfer: await transferViews(q, a.orgId, invoices, c.external_id, language),
    online_payment: (await connectedGateway({ db: q, publicUrl: '' }, a.orgId)) !== null,
    limits: { promise_last_date: addDays(today, limits.promiseMaxDays), promise_min_share_bp: limits.promiseMinShareBp, extension_max_days: limits.extensionMaxDays },
  });
}
