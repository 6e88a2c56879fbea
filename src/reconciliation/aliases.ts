// Payer accounts and names learned from accepted matches: listed, and forgotten when one was learned wrongly (a shared
// account, a namesake), so the matcher stops treating it as the customer's.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { Filter, type Page, type PageParams } from '../ledger/index.ts';
import { normaliseAccount } from './match/text.ts';
import { normaliseName } from './match/names.ts';
import { openPayerAccount, payerAccountKeys } from '../vault/index.ts';

export const ALIAS_KINDS = ['account', 'name'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

export interface PayerAliasRow {
  /** Stable handle of the alias: its kind, value and customer. */
  id: string;
  kind: AliasKind;
  value: string;
  customer_id: string;
  matches: number;
  updated_at: string;
}

const SEP = '\u001f';
const aliasId = (kind: string, value: string, customerId: string) => `pal_${Buffer.from([kind, value, customerId].join(SEP)).toString('base64url')}`;

/** The value as the matcher compares it: an account without spaces and punctuation, a name in its normal form. */
export function normaliseAliasValue(kind: AliasKind, value: string): string | null {
  return kind === 'account' ? normaliseAccount(value) : normaliseName(value);
}

function decodeId(id: string): { kind: AliasKind; value: string; customerId: string } | null {
  if (!id.startsWith('pal_')) return null;
  const [kind, value, customerId] = Buffer.from(id.slice(4), 'base64url').toString('utf8').split(SEP);
  if (!kind || !value || !customerId || !(ALIAS_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as AliasKind, value, customerId };
}

/** The stored forms of these values: each itself and, for an account under field encryption, its blind index. */
const storedValues = async (q: Queryable, orgId: string, values: string[]) => [...(await payerAccountKeys(q, orgId, values)).keys()];

export interface AliasFilter extends PageParams { kind?: AliasKind; customer_id?: string; value?: string }

/** Learned aliases in (kind, value, customer) order; the cursor is the last alias's id. */
export async function listPayerAliases(q: Queryable, orgId: string, p: AliasFilter): Promise<Page<PayerAliasRow>> {
  const f = new Filter().add('org_id = ?', orgId);
  if (p.kind) f.add('kind = ?', p.kind);
  if (p.customer_id) f.add('customer_id = ?', p.customer_id);
  if (p.value) {
    const kinds = p.kind ? [p.kind] : ALIAS_KINDS;
    f.add('value = ANY(?::text[])', await storedValues(q, orgId, kinds.map((k) => normaliseAliasValue(k, p.value!)).filter((v): v is string => v !== null)));
  }
  const after = p.cursor ? decodeId(p.cursor) : null;
  if (after) f.add('(kind, value, customer_id) > (?, ?, ?)', after.kind, after.value, after.customerId);
  const limit = Math.min(Math.max(p.limit ?? 50, 1), 500);
  f.params.push(limit + 1);
  const rows = await q.query<Omit<PayerAliasRow, 'id'> & { value_sealed: string | null }>(`SELECT kind, value, customer_id, matches, updated_at,
    value_sealed FROM payer_aliases ${f.where()} ORDER BY kind, value, customer_id LIMIT $${f.params.length}`, f.params);
  const data: PayerAliasRow[] = [];
  for (const { value_sealed, ...r } of rows.slice(0, limit)) {
    // the id keeps the stored value (a blind index when sealed); the row shows the account opened
    const value = r.kind === 'account' ? await openPayerAccount(q, orgId, r.customer_id, r.value, value_sealed) : r.value;
    data.push({ id: aliasId(r.kind, r.value, r.customer_id), ...r, value });
  }
  const has_more = rows.length > limit;
  return { data, has_more, next_cursor: has_more ? data[data.length - 1]!.id : null };
}

export interface ForgetAlias {
  /** One alias by its id... */
  id?: string;
  /** ...or every alias of this kind and value (for one customer when given). */
  kind?: AliasKind;
  value?: string;
  customer_id?: string;
}

/** Forgets learned aliases; the audit entry keeps how many and of which customers, not the account or name itself. */
export async function forgetPayerAliases(q: Queryable, orgId: string, actor: string, which: ForgetAlias): Promise<Result<{ forgotten: number }>> {
  let kind: AliasKind;
  let value: string | null;
  let customerId = which.customer_id ?? null;
  if (which.id) {
    const d = decodeId(which.id);
    if (!d) return fail('VALIDATION_FAILED', `"${which.id}" is not a payer alias id`, 'id');
    ({ kind, value } = d);
    customerId = d.customerId;
  } else {
    if (!which.kind || !which.value) return fail('VALIDATION_FAILED', 'name the alias by its id, or by kind and value', which.kind ? 'value' : 'kind');
    kind = which.kind;
    value = normaliseAliasValue(kind, which.value);
    if (!value) return fail('VALIDATION_FAILED', `"${which.value}" is not a usable ${kind}`, 'value');
  }
  const values = which.id ? [value] : await storedValues(q, orgId, [value]);
  const rows = await q.query<{ customer_id: string; matches: number }>(
    `DELETE FROM payer_aliases WHERE org_id = $1 AND kind = $2 AND value = ANY($3::text[]) AND ($4::text IS NULL OR customer_id = $4)
     RETURNING customer_id, matches`, [orgId, kind, values, customerId]);
  if (!rows.length) return fail('NOT_FOUND', `no learned ${kind} like that${customerId ? ` for customer ${customerId}` : ''}`, which.id ? 'id' : 'value');
  for (const r of rows) {
    await recordAudit(q, { orgId, actor, action: 'payer_alias.forgotten', entity: 'customer', entityId: r.customer_id,
      data: { kind, matches: r.matches } });
  }
  return ok({ forgotten: rows.length });
}
