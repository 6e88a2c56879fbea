// The score bench's portfolio, made in SQL: customers, settled invoices with their payments, and open invoices (also the dashboard bench's).
import type { Db } from '../src/db/index.ts';

/** Customers, settled history (invoice, payment, allocation each) and open invoices, made in SQL. */
export async function seedScorePortfolio(db: Db, org: string, { customers, history, open }: { customers: number; history: number; open: number }): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, country)
    SELECT 'cus_' || g, $1, 'C' || g, 'Customer ' || g, (ARRAY['US', 'MX', 'ES', 'BR'])[1 + g % 4] FROM generate_series(1, $2::int) g`, [org, customers]);
  // a customer's habit: c % 7 sets how many days after the due date it pays (-10 .. +20), n % 3 adds noise
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, status, metadata)
    SELECT 'inv_h' || n, $1, 'cus_' || (n % $3 + 1), 'H' || n, 'USD', 5000 + n % 20000, 0, date '2025-03-01' + n % 300, date '2025-03-31' + n % 300, 'paid',
      jsonb_build_object('paperless', CASE WHEN n % 3 = 0 THEN 'true' ELSE 'false' END)
    FROM generate_series(1, $2::int) n`, [org, history, customers]);
  await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date)
    SELECT 'pay_h' || n, $1, 'cus_' || (n % $3 + 1), 'P' || n, 5000 + n % 20000, 'USD', date '2025-03-31' + n % 300 + ((n % $3 + 1) % 7) * 5 - 10 + n % 3
    FROM generate_series(1, $2::int) n`, [org, history, customers]);
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
    SELECT 'alc_h' || n, $1, 'pay_h' || n, 'inv_h' || n, 5000 + n % 20000 FROM generate_series(1, $2::int) n`, [org, history]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, metadata)
    SELECT 'inv_o' || n, $1, 'cus_' || (n % $3 + 1), 'O' || n, 'USD', 5000 + n % 20000, 5000 + n % 20000, date '2026-01-20' + n % 54, date '2026-02-19' + n % 54,
      jsonb_build_object('paperless', CASE WHEN n % 3 = 0 THEN 'true' ELSE 'false' END)
    FROM generate_series(1, $2::int) n`, [org, open, customers]);
  await db.exec('ANALYZE customers; ANALYZE invoices; ANALYZE payments; ANALYZE allocations');
}

