// What a message is rendered from, read from the ledger: the customer, the org, the invoices the action lists, the links.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import type { MessageContext } from '../messaging/index.ts';
import { arrangementContext } from './context-arrangements.ts';
import { unsubscribeToken } from './links.ts';
import { messagePaymentLink } from './pay-link.ts';
import { portalLinkFor } from '../portal/index.ts';
import { connectedGateway } from '../payments/index.ts';

export interface MessageRow {
  id: string; org_id: string; action_id: string; case_id: string | null; customer_id: string; channel: 'email' | 'sms' | 'whatsapp' | 'voice';
  template: string | null; tone: string | null; address: string | null; attempts: number;
}

interface Recipient {
  name: string; language: string | null; country: string | null; timezone: string | null;
  email: string | null; phone: string | null; whatsapp: string | null; org_name: string; org_language: string;
  debtor_type: 'consumer' | 'business' | null; company_address: string | null; company_tax_id: string | null;
}

/** Where the channel reaches the customer: their email, WhatsApp number (or phone), or phone. */
export function addressFor(r: { email: string | null; phone: string | null; whatsapp: string | null }, channel: MessageRow['channel']): string | null {
  return channel === 'email' ? r.email : channel === 'whatsapp' ? r.whatsapp ?? r.phone : r.phone;
}

/** The public base of links, HTTPS as RFC 8058 asks (run cobro behind TLS and set COBRO_PUBLIC_URL). */
export function httpsBase(publicUrl: string): string {
  return publicUrl.replace(/^http:\/\//, 'https://').replace(/\/$/, '');
}

/** What a preview shows where the message will carry a checkout link made only when it is sent. */
export const PREVIEW_PAYMENT_LINK = 'https://checkout.invalid/made-when-sent';

/**
 * Everything the message is rendered from. `secretKey` opens the org's gateway credentials: with a gateway connected the
 * message carries a checkout link for its invoices, otherwise its payment link is the portal's. A preview makes no link
 * (it shows PREVIEW_PAYMENT_LINK instead) and, without an action, lists every open invoice of the customer.
 */
export async function messageContext(
  q: Queryable, m: MessageRow, now: Date, publicUrl: string, secretKey?: string, opts: { preview?: boolean } = {},
): Promise<{ context: MessageContext; address: string | null } | null> {
  const [r] = await q.query<Recipient>(
    `SELECT c.name, c.language, c.country, c.timezone, c.email, c.phone, c.whatsapp, o.name AS org_name, o.default_language AS org_language,
            p.debtor_type, s.company_address, s.company_tax_id
     FROM customers c JOIN orgs o ON o.id = c.org_id
     LEFT JOIN contact_profiles p ON p.org_id = c.org_id AND p.customer_id = c.id LEFT JOIN compliance_settings s ON s.org_id = c.org_id
     WHERE c.org_id = $1 AND c.id = $2`, [m.org_id, m.customer_id]);
  if (!r) return null;
  const [action] = await q.query<{ invoice_ids: string[]; occurrence: string | null }>(
    'SELECT invoice_ids, occurrence FROM actions WHERE org_id = $1 AND id = $2', [m.org_id, m.action_id]);
  const invoices = await q.query<{ id: string; number: string; due_date: string; balance: number; currency: string }>(
    `SELECT id, number, due_date, balance, currency FROM invoices WHERE org_id = $1 AND id = ANY($2::text[]) AND balance > 0 ORDER BY due_date, number`,
    [m.org_id, action?.invoice_ids ?? (opts.preview ? await openInvoiceIds(q, m.org_id, m.customer_id) : [])]);
  // one message speaks of one currency: the one most is owed in
  const byCurrency = new Map<string, number>();
  for (const i of invoices) byCurrency.set(i.currency, (byCurrency.get(i.currency) ?? 0) + i.balance);
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const address = m.address ?? addressFor(r, m.channel);
  const base = httpsBase(publicUrl);
  const token = address ? await unsubscribeToken(q, { orgId: m.org_id, customerId: m.customer_id, channel: m.channel, address }) : null;
  const listed = invoices.filter((i) => i.currency === currency);
  const payDeps = { db: q, publicUrl, ...(secretKey ? { secretKey } : {}) };
  const pay = opts.preview ? { url: listed.length && (await connectedGateway(payDeps, m.org_id)) ? PREVIEW_PAYMENT_LINK : null }
    : await messagePaymentLink(payDeps, m.org_id, m.customer_id, listed.map((i) => i.id), now);
  const portal = opts.preview ? `${base}/p/made-when-sent` : await portalLinkFor(q, { orgId: m.org_id, customerId: m.customer_id }, now, base);
  const context: MessageContext = {
    customer: { name: r.name, ...(r.language ? { language: r.language } : {}), ...(r.country ? { country: r.country } : {}),
      ...(r.debtor_type ? { debtorType: r.debtor_type } : {}) },
    orgLanguage: r.org_language,
    company: { name: r.org_name, ...(r.company_address ? { address: r.company_address } : {}), ...(r.company_tax_id ? { taxId: r.company_tax_id } : {}) },
    invoices: listed.map((i) => ({ number: i.number, dueDate: i.due_date, balance: { amount: i.balance, currency: i.currency } })),
    links: { portal, payment: pay.url ?? portal, ...(token ? { unsubscribe: `${base}/u/${token}` } : {}), voiceGather: `${base}/webhooks/twilio/${encodeURIComponent(m.org_id)}/gather` },
    today: dateInZone(now, r.timezone ?? 'UTC'),
    ...(await arrangementContext(q, m.org_id, m.customer_id, action?.occurrence ?? null)),
  };
  return { context, address };
}

async function openInvoiceIds(q: Queryable, orgId: string, customerId: string): Promise<string[]> {
  return (await q.query<{ id: string }>('SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled', [orgId, customerId]))
    .map((r) => r.id);
}
