-- The dispatcher's writes per SMS made cheaper for PostgreSQL (issue 4).
-- 1. The two rollups' triggers on messages (048, 051, as 054 left them) take the updates that find no row counted before
--    by two filtered scans that stop at the first row counted (none, for the dispatcher's claims, sending and hand-over
--    marks: the statement writes nothing), and add the rows counted now by one planned upsert when there are some (its
--    records of sends). Before, each such statement hashed both row sets into two or three set differences (EXCEPT) per
--    trigger: with no row counted before, what the statement adds is every row counted now, so the result is the same.
--    Updates that find a row counted before take 054's paths; the functions are otherwise as 054 left them (restated
--    whole: CREATE OR REPLACE takes the whole body). Their checks were about a third of the triggers' time in the
--    dispatcher's record statement and are about 3 % now (auto_explain); the rest is the two upserts themselves.
-- 2. portal_links loses its foreign key to customers: its check locked each link's customer row (FOR KEY SHARE, a write
--    to the customer's page) for every link a message makes, about two thirds of the links' insert. cobro deletes no
--    customer (erasure rewrites the row in place), and the dispatcher's and staff's links are made for a customer just
--    read; contact_events, gate_decisions and messages, written per message as well, have no such key either.
ALTER TABLE portal_links DROP CONSTRAINT portal_links_org_id_customer_id_fkey;

