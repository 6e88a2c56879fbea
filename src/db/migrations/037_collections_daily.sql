-- Daily totals of collections, kept by triggers in the same transaction as every write to payments, allocations and
-- invoices (as 028 keeps the open totals), so the dashboard, the KPIs and the forecast read a row a day instead of a row
-- a payment. `cobro totals check|repair` compares them with a count from scratch and rebuilds them.

-- Payments received per currency and day, reversed or not: amount and count (collected this week and month, received
-- by day).
CREATE TABLE payments_daily (
  org_id text NOT NULL,
  currency text NOT NULL,
  date date NOT NULL,
  reversed boolean NOT NULL,
  amount bigint NOT NULL,
  payments integer NOT NULL,
  PRIMARY KEY (org_id, currency, date, reversed)
);

-- Applies the payments a statement wrote as signed rows (as they now are +1, as they were -1); keys taken in order so two
-- writers lock shared rows in the same order; groups that net to nothing write nothing; rows left with no payment go.
CREATE FUNCTION payments_daily_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT org_id, currency, date, reversed_at IS NOT NULL AS reversed, amount, 1 AS sign FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT org_id, currency, date, reversed_at IS NOT NULL AS reversed, amount, -1 AS sign FROM old_rows';
  ELSE
    src := 'SELECT org_id, currency, date, reversed_at IS NOT NULL AS reversed, amount, 1 AS sign FROM new_rows
      UNION ALL SELECT org_id, currency, date, reversed_at IS NOT NULL, amount, -1 FROM old_rows';
  END IF;
  EXECUTE format($q$
    INSERT INTO payments_daily AS t (org_id, currency, date, reversed, amount, payments)
    SELECT org_id, currency, date, reversed, sum(sign * amount), sum(sign) FROM (%s) d
    GROUP BY org_id, currency, date, reversed
    HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
    ORDER BY org_id, currency, date, reversed
    ON CONFLICT (org_id, currency, date, reversed) DO UPDATE SET amount = t.amount + EXCLUDED.amount, payments = t.payments + EXCLUDED.payments$q$, src);
  -- a second statement: the upsert's rows are not visible inside the first
  EXECUTE format($q$
    DELETE FROM payments_daily t USING (SELECT DISTINCT org_id, currency, date, reversed FROM (%s) d) k
    WHERE t.payments = 0 AND t.org_id = k.org_id AND t.currency = k.currency AND t.date = k.date AND t.reversed = k.reversed$q$, src);
  RETURN NULL;
END $$;

CREATE TRIGGER payments_daily_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_daily_track();
CREATE TRIGGER payments_daily_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_daily_track();
CREATE TRIGGER payments_daily_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_daily_track();

-- Allocations per payment date and the currency of the invoice paid, reversed or not, to invoices not cancelled (the
-- KPIs' collected flow, which undoes a reversal on its own day from the allocations themselves). issued_on is the later
-- of the invoice's issue date and the payment's date: the payment's date but for an invoice paid before it was issued,
-- so a read up to a day keeps exactly the allocations to invoices issued by then.
CREATE TABLE collected_daily (
  org_id text NOT NULL,
  currency text NOT NULL,
  date date NOT NULL,
  issued_on date NOT NULL,
  amount bigint NOT NULL,
  allocations integer NOT NULL,
  PRIMARY KEY (org_id, currency, date, issued_on)
);

-- The two statements that apply signed allocation rows (org_id, currency, date, issued_on, amount, sign), selected by
-- `src`, to the totals; the trigger function builds `src` on its transition tables (only it can read them) and runs them.
CREATE FUNCTION collected_daily_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO collected_daily AS t (org_id, currency, date, issued_on, amount, allocations)
    SELECT org_id, currency, date, issued_on, sum(sign * amount), sum(sign) FROM (%s) d
    GROUP BY org_id, currency, date, issued_on
    HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
    ORDER BY org_id, currency, date, issued_on
    ON CONFLICT (org_id, currency, date, issued_on) DO UPDATE SET amount = t.amount + EXCLUDED.amount, allocations = t.allocations + EXCLUDED.allocations$q$, src),
  format($q$
    DELETE FROM collected_daily t USING (SELECT DISTINCT org_id, currency, date, issued_on FROM (%s) d) k
    WHERE t.allocations = 0 AND t.org_id = k.org_id AND t.currency = k.currency AND t.date = k.date AND t.issued_on = k.issued_on$q$, src)]
