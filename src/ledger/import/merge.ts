// Merging staged customers and invoices into the ledger in set-based SQL: upsert by external id / number.
import type { Queryable } from '../../db/index.ts';
import { refreshInvoices } from '../balances.ts';
import type { RowError } from './rows.ts';
import { sealerFor, storedContact, type Sealer } from '../../vault/index.ts';

const FIELDS = ['name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone', 'language', 'preferred_channel'];
const CONTACTS = ['email', 'phone', 'whatsapp'] as const;
const SEAL_BATCH = 1000;

/**
 * For an org with field encryption on, the id each staged row's customer will have (`cust_id`: the stored customer's of
 * that external id, else a new one, the same for every line of the key), since sealed values are bound to it.
 */
async function stageCustomerIds(q: Queryable, orgId: string, table: string, prefix: '' | 'c_', keyCol: string): Promise<void> {
  const fresh = prefix === '' ? '(array_agg(id ORDER BY line DESC))[1]' : `'cus_' || substr(md5(random()::text || ${keyCol}), 1, 22)`;
  await q.query(`ALTER TABLE ${table} ADD COLUMN cust_id text`);
  await q.query(`UPDATE ${table} t SET cust_id = k.cid FROM (
      SELECT s.k, COALESCE(c.id, s.fresh) AS cid FROM (SELECT ${keyCol} AS k, ${fresh} AS fresh FROM ${table} GROUP BY ${keyCol}) s
      LEFT JOIN customers c ON c.org_id = $1 AND c.external_id = s.k) k
    WHERE t.${keyCol} = k.k`, [orgId]);
}

/**
 * For an org with field encryption on: the staged emails and numbers replaced by their ciphertext (bound to the row's
 * `cust_id`), with blind indexes in added columns, batch by batch, before anything reaches the customers table.
 */
async function sealStaged(q: Queryable, s: Sealer, table: string, prefix: '' | 'c_'): Promise<void> {
  await q.query(`ALTER TABLE ${table} ${CONTACTS.map((c) => `ADD COLUMN ${prefix}${c}_bidx text`).join(', ')}`);
  const cols = CONTACTS.map((c) => `${prefix}${c}`);
  for (let after = -1; ;) {
    const rows = await q.query<{ line: number; cust_id: string } & Record<string, string | null>>(
      `SELECT line, cust_id, ${cols.join(', ')} FROM ${table} WHERE line > $1 AND (${cols.map((c) => `${c} IS NOT NULL`).join(' OR ')}) ORDER BY line LIMIT ${SEAL_BATCH}`, [after]);
    if (rows.length === 0) return;
    const stored = CONTACTS.map((c) => rows.map((r) => storedContact(s, c, r.cust_id, r[`${prefix}${c}`])));
    await q.query(`UPDATE ${table} t SET ${CONTACTS.map((c, i) => `${prefix}${c} = u.v${i}, ${prefix}${c}_bidx = u.b${i}`).join(', ')}
      FROM unnest($1::int[], ${CONTACTS.map((_, i) => `$${2 * i + 2}::text[], $${2 * i + 3}::text[]`).join(', ')})
        AS u(line, ${CONTACTS.map((_, i) => `v${i}, b${i}`).join(', ')}) WHERE t.line = u.line`,
    [rows.map((r) => r.line), ...stored.flatMap((col) => [col.map((x) => x.value), col.map((x) => x.bidx)])]);
    after = rows[rows.length - 1]!.line;
  }
}

export interface MergeCounts { inserted: number; updated: number; customers_created: number }

/** Rows of the file that name the same key twice: every later line is an error naming the first. */
export async function duplicateKeys(q: Queryable, table: string, key: string): Promise<RowError[]> {
  const rows = await q.query<{ k: string; lines: number[] }>(
    `SELECT ${key} AS k, array_agg(line ORDER BY line) AS lines FROM ${table} GROUP BY ${key} HAVING count(*) > 1 ORDER BY min(line) LIMIT 1000`);
  return rows.flatMap((r) => r.lines.slice(1).map((line) => ({ line, column: key, reason: `"${r.k}" is also on line ${r.lines[0]}` })));
}

/**
 * Upserts customers from staged columns (prefix '' in customer files, 'c_' in invoice files). Empty cells leave the
 * stored value as it is; a customer new to cobro without a name is named by its external id.
 */
