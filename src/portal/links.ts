// Portal links: made for a customer (by a message, a person, the CLI or the API), stored so they can be withdrawn, reused
// by messages while they have long enough to run, and read back from a token into the one customer it opens.
import { inTx, type Queryable } from '../db/index.ts';
import { secret } from '../db/secrets.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../audit/index.ts';
import { getPortalSettings } from './settings.ts';
import { checkPortalToken, newNonce, portalToken, tokenNonce, type PortalClaim } from './token.ts';

export type PortalLinkSource = 'message' | 'staff' | 'cli' | 'api';

export interface PortalLink {
  id: string; customer_id: string; source: PortalLinkSource; actor: string; created_at: string; expires_at: string;
  revoked_at: string | null; last_opened_at: string | null;
}

/** Who a verified token lets in: one customer of one org, through one link. */
export interface PortalAccess { orgId: string; customerId: string; linkId: string }

interface LinkRow extends PortalLink { org_id: string; nonce: string }

const COLUMNS = 'id, org_id, customer_id, nonce, source, actor, created_at, expires_at, revoked_at, last_opened_at';
/** A message reuses a customer's link while it still has at least this share of its lifetime to run. */
const REUSE_SHARE = 0.5;

const claimOf = (r: LinkRow): PortalClaim => ({ linkId: r.id, orgId: r.org_id, customerId: r.customer_id, nonce: r.nonce, expiresAt: new Date(r.expires_at) });
const publicLink = ({ org_id: _o, nonce: _n, ...rest }: LinkRow): PortalLink => rest;

export function portalUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/p/${token}`;
}

export interface NewPortalLink { link: PortalLink; token: string }

/** A new link for the customer (by id or external id), valid for `days` or the org's link lifetime. */
export async function createPortalLink(
  q: Queryable, orgId: string, actor: string, customer: string, source: PortalLinkSource, now: Date, days?: number,
): Promise<Result<NewPortalLink>> {
  const [c] = await q.query<{ id: string }>(
    'SELECT id FROM customers WHERE org_id = $1 AND (id = $2 OR external_id = $2) ORDER BY (id = $2) DESC LIMIT 1', [orgId, customer]);
  if (!c) return fail('NOT_FOUND', `no customer ${customer}`, 'customer_id');
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) return fail('VALIDATION_FAILED', 'days is a whole number from 1 to 365', 'days');
  const lifetime = days ?? (await getPortalSettings(q, orgId)).link_days;
  // whole seconds: the mac signs the expiry in seconds
  const expires = new Date(Math.floor(now.getTime() / 1000) * 1000 + lifetime * 86_400_000);
  const [row] = await q.query<LinkRow>(
    `INSERT INTO portal_links (id, org_id, customer_id, nonce, source, actor, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     RETURNING ${COLUMNS}`, [newId('portalLink', now.getTime()), orgId, c.id, newNonce(), source, actor, now.toISOString(), expires.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'portal.link_created', entity: 'customer', entityId: c.id,
    data: { link: row!.id, source, expires_at: row!.expires_at } }, now);
  return ok({ link: publicLink(row!), token: portalToken(await secret(q, 'portal'), claimOf(row!)) });
}

/**
 * The portal URL a message carries: the customer's newest live link while it has at least half its lifetime to run (so
 * a sequence of messages shares one), otherwise a new one.
 */
export async function portalLinkFor(q: Queryable, who: { orgId: string; customerId: string }, now: Date, baseUrl: string): Promise<string> {
  return (await portalLinksFor(q, who.orgId, [who.customerId], now, baseUrl)).get(who.customerId)!;
}

/**
 * portalLinkFor for many customers of one org in four statements whatever their number: live links read at once, the
 * missing ones written at once and entered in the audit chain in one entry (linksMadeEntries).
 */
export async function portalLinksFor(q: Queryable, orgId: string, customerIds: readonly string[], now: Date, baseUrl: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(customerIds)];
  if (wanted.length === 0) return out;
  const settings = await getPortalSettings(q, orgId);
  const keepUntil = new Date(now.getTime() + settings.link_days * 86_400_000 * REUSE_SHARE);
  const key = await secret(q, 'portal');
  const live = await q.query<LinkRow>(
    `SELECT DISTINCT ON (customer_id) ${COLUMNS} FROM portal_links
     WHERE org_id = $1 AND customer_id = ANY($2::text[]) AND revoked_at IS NULL AND expires_at >= $3 ORDER BY customer_id, expires_at DESC`,
    [orgId, wanted, keepUntil.toISOString()]);
  for (const r of live) out.set(r.customer_id, portalUrl(baseUrl, portalToken(key, claimOf(r))));
  const missing = wanted.filter((c) => !out.has(c));
  if (missing.length === 0) return out;
  // whole seconds: the mac signs the expiry in seconds
  const expires = new Date(Math.floor(now.getTime() / 1000) * 1000 + settings.link_days * 86_400_000);
  const made = await inTx(q, async (tx) => {
    const rows = await tx.query<LinkRow>(
      `INSERT INTO portal_links (id, org_id, customer_id, nonce, source, actor, created_at, expires_at)
       SELECT k.id, $1, k.customer_id, k.nonce, 'message', 'dispatcher', $4, $5 FROM unnest($2::text[], $3::text[], $6::text[]) AS k(id, customer_id, nonce)
       RETURNING ${COLUMNS}`,
      [orgId, missing.map(() => newId('portalLink', now.getTime())), missing, now.toISOString(), expires.toISOString(), missing.map(() => newNonce())]);
    await recordAuditBatch(tx, orgId, linksMadeEntries(orgId, rows), now);
    return rows;
  });
  for (const r of made) out.set(r.customer_id, portalUrl(baseUrl, portalToken(key, claimOf(r))));
  return out;
}

/**
 * The audit entry of links messages made: the customer's own `portal.link_created` for one link; for more, one
 * `portal.links_created` entry of the org naming each customer's link (a batch of SMS makes hundreds: one entry chained
 * and hashed instead of one each, about 0.03 ms of the database's CPU per link). The links are in portal_links either way.
 */
export function linksMadeEntries(orgId: string, rows: readonly Pick<LinkRow, 'id' | 'customer_id' | 'expires_at'>[]): Omit<AuditEntry, 'orgId'>[] {
  const [one] = rows;
  if (!one) return [];
  if (rows.length === 1) {
    return [{ actor: 'dispatcher', action: 'portal.link_created', entity: 'customer', entityId: one.customer_id,
      data: { link: one.id, source: 'message', expires_at: one.expires_at } }];
  }
  // one expiry for the batch: they are made in one statement at one instant
  return [{ actor: 'dispatcher', action: 'portal.links_created', entity: 'org', entityId: orgId,
    data: { source: 'message', expires_at: one.expires_at, links: Object.fromEntries(rows.map((r) => [r.customer_id, r.id])) } }];
}

/** The customer a token opens, or why not (malformed, tampered, withdrawn, expired): the failure's details say which. */
export async function openPortalToken(q: Queryable, token: string, now: Date): Promise<Result<PortalAccess>> {
  const nonce = tokenNonce(token);
  if (!nonce) return fail('UNAUTHORIZED', 'this portal link is not valid', 'token', 'malformed');
  const [row] = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM portal_links WHERE nonce = $1`, [nonce]);
  if (!row) return fail('UNAUTHORIZED', 'this portal link is not valid', 'token', 'tampered');
  const checked = checkPortalToken(await secret(q, 'portal'), token, { ...claimOf(row), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null }, now);
  if (!checked.ok) return checked;
  return ok({ orgId: row.org_id, customerId: row.customer_id, linkId: row.id });
}

