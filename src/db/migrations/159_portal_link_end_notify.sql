-- 1. A portal link ended (withdrawn by staff, the CLI or the customer's erasure; its expiry brought forward; the row gone)
-- tells the customer's open chat streams at once on every API process ("<org id> <customer id> link" on cobro_portal_chat,
-- as migrations 126, 131 and 140 do for lines, handovers and turns; sent when the transaction commits): each reads its link
-- again and the withdrawn link's streams end with `end` `link` instead of at the next heartbeat. Whatever path ends a
-- link, the table says so, so no caller can forget to.
CREATE FUNCTION portal_link_end_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('cobro_portal_chat', OLD.org_id || ' ' || OLD.customer_id || ' link');
    RETURN NULL;
  END IF;
  PERFORM pg_notify('cobro_portal_chat', NEW.org_id || ' ' || NEW.customer_id || ' link');
  IF NEW.org_id IS DISTINCT FROM OLD.org_id OR NEW.customer_id IS DISTINCT FROM OLD.customer_id THEN
    PERFORM pg_notify('cobro_portal_chat', OLD.org_id || ' ' || OLD.customer_id || ' link');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER portal_links_end_notify AFTER UPDATE OF revoked_at, expires_at, org_id, customer_id ON portal_links FOR EACH ROW
  WHEN ((OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL) OR NEW.expires_at < OLD.expires_at
    OR NEW.org_id IS DISTINCT FROM OLD.org_id OR NEW.customer_id IS DISTINCT FROM OLD.customer_id)
  EXECUTE FUNCTION portal_link_end_notify();
CREATE TRIGGER portal_links_delete_notify AFTER DELETE ON portal_links FOR EACH ROW EXECUTE FUNCTION portal_link_end_notify();

-- 2. Each portal chat line keeps the snapshot it was recorded under (chat_snap), so that a page naming its last line by
-- id (not the chat's cursor) resumes from that line's cursor: the lines recorded before it whose transactions had not
-- committed then are not taken as the page's own (src/agent/chat-lines.ts chatCursorAt). A snapshot listing many
-- transactions in flight is kept as its lower bound ("xmin:xmin:"), as the cursor's text is. Lines recorded before
-- this migration have none and resume by their place alone, as before.
ALTER TABLE inbound_messages ADD COLUMN chat_snap text;
ALTER TABLE portal_chat_answers ADD COLUMN chat_snap text;
CREATE OR REPLACE FUNCTION portal_chat_line_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  snap text;
BEGIN
  NEW.chat_seq := nextval('portal_chat_line_seq');
  NEW.chat_xid := pg_current_xact_id();
  -- taken after the line's place and its transaction: a line that took an earlier place is either committed in it or
  -- shown as in flight (its own transaction is not visible in it yet: chatCursorAt counts it as the page's)
  snap := pg_current_snapshot()::text;
  NEW.chat_snap := CASE WHEN length(snap) <= 180 THEN snap ELSE split_part(snap, ':', 1) || ':' || split_part(snap, ':', 1) || ':' END;
  RETURN NEW;
END
$$;