$$;

-- An allocation's row: its org, the invoice's currency, the payment's date, issued_on, amount (NOT cancelled invoices only).
CREATE FUNCTION collected_daily_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT l.org_id, i.currency, p.date, GREATEST(i.issue_date, p.date) AS issued_on, l.amount, %s AS sign
    FROM %s l JOIN payments p ON p.id = l.payment_id JOIN invoices i ON i.id = l.invoice_id WHERE NOT i.cancelled';
  src text;
  stmt text;
BEGIN
  IF TG_TABLE_NAME = 'allocations' THEN
    IF TG_OP = 'INSERT' THEN src := format(part, '1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN src := format(part, '-1', 'old_rows');
    ELSE src := format(part, '1', 'new_rows') || ' UNION ALL ' || format(part, '-1', 'old_rows');
    END IF;
  ELSIF TG_TABLE_NAME = 'invoices' THEN
    -- an invoice's currency, issue date or cancellation changed: its allocations as they count now and as they counted
    src := 'WITH ch AS (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.currency, n.issue_date, n.cancelled) IS DISTINCT FROM (o.currency, o.issue_date, o.cancelled))
      SELECT l.org_id, n.currency, p.date, GREATEST(n.issue_date, p.date) AS issued_on, l.amount, 1 AS sign
        FROM ch JOIN new_rows n ON n.id = ch.id JOIN allocations l ON l.invoice_id = n.id JOIN payments p ON p.id = l.payment_id WHERE NOT n.cancelled
      UNION ALL SELECT l.org_id, o.currency, p.date, GREATEST(o.issue_date, p.date), l.amount, -1
        FROM ch JOIN old_rows o ON o.id = ch.id JOIN allocations l ON l.invoice_id = o.id JOIN payments p ON p.id = l.payment_id WHERE NOT o.cancelled';
  ELSE
    -- a payment's date changed: its allocations on the new day and off the old one
    src := 'SELECT l.org_id, i.currency, n.date, GREATEST(i.issue_date, n.date) AS issued_on, l.amount, 1 AS sign
           FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.date IS DISTINCT FROM n.date JOIN allocations l ON l.payment_id = n.id
           JOIN invoices i ON i.id = l.invoice_id WHERE NOT i.cancelled
         UNION ALL SELECT l.org_id, i.currency, o.date, GREATEST(i.issue_date, o.date), l.amount, -1
           FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.date IS DISTINCT FROM n.date JOIN allocations l ON l.payment_id = n.id
           JOIN invoices i ON i.id = l.invoice_id WHERE NOT i.cancelled';
  END IF;
  FOREACH stmt IN ARRAY collected_daily_sql(src) LOOP EXECUTE stmt; END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER allocations_collected_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION collected_daily_track();
CREATE TRIGGER allocations_collected_update AFTER UPDATE ON allocations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION collected_daily_track();
CREATE TRIGGER allocations_collected_delete AFTER DELETE ON allocations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION collected_daily_track();
-- an invoice's currency, issue date or cancellation, a payment's date: their allocations move
CREATE TRIGGER invoices_collected_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION collected_daily_track();
CREATE TRIGGER payments_collected_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION collected_daily_track();

-- what is already in the ledger
INSERT INTO collected_daily (org_id, currency, date, issued_on, amount, allocations)
  SELECT l.org_id, i.currency, p.date, GREATEST(i.issue_date, p.date), sum(l.amount), count(*)
  FROM allocations l JOIN payments p ON p.id = l.payment_id JOIN invoices i ON i.id = l.invoice_id WHERE NOT i.cancelled GROUP BY 1, 2, 3, 4;
INSERT INTO payments_daily (org_id, currency, date, reversed, amount, payments)
  SELECT org_id, currency, date, reversed_at IS NOT NULL, sum(amount), count(*) FROM payments GROUP BY 1, 2, 3, 4;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE payments_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON payments_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE collected_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON collected_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