CREATE OR REPLACE FUNCTION customer_contacts_track() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- no row counted before (the dispatcher's claims, sending and hand-over marks, and records of its sends): the
    -- statement can only add the rows counted now, by a planned upsert, or nothing (073)
    ELSIF NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL) THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      INSERT INTO customer_contacts_daily AS t (org_id, day, strategy_id, strategy_version, customer_id, messages)
      SELECT n.org_id, (n.sent_at AT TIME ZONE 'UTC')::date, a.strategy_id, a.strategy_version, n.customer_id, count(*)
      FROM new_rows n CROSS JOIN LATERAL (SELECT x.strategy_id, x.strategy_version FROM actions x WHERE x.id = n.action_id LIMIT 1) a
      WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (org_id, day, strategy_id, strategy_version, customer_id) DO UPDATE SET messages = t.messages + EXCLUDED.messages;
      RETURN NULL;
    -- (as set differences, not joins: a plan cached from a statement of a few rows joined the two row sets by nested
    -- loops, quadratic for a later statement of thousands: 60 s for an update of 20,000 rows at load 20)
    ELSIF NOT EXISTS (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.status IN ('sent', 'delivered', 'read'), (n.sent_at AT TIME ZONE 'UTC')::date FROM new_rows n WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL
        EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.status IN ('sent', 'delivered', 'read'), (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o)
      AND NOT EXISTS (SELECT o.id, o.org_id, o.customer_id, o.action_id, o.status IN ('sent', 'delivered', 'read'), (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o WHERE o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL
        EXCEPT SELECT n.id, n.org_id, n.customer_id, n.action_id, n.status IN ('sent', 'delivered', 'read'), (n.sent_at AT TIME ZONE 'UTC')::date FROM new_rows n) THEN
      RETURN NULL;
    END IF;
    -- the dispatcher's records (an update): no row counted before changed (every change starts a count), so the
    -- statement only adds and one planned upsert adds it (no row can fall to zero), instead of two statements built and
    -- planned here (the IFs nested: an insert's or delete's trigger has no old_rows or new_rows to plan a check over)
    IF TG_OP = 'UPDATE' THEN IF NOT EXISTS (SELECT o.id, o.org_id, o.customer_id, o.action_id, o.status IN ('sent', 'delivered', 'read'), (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o WHERE o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL
        EXCEPT SELECT n.id, n.org_id, n.customer_id, n.action_id, n.status IN ('sent', 'delivered', 'read'), (n.sent_at AT TIME ZONE 'UTC')::date FROM new_rows n) THEN
      -- the rows counted now that were not (a counted row's key differs from its old one's, which was not counted)
      INSERT INTO customer_contacts_daily AS t (org_id, day, strategy_id, strategy_version, customer_id, messages)
      SELECT c.org_id, c.day, a.strategy_id, a.strategy_version, c.customer_id, count(*)
      FROM (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.status IN ('sent', 'delivered', 'read') AS st, (n.sent_at AT TIME ZONE 'UTC')::date AS day
            FROM new_rows n WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL
            EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.status IN ('sent', 'delivered', 'read'), (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o) c
      CROSS JOIN LATERAL (SELECT x.strategy_id, x.strategy_version FROM actions x WHERE x.id = c.action_id LIMIT 1) a
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (org_id, day, strategy_id, strategy_version, customer_id) DO UPDATE SET messages = t.messages + EXCLUDED.messages;
      RETURN NULL;
    END IF; END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT n.id, n.org_id, n.strategy_id, n.strategy_version FROM new_rows n
        EXCEPT SELECT o.id, o.org_id, o.strategy_id, o.strategy_version FROM old_rows o) THEN
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

CREATE OR REPLACE FUNCTION customer_messages_track() RETURNS trigger LANGUAGE plpgsql AS $$
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
      -- no row counted before (the dispatcher's claims, sending and hand-over marks, and records of its sends): the
      -- statement can only add the rows counted now, by a planned upsert, or nothing (073)
      IF NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.sent_at IS NOT NULL) THEN
        IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
        INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
          messages, delivered, failed, costed, micros)
        SELECT n.org_id, (n.sent_at AT TIME ZONE 'UTC')::date, n.customer_id, n.channel, n.template, a.strategy_id, a.step_id, n.cost_currency,
          count(*), count(*) FILTER (WHERE n.status IN ('delivered', 'read')), count(*) FILTER (WHERE n.status IN ('failed', 'bounced')),
          count(n.cost_micros), COALESCE(sum(n.cost_micros), 0)
        FROM new_rows n LEFT JOIN LATERAL (SELECT x.strategy_id, x.step_id FROM actions x WHERE x.org_id = n.org_id AND x.id = n.action_id LIMIT 1) a ON true
        WHERE n.sent_at IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, step_id, currency) DO UPDATE SET
          messages = t.messages + EXCLUDED.messages, delivered = t.delivered + EXCLUDED.delivered, failed = t.failed + EXCLUDED.failed,
          costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros;
        RETURN NULL;
      END IF;
      -- a planned static check first: most updates change nothing counted (every row as it was, counted fields alike)
      -- (as a set difference, not a join: a plan cached from a statement of a few rows joined the two row sets by nested
      -- loops, quadratic for a later statement of thousands; an update's rows pair one to one by id)
      IF NOT EXISTS (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL,
               (n.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM new_rows n
          EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
               (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM old_rows o) THEN
        RETURN NULL;
      END IF;
      -- the dispatcher's records: every row whose counted fields changed had no sending instant (was not counted), so
      -- the statement only adds and one planned upsert adds it (no row can fall to zero)
      IF NOT EXISTS (SELECT o.id, o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
               (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM old_rows o WHERE o.sent_at IS NOT NULL
          EXCEPT SELECT n.id, n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL,
               (n.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM new_rows n) THEN
        INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
          messages, delivered, failed, costed, micros)
        SELECT c.org_id, c.day, c.customer_id, c.channel, c.template, a.strategy_id, a.step_id, c.cost_currency,
          count(*), count(*) FILTER (WHERE c.kind = 1), count(*) FILTER (WHERE c.kind = 2), count(c.cost_micros), COALESCE(sum(c.cost_micros), 0)
        -- the rows with a sending instant now whose counted fields differ from their old ones' (which had none)
        FROM (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL AS unsent,
               (n.sent_at AT TIME ZONE 'UTC')::date AS day, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 ELSE 0 END AS kind
              FROM new_rows n WHERE n.sent_at IS NOT NULL
              EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
               (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM old_rows o) c
        LEFT JOIN LATERAL (SELECT x.strategy_id, x.step_id FROM actions x WHERE x.org_id = c.org_id AND x.id = c.action_id LIMIT 1) a ON true
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, step_id, currency) DO UPDATE SET
          messages = t.messages + EXCLUDED.messages, delivered = t.delivered + EXCLUDED.delivered, failed = t.failed + EXCLUDED.failed,
          costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros;
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
      IF NOT EXISTS (SELECT n.id, n.org_id, n.strategy_id, n.step_id FROM new_rows n EXCEPT SELECT o.id, o.org_id, o.strategy_id, o.step_id FROM old_rows o) THEN
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
