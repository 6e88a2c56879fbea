// The addresses messages are recorded with, sealed bound to each message (with a blind index for replies looked up by
// address), and the same address of each send's contact sealed bound to that contact (its id made here), for the orgs
// that have field encryption on. The state of each org is read share-locked by a write, or carried
// from an earlier write of the same pass and checked by the statement that records (ENCRYPTION_UNCHANGED); the sealing is
// in memory.
import type { Queryable } from '../db/index.ts';
import { addressIndex, sealerFor, storedCopy, type Sealer } from '../vault/index.ts';
import { newId } from '../domain/index.ts';

/** A send's address as stored on its message (and its blind index), and on the contact it records (with that contact's id). */
export interface StoredAddress { address: string | null; bidx: string | null; contactId: string; contact: string | null }

/** An org's field encryption as a write read it: the sealer (null when off) and the data key version it seals with. */
export interface EncryptionState { sealer: Sealer | null; version: number | null }

/**
 * True while the org's encryption is still as `version` says (null: off), share-locking the settings row when on, so
 * that turning it off or rotating waits for the statement; `org` and `version` are placeholders of the statement.
 */
export const ENCRYPTION_UNCHANGED = (org: string, version: string) =>
  `(SELECT active_version FROM field_encryption WHERE org_id = ${org} AND enabled FOR SHARE) IS NOT DISTINCT FROM ${version}::int`;

/** Each org's encryption state, read share-locked like sealerFor's read, so turning encryption on waits for this write. */
export async function encryptionStates(tx: Queryable, orgs: readonly string[]): Promise<Map<string, EncryptionState>> {
  const on = await tx.query<{ org_id: string; active_version: number | null }>(
    'SELECT org_id, active_version FROM field_encryption WHERE org_id = ANY($1::text[]) AND enabled FOR SHARE', [orgs]);
  const states = new Map<string, EncryptionState>(orgs.map((o) => [o, { sealer: null, version: null }]));
  for (const { org_id, active_version } of on) {
    const sealer = await sealerFor(tx, org_id);
    states.set(org_id, { sealer, version: sealer ? active_version : null });
  }
  return states;
}

/** Each record's address as stored, in order, under its org's state; orgs with encryption off keep it in the clear (and no index). */
export function sealAddresses(states: ReadonlyMap<string, EncryptionState>, records: readonly { message: { id: string; org_id: string }; address: string | null }[]): StoredAddress[] {
  return records.map((r) => {
    const s = states.get(r.message.org_id)?.sealer ?? null;
    const contactId = newId('contact');
    return { address: storedCopy(s, 'messages.address', r.message.id, r.address), bidx: addressIndex(s, r.address),
      contactId, contact: storedCopy(s, 'contact_events.address', contactId, r.address) };
  });
}

/** Each record's address as stored, in order, the orgs' states read in this transaction. */
export async function storedAddresses(tx: Queryable, records: readonly { message: { id: string; org_id: string }; address: string | null }[]): Promise<StoredAddress[]> {
  return sealAddresses(await encryptionStates(tx, [...new Set(records.map((r) => r.message.org_id))]), records);
}
