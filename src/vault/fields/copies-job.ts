// The re-encryption job's steps over the copies (after the customers): each table walked by id in batches, every value
// re-sealed under the active data key bound to its row (or opened when encryption is turned off), blind indexes kept in
// step; learned payer accounts moved between their clear form and their blind index.
import type { Queryable } from '../../db/index.ts';
import { isSealed, sealedUnder } from './envelope.ts';
import type { Sealer } from './customer-fields.ts';
import { addressIndex, openCopy, openPayerAccount, storedPayerAccount, ACCOUNT_INDEX_PREFIX, type CopyField } from './copies.ts';
import { transferAccountsBatch } from './transfer-accounts.ts';
import { attachmentFilesBatch } from './attachment-files.ts';
import { evidenceFilesBatch, evidenceTextBatch } from './evidence-fields.ts';

interface CopyTable { table: string; column: string; field: CopyField; bidx: boolean }

const TABLES: CopyTable[] = [
  { table: 'statement_lines', column: 'counterparty_account', field: 'statement_lines.counterparty_account', bidx: false },
  { table: 'messages', column: 'address', field: 'messages.address', bidx: true },
  { table: 'consents', column: 'address', field: 'consents.address', bidx: true },
  { table: 'suppressions', column: 'address', field: 'suppressions.address', bidx: true },
  { table: 'gate_decisions', column: 'address', field: 'gate_decisions.address', bidx: false },
  { table: 'contact_events', column: 'address', field: 'contact_events.address', bidx: false },
  { table: 'inbound_messages', column: 'from_address', field: 'inbound_messages.from_address', bidx: false },
  { table: 'tasks', column: 'caller', field: 'tasks.caller', bidx: false },
];

/** The job's steps after the customers, in order. */
export const COPY_STEPS = [...TABLES.map((t) => t.table), 'payer_aliases', 'bank_transfer_settings', 'inbound_attachments',
  'gateway_dispute_evidence', 'gateway_dispute_evidence_files'];

export interface CopyBatch { seen: number; changed: number; last: string | null }

/** Re-writes up to `limit` rows of one step after `after` (an id; payer aliases need none: they leave the set once done). */
export async function copyBatch(q: Queryable, orgId: string, s: Sealer | null, step: string, after: string, limit: number): Promise<CopyBatch> {
  if (step === 'payer_aliases') return payerAccountBatch(q, orgId, s, limit);
  if (step === 'bank_transfer_settings') return transferAccountsBatch(q, orgId, s, after);
  if (step === 'inbound_attachments') return attachmentFilesBatch(q, orgId, s, after, limit);
  if (step === 'gateway_dispute_evidence') return evidenceTextBatch(q, orgId, s, after, limit);
  if (step === 'gateway_dispute_evidence_files') return evidenceFilesBatch(q, orgId, s, after, limit);
  const t = TABLES.find((x) => x.table === step);
  if (!t) throw new Error(`the field encryption job has no step ${step}`);
  const rows = await q.query<{ id: string; v: string }>(
    `SELECT id, ${t.column} AS v FROM ${t.table} WHERE org_id = $1 AND id > $2 AND ${t.column} IS NOT NULL AND ${t.column} <> ''
     ORDER BY id LIMIT $3 FOR UPDATE`, [orgId, after, limit]);
  const ids: string[] = [];
  const values: string[] = [];
  const indexes: (string | null)[] = [];
  for (const r of rows) {
    if (s ? sealedUnder(r.v, s.version, true) : !isSealed(r.v)) continue;
    const p = (await openCopy(q, orgId, t.field, r.id, r.v))!;
    ids.push(r.id);
    values.push(s ? s.sealRow(t.field, r.id, p) : p);
    indexes.push(t.bidx ? addressIndex(s, p) : null);
  }
  if (ids.length) {
    await q.query(`UPDATE ${t.table} t SET ${t.column} = v.x${t.bidx ? ', address_bidx = v.b' : ''}
      FROM unnest($2::text[], $3::text[], $4::text[]) AS v (id, x, b) WHERE t.org_id = $1 AND t.id = v.id`, [orgId, ids, values, indexes]);
  }
  return { seen: rows.length, changed: ids.length, last: rows[rows.length - 1]?.id ?? null };
}

interface AliasRow { value: string; customer_id: string; value_sealed: string | null; matches: number; updated_at: Date }

/** Learned payer accounts not yet in the job's target form: under the active key as a blind index, or in the clear. */
async function payerAccountBatch(q: Queryable, orgId: string, s: Sealer | null, limit: number): Promise<CopyBatch> {
  const pending = s
    ? `(value NOT LIKE '${ACCOUNT_INDEX_PREFIX}%' OR value_sealed IS NULL OR value_sealed NOT LIKE $3)`
    : `value LIKE '${ACCOUNT_INDEX_PREFIX}%'`;
  const rows = await q.query<AliasRow>(
    `SELECT value, customer_id, value_sealed, matches, updated_at FROM payer_aliases WHERE org_id = $1 AND kind = 'account' AND ${pending}
     ORDER BY value, customer_id LIMIT $2 FOR UPDATE`, s ? [orgId, limit, `enc:v2:${s.version}:%`] : [orgId, limit]);
  for (const r of rows) {
    const account = await openPayerAccount(q, orgId, r.customer_id, r.value, r.value_sealed);
    const next = storedPayerAccount(s, r.customer_id, account);
    if (next.value === r.value) {
      await q.query(`UPDATE payer_aliases SET value_sealed = $4 WHERE org_id = $1 AND kind = 'account' AND value = $2 AND customer_id = $3`,
        [orgId, r.value, r.customer_id, next.sealed]);
      continue;
    }
    // the account's row moves to its other form; a row already there (taught half-way through a switch) adds up the counts
    await q.query(`DELETE FROM payer_aliases WHERE org_id = $1 AND kind = 'account' AND value = $2 AND customer_id = $3`, [orgId, r.value, r.customer_id]);
    await q.query(`INSERT INTO payer_aliases (org_id, kind, value, customer_id, matches, value_sealed, updated_at) VALUES ($1, 'account', $2, $3, $4, $5, $6)
      ON CONFLICT (org_id, kind, value, customer_id) DO UPDATE SET matches = payer_aliases.matches + EXCLUDED.matches, value_sealed = EXCLUDED.value_sealed,
        updated_at = greatest(payer_aliases.updated_at, EXCLUDED.updated_at)`,
      [orgId, next.value, r.customer_id, r.matches, next.sealed, r.updated_at]);
  }
  return { seen: rows.length, changed: rows.length, last: null };
}
