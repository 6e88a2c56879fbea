-- The portal chat's lines in the order they were recorded, for the chat and for its stream's cursor: each line (the
-- debtor's portal message, an answer) takes chat_seq from one sequence as it is inserted, and chat_xid, the transaction
-- that inserted it. A stream reads what is new after the highest chat_seq it sent OR inserted by a transaction its last
-- read could not see yet (pg_visible_in_snapshot), so a line whose transaction took a lower number and committed after a
-- higher one is still sent (src/agent/chat-lines.ts). Lines recorded before keep their old order: instant, then
-- the debtor's before an answer, then id.
CREATE SEQUENCE portal_chat_line_seq;
ALTER TABLE inbound_messages ADD COLUMN chat_seq bigint, ADD COLUMN chat_xid xid8;
ALTER TABLE portal_chat_answers ADD COLUMN chat_seq bigint, ADD COLUMN chat_xid xid8;

UPDATE inbound_messages i SET chat_seq = o.n FROM (SELECT id, kind, row_number() OVER (ORDER BY at, kind, id) AS n FROM (SELECT id, 0 AS kind, received_at AS at FROM inbound_messages WHERE channel = 'portal' UNION ALL SELECT id, 1, created_at FROM portal_chat_answers) l) o WHERE o.kind = 0 AND i.id = o.id;
UPDATE portal_chat_answers a SET chat_seq = o.n FROM (SELECT id, kind, row_number() OVER (ORDER BY at, kind, id) AS n FROM (SELECT id, 0 AS kind, received_at AS at FROM inbound_messages WHERE channel = 'portal' UNION ALL SELECT id, 1, created_at FROM portal_chat_answers) l) o WHERE o.kind = 1 AND a.id = o.id;
SELECT setval('portal_chat_line_seq', (SELECT count(*) FROM inbound_messages WHERE channel = 'portal') + (SELECT count(*) FROM portal_chat_answers) + 1, false);
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cobro_tenant') THEN GRANT USAGE, SELECT ON SEQUENCE portal_chat_line_seq TO cobro_tenant; END IF; END $$;

CREATE FUNCTION portal_chat_line_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.chat_seq := nextval('portal_chat_line_seq');
  NEW.chat_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;
CREATE TRIGGER portal_chat_answers_order BEFORE INSERT ON portal_chat_answers FOR EACH ROW EXECUTE FUNCTION portal_chat_line_order();
CREATE TRIGGER inbound_messages_chat_order BEFORE INSERT ON inbound_messages FOR EACH ROW WHEN (NEW.channel = 'portal') EXECUTE FUNCTION portal_chat_line_order();
CREATE INDEX portal_chat_answers_line ON portal_chat_answers (org_id, customer_id, chat_seq);

-- The debtor's own portal messages notify as the answers do (migration 126), so another tab of theirs shows them at once.
CREATE TRIGGER inbound_messages_chat_notify AFTER INSERT ON inbound_messages FOR EACH ROW WHEN (NEW.channel = 'portal') EXECUTE FUNCTION portal_chat_answer_notify();

-- A handover opened or its task closed (staff closing it) changes whether a person has the chat: the customer's streams
-- are told ("<org id> <customer id> handover"), and read the flag again.
CREATE INDEX agent_handovers_task ON agent_handovers (org_id, task_id);
CREATE FUNCTION portal_chat_handover_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'agent_handovers' THEN
    PERFORM pg_notify('cobro_portal_chat', NEW.org_id || ' ' || NEW.customer_id || ' handover');
  ELSE
    PERFORM pg_notify('cobro_portal_chat', h.org_id || ' ' || h.customer_id || ' handover') FROM agent_handovers h WHERE h.org_id = NEW.org_id AND h.task_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER agent_handovers_chat_notify AFTER INSERT ON agent_handovers FOR EACH ROW EXECUTE FUNCTION portal_chat_handover_notify();
CREATE TRIGGER tasks_handover_chat_notify AFTER UPDATE OF status ON tasks FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION portal_chat_handover_notify();
