-- Overdue by day, kept by triggers in the same transaction as every write to invoices, adjustments, allocations and
-- payments (as 028 and 037 keep their totals), so the dashboard's overdue trend reads a row per due date and day instead
-- of every invoice changed in its weeks. `cobro totals check|repair` compares them with a count from scratch and rebuilds them.
--
-- An invoice's balance at the end of a day is the sum of its events up to it (the aging report's rule): its amount on its
-- issue date, adjustments on their date, allocations on their payment's date, and a reversal of either undoing it on the
-- day of its reversal (UTC, never before its own date); an event dated before the invoice's issue date counts from it.
-- Cancelled invoices owe nothing. What the trend adds up is the balance floored at zero, and whether it is above zero:
-- each invoice's floored balance is kept as its steps (the days it changes, by how much), and their sums per currency,
-- due date and day in balance_daily. Overdue at the end of day D = the sum of the steps dated D or before of the invoices
-- due before D; a payment booked with an earlier date rewrites the invoice's steps from that day on.
CREATE TABLE invoice_balance_steps (
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  date date NOT NULL,
  currency text NOT NULL,
  due_date date NOT NULL,
  -- the change on this day of max(balance, 0), and of 1 when the balance is above zero (0 otherwise)
  amount bigint NOT NULL,
  invoices integer NOT NULL,
  PRIMARY KEY (invoice_id, date)
);

CREATE TABLE balance_daily (
  org_id text NOT NULL,
  currency text NOT NULL,
  due_date date NOT NULL,
  date date NOT NULL,
  amount bigint NOT NULL,
  invoices integer NOT NULL,
  PRIMARY KEY (org_id, currency, due_date, date)
);

-- The steps of the invoices `ids` (every invoice of `org` when ids is null) computed from the ledger's rows.
CREATE FUNCTION balance_steps_sql(ids_null boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH inv AS (
      SELECT i.id, i.org_id, i.currency, i.due_date, i.issue_date, i.amount FROM invoices i %s WHERE NOT i.cancelled AND %s),
    ev AS (
      SELECT id AS invoice_id, issue_date AS d, amount AS amt FROM inv
      UNION ALL
      SELECT a.invoice_id, GREATEST(a.date, inv.issue_date), a.amount FROM inv JOIN adjustments a ON a.invoice_id = inv.id
      UNION ALL
      SELECT a.invoice_id, GREATEST(a.date, (a.reversed_at AT TIME ZONE 'UTC')::date, inv.issue_date), -a.amount
      FROM inv JOIN adjustments a ON a.invoice_id = inv.id WHERE a.reversed_at IS NOT NULL
      UNION ALL
      SELECT l.invoice_id, GREATEST(p.date, inv.issue_date), -l.amount FROM inv JOIN allocations l ON l.invoice_id = inv.id JOIN payments p ON p.id = l.payment_id
      UNION ALL
      SELECT l.invoice_id, GREATEST(p.date, (l.reversed_at AT TIME ZONE 'UTC')::date, inv.issue_date), l.amount
      FROM inv JOIN allocations l ON l.invoice_id = inv.id JOIN payments p ON p.id = l.payment_id WHERE l.reversed_at IS NOT NULL),
    day AS (SELECT invoice_id, d, sum(amt) AS amt FROM ev GROUP BY invoice_id, d),
    run AS (SELECT invoice_id, d, sum(amt) OVER w AS b FROM day WINDOW w AS (PARTITION BY invoice_id ORDER BY d)),
    kept AS (SELECT invoice_id, d, GREATEST(b, 0) AS f, CASE WHEN b > 0 THEN 1 ELSE 0 END AS pos FROM run),
    steps AS (
      SELECT invoice_id, d, f - COALESCE(lag(f) OVER w, 0) AS amount, pos - COALESCE(lag(pos) OVER w, 0) AS invoices
      FROM kept WINDOW w AS (PARTITION BY invoice_id ORDER BY d))
    SELECT inv.org_id, s.invoice_id, s.d AS date, inv.currency, inv.due_date, s.amount::bigint AS amount, s.invoices::int AS invoices
    FROM steps s JOIN inv ON inv.id = s.invoice_id WHERE s.amount <> 0 OR s.invoices <> 0$q$,
    CASE WHEN ids_null THEN '' ELSE 'JOIN unnest($1::text[]) k(id) ON i.id = k.id' END,
    CASE WHEN ids_null THEN 'i.org_id = $1' ELSE 'true' END)
$$;

-- The steps of every invoice of an org from the ledger's rows (`cobro totals check|repair` compares and rebuilds with it).
CREATE FUNCTION balance_steps_of(org text)
  RETURNS TABLE (org_id text, invoice_id text, date date, currency text, due_date date, amount bigint, invoices integer)
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE balance_steps_sql(true) USING org;
END $$;

