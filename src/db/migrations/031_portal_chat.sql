-- The answers in the debtor portal's chat: the agent's (one per turn read from a portal message) and those a person writes
-- from the handover screen. The debtor's own messages are inbound messages on channel `portal`. Nothing here is sent by a
-- provider: the debtor reads it on the page, so these rows are not messages of the outbox. Card numbers are removed first.

CREATE TABLE portal_chat_answers (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  -- the agent's turn it answers (for a person's answer, the handover's turn)
  turn_id text,
  author text NOT NULL CHECK (author IN ('agent', 'person')),
  -- who wrote a person's answer (their actor string), for the audit trail
  actor text,
  language text NOT NULL,
  text text NOT NULL,
  -- the answer offers the portal's payment (the chat shows a button instead of a link)
  pay boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX portal_chat_answers_customer ON portal_chat_answers (org_id, customer_id, created_at);
