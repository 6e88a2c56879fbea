-- Running totals of the ledger kept by triggers in the same transaction as every write to invoices and adjustments, so
-- the dashboard, aging, KPIs and forecast read thousands of grouped rows instead of millions of invoices.
-- Open balances (balance above zero) per currency, issue date, due date, status and cancelled flag: sum, sum of squares
-- (the forecast's variance) and count.
CREATE TABLE receivable_totals (
  org_id text NOT NULL,
  currency text NOT NULL,
  issue_date date NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL,
  cancelled boolean NOT NULL,
  balance bigint NOT NULL,
  balance_sq numeric NOT NULL,
  invoices integer NOT NULL,
  PRIMARY KEY (org_id, currency, issue_date, due_date, status, cancelled)
);

-- Open balances (above zero, not cancelled) per customer and currency: the aging report's largest debtors.
CREATE TABLE customer_receivables (
  org_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  balance bigint NOT NULL,
  invoices integer NOT NULL,
  PRIMARY KEY (org_id, customer_id, currency)
);
CREATE INDEX customer_receivables_largest ON customer_receivables (org_id, balance DESC, customer_id);

-- Everything invoiced per currency and issue date (settled or not): the sales side of DSO.
CREATE TABLE invoiced_daily (
  org_id text NOT NULL,
  currency text NOT NULL,
  issue_date date NOT NULL,
  cancelled boolean NOT NULL,
  amount bigint NOT NULL,
  invoices integer NOT NULL,
  PRIMARY KEY (org_id, currency, issue_date, cancelled)
);

-- Invoices with an adjustment dated before their issue date: the one case where a balance exists before the invoice
-- does, so the KPI reads recompute them one by one. Only ever grows; holding one too many costs a little time, not truth.
CREATE TABLE early_adjusted_invoices (
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  PRIMARY KEY (org_id, invoice_id)
);

-- Applies the invoices a statement wrote as signed rows (as they now are +1, as they were -1) to the totals. Keys are
-- taken in order, so two writers lock shared total rows in the same order; groups that net to nothing write nothing;
-- rows left with no invoice are removed.
CREATE FUNCTION receivables_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'org_id, customer_id, currency, issue_date, due_date, status, cancelled, amount, balance';
  src text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := format('SELECT %s, 1 AS sign FROM new_rows', cols);
  ELSIF TG_OP = 'DELETE' THEN
    src := format('SELECT %s, -1 AS sign FROM old_rows', cols);
  ELSE
    src := format('SELECT %s, 1 AS sign FROM new_rows UNION ALL SELECT %s, -1 AS sign FROM old_rows', cols, cols);
    -- an adjustment dated before the invoice's new issue date makes it an early-adjusted invoice
    INSERT INTO early_adjusted_invoices (org_id, invoice_id)
      SELECT DISTINCT n.org_id, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN adjustments a ON a.invoice_id = n.id
      WHERE n.issue_date IS DISTINCT FROM o.issue_date AND a.date < n.issue_date
      ON CONFLICT DO NOTHING;
  END IF;
  EXECUTE format($q$
    WITH d AS (%s),
    totals AS (
      INSERT INTO receivable_totals AS t (org_id, currency, issue_date, due_date, status, cancelled, balance, balance_sq, invoices)
      SELECT org_id, currency, issue_date, due_date, status, cancelled, sum(sign * balance), sum(sign * balance::numeric * balance), sum(sign)
      FROM d WHERE balance > 0
      GROUP BY org_id, currency, issue_date, due_date, status, cancelled
      HAVING sum(sign) <> 0 OR sum(sign * balance) <> 0 OR sum(sign * balance::numeric * balance) <> 0
      ORDER BY org_id, currency, issue_date, due_date, status, cancelled
      ON CONFLICT (org_id, currency, issue_date, due_date, status, cancelled) DO UPDATE
        SET balance = t.balance + EXCLUDED.balance, balance_sq = t.balance_sq + EXCLUDED.balance_sq, invoices = t.invoices + EXCLUDED.invoices
      RETURNING 1),
    customers AS (
      INSERT INTO customer_receivables AS t (org_id, customer_id, currency, balance, invoices)
      SELECT org_id, customer_id, currency, sum(sign * balance), sum(sign)
      FROM d WHERE balance > 0 AND NOT cancelled
      GROUP BY org_id, customer_id, currency
      HAVING sum(sign) <> 0 OR sum(sign * balance) <> 0
      ORDER BY org_id, customer_id, currency
      ON CONFLICT (org_id, customer_id, currency) DO UPDATE SET balance = t.balance + EXCLUDED.balance, invoices = t.invoices + EXCLUDED.invoices
      RETURNING 1),
    invoiced AS (
      INSERT INTO invoiced_daily AS t (org_id, currency, issue_date, cancelled, amount, invoices)
      SELECT org_id, currency, issue_date, cancelled, sum(sign * amount), sum(sign)
      FROM d
      GROUP BY org_id, currency, issue_date, cancelled
      HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
      ORDER BY org_id, currency, issue_date, cancelled
      ON CONFLICT (org_id, currency, issue_date, cancelled) DO UPDATE SET amount = t.amount + EXCLUDED.amount, invoices = t.invoices + EXCLUDED.invoices
      RETURNING 1)
    SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM customers) + (SELECT count(*) FROM invoiced)$q$, src);
  -- a second statement: the first one's upserts are not visible inside it
  EXECUTE format($q$
    WITH d AS (%s),
    totals AS (
      DELETE FROM receivable_totals t USING (SELECT DISTINCT org_id, currency, issue_date, due_date, status, cancelled FROM d WHERE balance > 0) k
      WHERE t.invoices = 0 AND t.org_id = k.org_id AND t.currency = k.currency AND t.issue_date = k.issue_date AND t.due_date = k.due_date
        AND t.status = k.status AND t.cancelled = k.cancelled),
    customers AS (
      DELETE FROM customer_receivables t USING (SELECT DISTINCT org_id, customer_id, currency FROM d WHERE balance > 0 AND NOT cancelled) k
      WHERE t.invoices = 0 AND t.org_id = k.org_id AND t.customer_id = k.customer_id AND t.currency = k.currency)
    DELETE FROM invoiced_daily t USING (SELECT DISTINCT org_id, currency, issue_date, cancelled FROM d) k
    WHERE t.invoices = 0 AND t.org_id = k.org_id AND t.currency = k.currency AND t.issue_date = k.issue_date AND t.cancelled = k.cancelled$q$, src);
  RETURN NULL;
