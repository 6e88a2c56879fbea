// The addresses messages are recorded with, sealed bound to each message (with a blind index for replies looked up by
// address) for the orgs that have field encryption on: one statement per write finds them, the sealing is in memory.
import type { Queryable } from '../db/index.ts';
import { addressIndex, sealerFor, storedCopy, type Sealer } from '../vault/index.ts';

export interface StoredAddress { address: string | null; bidx: string | null }

/** Each record's address as stored, in order; orgs with encryption off keep it in the clear (and no index). */
export async function storedAddresses(tx: Queryable, records: readonly { message: { id: string; org_id: string }; address: string | null }[]): Promise<StoredAddress[]> {
  const orgs = [...new Set(records.map((r) => r.message.org_id))];
  // share-locked like sealerFor's read, so turning encryption on waits for this write
  const on = await tx.query<{ org_id: string }>('SELECT org_id FROM field_encryption WHERE org_id = ANY($1::text[]) AND enabled FOR SHARE', [orgs]);
  const sealers = new Map<string, Sealer | null>();
  for (const { org_id } of on) sealers.set(org_id, await sealerFor(tx, org_id));
  return records.map((r) => {
    const s = sealers.get(r.message.org_id) ?? null;
    return { address: storedCopy(s, 'messages.address', r.message.id, r.address), bidx: addressIndex(s, r.address) };
  });
}
