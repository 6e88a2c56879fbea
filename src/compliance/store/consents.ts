// Consents and suppressions per customer, contact and channel: recorded with source and time, applied at once.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { eventWrites } from '../../events/index.ts';
import type { ConsentKind } from '../types.ts';
import type { LedgerChannel } from './channels.ts';
import { addressIndex, openCopies, sealerFor, storedCopy } from '../../vault/index.ts';

// the address of a consent or suppression is sealed bound to its row, with a blind index, when the org has field encryption on
const openConsents = (q: Queryable, orgId: string, rows: ConsentRow[]) => openCopies(q, orgId, 'consents.address', rows);
const openSuppressions = (q: Queryable, orgId: string, rows: SuppressionRow[]) => openCopies(q, orgId, 'suppressions.address', rows);

export interface ConsentRow {
  id: string; customer_id: string; kind: ConsentKind; channel: LedgerChannel | null; address: string | null;
  source: string; granted_at: string; revoked_at: string | null;
}

export interface SuppressionRow {
  id: string; customer_id: string; scope: 'all' | 'channel' | 'address'; channel: LedgerChannel | null; address: string | null;
  reason: string; source: string; at: string; lifted_at: string | null;
}

async function customerExists(q: Queryable, orgId: string, customerId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId])).length > 0;
}

export async function recordConsent(
  q: Queryable, orgId: string, actor: string, customerId: string,
  c: { kind: ConsentKind; channel?: LedgerChannel | null; address?: string | null; source: string }, now: Date,
): Promise<Result<ConsentRow>> {
  if (!(await customerExists(q, orgId, customerId))) return fail('NOT_FOUND', `no customer ${customerId}`, 'customer_id');
  const id = newId('consent');
  const sealer = c.address ? await sealerFor(q, orgId) : null;
  const rows = await openConsents(q, orgId, await q.query<ConsentRow>(
    `INSERT INTO consents (id, org_id, customer_id, kind, channel, address, source, granted_at, address_bidx) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     RETURNING id, customer_id, kind, channel, address, source, granted_at, revoked_at`,
    [id, orgId, customerId, c.kind, c.channel ?? null, storedCopy(sealer, 'consents.address', id, c.address), c.source, now, addressIndex(sealer, c.address)]));
  // ids and kinds only: the log keeps no address or free text, so erasing a person leaves it intact and verifiable
  await recordAudit(q, { orgId, actor, action: 'consent.granted', entity: 'customer', entityId: customerId,
    data: { consent: rows[0]!.id, kind: c.kind, channel: c.channel ?? null } });
  return ok(rows[0]!);
}

export async function revokeConsent(q: Queryable, orgId: string, actor: string, consentId: string, now: Date): Promise<Result<ConsentRow>> {
  const rows = await openConsents(q, orgId, await q.query<ConsentRow>(
    `UPDATE consents SET revoked_at = $3 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL
     RETURNING id, customer_id, kind, channel, address, source, granted_at, revoked_at`, [orgId, consentId, now]));
  if (!rows[0]) return fail('NOT_FOUND', `no live consent ${consentId}`, 'id');
  await recordAudit(q, { orgId, actor, action: 'consent.revoked', entity: 'customer', entityId: rows[0].customer_id, data: { consent: consentId } });
  return ok(rows[0]);
}

export interface NewSuppression {
  scope: 'all' | 'channel' | 'address';
  channel?: LedgerChannel | null;
  address?: string | null;
  reason: string;
  /** keyword, free_text, unsubscribe, portal, api, provider */
  source: string;
}

/** Suppresses contact at once; the gate reads it before the next send. */
export async function suppress(q: Queryable, orgId: string, actor: string, customerId: string, s: NewSuppression, now: Date): Promise<Result<SuppressionRow>> {
  if (!(await customerExists(q, orgId, customerId))) return fail('NOT_FOUND', `no customer ${customerId}`, 'customer_id');
  if (s.scope !== 'all' && !s.channel) return fail('VALIDATION_FAILED', `a ${s.scope} opt-out names its channel`, 'channel');
  if (s.scope === 'address' && !s.address) return fail('VALIDATION_FAILED', 'an address opt-out names the address', 'address');
  // the opt-out and its event for integrators in one statement, so neither is written without the other
  const id = newId('suppression');
  const address = s.scope === 'address' ? s.address ?? null : null;
  const sealer = address ? await sealerFor(q, orgId) : null;
  const rows = await openSuppressions(q, orgId, await q.query<SuppressionRow>(
    `WITH sup AS (
       INSERT INTO suppressions (id, org_id, customer_id, scope, channel, address, reason, source, at, address_bidx) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$11)
       RETURNING id, org_id, customer_id, scope, channel, address, reason, source, at, lifted_at),
     ${eventWrites(`SELECT org_id, 'customer.opted_out' AS type, id AS subject, customer_id, jsonb_build_object('customer_id', customer_id,
       'suppression_id', id, 'scope', scope, 'channel', channel, 'address', $10::text, 'reason', reason, 'source', source) AS data, at AS created_at FROM sup`)}
     SELECT id, customer_id, scope, channel, address, reason, source, at, lifted_at FROM sup`,
    [id, orgId, customerId, s.scope, s.scope === 'all' ? null : s.channel, storedCopy(sealer, 'suppressions.address', id, address), s.reason, s.source, now,
      address, addressIndex(sealer, address)]));
  await recordAudit(q, { orgId, actor, action: 'customer.opted_out', entity: 'customer', entityId: customerId,
    data: { suppression: rows[0]!.id, scope: s.scope, channel: s.channel ?? null, source: s.source } });
  return ok(rows[0]!);
}

export async function liftSuppression(q: Queryable, orgId: string, actor: string, id: string, now: Date): Promise<Result<SuppressionRow>> {
  const rows = await openSuppressions(q, orgId, await q.query<SuppressionRow>(
    `UPDATE suppressions SET lifted_at = $3 WHERE org_id = $1 AND id = $2 AND lifted_at IS NULL
     RETURNING id, customer_id, scope, channel, address, reason, source, at, lifted_at`, [orgId, id, now]));
  if (!rows[0]) return fail('NOT_FOUND', `no live suppression ${id}`, 'id');
  await recordAudit(q, { orgId, actor, action: 'customer.opted_in', entity: 'customer', entityId: rows[0].customer_id, data: { suppression: id } });
  return ok(rows[0]);
}

export async function listConsents(q: Queryable, orgId: string, customerId: string): Promise<ConsentRow[]> {
  return openConsents(q, orgId, await q.query<ConsentRow>(`SELECT id, customer_id, kind, channel, address, source, granted_at, revoked_at FROM consents
    WHERE org_id = $1 AND customer_id = $2 ORDER BY granted_at, id`, [orgId, customerId]));
}

export async function listSuppressions(q: Queryable, orgId: string, customerId: string): Promise<SuppressionRow[]> {
  return openSuppressions(q, orgId, await q.query<SuppressionRow>(`SELECT id, customer_id, scope, channel, address, reason, source, at, lifted_at
    FROM suppressions WHERE org_id = $1 AND customer_id = $2 ORDER BY at, id`, [orgId, customerId]));
}