/** The token of one of the org's links while it still opens the portal (not withdrawn, not expired), else null. */
export async function liveLinkToken(q: Queryable, orgId: string, linkId: string, now: Date): Promise<string | null> {
  const [row] = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM portal_links WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL AND expires_at > $3`,
    [orgId, linkId, now.toISOString()]);
  return row ? portalToken(await secret(q, 'portal'), claimOf(row)) : null;
}

/** A page view enters the audit log at most this often per link (the link's last_opened_at notes every one). */
export const VIEW_AUDIT_MS = 3_600_000;

/**
 * Notes when the debtor opened the page (once per load, not per request), and writes a `portal.viewed` audit entry when
 * the link has none from the last hour: ids only, so the log stays small and holds nothing personal.
 */
export async function markOpened(q: Queryable, a: PortalAccess, now: Date): Promise<void> {
  // the condition is re-read under the row's lock, so two requests at once write one entry
  const first = await q.query(
    `UPDATE portal_links SET last_opened_at = $3, viewed_logged_at = $3
     WHERE org_id = $1 AND id = $2 AND (viewed_logged_at IS NULL OR viewed_logged_at <= $4) RETURNING id`,
    [a.orgId, a.linkId, now.toISOString(), new Date(now.getTime() - VIEW_AUDIT_MS).toISOString()]);
  if (first.length === 0) {
    await q.query('UPDATE portal_links SET last_opened_at = $3 WHERE org_id = $1 AND id = $2', [a.orgId, a.linkId, now.toISOString()]);
    return;
  }
  await recordAudit(q, { orgId: a.orgId, actor: `portal:${a.linkId}`, action: 'portal.viewed', entity: 'customer', entityId: a.customerId,
    data: { link: a.linkId } }, now);
}

export async function listPortalLinks(q: Queryable, orgId: string, customerId: string): Promise<PortalLink[]> {
  const rows = await q.query<LinkRow>(`SELECT ${COLUMNS} FROM portal_links WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 200`,
    [orgId, customerId]);
  return rows.map(publicLink);
}

/** Withdraws a link at once: its token and the sessions it opened stop working, its open chat streams end (migration 159 notifies). */
export async function revokePortalLink(q: Queryable, orgId: string, actor: string, id: string, now: Date): Promise<Result<PortalLink>> {
  const [row] = await q.query<LinkRow>(
    `UPDATE portal_links SET revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, $4) WHERE org_id = $1 AND id = $2
     RETURNING ${COLUMNS}`, [orgId, id, now.toISOString(), actor]);
  if (!row) return fail('NOT_FOUND', `no portal link ${id}`, 'id');
  await q.query('UPDATE portal_sessions SET expires_at = LEAST(expires_at, $3) WHERE org_id = $1 AND link_id = $2', [orgId, id, now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'portal.link_revoked', entity: 'customer', entityId: row.customer_id, data: { link: id } }, now);
  return ok(publicLink(row));
}
