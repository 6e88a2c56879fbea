// The ledger's stored totals (migration 028, kept by triggers on invoices and adjustments; 037, on payments and
// allocations; 042, balances by day, on all four; 045 and 105, strategy performance, on cases, payments and allocations; 048,
// contacts per version, and 051, the KPIs' messages, one table since 106, on messages and actions): checked against a count from scratch, and rebuilt from the ledger
// when they are not the same.
import type { Db, Queryable } from '../db/index.ts';

/** One stored table and what it must hold, computed from the ledger's rows; `$1` is the org. */
interface TotalsTable {
  table: string; key: string[]; values: string[]; fresh: string; /** rows of the table that count */ stored?: string;
  /** keys that may be missing (NULL), matched as equal when both are */ nullable?: string[];
}

const TABLES: TotalsTable[] = [
  { table: 'receivable_totals', key: ['currency', 'issue_date', 'due_date', 'status', 'cancelled'], values: ['balance', 'balance_sq', 'invoices'],
    fresh: `SELECT currency, issue_date, due_date, status, cancelled, sum(balance) AS balance, sum(balance::numeric * balance) AS balance_sq,
              count(*) AS invoices
            FROM invoices WHERE org_id = $1 AND balance > 0 GROUP BY currency, issue_date, due_date, status, cancelled` },
  { table: 'customer_receivables', key: ['customer_id', 'currency'], values: ['balance', 'invoices'],
    fresh: `SELECT customer_id, currency, sum(balance) AS balance, count(*) AS invoices
            FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled GROUP BY customer_id, currency` },
  { table: 'invoiced_daily', key: ['currency', 'issue_date', 'cancelled'], values: ['amount', 'invoices'],
    fresh: `SELECT currency, issue_date, cancelled, sum(amount) AS amount, count(*) AS invoices FROM invoices WHERE org_id = $1
            GROUP BY currency, issue_date, cancelled` },
  // migration 037, kept by the triggers of payments, allocations and invoices
  { table: 'payments_daily', key: ['currency', 'date', 'reversed'], values: ['amount', 'payments'],
    fresh: `SELECT currency, date, reversed_at IS NOT NULL AS reversed, sum(amount) AS amount, count(*) AS payments FROM payments WHERE org_id = $1
            GROUP BY currency, date, reversed_at IS NOT NULL` },
  { table: 'collected_daily', key: ['currency', 'date', 'issued_on'], values: ['amount', 'allocations'],
    fresh: `SELECT i.currency, p.date, GREATEST(i.issue_date, p.date) AS issued_on, sum(l.amount) AS amount, count(*) AS allocations
            FROM allocations l JOIN payments p ON p.id = l.payment_id JOIN invoices i ON i.id = l.invoice_id
            WHERE l.org_id = $1 AND NOT i.cancelled GROUP BY 1, 2, 3` },
  // migration 042, kept by the triggers of invoices, adjustments, allocations and payments: each invoice's floored balance
  // as its steps (balance_steps_of computes them from the ledger's rows), and their sums per due date and day
  { table: 'invoice_balance_steps', key: ['invoice_id', 'date'], values: ['currency', 'due_date', 'amount', 'invoices'],
    fresh: 'SELECT invoice_id, date, currency, due_date, amount, invoices FROM balance_steps_of($1)' },
  { table: 'balance_daily', key: ['currency', 'due_date', 'date'], values: ['amount', 'invoices'], stored: 'NOT (amount = 0 AND invoices = 0)',
    fresh: `SELECT currency, due_date, date, sum(amount) AS amount, sum(invoices) AS invoices FROM balance_steps_of($1)
            GROUP BY currency, due_date, date HAVING sum(amount) <> 0 OR sum(invoices) <> 0` },
  // migration 045 (strategy performance), kept by the triggers of cases
  { table: 'strategy_cases', key: ['strategy_id', 'strategy_version', 'status'], values: ['cases'],
    fresh: `SELECT strategy_id, strategy_version, status, count(*) AS cases FROM cases
            WHERE org_id = $1 AND strategy_id IS NOT NULL AND strategy_version IS NOT NULL GROUP BY 1, 2, 3` },
  // migration 105: money per version, each allocation on the version it was stamped with when written
  { table: 'strategy_collected_daily', key: ['date', 'strategy_id', 'strategy_version', 'currency'], values: ['amount', 'allocations'],
    fresh: `SELECT p.date, l.strategy_id, l.strategy_version, p.currency, sum(l.amount) AS amount, count(*) AS allocations
            FROM payments p JOIN allocations l ON l.payment_id = p.id
            WHERE p.org_id = $1 AND p.reversed_at IS NULL AND l.reversed_at IS NULL AND l.strategy_version IS NOT NULL GROUP BY 1, 2, 3, 4` },
  // migrations 051 and 106 (the KPIs' messages and the contacts per strategy version, per UTC day, customer, channel,
  // template, step and cost currency; the action looked up by id, `other_org` when it is of another org), kept by the
  // triggers of messages and actions
  { table: 'customer_messages_daily',
    key: ['day', 'customer_id', 'channel', 'template', 'strategy_id', 'strategy_version', 'step_id', 'currency', 'other_org'],
    nullable: ['template', 'strategy_id', 'strategy_version', 'step_id', 'currency'],
    values: ['messages', 'contacts', 'delivered', 'failed', 'costed', 'micros'],
    fresh: `SELECT (m.sent_at AT TIME ZONE 'UTC')::date AS day, m.customer_id, m.channel, m.template, a.strategy_id, a.strategy_version, a.step_id,
              m.cost_currency AS currency, COALESCE(a.org_id <> m.org_id, false) AS other_org, count(*) AS messages,
              count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'read')) AS contacts, count(*) FILTER (WHERE m.status IN ('delivered', 'read')) AS delivered,
              count(*) FILTER (WHERE m.status IN ('failed', 'bounced')) AS failed, count(m.cost_micros) AS costed, COALESCE(sum(m.cost_micros), 0) AS micros
            FROM messages m LEFT JOIN actions a ON a.id = m.action_id
            WHERE m.org_id = $1 AND m.sent_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9` },
];