export async function mergeCustomers(q: Queryable, orgId: string, table: string, prefix: '' | 'c_', keyCol: string): Promise<{ inserted: number; updated: number }> {
  const sealer = await sealerFor(q, orgId);
  if (sealer) {
    await stageCustomerIds(q, orgId, table, prefix, keyCol);
    await sealStaged(q, sealer, table, prefix);
  }
  // a contact's blind index is written with it (null when stored in the clear); sealed values compare by their index
  const bidx = CONTACTS.map((c) => `${c}_bidx`);
  const src = [...FIELDS.map((f) => `${prefix}${f} AS ${f}`), ...bidx.map((b) => (sealer ? `${prefix}${b} AS ${b}` : `NULL::text AS ${b}`))].join(', ');
  const sets = [...FIELDS.map((f) => `${f} = COALESCE(EXCLUDED.${f}, customers.${f})`),
    ...CONTACTS.map((c) => `${c}_bidx = CASE WHEN EXCLUDED.${c} IS NULL THEN customers.${c}_bidx ELSE EXCLUDED.${c}_bidx END`)].join(', ');
  const compared = sealer ? FIELDS.map((f) => ((CONTACTS as readonly string[]).includes(f) ? `${f}_bidx` : f)) : FIELDS;
  const before = compared.map((f) => `customers.${f}`).join(', ');
  const after = compared.map((f) => `COALESCE(EXCLUDED.${f}, customers.${f})`).join(', ');
  const rows = await q.query<{ inserted: number; updated: number }>(
    `WITH src AS (
       SELECT DISTINCT ON (${keyCol}) ${sealer ? 'cust_id AS id' : 'id'}, ${keyCol} AS external_id, ${src} FROM ${table} ORDER BY ${keyCol}, line DESC),
     up AS (
       INSERT INTO customers (id, org_id, external_id, ${FIELDS.join(', ')}, ${bidx.join(', ')})
       SELECT ${prefix === '' || sealer ? 'id' : `'cus_' || substr(md5(random()::text || id), 1, 22)`}, $1, external_id, COALESCE(name, external_id), ${FIELDS.slice(1).join(', ')}, ${bidx.join(', ')} FROM src
       ON CONFLICT (org_id, external_id) DO UPDATE SET ${sets}, updated_at = now()
       WHERE (${before}) IS DISTINCT FROM (${after})
       RETURNING (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
    [orgId]);
  if (sealer) {
    // a customer of the file made by someone else since its id was chosen holds values sealed for another id: start again
    const [moved] = await q.query<{ k: string }>(`SELECT t.${keyCol} AS k FROM ${table} t JOIN customers c ON c.org_id = $1 AND c.external_id = t.${keyCol}
      WHERE c.id <> t.cust_id LIMIT 1`, [orgId]);
    if (moved) throw new Error(`customer ${moved.k} was created while the file was imported: import the file again`);
  }
  return rows[0] ?? { inserted: 0, updated: 0 };
}

/** Creates, named by their external id, the customers an invoice file names that cobro does not know yet. */
export async function addMissingCustomers(q: Queryable, orgId: string, table: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO customers (id, org_id, external_id, name)
       SELECT 'cus_' || substr(md5(random()::text || s.k), 1, 22), $1, s.k, s.k
       FROM (SELECT DISTINCT customer_external_id AS k FROM ${table}) s
       WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.org_id = $1 AND c.external_id = s.k)
       ON CONFLICT (org_id, external_id) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`, [orgId]);
  return rows[0]?.n ?? 0;
}

/** Invoices whose currency the file changes although money is already allocated to them. */
export async function currencyChanges(q: Queryable, orgId: string, table: string): Promise<RowError[]> {
  const rows = await q.query<{ line: number; number: string; currency: string }>(
    `SELECT s.line, s.number, i.currency FROM ${table} s JOIN invoices i ON i.org_id = $1 AND i.number = s.number
     WHERE i.currency <> s.currency AND EXISTS (SELECT 1 FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL)
     ORDER BY s.line LIMIT 1000`, [orgId]);
  return rows.map((r) => ({ line: r.line, column: 'currency', reason: `invoice ${r.number} has payments in ${r.currency}; its currency cannot change` }));
}

export async function mergeInvoices(q: Queryable, orgId: string, table: string, hasDisputed: boolean): Promise<{ inserted: number; updated: number }> {
  const disputed = hasDisputed ? 'invoices.disputed OR EXCLUDED.disputed' : 'invoices.disputed';
  const rows = await q.query<{ inserted: number; updated: number; updated_ids: string[] | null }>(
    `WITH up AS (
       INSERT INTO invoices (id, org_id, customer_id, number, external_id, currency, amount, balance, issue_date, due_date,
                             disputed, status, metadata)
       SELECT s.id, $1, c.id, s.number, s.external_id, s.currency, s.amount, s.amount, s.issue_date, s.due_date,
              COALESCE(s.disputed, false),
              CASE WHEN s.amount = 0 THEN 'paid' WHEN s.disputed THEN 'disputed' ELSE 'open' END,
              COALESCE(s.metadata, '{}'::jsonb)
       FROM ${table} s JOIN customers c ON c.org_id = $1 AND c.external_id = s.customer_external_id
       ON CONFLICT (org_id, number) DO UPDATE SET
         customer_id = EXCLUDED.customer_id, external_id = COALESCE(EXCLUDED.external_id, invoices.external_id),
         currency = EXCLUDED.currency, amount = EXCLUDED.amount, balance = invoices.balance + (EXCLUDED.amount - invoices.amount),
         issue_date = EXCLUDED.issue_date, due_date = EXCLUDED.due_date, disputed = ${disputed},
         metadata = invoices.metadata || EXCLUDED.metadata, updated_at = now()
       WHERE (invoices.customer_id, invoices.currency, invoices.amount, invoices.issue_date, invoices.due_date,
              invoices.disputed, invoices.metadata, invoices.external_id)
         IS DISTINCT FROM (EXCLUDED.customer_id, EXCLUDED.currency, EXCLUDED.amount, EXCLUDED.issue_date, EXCLUDED.due_date,
              ${disputed}, invoices.metadata || EXCLUDED.metadata, COALESCE(EXCLUDED.external_id, invoices.external_id))
       RETURNING id, (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
            array_agg(id) FILTER (WHERE NOT inserted) AS updated_ids FROM up`, [orgId]);
  const r = rows[0] ?? { inserted: 0, updated: 0, updated_ids: null };
  await refreshInvoices(q, orgId, r.updated_ids ?? []);
  return { inserted: r.inserted, updated: r.updated };
}
