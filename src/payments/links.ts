// Payment links: a hosted checkout (Stripe, Mercado Pago or Adyen Pay by Link) for a customer's invoices, stored before the provider call
// with a key derived from its content, reused while an identical one is open, never touching card data (PCI SAQ A); a new
// one supersedes the customer's older open links for any of its invoices (expired at the provider: links-expiry.ts).
import type { EgressPolicy } from '../channels/index.ts';
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { getCustomer } from '../ledger/index.ts';
import { getOrg } from '../orgs/index.ts';
import { connectedGateways, gatewayFor, GATEWAY_LABELS, type GatewayAdapter, type GatewayError, type GatewayName } from './gateways/index.ts';
import { contentHash, linkDescription, linkIdempotencyKey, selectLinkContent, type LinkContent, type LinkInvoice } from './links-select.ts';
import { supersedeOlderLinks } from './links-expiry.ts';
import { insertLink, latestWithContent, linkById, linkByKey, listLinkRows, openLink, setLinkError, toPaymentLink,
  type LinkFilter, type LinkRow, type PaymentLink } from './links-store.ts';

export type { PaymentLink } from './links-store.ts';

/** `egress`: the operator's policy for an `api_base` an org set (none: unchecked). */
export interface GatewayContext { db: Queryable; secretKey?: string; publicUrl: string; egress?: EgressPolicy }

export type LinkSource = 'api' | 'portal' | 'message' | 'agent' | 'collector';

export interface NewPaymentLink {
  customerId: string; invoiceIds?: string[]; amount?: number; currency?: string; returnUrl?: string; source: LinkSource;
}

/** An open link is handed out again only while it has at least this long to run. */
const REUSE_MARGIN_MS = 30 * 60_000;
/** A link left `creating` (the process stopped during the provider call) is retried with its key for this long. */
const RETRY_WINDOW_MS = 60 * 60_000;

/** Which gateway the org has connected (stripe first), or null: the portal then shows the org's bank transfer details. */
export async function connectedGateway(ctx: GatewayContext, orgId: string): Promise<GatewayName | null> {
  return (await connectedGateways(ctx.db, orgId))[0] ?? null;
}

/** Where cobro receives a provider's notifications for an org. */
export function webhookUrl(publicUrl: string, provider: string, orgId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/${provider}/${orgId}`;
}

/**
 * Where a provider's hosted page sends the debtor back (success or cancel): cobro's own redirect for this link
 * (src/api/routes/payment-return.ts), which lands on the portal that handed the link out, or the link's return_url, or
 * the site's root, so a link a message made and the portal reuses still returns to the portal.
 */
export function paymentReturnUrl(publicUrl: string, linkId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/p/return/${encodeURIComponent(linkId)}`;
}

/**
 * The way back a link was made with, for the return redirect: its org and the return_url its maker gave (or null). A
 * portal's link made before the redirect kept the portal's own address there: that one holds a token and is never given.
 */
export async function paymentLinkReturn(q: Queryable, id: string): Promise<{ orgId: string; returnUrl: string | null } | null> {
  const [r] = await q.query<{ org_id: string; return_url: string | null; source: string }>('SELECT org_id, return_url, source FROM payment_links WHERE id = $1', [id]);
  return r ? { orgId: r.org_id, returnUrl: r.source === 'portal' ? null : r.return_url } : null;
}

