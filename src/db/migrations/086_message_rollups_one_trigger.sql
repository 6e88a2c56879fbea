-- The two rollups' triggers on messages' updates (048 customer_contacts_daily, 051 customer_messages_daily, as 054 and
-- 073 left them) made one (issue 4): every update of messages ran both, and the dispatcher's record of its sends (no row
-- counted before, every row sent now) looked each message's action up twice and added each rollup's rows by an upsert
-- of its own. Now one trigger function reads the rows sent now and their actions once and adds both rollups' rows in one
-- statement (two upserts of its CTEs). The action is looked up by id alone, as the contacts always were; the KPIs take
-- its strategy and step only when it is of the message's org, as their join did.
-- Other updates (one that finds a row counted before: a delivery state, a resend's record, an erasure) take what they
-- changed, as before: a planned static check per rollup lets it go when none of its counted fields changed, otherwise
-- the rows as they were count -1 and as they are +1 (rows alike net to nothing) through 048's and 051's statement
-- builders, whose grouping drops the keys that net to zero and whose delete takes the rows left with no message.
-- Inserts, deletes and actions' triggers are unchanged (048, 051, 054, 073).

CREATE FUNCTION message_rollups_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  contacts_part constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, a.strategy_id, a.strategy_version, m.customer_id, %s AS sign
    FROM %s m JOIN actions a ON a.id = m.action_id WHERE m.status IN (''sent'', ''delivered'', ''read'') AND m.sent_at IS NOT NULL';
  kpi_part constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, m.customer_id, m.channel, m.template,
      a.strategy_id, a.step_id, m.cost_currency AS currency, %s AS sign, (m.status IN (''delivered'', ''read''))::int AS delivered,
      (m.status IN (''failed'', ''bounced''))::int AS failed, (m.cost_micros IS NOT NULL)::int AS costed, COALESCE(m.cost_micros, 0) AS micros
    FROM %s m LEFT JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id WHERE m.sent_at IS NOT NULL';
  stmts text[];
BEGIN
  -- no row counted before by either rollup (none had a sending instant): the dispatcher's claims and marks (nothing to
  -- add) and its records of sends (every row with a sending instant now is added)
  IF NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.sent_at IS NOT NULL) THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
    WITH sent AS MATERIALIZED (
      SELECT n.org_id, (n.sent_at AT TIME ZONE 'UTC')::date AS day, n.customer_id, n.channel, n.template, n.cost_currency, n.cost_micros,
        n.status, a.id IS NOT NULL AS has_action, a.org_id = n.org_id AS own_action, a.strategy_id, a.strategy_version, a.step_id
      FROM new_rows n LEFT JOIN LATERAL (SELECT x.id, x.org_id, x.strategy_id, x.strategy_version, x.step_id FROM actions x WHERE x.id = n.action_id LIMIT 1) a ON true
      WHERE n.sent_at IS NOT NULL
    ), contacts AS (
      INSERT INTO customer_contacts_daily AS t (org_id, day, strategy_id, strategy_version, customer_id, messages)
      SELECT s.org_id, s.day, s.strategy_id, s.strategy_version, s.customer_id, count(*) FROM sent s
      WHERE s.has_action AND s.status IN ('sent', 'delivered', 'read')
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (org_id, day, strategy_id, strategy_version, customer_id) DO UPDATE SET messages = t.messages + EXCLUDED.messages
      RETURNING 1
    )
    INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
      messages, delivered, failed, costed, micros)
    SELECT s.org_id, s.day, s.customer_id, s.channel, s.template, CASE WHEN s.own_action THEN s.strategy_id END, CASE WHEN s.own_action THEN s.step_id END,
      s.cost_currency, count(*), count(*) FILTER (WHERE s.status IN ('delivered', 'read')), count(*) FILTER (WHERE s.status IN ('failed', 'bounced')),
      count(s.cost_micros), COALESCE(sum(s.cost_micros), 0)
    FROM sent s
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, step_id, currency) DO UPDATE SET
      messages = t.messages + EXCLUDED.messages, delivered = t.delivered + EXCLUDED.delivered, failed = t.failed + EXCLUDED.failed,
      costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros;
    RETURN NULL;
  END IF;
  -- the contacts: only when a counted row's key changed, started or stopped counting (as set differences, not joins: a
  -- plan cached from a statement of a few rows joined the two row sets by nested loops, quadratic for thousands, 054)
  IF EXISTS (SELECT n.id, n.org_id, n.customer_id, n.action_id, (n.sent_at AT TIME ZONE 'UTC')::date FROM new_rows n
        WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL
      EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o
        WHERE o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL)
    OR EXISTS (SELECT o.id, o.org_id, o.customer_id, o.action_id, (o.sent_at AT TIME ZONE 'UTC')::date FROM old_rows o
        WHERE o.status IN ('sent', 'delivered', 'read') AND o.sent_at IS NOT NULL
      EXCEPT SELECT n.id, n.org_id, n.customer_id, n.action_id, (n.sent_at AT TIME ZONE 'UTC')::date FROM new_rows n
        WHERE n.status IN ('sent', 'delivered', 'read') AND n.sent_at IS NOT NULL) THEN
    stmts := customer_contacts_sql(format(contacts_part, '-1', 'old_rows') || ' UNION ALL ' || format(contacts_part, '1', 'new_rows'));
    EXECUTE stmts[1];
    EXECUTE stmts[2];
  END IF;
  -- the KPIs: only when a counted field of a row changed (an update's rows pair one to one by id)
  IF EXISTS (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL,
        (n.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM new_rows n
      EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
        (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 ELSE 0 END FROM old_rows o) THEN
    stmts := customer_messages_sql(format(kpi_part, '-1', 'old_rows') || ' UNION ALL ' || format(kpi_part, '1', 'new_rows'));
    EXECUTE stmts[1];
    EXECUTE stmts[2];
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER messages_contacts_update ON messages;
DROP TRIGGER messages_kpi_update ON messages;
CREATE TRIGGER messages_rollups_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION message_rollups_update();