/** Equal, or both missing, as equalities a FULL JOIN can hash (it takes no IS NOT DISTINCT FROM). */
const sameOrBothMissing = (k: string) => `(s.${k} IS NULL) = (f.${k} IS NULL) AND COALESCE(s.${k}::text, '') = COALESCE(f.${k}::text, '')`;

/** Invoices with an adjustment dated before their issue date: the stored list may hold more (it only grows), never fewer. */
const EARLY = `SELECT DISTINCT i.id AS invoice_id FROM adjustments a JOIN invoices i ON i.id = a.invoice_id
  WHERE i.org_id = $1 AND a.date < i.issue_date`;

export interface TotalsDifference { table: string; key: Record<string, unknown>; stored: Record<string, unknown> | null; computed: Record<string, unknown> | null }

/** Every row where the stored totals and a count from scratch differ, for one org (none when they agree). */
export async function checkLedgerTotals(q: Queryable, orgId: string, limit = 100): Promise<TotalsDifference[]> {
  const out: TotalsDifference[] = [];
  for (const t of TABLES) {
    const keys = t.key.join(', ');
    const vals = (alias: string) => t.values.map((v) => `${alias}.${v}::text AS ${alias}_${v}`).join(', ');
    const rows = await q.query<Record<string, unknown>>(
      `WITH s AS (SELECT ${keys}, ${t.values.join(', ')} FROM ${t.table} WHERE org_id = $1${t.stored ? ` AND ${t.stored}` : ''}), f AS (${t.fresh})
       SELECT ${t.key.map((k) => `COALESCE(s.${k}, f.${k})::text AS ${k}`).join(', ')}, s.${t.key[0]} IS NOT NULL AS in_stored,
              f.${t.key[0]} IS NOT NULL AS in_fresh, ${vals('s')}, ${vals('f')}
       FROM s FULL JOIN f ON ${t.key.map((k) => (t.nullable?.includes(k) ? sameOrBothMissing(k) : `s.${k} = f.${k}`)).join(' AND ')}
       WHERE ${t.values.map((v) => `s.${v} IS DISTINCT FROM f.${v}`).join(' OR ')}
       ORDER BY ${t.key.map((_, i) => i + 1).join(', ')} LIMIT ${limit}`, [orgId]);
    for (const r of rows) {
      const pick = (alias: string) => Object.fromEntries(t.values.map((v) => [v, r[`${alias}_${v}`]]));
      out.push({ table: t.table, key: Object.fromEntries(t.key.map((k) => [k, r[k]])),
        stored: r.in_stored ? pick('s') : null, computed: r.in_fresh ? pick('f') : null });
    }
  }
  const missing = await q.query<{ invoice_id: string }>(
    `${EARLY} EXCEPT SELECT invoice_id FROM early_adjusted_invoices WHERE org_id = $1 ORDER BY 1 LIMIT ${limit}`, [orgId]);
  for (const m of missing) out.push({ table: 'early_adjusted_invoices', key: { invoice_id: m.invoice_id }, stored: null, computed: { listed: true } });
  return out;
}

/**
 * Recomputes one org's stored totals from its invoices, adjustments, payments, allocations, cases, messages and actions
 * in one transaction. Writes to them wait while it runs (a SHARE ROW EXCLUSIVE lock), so no change slips between the count and the write.
 */
export async function rebuildLedgerTotals(db: Db, orgId: string): Promise<{ fixed: number }> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE invoices, adjustments, payments, allocations, cases, messages, actions IN SHARE ROW EXCLUSIVE MODE');
    const before = await checkLedgerTotals(tx, orgId, 1_000_000);
    for (const t of TABLES) {
      await tx.query(`DELETE FROM ${t.table} WHERE org_id = $1`, [orgId]);
      const cols = [...t.key, ...t.values].join(', ');
      await tx.query(`INSERT INTO ${t.table} (org_id, ${cols}) SELECT $1, ${cols} FROM (${t.fresh}) f`, [orgId]);
    }
    await tx.query(`INSERT INTO early_adjusted_invoices (org_id, invoice_id) SELECT $1, invoice_id FROM (${EARLY}) e ON CONFLICT DO NOTHING`, [orgId]);
    return { fixed: before.length };
  });
}
