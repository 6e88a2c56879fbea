-- The messages behind the KPIs' contact rate and cost per account stored per UTC day, kept by triggers in the same
-- transaction as every write (as 045 and 048 keep theirs): a row per org, UTC day of sending, customer, channel, template,
-- step (its action's strategy and step, none when the action is missing) and cost currency, with its messages sent (any
-- status with a sending instant), how many of them were delivered or read, failed or bounced, priced, and their cost.
-- The KPIs count messages and distinct accounts over a period from these rows instead of reading every message of it
-- and looking up each one's action; the UTC days the period in the org's zone cuts are read from the messages themselves.
-- `cobro totals check|repair` compares them with a count from scratch and rebuilds them.
CREATE TABLE customer_messages_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  customer_id text NOT NULL,
  channel text NOT NULL,
  template text,
  strategy_id text,
  step_id text,
  currency text,
  messages integer NOT NULL,
  delivered integer NOT NULL,
  failed integer NOT NULL,
  costed integer NOT NULL,
  micros bigint NOT NULL
);
-- template, step and currency may be missing: a missing one is a key of its own
CREATE UNIQUE INDEX customer_messages_daily_key ON customer_messages_daily
  (org_id, day, customer_id, channel, template, strategy_id, step_id, currency) NULLS NOT DISTINCT;

-- Applies signed message rows (org_id, day, customer_id, channel, template, strategy_id, step_id, currency, sign,
-- delivered, failed, costed, micros) selected by `src`: keys taken in order so two writers lock shared rows in the same
-- order; rows left with no message go (their other counts are then zero too).
CREATE FUNCTION customer_messages_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
      messages, delivered, failed, costed, micros)
    SELECT org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
      sum(sign), sum(sign * delivered), sum(sign * failed), sum(sign * costed), sum(sign * micros) FROM (%s) d
    GROUP BY org_id, day, customer_id, channel, template, strategy_id, step_id, currency
    HAVING sum(sign) <> 0 OR sum(sign * delivered) <> 0 OR sum(sign * failed) <> 0 OR sum(sign * costed) <> 0 OR sum(sign * micros) <> 0
    ORDER BY org_id, day, customer_id, channel, template, strategy_id, step_id, currency
    ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, step_id, currency) DO UPDATE SET
      messages = t.messages + EXCLUDED.messages, delivered = t.delivered + EXCLUDED.delivered, failed = t.failed + EXCLUDED.failed,
      costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros$q$, src),
  -- a second statement: the upsert's rows are not visible inside the first
  format($q$
    DELETE FROM customer_messages_daily t
    USING (SELECT DISTINCT org_id, day, customer_id, channel, template, strategy_id, step_id, currency FROM (%s) d) k
    WHERE t.messages = 0 AND t.org_id = k.org_id AND t.day = k.day AND t.customer_id = k.customer_id AND t.channel = k.channel
      AND t.template IS NOT DISTINCT FROM k.template AND t.strategy_id IS NOT DISTINCT FROM k.strategy_id
      AND t.step_id IS NOT DISTINCT FROM k.step_id AND t.currency IS NOT DISTINCT FROM k.currency$q$, src)]
$$;

-- A message counts while it has a sending instant, on the UTC day of it, its own customer, channel, template and cost
-- currency, and its action's strategy and step (none while the org has no action of its id). A statement's rows count
-- as deletes of the rows it changed as they were (-1) and inserts of them as they are (+1); rows whose counted fields
-- did not change (most updates: claims, hand-over marks, read receipts after delivery) write nothing. Actions changed
-- (or written after their messages, or deleted) move their messages from the step they were on to the one they are on.
CREATE FUNCTION customer_messages_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted constant text := '(%1$s.org_id, %1$s.id, %1$s.customer_id, %1$s.action_id, %1$s.channel, %1$s.template, %1$s.cost_currency,
    %1$s.cost_micros, (%1$s.sent_at AT TIME ZONE ''UTC'')::date,
    CASE WHEN %1$s.status IN (''delivered'', ''read'') THEN 1 WHEN %1$s.status IN (''failed'', ''bounced'') THEN 2 ELSE 0 END)';
  -- the rows of %1$s (old_rows or new_rows) whose counted fields no row of %2$s has
  changed constant text := '(SELECT x.* FROM %1$s x WHERE x.sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$s y WHERE y.id = x.id AND %3$s IS NOT DISTINCT FROM %4$s))';
  part constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, m.customer_id, m.channel, m.template,
      a.strategy_id, a.step_id, m.cost_currency AS currency, %s AS sign, (m.status IN (''delivered'', ''read''))::int AS delivered,
      (m.status IN (''failed'', ''bounced''))::int AS failed, (m.cost_micros IS NOT NULL)::int AS costed, COALESCE(m.cost_micros, 0) AS micros
    FROM %s m LEFT JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id WHERE m.sent_at IS NOT NULL';
  -- the messages of the actions %2$s, on step %3$s
  by_action constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, m.customer_id, m.channel, m.template,
      %3$s AS strategy_id, %4$s AS step_id, m.cost_currency AS currency, %1$s AS sign, (m.status IN (''delivered'', ''read''))::int AS delivered,
      (m.status IN (''failed'', ''bounced''))::int AS failed, (m.cost_micros IS NOT NULL)::int AS costed, COALESCE(m.cost_micros, 0) AS micros
    FROM %2$s a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL';
  moved_actions constant text := '(SELECT x.* FROM %1$s x WHERE NOT EXISTS (SELECT 1 FROM %2$s y
    WHERE (y.id, y.org_id, y.strategy_id, y.step_id) = (x.id, x.org_id, x.strategy_id, x.step_id)))';
  src text;
  gone text;
  came text;
  stmts text[];
