// The second factor at run time: attempts counted per customer across every process, a right answer opening a short
// session (a random token kept only as a hash) for that customer, and the check every portal request makes, which also
// extends the session by the org's idle window up to its absolute cap.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/index.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { safeEqual } from '../compliance/index.ts';
import { getCustomer } from '../ledger/index.ts';
import { expectedAnswer, factorGate, normaliseAnswer, type FactorAttempt } from './factor.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings, type PortalSettings } from './settings.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PortalSession { token: string; expiresAt: string }

async function attempts(q: Queryable, a: PortalAccess, since: Date): Promise<FactorAttempt[]> {
  const rows = await q.query<{ at: string; succeeded: boolean }>(
    'SELECT at, succeeded FROM portal_factor_attempts WHERE org_id = $1 AND customer_id = $2 AND at > $3', [a.orgId, a.customerId, since.toISOString()]);
  return rows.map((r) => ({ at: new Date(r.at), succeeded: r.succeeded }));
}

const lockedFailure = (until: Date, now: Date) => fail<PortalSession>('RATE_LIMITED',
  `too many wrong answers; try again in ${Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))} minutes`, 'answer', { until: until.toISOString() });

/**
 * Checks the debtor's answer to the org's second factor. Every attempt is recorded (in its own transaction, so a wrong
 * answer counts even though it fails); a right one opens a session for this customer through this link.
 */
export async function verifySecondFactor(db: Db, a: PortalAccess, answer: string, now: Date): Promise<Result<PortalSession>> {
  return db.transaction(async (tx) => {
    // one answer at a time per customer, so parallel guesses cannot pass the limit together
    await tx.query('SELECT id FROM customers WHERE org_id = $1 AND id = $2 FOR UPDATE', [a.orgId, a.customerId]);
    const settings = await getPortalSettings(tx, a.orgId);
    if (settings.second_factor === 'none') return fail<PortalSession>('INVALID_STATE', 'this portal asks no second factor', 'answer');
    const window = new Date(now.getTime() - settings.factor_lock_minutes * 60_000);
    const before = factorGate(await attempts(tx, a, window), settings, now);
    if (before.locked) return lockedFailure(before.until, now);
    const customer = await getCustomer(tx, a.orgId, a.customerId);
    if (!customer.ok) return fail<PortalSession>('NOT_FOUND', 'no such customer', 'token');
    const expected = expectedAnswer(settings.second_factor, customer.value.metadata);
    if (!expected) {
      return fail<PortalSession>('INVALID_STATE', 'your account holds nothing to check this answer against; please contact the company that wrote to you', 'second_factor');
    }
    const right = safeEqual(normaliseAnswer(answer), expected);
    await tx.query('INSERT INTO portal_factor_attempts (org_id, customer_id, link_id, at, succeeded) VALUES ($1,$2,$3,$4,$5)',
      [a.orgId, a.customerId, a.linkId, now.toISOString(), right]);
    if (!right) {
      const after = factorGate(await attempts(tx, a, window), settings, now);
      if (after.locked) return lockedFailure(after.until, now);
      return fail<PortalSession>('UNAUTHORIZED', `that answer does not match our records; ${after.failuresLeft} tries left`, 'answer', { failures_left: after.failuresLeft });
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = sessionEnd(settings, now, now).toISOString();
    await tx.query(
      'INSERT INTO portal_sessions (id, org_id, customer_id, link_id, token_hash, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [newId('portalSession', now.getTime()), a.orgId, a.customerId, a.linkId, hash(token), now.toISOString(), expiresAt]);
    await recordAudit(tx, { orgId: a.orgId, actor: `portal:${a.linkId}`, action: 'portal.verified', entity: 'customer', entityId: a.customerId,
      data: { factor: settings.second_factor } }, now);
    return ok({ token, expiresAt });
  });
}

/** Where a session opened at `opened` ends after a request at `now`: the idle window on, never past the absolute cap. */
export function sessionEnd(s: Pick<PortalSettings, 'session_minutes' | 'session_max_hours'>, opened: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + s.session_minutes * 60_000, opened.getTime() + s.session_max_hours * 3_600_000));
}

/** How long the session cookie may live: the absolute cap (the server ends the session sooner when the debtor goes idle). */
export const sessionCookieSeconds = (s: Pick<PortalSettings, 'session_max_hours'>) => s.session_max_hours * 3600;

/**
 * True when the session token was opened by this customer's second factor and has not run out, neither idle past the
 * org's window nor past its absolute cap; a valid one is extended by the window from now (capped), so activity keeps it.
 */
export async function sessionValid(q: Queryable, a: PortalAccess, token: string | undefined, now: Date, settings?: PortalSettings): Promise<boolean> {
  if (!token) return false;
  const s = settings ?? await getPortalSettings(q, a.orgId);
  // one statement: the row lock orders parallel requests, and an expired (or withdrawn: revokePortalLink) session stays ended
  const rows = await q.query(
    `UPDATE portal_sessions SET expires_at = GREATEST(expires_at, LEAST($5::timestamptz, created_at + make_interval(hours => $6::int)))
     WHERE token_hash = $1 AND org_id = $2 AND customer_id = $3 AND expires_at > $4 AND created_at + make_interval(hours => $6::int) > $4
     RETURNING 1`,
    [hash(token), a.orgId, a.customerId, now.toISOString(), new Date(now.getTime() + s.session_minutes * 60_000).toISOString(), s.session_max_hours]);
  return rows.length > 0;
}