-- Adds signed step rows (org_id, currency, due_date, date, amount, invoices, selected by `src` after `with`, which may
-- write) to balance_daily, keys in order so two writers lock shared rows in the same order. A row moved back to nothing
-- stays (it adds nothing; `cobro totals repair` drops it).
CREATE FUNCTION balance_daily_sql(with_clause text, src text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$%s
    INSERT INTO balance_daily AS t (org_id, currency, due_date, date, amount, invoices)
    SELECT org_id, currency, due_date, date, sum(amount), sum(invoices) FROM (%s) d
    GROUP BY org_id, currency, due_date, date
    HAVING sum(amount) <> 0 OR sum(invoices) <> 0
    ORDER BY org_id, currency, due_date, date
    ON CONFLICT (org_id, currency, due_date, date) DO UPDATE SET amount = t.amount + EXCLUDED.amount, invoices = t.invoices + EXCLUDED.invoices$q$,
    with_clause, src)
$$;

-- Rewrites the steps of the invoices `ids` from the ledger and moves balance_daily by the difference: the old steps
-- come off as they are deleted, the new ones go on as they are written (two statements: a key may be in both). The
-- delete probes the key with the array (joined to unnest(ids) it was planned as a merge over every step).
CREATE FUNCTION balance_steps_refresh(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  EXECUTE balance_daily_sql(
    'WITH gone AS (DELETE FROM invoice_balance_steps s WHERE s.invoice_id = ANY ($1::text[])
       RETURNING s.org_id, s.currency, s.due_date, s.date, s.amount, s.invoices)',
    'SELECT org_id, currency, due_date, date, -amount AS amount, -invoices AS invoices FROM gone') USING ids;
  EXECUTE balance_daily_sql(
    'WITH ins AS (INSERT INTO invoice_balance_steps (org_id, invoice_id, date, currency, due_date, amount, invoices) '
      || balance_steps_sql(false) || ' RETURNING org_id, currency, due_date, date, amount, invoices)',
    'SELECT * FROM ins') USING ids;
END $$;

-- Which invoices a statement may have changed the steps of, from its transition tables.
CREATE FUNCTION balance_steps_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_TABLE_NAME = 'invoices' THEN
    IF TG_OP = 'INSERT' THEN
      -- a new invoice has no other event yet: one step, its amount on its issue date
      INSERT INTO invoice_balance_steps (org_id, invoice_id, date, currency, due_date, amount, invoices)
        SELECT org_id, id, issue_date, currency, due_date, amount, 1 FROM new_rows WHERE NOT cancelled AND amount > 0;
      EXECUTE balance_daily_sql('', 'SELECT org_id, currency, due_date, issue_date AS date, amount, 1 AS invoices FROM new_rows WHERE NOT cancelled AND amount > 0');
      RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(id) INTO ids FROM old_rows;
    ELSE
      SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.org_id, n.currency, n.amount, n.issue_date, n.due_date, n.cancelled) IS DISTINCT FROM (o.org_id, o.currency, o.amount, o.issue_date, o.due_date, o.cancelled);
    END IF;
  ELSIF TG_TABLE_NAME = 'payments' THEN
    -- a payment's date changed: the invoices it was allocated to
    SELECT array_agg(DISTINCT l.invoice_id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.date IS DISTINCT FROM n.date
      JOIN allocations l ON l.payment_id = n.id;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT invoice_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT invoice_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT invoice_id) INTO ids FROM (SELECT invoice_id FROM new_rows UNION SELECT invoice_id FROM old_rows) x;
  END IF;
  PERFORM balance_steps_refresh(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER invoices_steps_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER invoices_steps_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER invoices_steps_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER adjustments_steps_insert AFTER INSERT ON adjustments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER adjustments_steps_update AFTER UPDATE ON adjustments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER adjustments_steps_delete AFTER DELETE ON adjustments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER allocations_steps_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER allocations_steps_update AFTER UPDATE ON allocations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER allocations_steps_delete AFTER DELETE ON allocations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();
CREATE TRIGGER payments_steps_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_steps_track();

-- what is already in the ledger, org by org
DO $$ DECLARE o text; BEGIN
  FOR o IN SELECT DISTINCT org_id FROM invoices LOOP
    INSERT INTO invoice_balance_steps (org_id, invoice_id, date, currency, due_date, amount, invoices) SELECT * FROM balance_steps_of(o);
  END LOOP;
END $$;
INSERT INTO balance_daily (org_id, currency, due_date, date, amount, invoices)
  SELECT org_id, currency, due_date, date, sum(amount), sum(invoices) FROM invoice_balance_steps GROUP BY 1, 2, 3, 4
  HAVING sum(amount) <> 0 OR sum(invoices) <> 0;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE invoice_balance_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON invoice_balance_steps USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE balance_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON balance_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
