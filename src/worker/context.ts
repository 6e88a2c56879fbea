// What a message is rendered from, read from the ledger: the customer, the org, the invoices the action lists, the links.
import type { EgressPolicy } from '../channels/index.ts';
import { preparedName, type Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import type { CompanyLogo, MessageContext, SmsFold } from '../messaging/index.ts';
import { arrangementContext, latestPromises } from './context-arrangements.ts';
import { confirmationFacts } from './context-confirmation.ts';
import { sealUnsubscribe, type UnsubscribeClaim } from './links.ts';
import { secret } from '../db/secrets.ts';
import { messagePaymentLink } from './pay-link.ts';
import { portalLinksFor } from '../portal/index.ts';
import { connectedGateway } from '../payments/index.ts';
import { getTransferSettings, type TransferSettings } from '../payments/transfer/index.ts';
import { openCustomerRows } from '../vault/index.ts';
import { getOrgLogos } from '../orgs/index.ts';

export interface MessageRow {
  id: string; org_id: string; action_id: string; case_id: string | null; customer_id: string; channel: 'email' | 'sms' | 'whatsapp' | 'voice';
  template: string | null; tone: string | null; address: string | null; attempts: number;
}

interface Recipient {
  name: string; language: string | null; country: string | null; timezone: string | null;
  email: string | null; phone: string | null; whatsapp: string | null; org_name: string; org_language: string;
  debtor_type: 'consumer' | 'business' | null; company_address: string | null; company_tax_id: string | null; external_id: string | null;
  sms_fold: SmsFold | null;
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

export interface BuiltMessage { context: MessageContext; address: string | null }

/**
 * Everything the message is rendered from. `secretKey` opens the org's gateway credentials: with a gateway connected the
 * message carries a checkout link for its invoices, otherwise its payment link is the portal's. A preview makes no link
 * (it shows PREVIEW_PAYMENT_LINK instead) and, without an action, lists every open invoice of the customer.
 */
export async function messageContext(
  q: Queryable, m: MessageRow, now: Date, publicUrl: string, secretKey?: string, opts: { preview?: boolean } = {},
): Promise<BuiltMessage | null> {
  return (await messageContexts(q, [m], now, publicUrl, secretKey, opts))[0] ?? null;
}

type InvoiceRow = { id: string; org_id: string; number: string; due_date: string; balance: number; currency: string };

/**
 * messageContext for a batch, in order (null where the customer is gone): recipients, actions, invoices, promises and
 * portal links are each read (and missing links made) once for the whole batch, not once per message.
 */
// A batch's actions and invoices read by prepared statements (each connection plans them once): planned afresh for a
// batch of 500 ids, each read joined them by hashing a scan of the whole table (6 ms of PostgreSQL's CPU per batch for the
// actions, 2.8 for the invoices, with 9,000 of each), where the prepared statement's plan probes the keys (2 and 1.5 ms).
// A connection's first five runs are still planned afresh, so each key's row is read by a LATERAL fenced by OFFSET 0: a
// probe of the key whatever the plan (the hashed scans were most of a new pool's runs). The recipients' read is left
// unprepared (its generic plan took 440 ms a batch), its customers read the same way.
const ACTIONS_SQL = `SELECT a.org_id, a.id, a.invoice_ids, a.occurrence FROM unnest($1::text[], $2::text[]) AS k(org_id, id)
     CROSS JOIN LATERAL (SELECT a.org_id, a.id, a.invoice_ids, a.occurrence FROM actions a WHERE a.org_id = k.org_id AND a.id = k.id OFFSET 0) a`;
const ACTIONS_NAME = preparedName(ACTIONS_SQL);
const INVOICES_SQL = `SELECT i.id, i.org_id, i.number, i.due_date, i.balance, i.currency FROM (SELECT DISTINCT org_id, id FROM unnest($1::text[], $2::text[]) AS k(org_id, id)) k
     CROSS JOIN LATERAL (SELECT i.id, i.org_id, i.number, i.due_date, i.balance, i.currency FROM invoices i WHERE i.org_id = k.org_id AND i.id = k.id AND i.balance > 0 OFFSET 0) i`;
const INVOICES_NAME = preparedName(INVOICES_SQL);

export async function messageContexts(
  q: Queryable, ms: readonly MessageRow[], now: Date, publicUrl: string, secretKey?: string,
  opts: { preview?: boolean; egress?: EgressPolicy } = {},
): Promise<(BuiltMessage | null)[]> {
  if (ms.length === 0) return [];
  const pairKey = (org: string, id: string) => `${org}\u0000${id}`;
  const orgs = ms.map((m) => m.org_id);
  const recipients = byKey(await openCustomerRows(q, (r) => r.org_id, await q.query<Recipient & { org_id: string; id: string }>(
    `SELECT c.org_id, c.id, c.external_id, c.name, c.language, c.country, c.timezone, c.email, c.phone, c.whatsapp, o.name AS org_name, o.default_language AS org_language,
            p.debtor_type, s.company_address, s.company_tax_id, f.sms_fold
     FROM (SELECT DISTINCT org_id, id FROM unnest($1::text[], $2::text[]) AS k(org_id, id)) k
     CROSS JOIN LATERAL (SELECT c.org_id, c.id, c.external_id, c.name, c.language, c.country, c.timezone, c.email, c.phone, c.whatsapp
       FROM customers c WHERE c.org_id = k.org_id AND c.id = k.id OFFSET 0) c JOIN orgs o ON o.id = c.org_id
     LEFT JOIN contact_profiles p ON p.org_id = c.org_id AND p.customer_id = c.id LEFT JOIN compliance_settings s ON s.org_id = c.org_id
     LEFT JOIN sms_settings f ON f.org_id = c.org_id`,
    [orgs, ms.map((m) => m.customer_id)])), (r) => pairKey(r.org_id, r.id));
  const actions = byKey(await q.query<{ org_id: string; id: string; invoice_ids: string[]; occurrence: string | null }>(
    ACTIONS_SQL, [orgs, ms.map((m) => m.action_id)], ACTIONS_NAME), (a) => pairKey(a.org_id, a.id));
  // (a preview without an action reads the customer's open invoices; a send never does, so it makes no promise per message)
  const invoiceIds = opts.preview ? await Promise.all(ms.map(async (m) => actions.get(pairKey(m.org_id, m.action_id))?.invoice_ids
    ?? openInvoiceIds(q, m.org_id, m.customer_id))) : ms.map((m) => actions.get(pairKey(m.org_id, m.action_id))?.invoice_ids ?? []);
  const wantedInvoices = ms.flatMap((m, i) => invoiceIds[i]!.map((id) => [m.org_id, id] as const));
  const invoices = byKey(await q.query<InvoiceRow>(INVOICES_SQL, [wantedInvoices.map((w) => w[0]), wantedInvoices.map((w) => w[1])], INVOICES_NAME),
    (i) => pairKey(i.org_id, i.id));
  const base = httpsBase(publicUrl);
  const portals = new Map<string, Map<string, string>>();
  if (!opts.preview) {
    for (const org of new Set(orgs)) {
      const customers = ms.filter((m) => m.org_id === org && recipients.has(pairKey(org, m.customer_id))).map((m) => m.customer_id);
      portals.set(org, await portalLinksFor(q, org, customers, now, base));
    }
  }
  const promises = await latestPromises(q, ms);
  // a portal confirmation states what was agreed when the debtor acted, not what stands when it is sent
  const confirmations = await confirmationFacts(q, ms, opts.preview === true);
  // each org's transfer details read once per batch; an org without accounts adds nothing to its messages
  const transfers = new Map<string, TransferSettings | null>();
  for (const org of new Set(orgs)) {
    const s = await getTransferSettings(q, org);
    transfers.set(org, s.accounts.length ? s : null);
  }
  const logos = await emailLogos(q, ms);
  const gateways = new Map<string, Promise<boolean>>();
  const payDeps = { db: q, publicUrl, ...(secretKey ? { secretKey } : {}), ...(opts.egress ? { egress: opts.egress } : {}) };
  const connected = (org: string) => {
    if (!gateways.has(org)) gateways.set(org, connectedGateway(payDeps, org).then(Boolean));
    return gateways.get(org)!;
  };
  // the unsubscribe link is sealed only when something reads it (an email does; most SMS never do)
  const linksSecret = await secret(q, 'links');
  const out: (BuiltMessage | null)[] = [];
  for (const [k, m] of ms.entries()) {
    const r = recipients.get(pairKey(m.org_id, m.customer_id));
    if (!r) { out.push(null); continue; }
    const action = actions.get(pairKey(m.org_id, m.action_id));
    const own = invoiceIds[k]!.map((id) => invoices.get(pairKey(m.org_id, id))).filter((i): i is InvoiceRow => Boolean(i))
      .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    // one message speaks of one currency: the one most is owed in (a single invoice's, as most messages list one)
    const listed = own.length <= 1 ? own : ofMainCurrency(own);
    const address = m.address ?? addressFor(r, m.channel);
    const pay = opts.preview ? { url: listed.length && (await connected(m.org_id)) ? PREVIEW_PAYMENT_LINK : null }
      : listed.length && (await connected(m.org_id)) ? await messagePaymentLink(payDeps, m.org_id, m.customer_id, listed.map((i) => i.id), now) : { url: null };
    const portal = opts.preview ? `${base}/p/made-when-sent` : portals.get(m.org_id)!.get(m.customer_id)!;
    const context: MessageContext = {
      customer: { name: r.name, ...(r.language ? { language: r.language } : {}), ...(r.country ? { country: r.country } : {}),
        ...(r.debtor_type ? { debtorType: r.debtor_type } : {}) },
      orgLanguage: r.org_language,
      company: { name: r.org_name, ...(r.company_address ? { address: r.company_address } : {}), ...(r.company_tax_id ? { taxId: r.company_tax_id } : {}),
        ...(m.channel === 'email' && logos.has(m.org_id) ? { logo: logos.get(m.org_id)! } : {}) },
      invoices: listed.map((i) => ({ number: i.number, dueDate: i.due_date, balance: { amount: i.balance, currency: i.currency } })),
      links: messageLinks(portal, pay.url ?? portal, address ? { orgId: m.org_id, customerId: m.customer_id, channel: m.channel, address } : null, linksSecret, base,
        `${base}/webhooks/twilio/${encodeURIComponent(m.org_id)}/gather`),
      today: dateInZone(now, r.timezone ?? 'UTC'),
      ...(transfers.get(m.org_id) ? { bankTransfer: { settings: transfers.get(m.org_id)!, customerReference: r.external_id } } : {}),
      ...(await arrangementContext(q, m.org_id, m.customer_id, action?.occurrence ?? null, promises.get(pairKey(m.org_id, m.customer_id)) ?? null)),
      ...confirmations.get(m.id),
      // the org's sms_fold (no row: auto), so the preview, the cost and the send fold an SMS alike
      ...(r.sms_fold ? { smsFold: r.sms_fold } : {}),
    };
    out.push({ context, address });
  }
  return out;
}

/** The logos of the orgs a batch emails for, read in one statement and encoded once each (the batch's emails share it); none for a batch without email. */
async function emailLogos(q: Queryable, ms: readonly MessageRow[]): Promise<Map<string, CompanyLogo>> {
  const orgs = ms.filter((m) => m.channel === 'email').map((m) => m.org_id);
  const found = await getOrgLogos(q, orgs);
  return new Map([...found].map(([org, l]) => [org, { contentType: l.content_type, width: l.width, height: l.height, content: l.data.toString('base64'),
    size: l.size, sha256: l.sha256 }]));
}

/**
 * A message's links, the unsubscribe link (when the message has an address) sealed on its first read and the same on
 * every read after: sealing costs a cipher and random bytes per message, and only emails (and templates naming it) read it.
 * The link is its class's accessor, not one defined on each message's object (Object.defineProperty cost ~4 µs a message
 * and left the object in V8's slow dictionary mode): it is not an own key, and nothing enumerates a context's links.
 */
class MessageLinks {
  private sealed: string | undefined;
  constructor(readonly portal: string, readonly payment: string, private readonly claim: UnsubscribeClaim | null, private readonly linksSecret: string,
    private readonly base: string, readonly voiceGather: string) {}

  get unsubscribe(): string | undefined {
    if (this.sealed === undefined && this.claim) this.sealed = `${this.base}/u/${sealUnsubscribe(this.linksSecret, this.claim)}`;
    return this.sealed;
  }

  set unsubscribe(url: string | undefined) {
    this.sealed = url;
  }
}

export function messageLinks(portal: string, payment: string, claim: UnsubscribeClaim | null, linksSecret: string, base: string, voiceGather: string): MessageContext['links'] {
  return new MessageLinks(portal, payment, claim, linksSecret, base, voiceGather);
}

/** The invoices in the currency most is owed in (the first such currency when two are level). */
function ofMainCurrency(own: readonly InvoiceRow[]): InvoiceRow[] {
  const byCurrency = new Map<string, number>();
  for (const i of own) byCurrency.set(i.currency, (byCurrency.get(i.currency) ?? 0) + i.balance);
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return own.filter((i) => i.currency === currency);
}

function byKey<T>(rows: readonly T[], key: (r: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

async function openInvoiceIds(q: Queryable, orgId: string, customerId: string): Promise<string[]> {
  return (await q.query<{ id: string }>('SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled', [orgId, customerId]))
    .map((r) => r.id);
}
