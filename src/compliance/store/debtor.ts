// What the gate decides on for one customer and channel (loaded as for many, see debtor-many.ts), and recording contacts.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import type { ContactEvent } from '../types.ts';
import type { LedgerChannel } from './channels.ts';
import { gateInputsMany, type GateInputs } from './debtor-many.ts';

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

/** Records a contact the caps count: every send, call attempt and reply. */
export async function recordContact(q: Queryable, orgId: string, e: NewContactEvent): Promise<void> {
  await q.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [newId('contact'), orgId, e.customerId, e.at, e.channel, e.direction, e.outcome,
    e.address ?? null, e.debtId ?? null, e.priorConsent ?? false, e.solicited ?? false]);
}

/**
 * A CTE (`contacts`) recording the contacts a source query yields, to put in another statement's WITH: the source's
 * columns are id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited.
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
  await q.query(`WITH ${contactEventWrites(`SELECT u.*, $1::text AS org_id
    FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::boolean[])
      AS u(id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)`)} SELECT 1`,
  [orgId, es.map(() => newId('contact')), es.map((e) => e.customerId), es.map((e) => e.at), es.map((e) => e.channel), es.map((e) => e.direction),
    es.map((e) => e.outcome), es.map((e) => e.address ?? null), es.map((e) => e.debtId ?? null), es.map((e) => e.priorConsent ?? false),
    es.map((e) => e.solicited ?? false)]);
}