END $$;

CREATE TRIGGER invoices_totals_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivables_track();
CREATE TRIGGER invoices_totals_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivables_track();
CREATE TRIGGER invoices_totals_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivables_track();

CREATE FUNCTION early_adjustments_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO early_adjusted_invoices (org_id, invoice_id)
    SELECT DISTINCT i.org_id, i.id FROM new_rows a JOIN invoices i ON i.id = a.invoice_id WHERE a.date < i.issue_date
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER adjustments_early_insert AFTER INSERT ON adjustments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION early_adjustments_track();
CREATE TRIGGER adjustments_early_update AFTER UPDATE ON adjustments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION early_adjustments_track();

-- what is already in the ledger
INSERT INTO receivable_totals (org_id, currency, issue_date, due_date, status, cancelled, balance, balance_sq, invoices)
  SELECT org_id, currency, issue_date, due_date, status, cancelled, sum(balance), sum(balance::numeric * balance), count(*)
  FROM invoices WHERE balance > 0 GROUP BY org_id, currency, issue_date, due_date, status, cancelled;
INSERT INTO customer_receivables (org_id, customer_id, currency, balance, invoices)
  SELECT org_id, customer_id, currency, sum(balance), count(*) FROM invoices WHERE balance > 0 AND NOT cancelled
  GROUP BY org_id, customer_id, currency;
INSERT INTO invoiced_daily (org_id, currency, issue_date, cancelled, amount, invoices)
  SELECT org_id, currency, issue_date, cancelled, sum(amount), count(*) FROM invoices GROUP BY org_id, currency, issue_date, cancelled;
INSERT INTO early_adjusted_invoices (org_id, invoice_id)
  SELECT DISTINCT i.org_id, i.id FROM adjustments a JOIN invoices i ON i.id = a.invoice_id WHERE a.date < i.issue_date;

-- the reads that find what changed after a day: invoices issued after it, adjustments reversed after it
CREATE INDEX invoices_org_issue ON invoices (org_id, issue_date);
CREATE INDEX adjustments_reversed ON adjustments (org_id, reversed_at) WHERE reversed_at IS NOT NULL;
