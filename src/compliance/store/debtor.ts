// What the gate decides on for one customer and channel (loaded as for many, see debtor-many.ts), and recording contacts.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import type { ContactEvent } from '../types.ts';
import type { LedgerChannel } from './channels.ts';
import { gateInputsMany, type GateInputs } from './debtor-many.ts';
import { sealerFor, storedCopy } from '../../vault/index.ts';

export type { GateInputs } from './debtor-many.ts';

/** What the gate decides on for one customer and channel (the same loading as for many at once). */
export async function gateInputs(
  q: Queryable, orgId: string, customerId: string, channel: LedgerChannel, now: Date, address?: string,
): Promise<GateInputs | null> {
  const [inputs] = await gateInputsMany(q, orgId, [{ customerId, channel, ...(address !== undefined ? { address } : {}) }], now);
  return inputs ?? null;
}

export interface NewContactEvent {
  customerId: string; at: Date; channel: LedgerChannel; direction: 'outbound' | 'inbound'; outcome: ContactEvent['outcome'];
  address?: string | null; debtId?: string | null; priorConsent?: boolean; solicited?: boolean;
}

/** Records a contact the caps count: every send, call attempt and reply (its address sealed bound to it when the org has encryption on). */
export async function recordContact(q: Queryable, orgId: string, e: NewContactEvent): Promise<void> {
  const id = newId('contact');
  const address = storedCopy(e.address ? await sealerFor(q, orgId) : null, 'contact_events.address', id, e.address);
  await q.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [id, orgId, e.customerId, e.at, e.channel, e.direction, e.outcome,
    address, e.debtId ?? null, e.priorConsent ?? false, e.solicited ?? false]);
}

/**
 * A CTE (`contacts`) recording the contacts a source query yields, to put in another statement's WITH: the source's
 * columns are id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited. The
 * address must be as stored: sealed for the contact's id (`storedCopy(sealer, 'contact_events.address', id, address)`)
 * when the org has field encryption on, so the source's ids are made in JS.
 */
export function contactEventWrites(source: string): string {
  return `contacts AS (
     INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
     SELECT e.id, e.org_id, e.customer_id, e.at, e.channel, e.direction, e.outcome, e.address, e.debt_id, e.prior_consent, e.solicited
     FROM (${source}) e RETURNING 1)`;
}

/** recordContact for many events of one org in one statement. */
export async function recordContacts(q: Queryable, orgId: string, es: readonly NewContactEvent[]): Promise<void> {
  if (es.length === 0) return;
  const ids = es.map(() => newId('contact'));
  const sealer = es.some((e) => e.address) ? await sealerFor(q, orgId) : null;
  await q.query(`WITH ${contactEventWrites(`SELECT u.*, $1::text AS org_id
    FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::boolean[])
      AS u(id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)`)} SELECT 1`,
  [orgId, ids, es.map((e) => e.customerId), es.map((e) => e.at), es.map((e) => e.channel), es.map((e) => e.direction),
    es.map((e) => e.outcome), es.map((e, i) => storedCopy(sealer, 'contact_events.address', ids[i]!, e.address)), es.map((e) => e.debtId ?? null), es.map((e) => e.priorConsent ?? false),
    es.map((e) => e.solicited ?? false)]);
}
