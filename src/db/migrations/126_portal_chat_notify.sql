-- The portal chat's push: each answer recorded for the page (the agent's or a person's) notifies channel
-- cobro_portal_chat once its transaction commits, with ids only ("<org id> <customer id> <answer id>"): every API
-- process LISTENs there (PGlite delivers it in the process) and the debtor's open chat streams read the answer themselves.
CREATE FUNCTION portal_chat_answer_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cobro_portal_chat', NEW.org_id || ' ' || NEW.customer_id || ' ' || NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER portal_chat_answers_notify AFTER INSERT ON portal_chat_answers
  FOR EACH ROW EXECUTE FUNCTION portal_chat_answer_notify();