BEGIN
  IF TG_TABLE_NAME = 'messages' THEN
    IF TG_OP = 'INSERT' THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows WHERE sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(part, '1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT 1 FROM old_rows WHERE sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(part, '-1', 'old_rows');
    ELSE
      -- a planned static check first: most updates change nothing counted (every row as it was, counted fields alike)
      IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
          AND (n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL,
               (n.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 ELSE 0 END)
            IS NOT DISTINCT FROM
              (o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
               (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 ELSE 0 END)
          HAVING count(*) = (SELECT count(*) FROM new_rows) AND count(*) = (SELECT count(*) FROM old_rows)) THEN
        RETURN NULL;
      END IF;
      gone := format(changed, 'old_rows', 'new_rows', format(counted, 'y'), format(counted, 'x'));
      came := format(changed, 'new_rows', 'old_rows', format(counted, 'y'), format(counted, 'x'));
      src := format(part, '-1', gone) || ' UNION ALL ' || format(part, '1', came);
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(by_action, '-1', 'new_rows', 'NULL::text', 'NULL::text') || ' UNION ALL ' || format(by_action, '1', 'new_rows', 'a.strategy_id', 'a.step_id');
    ELSIF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT 1 FROM old_rows a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(by_action, '-1', 'old_rows', 'a.strategy_id', 'a.step_id') || ' UNION ALL ' || format(by_action, '1', 'old_rows', 'NULL::text', 'NULL::text');
    ELSE
      IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id AND (n.org_id, n.strategy_id, n.step_id) = (o.org_id, o.strategy_id, o.step_id)
          HAVING count(*) = (SELECT count(*) FROM new_rows) AND count(*) = (SELECT count(*) FROM old_rows)) THEN
        RETURN NULL;
      END IF;
      gone := format(moved_actions, 'old_rows', 'new_rows');
      came := format(moved_actions, 'new_rows', 'old_rows');
      src := format(by_action, '-1', gone, 'a.strategy_id', 'a.step_id') || ' UNION ALL ' || format(by_action, '1', gone, 'NULL::text', 'NULL::text')
        || ' UNION ALL ' || format(by_action, '-1', came, 'NULL::text', 'NULL::text') || ' UNION ALL ' || format(by_action, '1', came, 'a.strategy_id', 'a.step_id');
    END IF;
  END IF;
  stmts := customer_messages_sql(src);
  EXECUTE stmts[1];
  -- rows at zero can only be left where something was taken off
  IF NOT (TG_TABLE_NAME = 'messages' AND TG_OP = 'INSERT') THEN EXECUTE stmts[2]; END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER messages_kpi_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();
CREATE TRIGGER messages_kpi_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();
CREATE TRIGGER messages_kpi_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();
CREATE TRIGGER actions_kpi_insert AFTER INSERT ON actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();
CREATE TRIGGER actions_kpi_update AFTER UPDATE ON actions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();
CREATE TRIGGER actions_kpi_delete AFTER DELETE ON actions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_messages_track();

-- what is already there
INSERT INTO customer_messages_daily (org_id, day, customer_id, channel, template, strategy_id, step_id, currency, messages, delivered, failed, costed, micros)
  SELECT m.org_id, (m.sent_at AT TIME ZONE 'UTC')::date, m.customer_id, m.channel, m.template, a.strategy_id, a.step_id, m.cost_currency, count(*),
    count(*) FILTER (WHERE m.status IN ('delivered', 'read')), count(*) FILTER (WHERE m.status IN ('failed', 'bounced')), count(m.cost_micros),
    COALESCE(sum(m.cost_micros), 0)
  FROM messages m LEFT JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id
  WHERE m.sent_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
ANALYZE customer_messages_daily;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE customer_messages_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON customer_messages_daily USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
