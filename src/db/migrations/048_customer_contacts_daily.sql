-- Contacts behind the dashboard's strategy performance stored per UTC day, kept by triggers in the same transaction as
-- every write (as 045 keeps its totals): a row per org, UTC day of sending, strategy version and customer with the count
-- of its messages sent, delivered or read, so the dashboard counts contacts and distinct customers over a period from
-- these rows instead of joining every message of the period to its action. The period's days are in the org's zone: the
-- UTC days wholly inside it are read here, the parts of the (at most two) UTC days it cuts from the messages themselves.
-- `cobro totals check|repair` compares them with a count from scratch and rebuilds them.
CREATE TABLE customer_contacts_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  strategy_id text NOT NULL,
  strategy_version integer NOT NULL,
  customer_id text NOT NULL,
  messages integer NOT NULL,
  PRIMARY KEY (org_id, day, strategy_id, strategy_version, customer_id)
);

-- Applies signed message rows (org_id, day, strategy_id, strategy_version, customer_id, sign) selected by `src`: keys
-- taken in order so two writers lock shared rows in the same order; rows left with no message go.
CREATE FUNCTION customer_contacts_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO customer_contacts_daily AS t (org_id, day, strategy_id, strategy_version, customer_id, messages)
    SELECT org_id, day, strategy_id, strategy_version, customer_id, sum(sign) FROM (%s) d
    GROUP BY org_id, day, strategy_id, strategy_version, customer_id
    HAVING sum(sign) <> 0
    ORDER BY org_id, day, strategy_id, strategy_version, customer_id
    ON CONFLICT (org_id, day, strategy_id, strategy_version, customer_id) DO UPDATE SET messages = t.messages + EXCLUDED.messages$q$, src),
  -- a second statement: the upsert's rows are not visible inside the first
  format($q$
    DELETE FROM customer_contacts_daily t USING (SELECT DISTINCT org_id, day, strategy_id, strategy_version, customer_id FROM (%s) d) k
    WHERE t.messages = 0 AND t.org_id = k.org_id AND t.day = k.day AND t.strategy_id = k.strategy_id
      AND t.strategy_version = k.strategy_version AND t.customer_id = k.customer_id$q$, src)]
$$;

-- A message counts while it is sent, delivered or read with a sending instant, on its action's strategy version, its
-- own customer and the UTC day of sent_at. Messages written: as they now are +1, as they were -1, an update only for the
-- messages whose org, customer, action, counting or day changed (status moving sent -> delivered -> read writes
-- nothing). Actions: their messages as they are, moved off the version the action was on and onto the one it is on
-- (inserted: an action written after its messages; deleted: its messages no longer count, as the dashboard's join).
CREATE FUNCTION customer_contacts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, a.strategy_id, a.strategy_version, m.customer_id, %s AS sign
    FROM %s m JOIN actions a ON a.id = m.action_id WHERE m.status IN (''sent'', ''delivered'', ''read'') AND m.sent_at IS NOT NULL';
  moved constant text := 'SELECT %1$s.org_id, (%1$s.sent_at AT TIME ZONE ''UTC'')::date AS day, a.strategy_id, a.strategy_version, %1$s.customer_id, %2$s AS sign
    FROM new_rows n JOIN old_rows o ON o.id = n.id
      AND (n.org_id, n.customer_id, n.action_id, n.status IN (''sent'', ''delivered'', ''read''), (n.sent_at AT TIME ZONE ''UTC'')::date)
        IS DISTINCT FROM (o.org_id, o.customer_id, o.action_id, o.status IN (''sent'', ''delivered'', ''read''), (o.sent_at AT TIME ZONE ''UTC'')::date)
    JOIN actions a ON a.id = %1$s.action_id WHERE %1$s.status IN (''sent'', ''delivered'', ''read'') AND %1$s.sent_at IS NOT NULL';
  by_action constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, a.strategy_id, a.strategy_version, m.customer_id, %s AS sign
    FROM %s a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.status IN (''sent'', ''delivered'', ''read'') AND m.sent_at IS NOT NULL';
  src text;
  stmts text[];
BEGIN
  -- most statements change nothing counted (the dispatcher's claims, hand-over marks and action updates, queued messages
  -- written): a planned static check lets them go before two statements are built and planned for nothing
  IF TG_TABLE_NAME = 'messages' THEN
    IF TG_OP = 'INSERT' THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status IN ('sent', 'delivered', 'read') AND sent_at IS NOT NULL) THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT 1 FROM old_rows WHERE status IN ('sent', 'delivered', 'read') AND sent_at IS NOT NULL) THEN RETURN NULL; END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        AND (n.org_id, n.customer_id, n.action_id, n.status IN ('sent', 'delivered', 'read'), (n.sent_at AT TIME ZONE 'UTC')::date)
          IS DISTINCT FROM (o.org_id, o.customer_id, o.action_id, o.status IN ('sent', 'delivered', 'read'), (o.sent_at AT TIME ZONE 'UTC')::date)
        WHERE (n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL) OR (o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL)) THEN
      RETURN NULL;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        AND (n.org_id, n.strategy_id, n.strategy_version) IS DISTINCT FROM (o.org_id, o.strategy_id, o.strategy_version)) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_TABLE_NAME = 'messages' THEN
    IF TG_OP = 'INSERT' THEN src := format(part, '1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN src := format(part, '-1', 'old_rows');
    ELSE src := format(moved, 'n', '1') || ' UNION ALL ' || format(moved, 'o', '-1');
    END IF;
  ELSIF TG_OP = 'INSERT' THEN src := format(by_action, '1', 'new_rows');
  ELSIF TG_OP = 'DELETE' THEN src := format(by_action, '-1', 'old_rows');
  ELSE
    src := format(by_action, '1', '(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        AND (n.org_id, n.strategy_id, n.strategy_version) IS DISTINCT FROM (o.org_id, o.strategy_id, o.strategy_version))')
      || ' UNION ALL ' || format(by_action, '-1', '(SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        AND (n.org_id, n.strategy_id, n.strategy_version) IS DISTINCT FROM (o.org_id, o.strategy_id, o.strategy_version))');
  END IF;
  stmts := customer_contacts_sql(src);
  EXECUTE stmts[1];
  -- an insert only adds messages, so no row can fall to zero: the delete is for the others
  IF TG_OP <> 'INSERT' THEN EXECUTE stmts[2]; END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER messages_contacts_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();
CREATE TRIGGER messages_contacts_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();
CREATE TRIGGER messages_contacts_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();
CREATE TRIGGER actions_contacts_insert AFTER INSERT ON actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();
CREATE TRIGGER actions_contacts_update AFTER UPDATE ON actions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();
CREATE TRIGGER actions_contacts_delete AFTER DELETE ON actions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_contacts_track();

-- what is already there
INSERT INTO customer_contacts_daily (org_id, day, strategy_id, strategy_version, customer_id, messages)
  SELECT m.org_id, (m.sent_at AT TIME ZONE 'UTC')::date, a.strategy_id, a.strategy_version, m.customer_id, count(*)
  FROM messages m JOIN actions a ON a.id = m.action_id
  WHERE m.status IN ('sent', 'delivered', 'read') AND m.sent_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
ANALYZE customer_contacts_daily;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE customer_contacts_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON customer_contacts_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
