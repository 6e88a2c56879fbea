// What `cobro keys status` and GET /v1/org/field-encryption show: the switch, the key versions (with the master key id
// that wraps each), the pending job, and how many stored values sit in the clear or under each data key version.
import type { Queryable } from '../../db/index.ts';
import { SEALED_METADATA_KEYS } from './customer-fields.ts';
import { masterKeyId } from './keyring.ts';
import { ACCOUNT_INDEX_PREFIX, COPY_FIELDS, PAYER_ACCOUNT_FIELD } from './copies.ts';
import { TRANSFER_ACCOUNT_FIELDS, transferAccountField } from './transfer-accounts.ts';
import { ATTACHMENT_FIELD } from './attachment-files.ts';
import { EVIDENCE_FILE_FIELD, EVIDENCE_SNAPSHOT_FIELD, EVIDENCE_REPLY_FIELD, EVIDENCE_TEXT_FIELD } from './evidence-fields.ts';

export interface FieldEncryptionStatus {
  enabled: boolean;
  active_version: number | null;
  job: 'seal' | 'open' | null;
  /** The id (fingerprint) of the configured COBRO_FIELD_KEY, or null when none is configured. */
  master_key_id: string | null;
  keys: { version: number; master_id: string; created_at: string; values: number }[];
  index_key_master_id: string | null;
  /** Stored customer emails, numbers, tax ids and bank accounts not sealed. */
  plaintext_values: number;
  /** Customer values sealed in the old format v1 (bound to org and field, not to the customer); the sealing job and rotation re-seal them. */
  row_unbound_values: number;
  /** Copies outside customers not sealed, by `table.column` (statement lines, learned payer accounts, addresses, the org's transfer account numbers, files debtors sent, gateway dispute evidence). */
  plaintext_copies: Record<string, number>;
}

/** Counts the copies in the clear: one count per table, each a scan of the org's rows. */
async function plaintextCopies(q: Queryable, orgId: string): Promise<Record<string, number>> {
  const parts = COPY_FIELDS.map((f) => {
    const [table, column] = f.split('.') as [string, string];
    return `SELECT '${f}' AS f, count(*)::int AS n FROM ${table} WHERE org_id = $1 AND ${column} <> '' AND ${column} NOT LIKE 'enc:v_:%'`;
  });
  parts.push(`SELECT '${PAYER_ACCOUNT_FIELD}', count(*)::int FROM payer_aliases WHERE org_id = $1 AND kind = 'account' AND value NOT LIKE '${ACCOUNT_INDEX_PREFIX}%'`);
  // the org's own transfer accounts: each number of each account in the JSON row (bank_transfer_settings.iban ...)
  for (const f of TRANSFER_ACCOUNT_FIELDS) {
    parts.push(`SELECT '${transferAccountField(f)}', count(*)::int FROM bank_transfer_settings s CROSS JOIN LATERAL jsonb_array_elements(s.accounts) a
      WHERE s.org_id = $1 AND a->>'${f}' <> '' AND a->>'${f}' NOT LIKE 'enc:v_:%'`);
  }
  // files debtors sent with replies, kept as bytes rather than sealed
  parts.push(`SELECT '${ATTACHMENT_FIELD}', count(*)::int FROM inbound_attachments WHERE org_id = $1 AND data IS NOT NULL`);
  // a gateway dispute's evidence: the staff's text and the files, kept in the clear
  parts.push(`SELECT '${EVIDENCE_TEXT_FIELD}', count(*)::int FROM gateway_dispute_evidence WHERE org_id = $1 AND fields_sealed IS NULL AND fields <> '{}'::jsonb`);
  parts.push(`SELECT '${EVIDENCE_FILE_FIELD}', count(*)::int FROM gateway_dispute_evidence_files WHERE org_id = $1 AND data IS NOT NULL`);
  // and what cobro filled it in with, kept at an erasure (145)
  parts.push(`SELECT '${EVIDENCE_SNAPSHOT_FIELD}', count(*)::int FROM gateway_dispute_evidence WHERE org_id = $1 AND auto_snapshot IS NOT NULL`);
  // and what the gateway answered (150)
  parts.push(`SELECT '${EVIDENCE_REPLY_FIELD}', count(*)::int FROM gateway_dispute_evidence WHERE org_id = $1 AND gateway_reply IS NOT NULL`);
  const rows = await q.query<{ f: string; n: number }>(parts.join(' UNION ALL '), [orgId]);
  return Object.fromEntries(rows.map((r) => [r.f, r.n]));
}

export async function fieldEncryptionStatus(q: Queryable, orgId: string): Promise<FieldEncryptionStatus> {
  const [s] = await q.query<{ enabled: boolean; active_version: number | null; job: 'seal' | 'open' | null; index_master_id: string }>(
    'SELECT enabled, active_version, job, index_master_id FROM field_encryption WHERE org_id = $1', [orgId]);
  const keys = await q.query<{ version: number; master_id: string; created_at: string }>(
    'SELECT version, master_id, created_at::text FROM field_keys WHERE org_id = $1 ORDER BY version', [orgId]);
  const counts = await q.query<{ v: string; v1: boolean; n: number }>(
    `SELECT CASE WHEN x LIKE 'enc:v_:%' THEN split_part(x, ':', 3) ELSE 'plain' END AS v, x LIKE 'enc:v1:%' AS v1, count(*)::int AS n
     FROM customers c CROSS JOIN LATERAL (
       SELECT c.email AS x UNION ALL SELECT c.phone UNION ALL SELECT c.whatsapp
       UNION ALL SELECT e.value FROM jsonb_each_text(c.metadata) e WHERE e.key = ANY($2::text[])) t
     WHERE c.org_id = $1 AND x IS NOT NULL AND x <> '' GROUP BY 1, 2`, [orgId, [...SEALED_METADATA_KEYS]]);
  const by = new Map<string, number>();
  for (const c of counts) by.set(c.v, (by.get(c.v) ?? 0) + c.n);
  return {
    enabled: s?.enabled ?? false, active_version: s?.active_version ?? null, job: s?.job ?? null, master_key_id: masterKeyId(),
    keys: keys.map((k) => ({ ...k, values: by.get(String(k.version)) ?? 0 })), index_key_master_id: s?.index_master_id ?? null,
    plaintext_values: by.get('plain') ?? 0, row_unbound_values: counts.filter((c) => c.v1).reduce((n, c) => n + c.n, 0), plaintext_copies: await plaintextCopies(q, orgId),
  };
}
