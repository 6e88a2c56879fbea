// Many messages due at once, written in bulk SQL as the engine leaves them: debtors in Mexico City, one overdue invoice
// each, one planned action each (email or SMS) for the given day. For the dispatcher's crash test and its bench.
import type { Queryable } from '../../src/db/index.ts';

export interface DueMessages {
  /** Debtors numbered from `from` (so several calls do not collide). */
  from: number;
  count: number;
  channel: 'email' | 'sms';
  /** The day the actions are planned for, in the debtor's calendar. */
  day: string;
  at: Date;
}

export async function seedDueMessages(q: Queryable, org: string, o: DueMessages): Promise<void> {
  const range = [org, o.from, o.from + o.count - 1];
  await q.query(`INSERT INTO customers (id, org_id, external_id, name, email, phone, country, timezone, language)
    SELECT 'cus_d' || g, $1, 'D' || g, 'Cliente ' || g, 'd' || g || '@example.mx', '+5255' || lpad(g::text, 8, '0'), 'MX', 'America/Mexico_City', 'es'
    FROM generate_series($2::int, $3::int) g`, range);
  await q.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
    SELECT 'inv_d' || g, $1, 'cus_d' || g, 'D-' || g, 'MXN', 150000 + g % 5000, 150000 + g % 5000, '2026-01-01', '2026-02-01'
    FROM generate_series($2::int, $3::int) g`, range);
  const template = o.channel === 'email' ? 'overdue-formal' : 'overdue-nudge';
  await q.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
      template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
    SELECT 'act_d' || g, $1, 'case_d' || g, 'cus_d' || g, 'case_d' || g || '/smb-default@1/after-3/c1', 'smb-default', 1, 'after-3', 1, 'send',
      ARRAY[$4::text], $5, 'formal', $6::date, 'planned', 'after-3: 3 days late', ARRAY['inv_d' || g], $7::timestamptz, $7::timestamptz
    FROM generate_series($2::int, $3::int) g`, [...range, o.channel, template, o.day, o.at]);
}
