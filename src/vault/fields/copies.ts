// Copies of emails, numbers and bank accounts outside the customer record (statement lines' counterparty accounts,
// learned payer accounts, the addresses of messages, consents, suppressions, gate decisions, contacts and replies, an
// unknown caller's number on their call-back task): sealed bound to their
// row when the org has encryption on, with a keyed blind index where rows are looked up by the value, and opened for readers.
import type { Queryable } from '../../db/index.ts';
import { blindIndex, isSealed, openField, versionOf, type IndexKind } from './envelope.ts';
import { dataKey, indexKey } from './keyring.ts';
import type { Sealer } from './customer-fields.ts';

/** Each sealed copy as `table.column`; the name is part of what the value is bound to. */
export const COPY_FIELDS = ['statement_lines.counterparty_account', 'messages.address', 'consents.address', 'suppressions.address',
  'gate_decisions.address', 'contact_events.address', 'inbound_messages.from_address', 'tasks.caller'] as const;
export type CopyField = (typeof COPY_FIELDS)[number];
/** The field a learned payer account is sealed as (its row: the customer and the blind index). */
export const PAYER_ACCOUNT_FIELD = 'payer_aliases.value';
/** How a learned payer account's stored value starts when it is a blind index rather than the account. */
export const ACCOUNT_INDEX_PREFIX = 'bidx:';

/** The blind-index kind of an address: an email or a number. */
export const addressKind = (address: string): IndexKind => (address.includes('@') ? 'email' : 'phone');

/** A copy as stored: sealed for its row when the org has a sealer, as given otherwise (or when already sealed). */
export function storedCopy(s: Sealer | null, field: CopyField, rowId: string, v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '' || !s || isSealed(v)) return v ?? null;
  return s.sealRow(field, rowId, v);
}

/** The blind index of an address stored sealed (null when the org stores it in the clear). */
export const addressIndex = (s: Sealer | null, address: string | null | undefined): string | null =>
  s && address ? s.index(addressKind(address), address) : null;

/** One copy opened; a value not sealed is returned as it is. */
export async function openCopy(q: Queryable, orgId: string, field: string, rowId: string, v: string | null): Promise<string | null> {
  if (!isSealed(v)) return v;
  return openField(await dataKey(q, orgId, versionOf(v)), orgId, field, v, rowId);
}

/**
 * The rows with one column opened (default: the field's column, the row id in `id`). Rows with nothing sealed are
 * returned as they are without a query, so a batch that holds no sealed value costs one scan of the array.
 */
export async function openCopies<R extends object>(
  q: Queryable, orgOf: string | ((r: R) => string), field: CopyField, rows: R[], o: { column?: string; idOf?: (r: R) => string } = {},
): Promise<R[]> {
  const column = o.column ?? field.slice(field.indexOf('.') + 1);
  const get = (r: R) => (r as Record<string, unknown>)[column];
  if (!rows.some((r) => isSealed(get(r)))) return rows;
  const idOf = o.idOf ?? ((r: R) => String((r as Record<string, unknown>).id));
  const out: R[] = [];
  for (const r of rows) {
    const v = get(r);
    out.push(isSealed(v) ? { ...r, [column]: await openCopy(q, typeof orgOf === 'string' ? orgOf : orgOf(r), field, idOf(r), v) } : r);
  }
  return out;
}

/** A learned payer account as stored: its blind index and the sealed account, or the account itself and no seal. */
export function storedPayerAccount(s: Sealer | null, customerId: string, account: string): { value: string; sealed: string | null } {
  if (!s) return { value: account, sealed: null };
  const value = `${ACCOUNT_INDEX_PREFIX}${s.index('account', account)}`;
  return { value, sealed: s.sealRow(PAYER_ACCOUNT_FIELD, `${customerId}|${value}`, account) };
}

/**
 * The stored values a learned payer account may have, each mapped back to the account: the account itself and, once
 * the org has a blind-index key, its index (so lookups work in the clear, sealed, and half-way through a switch).
 */
export async function payerAccountKeys(q: Queryable, orgId: string, accounts: string[]): Promise<Map<string, string>> {
  const out = new Map(accounts.map((a) => [a, a]));
  const ik = accounts.length ? await indexKey(q, orgId) : null;
  if (ik) for (const a of accounts) out.set(`${ACCOUNT_INDEX_PREFIX}${blindIndex(ik, 'account', a)}`, a);
  return out;
}

/** `payerAccountKeys` without a statement per call: the org's blind-index key read once (for a copy kept in memory). */
export async function payerAccountKeyer(q: Queryable, orgId: string): Promise<(accounts: string[]) => Map<string, string>> {
  const ik = await indexKey(q, orgId);
  return (accounts) => {
    const out = new Map(accounts.map((a) => [a, a]));
    if (ik) for (const a of accounts) out.set(`${ACCOUNT_INDEX_PREFIX}${blindIndex(ik, 'account', a)}`, a);
    return out;
  };
}

/** A learned payer account opened from its stored row (value and seal). */
export async function openPayerAccount(q: Queryable, orgId: string, customerId: string, value: string, sealed: string | null): Promise<string> {
  if (!value.startsWith(ACCOUNT_INDEX_PREFIX)) return value;
  if (!sealed) throw new Error(`payer alias ${value} of customer ${customerId} in org ${orgId} has a blind index and no sealed account`);
  return (await openCopy(q, orgId, PAYER_ACCOUNT_FIELD, `${customerId}|${value}`, sealed))!;
}

/** The blind index of an address for lookups (null when the org never had encryption on). */
export async function addressLookupIndex(q: Queryable, orgId: string, address: string): Promise<string | null> {
  const ik = await indexKey(q, orgId);
  return ik ? blindIndex(ik, addressKind(address), address) : null;
}
