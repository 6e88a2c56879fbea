-- Stored totals behind the dashboard's strategy performance, kept by triggers in the same transaction as every write
-- (as 028 and 037 keep theirs), so it reads a row per version and status instead of every case, and a row per customer
-- and day instead of every payment, allocation and case lookup. `cobro totals check|repair` compares them with a count
-- from scratch and rebuilds them.

-- Cases per strategy version and status (cases on no strategy, or no version, are not counted).
CREATE TABLE strategy_cases (
  org_id text NOT NULL,
  strategy_id text NOT NULL,
  strategy_version integer NOT NULL,
  status text NOT NULL,
  cases integer NOT NULL,
  PRIMARY KEY (org_id, strategy_id, strategy_version, status)
);

-- Applies the cases a statement wrote as signed rows (as they now are +1, as they were -1): an update that moves no case
-- between versions or statuses nets to nothing and writes nothing (the engine's many updates of a case's next action);
-- keys taken in order so two writers lock shared rows in the same order; rows left with no case go.
CREATE FUNCTION strategy_cases_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT org_id, strategy_id, strategy_version, status, %s AS sign FROM %s
    WHERE strategy_id IS NOT NULL AND strategy_version IS NOT NULL';
  src text;
BEGIN
  IF TG_OP = 'INSERT' THEN src := format(part, '1', 'new_rows');
  ELSIF TG_OP = 'DELETE' THEN src := format(part, '-1', 'old_rows');
  ELSE src := format(part, '1', 'new_rows') || ' UNION ALL ' || format(part, '-1', 'old_rows');
  END IF;
  EXECUTE format($q$
    INSERT INTO strategy_cases AS t (org_id, strategy_id, strategy_version, status, cases)
    SELECT org_id, strategy_id, strategy_version, status, sum(sign) FROM (%s) d
    GROUP BY org_id, strategy_id, strategy_version, status
    HAVING sum(sign) <> 0
    ORDER BY org_id, strategy_id, strategy_version, status
    ON CONFLICT (org_id, strategy_id, strategy_version, status) DO UPDATE SET cases = t.cases + EXCLUDED.cases$q$, src);
  -- a second statement: the upsert's rows are not visible inside the first
  EXECUTE format($q$
    DELETE FROM strategy_cases t USING (SELECT DISTINCT org_id, strategy_id, strategy_version, status FROM (%s) d) k
    WHERE t.cases = 0 AND t.org_id = k.org_id AND t.strategy_id = k.strategy_id AND t.strategy_version = k.strategy_version
      AND t.status = k.status$q$, src);
  RETURN NULL;
END $$;

CREATE TRIGGER cases_strategy_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_cases_track();
CREATE TRIGGER cases_strategy_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_cases_track();
CREATE TRIGGER cases_strategy_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_cases_track();

-- What each customer paid per currency and payment date: the live allocations (not reversed) of their live payments
-- (not reversed), with their count. The dashboard credits them to the version the customer's case is on when it reads,
-- so a case moved to another version takes its customer's payments with it and nothing here changes.
CREATE TABLE customer_collected_daily (
  org_id text NOT NULL,
  date date NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  amount bigint NOT NULL,
  allocations integer NOT NULL,
  PRIMARY KEY (org_id, date, customer_id, currency)
);

-- Applies signed allocation rows (org_id, customer_id, currency, date, amount, sign) selected by `src`.
CREATE FUNCTION customer_collected_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO customer_collected_daily AS t (org_id, date, customer_id, currency, amount, allocations)
    SELECT org_id, date, customer_id, currency, sum(sign * amount), sum(sign) FROM (%s) d
    GROUP BY org_id, date, customer_id, currency
    HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
    ORDER BY org_id, date, customer_id, currency
    ON CONFLICT (org_id, date, customer_id, currency) DO UPDATE SET amount = t.amount + EXCLUDED.amount, allocations = t.allocations + EXCLUDED.allocations$q$, src),
  format($q$
    DELETE FROM customer_collected_daily t USING (SELECT DISTINCT org_id, date, customer_id, currency FROM (%s) d) k
    WHERE t.allocations = 0 AND t.org_id = k.org_id AND t.date = k.date AND t.customer_id = k.customer_id AND t.currency = k.currency$q$, src)]
$$;

-- An allocation counts while it and its payment are both not reversed, on the payment's customer, currency and date.
-- Allocations written: the payment as it is now. A payment's customer, currency, date, org or reversal changed: its
-- allocations as they are now, off the payment as it was and onto it as it is. A payment deleted: its allocations still
-- there come off (allocations must go before their payment, so there are none in practice).
CREATE FUNCTION customer_collected_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT p.org_id, p.customer_id, p.currency, p.date, l.amount, %s AS sign
    FROM %s l JOIN payments p ON p.id = l.payment_id WHERE l.reversed_at IS NULL AND p.reversed_at IS NULL';
  moved constant text := 'SELECT %1$s.org_id, %1$s.customer_id, %1$s.currency, %1$s.date, l.amount, %2$s AS sign
    FROM new_rows n JOIN old_rows o ON o.id = n.id
      AND (n.org_id, n.customer_id, n.currency, n.date, n.reversed_at IS NULL) IS DISTINCT FROM (o.org_id, o.customer_id, o.currency, o.date, o.reversed_at IS NULL)
    JOIN allocations l ON l.payment_id = n.id WHERE l.reversed_at IS NULL AND %1$s.reversed_at IS NULL';
  src text;
  stmt text;
BEGIN
  IF TG_TABLE_NAME = 'allocations' THEN
    IF TG_OP = 'INSERT' THEN src := format(part, '1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN src := format(part, '-1', 'old_rows');
    ELSE src := format(part, '1', 'new_rows') || ' UNION ALL ' || format(part, '-1', 'old_rows');
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT o.org_id, o.customer_id, o.currency, o.date, l.amount, -1 AS sign
      FROM old_rows o JOIN allocations l ON l.payment_id = o.id WHERE l.reversed_at IS NULL AND o.reversed_at IS NULL';
  ELSE
    src := format(moved, 'n', '1') || ' UNION ALL ' || format(moved, 'o', '-1');
  END IF;
  FOREACH stmt IN ARRAY customer_collected_sql(src) LOOP EXECUTE stmt; END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER allocations_customer_collected_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_collected_track();
CREATE TRIGGER allocations_customer_collected_update AFTER UPDATE ON allocations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_collected_track();
CREATE TRIGGER allocations_customer_collected_delete AFTER DELETE ON allocations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_collected_track();
CREATE TRIGGER payments_customer_collected_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_collected_track();
CREATE TRIGGER payments_customer_collected_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_collected_track();

-- what is already there
INSERT INTO strategy_cases (org_id, strategy_id, strategy_version, status, cases)
  SELECT org_id, strategy_id, strategy_version, status, count(*) FROM cases
  WHERE strategy_id IS NOT NULL AND strategy_version IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO customer_collected_daily (org_id, date, customer_id, currency, amount, allocations)
  SELECT p.org_id, p.date, p.customer_id, p.currency, sum(l.amount), count(*)
  FROM payments p JOIN allocations l ON l.payment_id = p.id WHERE l.reversed_at IS NULL AND p.reversed_at IS NULL GROUP BY 1, 2, 3, 4;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE strategy_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON strategy_cases USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE customer_collected_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON customer_collected_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
