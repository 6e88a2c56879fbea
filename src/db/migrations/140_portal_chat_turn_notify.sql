-- The portal chat's "pending" flag pushed when it goes false without a line: a portal turn leaving 'pending' (decided
-- with no answer, given up after its attempts, its reply gone) tells the customer's open streams ("<org id> <customer
-- id> turn", as migrations 126 and 131 do for answers and handovers), which read the flag again at once. A turn is
-- queued in the transaction that records the debtor's portal message, which notifies already (migration 131).
CREATE FUNCTION portal_chat_turn_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cobro_portal_chat', NEW.org_id || ' ' || NEW.customer_id || ' turn');
  RETURN NULL;
END
$$;
CREATE TRIGGER agent_turns_chat_notify AFTER UPDATE OF status ON agent_turns
  FOR EACH ROW WHEN (NEW.channel = 'portal' AND OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION portal_chat_turn_notify();
