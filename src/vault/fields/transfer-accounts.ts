// The org's own bank transfer accounts (bank_transfer_settings.accounts, one JSON row per org) as a step of the field
// encryption job: each account's numbers re-sealed under the active data key, bound to the account's id, or opened when
// encryption is turned off. The fields are named here, where sealing is, and the payments capability reads them from here.
import type { Queryable } from '../../db/index.ts';
import { isSealed, sealedUnder } from './envelope.ts';
import type { Sealer } from './customer-fields.ts';
import { openCopy } from './copies.ts';
import type { CopyBatch } from './copies-job.ts';

/** The numbers of a transfer account that are sealed: IBAN, routing and account numbers, CLABE, CBU/CVU, PIX key. */
export const TRANSFER_ACCOUNT_FIELDS = ['iban', 'routing_number', 'account_number', 'clabe', 'cbu', 'pix_key'] as const;
/** The field a number is sealed as (with the account's id as its row). */
export const transferAccountField = (f: string) => `bank_transfer_settings.${f}`;

type Stored = Record<string, unknown> & { id: string };

/** The org's one row, when any number is not yet in the job's target form (`after` set: the row was done this run). */
export async function transferAccountsBatch(q: Queryable, orgId: string, s: Sealer | null, after: string): Promise<CopyBatch> {
  if (after) return { seen: 0, changed: 0, last: null };
  const [row] = await q.query<{ accounts: Stored[] }>('SELECT accounts FROM bank_transfer_settings WHERE org_id = $1 FOR UPDATE', [orgId]);
  if (!row) return { seen: 0, changed: 0, last: null };
  let changed = 0;
  const accounts: Stored[] = [];
  for (const a of row.accounts) {
    const next: Stored = { ...a };
    for (const f of TRANSFER_ACCOUNT_FIELDS) {
      const v = a[f];
      if (typeof v !== 'string' || (s ? sealedUnder(v, s.version, true) : !isSealed(v))) continue;
      const plain = (await openCopy(q, orgId, transferAccountField(f), a.id, v))!;
      next[f] = s ? s.sealRow(transferAccountField(f), a.id, plain) : plain;
      changed += 1;
    }
    accounts.push(next);
  }
  if (changed) await q.query('UPDATE bank_transfer_settings SET accounts = $2::jsonb WHERE org_id = $1', [orgId, JSON.stringify(accounts)]);
  return { seen: 1, changed: changed ? 1 : 0, last: 'done' };
}
