-- Strategy performance credits money to the strategy version the customer's case was on when the money was allocated,
-- not the one it is on when the dashboard reads: moving cases to another version (a challenger, an edited strategy)
-- leaves what they paid before with the version that was running. Each allocation holds that version, stamped when it is
-- written (from its payment's customer's case, as 045 read it); stored totals per org, payment date, version and currency
-- replace 045's per customer, kept by triggers in the same transaction as every write, so the dashboard reads a row per
-- version and day; a reversal takes back from the version the allocation holds. `cobro totals check|repair` counts them
-- from scratch from the allocations' versions.

ALTER TABLE allocations ADD COLUMN strategy_id text, ADD COLUMN strategy_version integer;

-- 045's totals per customer, credited at read time, go
DROP TRIGGER allocations_customer_collected_insert ON allocations;
DROP TRIGGER allocations_customer_collected_update ON allocations;
DROP TRIGGER allocations_customer_collected_delete ON allocations;
DROP TRIGGER payments_customer_collected_update ON payments;
DROP TRIGGER payments_customer_collected_delete ON payments;
DROP FUNCTION customer_collected_track();
DROP FUNCTION customer_collected_sql(text);
DROP TABLE customer_collected_daily;

-- Allocations already there take the version their payment's customer's case is on now: what the dashboard credited
-- them to until now, so its figures do not change with this migration. The columns are nobody else's business: the
-- other triggers on allocations (037, 042) would only recount every allocation to the same totals, so they are off for it.
ALTER TABLE allocations DISABLE TRIGGER USER;
UPDATE allocations l SET strategy_id = c.strategy_id, strategy_version = c.strategy_version
  FROM payments p JOIN cases c ON c.org_id = p.org_id AND c.customer_id = p.customer_id
  WHERE p.id = l.payment_id AND c.strategy_id IS NOT NULL AND c.strategy_version IS NOT NULL;
ALTER TABLE allocations ENABLE TRIGGER USER;

-- An allocation written takes the version of its payment's customer's case at that moment (none: no case, or a case on
-- no strategy or version; such an allocation is credited to no version, whatever happens to the case later). One lookup
-- by key of the payment and one of the case, per row.
CREATE FUNCTION allocation_strategy_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.strategy_id, c.strategy_version INTO NEW.strategy_id, NEW.strategy_version
    FROM payments p JOIN cases c ON c.org_id = p.org_id AND c.customer_id = p.customer_id
    WHERE p.id = NEW.payment_id AND c.strategy_id IS NOT NULL AND c.strategy_version IS NOT NULL;
  RETURN NEW;
END $$;

CREATE TRIGGER allocations_strategy_stamp BEFORE INSERT ON allocations
  FOR EACH ROW EXECUTE FUNCTION allocation_strategy_stamp();

-- Money collected per version, currency and payment date: the live allocations (not reversed) of live payments (not
-- reversed) that hold a version, with their count.
CREATE TABLE strategy_collected_daily (
  org_id text NOT NULL,
  date date NOT NULL,
  strategy_id text NOT NULL,
  strategy_version integer NOT NULL,
  currency text NOT NULL,
  amount bigint NOT NULL,
  allocations integer NOT NULL,
  PRIMARY KEY (org_id, date, strategy_id, strategy_version, currency)
);

-- Applies signed allocation rows (org_id, date, strategy_id, strategy_version, currency, amount, sign) selected by `src`:
-- keys taken in order so two writers lock shared rows in the same order; rows left with no allocation go.
CREATE FUNCTION strategy_collected_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO strategy_collected_daily AS t (org_id, date, strategy_id, strategy_version, currency, amount, allocations)
    SELECT org_id, date, strategy_id, strategy_version, currency, sum(sign * amount), sum(sign) FROM (%s) d
    GROUP BY org_id, date, strategy_id, strategy_version, currency
    HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
    ORDER BY org_id, date, strategy_id, strategy_version, currency
    ON CONFLICT (org_id, date, strategy_id, strategy_version, currency)
      DO UPDATE SET amount = t.amount + EXCLUDED.amount, allocations = t.allocations + EXCLUDED.allocations$q$, src),
  -- a second statement: the upsert's rows are not visible inside the first
  format($q$
    DELETE FROM strategy_collected_daily t
      USING (SELECT DISTINCT org_id, date, strategy_id, strategy_version, currency FROM (%s) d) k
    WHERE t.allocations = 0 AND t.org_id = k.org_id AND t.date = k.date AND t.strategy_id = k.strategy_id
      AND t.strategy_version = k.strategy_version AND t.currency = k.currency$q$, src)]
