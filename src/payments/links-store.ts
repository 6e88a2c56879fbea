// The payment_links table: rows written before the provider call, finished after it, read back as PaymentLinks.
import type { Queryable } from '../db/index.ts';
import type { GatewayName } from './gateways/index.ts';

export interface LinkRow {
  id: string; org_id: string; customer_id: string; provider: GatewayName;
  status: 'creating' | 'open' | 'completed' | 'expired' | 'failed';
  amount: number; currency: string; invoice_ids: string[]; content_hash: string; idempotency_key: string;
  provider_ref: string | null; url: string | null; source: string; actor: string; return_url: string | null;
  expires_at: string; created_at: string; updated_at: string; completed_at: string | null; payment_id: string | null; error: string | null;
  /** Set once the link was made stale (superseded or its invoices settled): it is expired at the provider (links-expiry.ts). */
  expire_state: 'due' | 'done' | 'refused' | 'gave_up' | null; expire_reason: string | null;
}

export interface PaymentLink {
  id: string; customer_id: string; provider: GatewayName; url: string;
  amount: number; currency: string; invoice_ids: string[]; status: 'open' | 'completed' | 'expired'; expires_at: string; created_at: string;
}

const COLUMNS = `id, org_id, customer_id, provider, status, amount, currency, invoice_ids, content_hash, idempotency_key,
  provider_ref, url, source, actor, return_url, expires_at, created_at, updated_at, completed_at, payment_id, error, expire_state, expire_reason`;

/** A link as the API shows it: an open link past its time is expired. */
export function toPaymentLink(r: LinkRow, now: Date): PaymentLink {
  const status = r.status === 'open' && Date.parse(r.expires_at) <= now.getTime() ? 'expired' : r.status;
  return { id: r.id, customer_id: r.customer_id, provider: r.provider, url: r.url ?? '', amount: r.amount, currency: r.currency,
    invoice_ids: r.invoice_ids, status: status as PaymentLink['status'], expires_at: r.expires_at, created_at: r.created_at };
}

export async function latestWithContent(q: Queryable, orgId: string, hash: string): Promise<{ latest: LinkRow | null; count: number }> {
  const rows = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM payment_links WHERE org_id = $1 AND content_hash = $2 ORDER BY created_at DESC, id DESC`,
    [orgId, hash]);
  return { latest: rows[0] ?? null, count: rows.length };
}

export async function insertLink(q: Queryable, r: Omit<LinkRow, 'provider_ref' | 'url' | 'completed_at' | 'payment_id' | 'error' | 'updated_at' | 'expire_state' | 'expire_reason'>): Promise<LinkRow | null> {
  const rows = await q.query<LinkRow>(
    `INSERT INTO payment_links (id, org_id, customer_id, provider, status, amount, currency, invoice_ids, content_hash, idempotency_key,
       source, actor, return_url, expires_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15)
     ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [r.id, r.org_id, r.customer_id, r.provider, r.status, r.amount, r.currency, r.invoice_ids, r.content_hash, r.idempotency_key,
      r.source, r.actor, r.return_url, r.expires_at, r.created_at]);
  return rows[0] ?? null;
}

export async function linkByKey(q: Queryable, orgId: string, key: string): Promise<LinkRow | null> {
  const [r] = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM payment_links WHERE org_id = $1 AND idempotency_key = $2`, [orgId, key]);
  return r ?? null;
}

export async function linkById(q: Queryable, orgId: string, id: string, lock = false): Promise<LinkRow | null> {
  const [r] = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM payment_links WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, id]);
  return r ?? null;
}

export async function openLink(q: Queryable, id: string, providerRef: string, url: string, now: Date): Promise<LinkRow> {
  const [r] = await q.query<LinkRow>(
    `UPDATE payment_links SET status = 'open', provider_ref = $2, url = $3, error = NULL, updated_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, providerRef, url, now]);
  return r!;
}

export async function setLinkError(q: Queryable, id: string, status: 'creating' | 'failed', error: string, now: Date): Promise<void> {
  await q.query(`UPDATE payment_links SET status = $2, error = $3, updated_at = $4 WHERE id = $1 AND status = 'creating'`, [id, status, error, now]);
}

export async function completeLink(q: Queryable, orgId: string, id: string, paymentId: string | null, now: Date): Promise<void> {
  await q.query(`UPDATE payment_links SET status = 'completed', completed_at = COALESCE(completed_at, $3), payment_id = COALESCE(payment_id, $4),
    updated_at = $3 WHERE org_id = $1 AND id = $2`, [orgId, id, now, paymentId]);
}

export async function expireLink(q: Queryable, orgId: string, provider: GatewayName, ref: { linkId?: string; sessionRef: string }, now: Date): Promise<number> {
  const rows = await q.query(`UPDATE payment_links SET status = 'expired', updated_at = $4
    WHERE org_id = $1 AND provider = $2 AND status = 'open' AND (provider_ref = $3 OR id = $5) RETURNING id`,
  [orgId, provider, ref.sessionRef, now, ref.linkId ?? null]);
  return rows.length;
}

export interface LinkFilter { customerId?: string; status?: PaymentLink['status']; limit?: number }

export async function listLinkRows(q: Queryable, orgId: string, f: LinkFilter, now: Date): Promise<LinkRow[]> {
  const where = ['org_id = $1', 'url IS NOT NULL'];
  const params: unknown[] = [orgId, now];
  if (f.customerId) { params.push(f.customerId); where.push(`customer_id = $${params.length}`); }
  if (f.status === 'open') where.push(`status = 'open' AND expires_at > $2`);
  if (f.status === 'expired') where.push(`(status = 'expired' OR (status = 'open' AND expires_at <= $2))`);
  if (f.status === 'completed') where.push(`status = 'completed'`);
  params.push(Math.min(f.limit ?? 100, 500));
  const rows = await q.query<LinkRow>(
    `SELECT ${COLUMNS} FROM payment_links WHERE ${where.join(' AND ')} AND $2::timestamptz IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  return rows;
}
