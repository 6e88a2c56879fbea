// Which customer fields are encrypted and how: the sealer writers use (ciphertext plus blind index, or plaintext when the
// org has encryption off), and the one place reads open sealed values so every caller sees plaintext as before. Values
// are sealed in format v2, bound to the org, the field and the customer's id (a value moved to another customer does not
// open); format v1 values (org and field only, written before) still open, and the key jobs re-seal them as v2.
import type { Queryable } from '../../db/index.ts';
import { blindIndex, isSealed, openField, sealField, versionOf, type IndexKind } from './envelope.ts';
import { dataKey, indexKey } from './keyring.ts';

/** The contact columns, each with the kind of address its blind index normalises. */
export const CONTACT_FIELDS = { email: 'email', phone: 'phone', whatsapp: 'phone' } as const satisfies Record<string, IndexKind>;
export type ContactField = keyof typeof CONTACT_FIELDS;
/** The metadata keys that hold a tax id (the same the portal's second factor reads). */
export const TAX_ID_KEYS = ['tax_id', 'taxId', 'vat_id', 'rfc', 'cpf', 'cnpj', 'rut', 'nit'] as const;
/** The metadata keys that hold a customer's bank account (IBAN, account number, Mexican CLABE, Argentine CBU). */
export const BANK_ACCOUNT_KEYS = ['iban', 'bank_account', 'bankAccount', 'account_number', 'accountNumber', 'clabe', 'cbu'] as const;
/** Every metadata key whose string value is sealed: tax ids and bank accounts. */
export const SEALED_METADATA_KEYS: readonly string[] = [...TAX_ID_KEYS, ...BANK_ACCOUNT_KEYS];

const aadField = (column: string) => `customers.${column}`;

export interface Sealer {
  orgId: string;
  version: number;
  /** A customer's own value (`column`: 'email', 'metadata.rfc', ...), sealed bound to the customer's id. */
  seal(column: string, customerId: string, plaintext: string): string;
  /** Sealed in the row-bound format: `field` names table and column (e.g. 'messages.address'), `rowId` the row. */
  sealRow(field: string, rowId: string, plaintext: string): string;
  index(kind: IndexKind, plaintext: string): string;
}

/**
 * How the org's customer fields are written now: a sealer under the active data key, or null (plaintext). Inside a
 * transaction the settings row is share-locked, so turning encryption on waits for writers that read it as off.
 */
export async function sealerFor(q: Queryable, orgId: string): Promise<Sealer | null> {
  const [s] = await q.query<{ enabled: boolean; active_version: number | null }>(
    'SELECT enabled, active_version FROM field_encryption WHERE org_id = $1 FOR SHARE', [orgId]);
  if (!s?.enabled || s.active_version === null) return null;
  const [k, ik] = [await dataKey(q, orgId, s.active_version), await indexKey(q, orgId)];
  if (!ik) throw new Error(`org ${orgId} has encryption on without a blind-index key`);
  return { orgId, version: k.version, seal: (column, customerId, v) => sealField(k, orgId, aadField(column), v, customerId),
    sealRow: (field, rowId, v) => sealField(k, orgId, field, v, rowId), index: (kind, v) => blindIndex(ik, kind, v) };
}

/** A contact value as stored, with its blind index (null when stored in the clear, so no stale index outlives a change). */
export function storedContact(s: Sealer | null, field: ContactField, customerId: string, v: string | null | undefined): { value: string | null; bidx: string | null } {
  if (v === null || v === undefined || v === '') return { value: v ?? null, bidx: null };
  return s ? { value: s.seal(field, customerId, v), bidx: s.index(CONTACT_FIELDS[field], v) } : { value: v, bidx: null };
}

/** Metadata as stored: tax ids and bank accounts sealed (string values only; a value already sealed is kept). */
export function storedMetadata(s: Sealer | null, customerId: string, metadata: Record<string, unknown>): Record<string, unknown> {
  if (!s) return metadata;
  const out = { ...metadata };
  for (const key of SEALED_METADATA_KEYS) {
    const v = out[key];
    if (typeof v === 'string' && v !== '' && !isSealed(v)) out[key] = s.seal(`metadata.${key}`, customerId, v);
  }
  return out;
}

type Row = Record<string, unknown>;

function sealedIn(r: Row): boolean {
  if (isSealed(r.email) || isSealed(r.phone) || isSealed(r.whatsapp)) return true;
  const m = r.metadata;
  return !!m && typeof m === 'object' && SEALED_METADATA_KEYS.some((k) => isSealed((m as Row)[k]));
}

/** One customer value opened: v2 bound to the customer's id (undefined: a v2 value fails, naming the field), v1 without it. */
export async function openOne(q: Queryable, orgId: string, column: string, customerId: string | undefined, v: string): Promise<string> {
  return openField(await dataKey(q, orgId, versionOf(v)), orgId, aadField(column), v, customerId);
}

/** Whose values a row holds: its `customer_id` when it has one (a case's or a task's row), else its `id` (a customer's). */
function customerIdOf(r: Row): string | undefined {
  const id = 'customer_id' in r ? r.customer_id : r.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The row with its sealed customer fields opened (email, phone, whatsapp and the tax ids and bank accounts in metadata).
 * The customer is the row's `customer_id`, else its `id`; give `customerId` when the row has neither.
 */
export async function openCustomerRow<R extends object>(q: Queryable, orgId: string, row: R, customerId?: string): Promise<R> {
  const r = row as Row;
  if (!sealedIn(r)) return row;
  const id = customerId ?? customerIdOf(r);
  const out: Row = { ...r };
  for (const f of Object.keys(CONTACT_FIELDS)) if (isSealed(r[f])) out[f] = await openOne(q, orgId, f, id, r[f]);
  if (r.metadata && typeof r.metadata === 'object' && !Array.isArray(r.metadata)) {
    const m: Row = { ...(r.metadata as Row) };
    for (const k of SEALED_METADATA_KEYS) if (isSealed(m[k])) m[k] = await openOne(q, orgId, `metadata.${k}`, id, m[k]);
    out.metadata = m;
  }
  return out as R;
}

/** Rows of one org (or of many, with orgOf), opened; rows with nothing sealed are returned as they are, without a query. */
export async function openCustomerRows<R extends object>(q: Queryable, orgOf: string | ((r: R) => string), rows: R[]): Promise<R[]> {
  if (!rows.some((r) => sealedIn(r as Row))) return rows;
  const out: R[] = [];
  for (const r of rows) out.push(await openCustomerRow(q, typeof orgOf === 'string' ? orgOf : orgOf(r), r));
  return out;
}

/** One stored value opened if sealed (for queries that read a single column, e.g. the addresses an erasure suppresses). */
export async function openCustomerValue(q: Queryable, orgId: string, column: ContactField, customerId: string, v: string): Promise<string> {
  return isSealed(v) ? openOne(q, orgId, column, customerId, v) : v;
}