$$;

-- An allocation counts while it and its payment are both not reversed, on its own version and its payment's currency and
-- date. Allocations written: as they now are +1, as they were -1 (a reversal comes off the version the allocation holds).
-- A payment's currency, date, org or reversal changed: its allocations off the payment as it was and onto it as it is,
-- each on its own version (a payment moved to another customer keeps the versions its allocations were credited to). A
-- payment deleted: its allocations still there come off (allocations must go before their payment: none in practice).
CREATE FUNCTION strategy_collected_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT p.org_id, p.date, l.strategy_id, l.strategy_version, p.currency, l.amount, %s AS sign
    FROM %s l JOIN payments p ON p.id = l.payment_id
    WHERE l.strategy_version IS NOT NULL AND l.reversed_at IS NULL AND p.reversed_at IS NULL';
  changed constant text := '(n.org_id, n.currency, n.date, n.reversed_at IS NULL) IS DISTINCT FROM (o.org_id, o.currency, o.date, o.reversed_at IS NULL)';
  moved constant text := 'SELECT %1$s.org_id, %1$s.date, l.strategy_id, l.strategy_version, %1$s.currency, l.amount, %2$s AS sign
    FROM new_rows n JOIN old_rows o ON o.id = n.id AND %3$s
    JOIN allocations l ON l.payment_id = n.id WHERE l.strategy_version IS NOT NULL AND l.reversed_at IS NULL AND %1$s.reversed_at IS NULL';
  src text;
  stmts text[];
BEGIN
  IF TG_TABLE_NAME = 'allocations' THEN
    IF TG_OP = 'INSERT' THEN src := format(part, '1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN src := format(part, '-1', 'old_rows');
    ELSE src := format(part, '1', 'new_rows') || ' UNION ALL ' || format(part, '-1', 'old_rows');
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT o.org_id, o.date, l.strategy_id, l.strategy_version, o.currency, l.amount, -1 AS sign
      FROM old_rows o JOIN allocations l ON l.payment_id = o.id
      WHERE l.strategy_version IS NOT NULL AND l.reversed_at IS NULL AND o.reversed_at IS NULL';
  ELSE
    -- most payment updates (what is unapplied, the reference) move nothing: they go before two statements are planned
    IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        AND (n.org_id, n.currency, n.date, n.reversed_at IS NULL) IS DISTINCT FROM (o.org_id, o.currency, o.date, o.reversed_at IS NULL)) THEN
      RETURN NULL;
    END IF;
    src := format(moved, 'n', '1', changed) || ' UNION ALL ' || format(moved, 'o', '-1', changed);
  END IF;
  stmts := strategy_collected_sql(src);
  EXECUTE stmts[1];
  -- an insert only adds allocations, so no row can fall to zero: the delete is for the others
  IF NOT (TG_TABLE_NAME = 'allocations' AND TG_OP = 'INSERT') THEN EXECUTE stmts[2]; END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER allocations_strategy_collected_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_collected_track();
CREATE TRIGGER allocations_strategy_collected_update AFTER UPDATE ON allocations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_collected_track();
CREATE TRIGGER allocations_strategy_collected_delete AFTER DELETE ON allocations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_collected_track();
CREATE TRIGGER payments_strategy_collected_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_collected_track();
CREATE TRIGGER payments_strategy_collected_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION strategy_collected_track();

-- what is already there
INSERT INTO strategy_collected_daily (org_id, date, strategy_id, strategy_version, currency, amount, allocations)
  SELECT p.org_id, p.date, l.strategy_id, l.strategy_version, p.currency, sum(l.amount), count(*)
  FROM allocations l JOIN payments p ON p.id = l.payment_id
  WHERE l.strategy_version IS NOT NULL AND l.reversed_at IS NULL AND p.reversed_at IS NULL GROUP BY 1, 2, 3, 4, 5;
ANALYZE strategy_collected_daily;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE strategy_collected_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON strategy_collected_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