export function withParam(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

async function customerInvoices(q: Queryable, orgId: string, customerId: string, refs: string[]): Promise<LinkInvoice[]> {
  return q.query<LinkInvoice>(
    `SELECT id, number, currency, balance, due_date, status, disputed FROM invoices
     WHERE org_id = $1 AND customer_id = $2 AND (balance > 0 OR id = ANY($3::text[]) OR number = ANY($3::text[]))`, [orgId, customerId, refs]);
}

/**
 * A hosted checkout for the whole open balance of the given invoices (default: all of the customer's open invoices in
 * the currency most is owed in), or for `amount` (a part payment) when given; reused while an identical open one is valid.
 */
export async function createPaymentLink(ctx: GatewayContext, orgId: string, actor: string, input: NewPaymentLink, now: Date): Promise<Result<PaymentLink>> {
  const provider = await connectedGateway(ctx, orgId);
  if (!provider) return fail('INVALID_STATE', 'no payment gateway is connected: connect Stripe, Mercado Pago, Adyen or PayPal first (PUT /v1/providers/...)', 'provider');
  const customer = await getCustomer(ctx.db, orgId, input.customerId);
  if (!customer.ok) return fail('NOT_FOUND', `no customer ${input.customerId}`, 'customer_id');
  const customerId = customer.value.id;
  const content = selectLinkContent(await customerInvoices(ctx.db, orgId, customerId, input.invoiceIds ?? []), input);
  if (!content.ok) return content;
  const adapter = await gatewayFor(ctx, orgId, provider);
  if (!adapter.ok) return adapter;
  const amount = adapter.value.chargeable(content.value.amount, content.value.currency);
  if (!amount.ok) return amount;
  const invoiceIds = content.value.invoices.map((i) => i.id);
  const hash = contentHash({ orgId, provider, customerId, invoiceIds, amount: amount.value, currency: content.value.currency });

  const { latest, count } = await latestWithContent(ctx.db, orgId, hash);
  // a link made stale (superseded, or its invoices paid since) is being expired at the provider: never handed out again
  if (latest?.status === 'open' && !latest.expire_state && Date.parse(latest.expires_at) - now.getTime() >= REUSE_MARGIN_MS) return ok(toPaymentLink(latest, now));
  let row: LinkRow | null = null;
  if (latest?.status === 'creating' && now.getTime() - Date.parse(latest.created_at) < RETRY_WINDOW_MS) row = latest;
  else {
    if (latest?.status === 'creating') await setLinkError(ctx.db, latest.id, 'failed', 'abandoned: the provider call was never confirmed', now);
    const key = linkIdempotencyKey(orgId, hash, count);
    row = await insertLink(ctx.db, { id: newId('paymentLink', now.getTime()), org_id: orgId, customer_id: customerId, provider, status: 'creating',
      amount: amount.value, currency: content.value.currency, invoice_ids: invoiceIds, content_hash: hash, idempotency_key: key,
      source: input.source, actor, return_url: input.returnUrl ?? null,
      expires_at: new Date(now.getTime() + adapter.value.validityMs).toISOString(), created_at: now.toISOString() })
      // another request made the same link at the same moment: both send its key, and the provider answers both alike
      ?? await linkByKey(ctx.db, orgId, key);
    if (!row) return fail('CONFLICT', 'the link could not be stored; try again');
    if (row.status === 'open') return ok(toPaymentLink(row, now));
  }
  const org = await getOrg(ctx.db, orgId);
  return finishLink(ctx, adapter.value, row, linkDescription(org?.name ?? '', { ...content.value, amount: amount.value }), now);
}

async function finishLink(ctx: GatewayContext, adapter: GatewayAdapter, row: LinkRow, description: string, now: Date): Promise<Result<PaymentLink>> {
  const back = paymentReturnUrl(ctx.publicUrl, row.id);
  const r = await adapter.createCheckout({
    linkId: row.id, orgId: row.org_id, customerId: row.customer_id, invoiceIds: row.invoice_ids, description,
    amount: row.amount, currency: row.currency, successUrl: withParam(back, 'payment', 'success'), cancelUrl: withParam(back, 'payment', 'cancelled'),
    notificationUrl: webhookUrl(ctx.publicUrl, row.provider, row.org_id), expiresAt: new Date(row.expires_at), now: new Date(row.created_at),
  }, row.idempotency_key);
  if (!r.ok) return providerFailure(ctx, row, r.error, now);
  const opened = await openLink(ctx.db, row.id, r.value.providerRef, r.value.url, now);
  // older open links for any of these invoices are expired at the provider by the worker (links-expiry.ts)
  const superseded = await supersedeOlderLinks(ctx.db, row.org_id, opened, now);
  await recordAudit(ctx.db, { orgId: row.org_id, actor: row.actor, action: 'payment_link.created', entity: 'payment_link', entityId: row.id,
    data: { customer_id: row.customer_id, provider: row.provider, provider_ref: r.value.providerRef, amount: row.amount, currency: row.currency,
      invoice_ids: row.invoice_ids, source: row.source, expires_at: row.expires_at, ...(superseded.length ? { superseded } : {}) } }, now);
  return ok(toPaymentLink(opened, now));
}

async function providerFailure(ctx: GatewayContext, row: LinkRow, e: GatewayError, now: Date): Promise<Result<PaymentLink>> {
  const name = GATEWAY_LABELS[row.provider];
  if (e.kind === 'uncertain') {
    // the provider may have made it: the next request for the same link sends the same key and gets the same object
    await setLinkError(ctx.db, row.id, 'creating', e.message, now);
    return fail('INVALID_STATE', `${name} did not answer (${e.message}); ask again and the same link is completed`, 'provider');
  }
  await setLinkError(ctx.db, row.id, 'failed', e.message, now);
  return fail(e.status !== undefined && e.status >= 400 && e.status < 500 ? 'VALIDATION_FAILED' : 'INVALID_STATE', e.message, 'provider');
}

/** Which invoices, currency and amount a link for this request would ask for (the CLI reads an amount in that currency). */
export async function previewLinkContent(q: Queryable, orgId: string, input: Omit<NewPaymentLink, 'source' | 'returnUrl'>): Promise<Result<LinkContent>> {
  const customer = await getCustomer(q, orgId, input.customerId);
  if (!customer.ok) return fail('NOT_FOUND', `no customer ${input.customerId}`, 'customer_id');
  return selectLinkContent(await customerInvoices(q, orgId, customer.value.id, input.invoiceIds ?? []), input);
}

export async function listPaymentLinks(q: Queryable, orgId: string, f: LinkFilter, now: Date): Promise<PaymentLink[]> {
  return (await listLinkRows(q, orgId, f, now)).map((r) => toPaymentLink(r, now));
}

export async function getPaymentLink(q: Queryable, orgId: string, id: string, now: Date): Promise<Result<PaymentLink>> {
  const r = await linkById(q, orgId, id);
  if (!r || !r.url) return fail('NOT_FOUND', `no payment link ${id}`, 'id');
  return ok(toPaymentLink(r, now));
}
