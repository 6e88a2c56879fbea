// The org's bank transfer details stored and read: one row per org, the accounts as JSON with their numbers sealed
// (bound to the org and the account's id) when the org has field encryption on, every change in the audit log.
import type { Queryable } from '../../db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { fail, newId, ok, type Result } from '../../domain/index.ts';
import { isSealed, openCopy, sealerFor, transferAccountField as fieldName } from '../../vault/index.ts';
import { SENSITIVE_FIELDS, transferSettingsBody, type TransferAccount, type TransferSettings } from './schema.ts';

type Stored = Record<string, unknown> & { id: string };

export const NO_TRANSFER_SETTINGS: TransferSettings = { accounts: [], reference: 'invoice_numbers' };

/** The org's details with the numbers opened; no row reads as no accounts and the invoice numbers as the reference. */
export async function getTransferSettings(q: Queryable, orgId: string): Promise<TransferSettings & { updated_at: string | null; updated_by: string | null }> {
  const [row] = await q.query<{ accounts: Stored[]; reference: TransferSettings['reference']; updated_at: string; updated_by: string }>(
    'SELECT accounts, reference, updated_at, updated_by FROM bank_transfer_settings WHERE org_id = $1', [orgId]);
  if (!row) return { ...NO_TRANSFER_SETTINGS, updated_at: null, updated_by: null };
  const accounts: TransferAccount[] = [];
  for (const a of row.accounts) {
    const open: Stored = { ...a };
    for (const f of SENSITIVE_FIELDS) {
      const v = a[f];
      if (typeof v === 'string' && isSealed(v)) open[f] = await openCopy(q, orgId, fieldName(f), a.id, v);
    }
    accounts.push(open as unknown as TransferAccount);
  }
  return { accounts, reference: row.reference, updated_at: new Date(row.updated_at).toISOString(), updated_by: row.updated_by };
}

/** Whether the org stores any account sealed (what the status of field encryption and the tests read). */
export async function transferNumbersSealed(q: Queryable, orgId: string): Promise<boolean> {
  const [row] = await q.query<{ accounts: Stored[] }>('SELECT accounts FROM bank_transfer_settings WHERE org_id = $1', [orgId]);
  return Boolean(row?.accounts.some((a) => SENSITIVE_FIELDS.some((f) => isSealed(a[f]))));
}

/** The first problem of the input, as a failure naming its field (accounts.0.iban). */
export function validateTransferSettings(input: unknown): Result<TransferSettings> {
  const parsed = transferSettingsBody.safeParse(input);
  if (parsed.success) return ok({ ...parsed.data, accounts: parsed.data.accounts.map((a) => ({ ...a, id: a.id ?? '' })) });
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  return fail('VALIDATION_FAILED', `${field || 'settings'}: ${issue.message}`, field || undefined);
}

/**
 * Replaces the org's accounts and reference choice (accounts given back with their id keep it; new ones get one). The
 * numbers are sealed when the org has field encryption on; the audit entry names kinds and currencies, never numbers.
 */
export async function setTransferSettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<TransferSettings>> {
  const valid = validateTransferSettings(input);
  if (!valid.ok) return valid;
  const accounts = valid.value.accounts.map((a) => ({ ...a, id: a.id || newId('transferAccount', now.getTime()) }));
  const ids = new Set<string>();
  for (const [i, a] of accounts.entries()) {
    if (ids.has(a.id)) return fail('VALIDATION_FAILED', `accounts.${i}.id: given twice`, `accounts.${i}.id`);
    ids.add(a.id);
  }
  const sealer = await sealerFor(q, orgId);
  const stored = accounts.map((a) => {
    const out: Record<string, unknown> = { ...a };
    if (sealer) for (const f of SENSITIVE_FIELDS) if (typeof out[f] === 'string') out[f] = sealer.sealRow(fieldName(f), a.id, out[f] as string);
    return out;
  });
  await q.query(
    `INSERT INTO bank_transfer_settings (org_id, accounts, reference, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4, $5)
     ON CONFLICT (org_id) DO UPDATE SET accounts = EXCLUDED.accounts, reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(stored), valid.value.reference, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'bank_transfer.settings_changed', entity: 'org', entityId: orgId,
    data: { reference: valid.value.reference, accounts: accounts.map((a) => ({ id: a.id, kind: a.kind, currency: a.currency })), sealed: sealer !== null } }, now);
  return ok({ accounts, reference: valid.value.reference });
}
