-- The two daily rollups fed from messages (048 customer_contacts_daily, 051 customer_messages_daily, kept by 086's one
-- trigger on updates) made one table (issue 4): every send the dispatcher recorded upserted one row in each, some 14 us
-- of PostgreSQL's CPU per SMS for the second. customer_messages_daily now holds what both readers need, keyed by org, UTC
-- day of sending, customer, channel, template, the action's strategy, version and step, cost currency, and whether the
-- action is of another org:
--   messages, delivered, failed, costed, micros: as 051 (any status with a sending instant), for the KPIs;
--   contacts: those of them sent, delivered or read, for strategy performance (048's `messages`).
-- The action is looked up by id alone, as the contacts always were (048); `other_org` marks one of another org, whose
-- strategy counts for the contacts and not for the KPIs (051 took its strategy and step only when of the message's org),
-- so each reader gets what it got before: the KPIs read strategy and step as missing where `other_org`, the contacts read
-- the rows with a strategy and contacts. Actions' triggers move their own org's messages, as both did.
-- The rows already there are counted anew from the messages and their actions (the finer key cannot be split out of the
-- two tables' sums; `cobro totals check` compares the rollups with this same count).

DROP TRIGGER messages_contacts_insert ON messages;
DROP TRIGGER messages_contacts_delete ON messages;
DROP TRIGGER actions_contacts_insert ON actions;
DROP TRIGGER actions_contacts_update ON actions;
DROP TRIGGER actions_contacts_delete ON actions;
DROP FUNCTION customer_contacts_track();
DROP FUNCTION customer_contacts_sql(text);
DROP TABLE customer_contacts_daily;

ALTER TABLE customer_messages_daily ADD COLUMN strategy_version integer, ADD COLUMN other_org boolean NOT NULL DEFAULT false,
  ADD COLUMN contacts integer NOT NULL DEFAULT 0;
DROP INDEX customer_messages_daily_key;

-- Applies signed message rows (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id,
-- currency, other_org, sign, contacts, delivered, failed, costed, micros) selected by `src`: keys taken in order so two
-- writers lock shared rows in the same order; rows left with no message go (their other counts are then zero too).
DROP FUNCTION customer_messages_sql(text);
CREATE FUNCTION customer_messages_sql(src text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($q$
    INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency,
      other_org, messages, contacts, delivered, failed, costed, micros)
    SELECT org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org,
      sum(sign), sum(sign * contacts), sum(sign * delivered), sum(sign * failed), sum(sign * costed), sum(sign * micros) FROM (%s) d
    GROUP BY org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org
    HAVING sum(sign) <> 0 OR sum(sign * contacts) <> 0 OR sum(sign * delivered) <> 0 OR sum(sign * failed) <> 0 OR sum(sign * costed) <> 0
      OR sum(sign * micros) <> 0
    ORDER BY org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org
    ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org) DO UPDATE SET
      messages = t.messages + EXCLUDED.messages, contacts = t.contacts + EXCLUDED.contacts, delivered = t.delivered + EXCLUDED.delivered,
      failed = t.failed + EXCLUDED.failed, costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros$q$, src),
  -- a second statement: the upsert's rows are not visible inside the first
  format($q$
    DELETE FROM customer_messages_daily t
    USING (SELECT DISTINCT org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org FROM (%s) d) k
    WHERE t.messages = 0 AND t.org_id = k.org_id AND t.day = k.day AND t.customer_id = k.customer_id AND t.channel = k.channel
      AND t.template IS NOT DISTINCT FROM k.template AND t.strategy_id IS NOT DISTINCT FROM k.strategy_id
      AND t.strategy_version IS NOT DISTINCT FROM k.strategy_version AND t.step_id IS NOT DISTINCT FROM k.step_id
      AND t.currency IS NOT DISTINCT FROM k.currency AND t.other_org = k.other_org$q$, src)]
$$;

-- The signed rows (`sign`: 1 or -1) of the messages `source_rows` (a transition table or a subquery of one) with a sending
-- instant, each with its action looked up by id (of any org: `other_org` says so), as customer_messages_sql applies them.
CREATE FUNCTION message_rollups_part(sign text, source_rows text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, m.customer_id, m.channel, m.template,
      a.strategy_id, a.strategy_version, a.step_id, m.cost_currency AS currency, COALESCE(a.org_id <> m.org_id, false) AS other_org, %s AS sign,
      (m.status IN (''sent'', ''delivered'', ''read''))::int AS contacts, (m.status IN (''delivered'', ''read''))::int AS delivered,
      (m.status IN (''failed'', ''bounced''))::int AS failed, (m.cost_micros IS NOT NULL)::int AS costed, COALESCE(m.cost_micros, 0) AS micros
    FROM %s m LEFT JOIN LATERAL (SELECT x.org_id, x.strategy_id, x.strategy_version, x.step_id FROM actions x WHERE x.id = m.action_id LIMIT 1) a ON true
    WHERE m.sent_at IS NOT NULL', sign, source_rows)
$$;

-- Messages inserted and deleted, and actions written (an action written after its messages, changed, or deleted: its
-- org's messages move from the strategy, version and step it was on to the one it is on).
CREATE OR REPLACE FUNCTION customer_messages_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- the messages of the actions %2$s, on strategy %3$s, version %4$s and step %5$s
  by_action constant text := 'SELECT m.org_id, (m.sent_at AT TIME ZONE ''UTC'')::date AS day, m.customer_id, m.channel, m.template,
      %3$s AS strategy_id, %4$s AS strategy_version, %5$s AS step_id, m.cost_currency AS currency, false AS other_org, %1$s AS sign,
      (m.status IN (''sent'', ''delivered'', ''read''))::int AS contacts, (m.status IN (''delivered'', ''read''))::int AS delivered,
      (m.status IN (''failed'', ''bounced''))::int AS failed, (m.cost_micros IS NOT NULL)::int AS costed, COALESCE(m.cost_micros, 0) AS micros
    FROM %2$s a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL';
  moved_actions constant text := '(SELECT x.* FROM %1$s x WHERE NOT EXISTS (SELECT 1 FROM %2$s y
    WHERE (y.id, y.org_id, y.strategy_id, y.strategy_version, y.step_id) = (x.id, x.org_id, x.strategy_id, x.strategy_version, x.step_id)))';
  src text;
  gone text;
  came text;
  stmts text[];
BEGIN
  IF TG_TABLE_NAME = 'messages' THEN
    IF TG_OP = 'INSERT' THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows WHERE sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := message_rollups_part('1', 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT 1 FROM old_rows WHERE sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := message_rollups_part('-1', 'old_rows');
    ELSE
      RAISE EXCEPTION 'customer_messages_track: updates of messages are message_rollups_update''s';
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      IF NOT EXISTS (SELECT 1 FROM new_rows a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(by_action, '-1', 'new_rows', 'NULL::text', 'NULL::int', 'NULL::text')
        || ' UNION ALL ' || format(by_action, '1', 'new_rows', 'a.strategy_id', 'a.strategy_version', 'a.step_id');
    ELSIF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT 1 FROM old_rows a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id WHERE m.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
      src := format(by_action, '-1', 'old_rows', 'a.strategy_id', 'a.strategy_version', 'a.step_id')
        || ' UNION ALL ' || format(by_action, '1', 'old_rows', 'NULL::text', 'NULL::int', 'NULL::text');
    ELSE
      IF NOT EXISTS (SELECT n.id, n.org_id, n.strategy_id, n.strategy_version, n.step_id FROM new_rows n
          EXCEPT SELECT o.id, o.org_id, o.strategy_id, o.strategy_version, o.step_id FROM old_rows o) THEN
        RETURN NULL;
      END IF;
      gone := format(moved_actions, 'old_rows', 'new_rows');
      came := format(moved_actions, 'new_rows', 'old_rows');
      src := format(by_action, '-1', gone, 'a.strategy_id', 'a.strategy_version', 'a.step_id')
        || ' UNION ALL ' || format(by_action, '1', gone, 'NULL::text', 'NULL::int', 'NULL::text')
        || ' UNION ALL ' || format(by_action, '-1', came, 'NULL::text', 'NULL::int', 'NULL::text')
        || ' UNION ALL ' || format(by_action, '1', came, 'a.strategy_id', 'a.strategy_version', 'a.step_id');
    END IF;
  END IF;
  stmts := customer_messages_sql(src);
  EXECUTE stmts[1];
  -- rows at zero can only be left where something was taken off
  IF NOT (TG_TABLE_NAME = 'messages' AND TG_OP = 'INSERT') THEN EXECUTE stmts[2]; END IF;
  RETURN NULL;
END $$;

-- Updates of messages: the dispatcher's records of sends (no row counted before) add the rows sent now by one upsert;
-- other updates (a delivery state, a resend's record, an erasure) take the rows whose counted fields changed, as they
-- were -1 and as they are +1. The counted fields are 051's with the contacts' state: sent (3) counts for the contacts,
-- delivered or read (1) for both, failed or bounced (2) for the KPIs, any other state with a sending instant (0) for the
-- KPIs' messages only.
CREATE OR REPLACE FUNCTION message_rollups_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted constant text := '(%1$s.org_id, %1$s.id, %1$s.customer_id, %1$s.action_id, %1$s.channel, %1$s.template, %1$s.cost_currency,
    %1$s.cost_micros, (%1$s.sent_at AT TIME ZONE ''UTC'')::date,
    CASE WHEN %1$s.status IN (''delivered'', ''read'') THEN 1 WHEN %1$s.status IN (''failed'', ''bounced'') THEN 2 WHEN %1$s.status = ''sent'' THEN 3 ELSE 0 END)';
  -- the rows of %1$s (old_rows or new_rows) whose counted fields no row of %2$s has
  changed constant text := '(SELECT x.* FROM %1$s x WHERE x.sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$s y WHERE y.id = x.id AND %3$s IS NOT DISTINCT FROM %4$s))';
  stmts text[];
BEGIN
  -- no row counted before (none had a sending instant): the dispatcher's claims and marks (nothing to add) and its
  -- records of sends (every row with a sending instant now is added, by one upsert)
  IF NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.sent_at IS NOT NULL) THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.sent_at IS NOT NULL) THEN RETURN NULL; END IF;
    INSERT INTO customer_messages_daily AS t (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency,
      other_org, messages, contacts, delivered, failed, costed, micros)
    SELECT n.org_id, (n.sent_at AT TIME ZONE 'UTC')::date, n.customer_id, n.channel, n.template, a.strategy_id, a.strategy_version, a.step_id,
      n.cost_currency, COALESCE(a.org_id <> n.org_id, false), count(*), count(*) FILTER (WHERE n.status IN ('sent', 'delivered', 'read')),
      count(*) FILTER (WHERE n.status IN ('delivered', 'read')), count(*) FILTER (WHERE n.status IN ('failed', 'bounced')),
      count(n.cost_micros), COALESCE(sum(n.cost_micros), 0)
    FROM new_rows n
      LEFT JOIN LATERAL (SELECT x.org_id, x.strategy_id, x.strategy_version, x.step_id FROM actions x WHERE x.id = n.action_id LIMIT 1) a ON true
    WHERE n.sent_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org) DO UPDATE SET
      messages = t.messages + EXCLUDED.messages, contacts = t.contacts + EXCLUDED.contacts, delivered = t.delivered + EXCLUDED.delivered,
      failed = t.failed + EXCLUDED.failed, costed = t.costed + EXCLUDED.costed, micros = t.micros + EXCLUDED.micros;
    RETURN NULL;
  END IF;
  -- a planned static check: most other updates change nothing counted (as a set difference, not a join: 054)
  IF NOT EXISTS (SELECT n.id, n.org_id, n.customer_id, n.action_id, n.channel, n.template, n.cost_currency, n.cost_micros, n.sent_at IS NULL,
        (n.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN n.status IN ('delivered', 'read') THEN 1 WHEN n.status IN ('failed', 'bounced') THEN 2 WHEN n.status = 'sent' THEN 3 ELSE 0 END FROM new_rows n
      EXCEPT SELECT o.id, o.org_id, o.customer_id, o.action_id, o.channel, o.template, o.cost_currency, o.cost_micros, o.sent_at IS NULL,
        (o.sent_at AT TIME ZONE 'UTC')::date, CASE WHEN o.status IN ('delivered', 'read') THEN 1 WHEN o.status IN ('failed', 'bounced') THEN 2 WHEN o.status = 'sent' THEN 3 ELSE 0 END FROM old_rows o) THEN
    RETURN NULL;
  END IF;
  stmts := customer_messages_sql(message_rollups_part('-1', format(changed, 'old_rows', 'new_rows', format(counted, 'y'), format(counted, 'x')))
    || ' UNION ALL ' || message_rollups_part('1', format(changed, 'new_rows', 'old_rows', format(counted, 'y'), format(counted, 'x'))));
  EXECUTE stmts[1];
  EXECUTE stmts[2];
  RETURN NULL;
END $$;

-- what is already there, counted anew
DELETE FROM customer_messages_daily;
INSERT INTO customer_messages_daily (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org,
    messages, contacts, delivered, failed, costed, micros)
  SELECT m.org_id, (m.sent_at AT TIME ZONE 'UTC')::date, m.customer_id, m.channel, m.template, a.strategy_id, a.strategy_version, a.step_id,
    m.cost_currency, COALESCE(a.org_id <> m.org_id, false), count(*), count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'read')),
    count(*) FILTER (WHERE m.status IN ('delivered', 'read')), count(*) FILTER (WHERE m.status IN ('failed', 'bounced')), count(m.cost_micros),
    COALESCE(sum(m.cost_micros), 0)
  FROM messages m LEFT JOIN actions a ON a.id = m.action_id
  WHERE m.sent_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
CREATE UNIQUE INDEX customer_messages_daily_key ON customer_messages_daily
  (org_id, day, customer_id, channel, template, strategy_id, strategy_version, step_id, currency, other_org) NULLS NOT DISTINCT;
ANALYZE customer_messages_daily;
