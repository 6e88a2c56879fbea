-- What debtors send back: one row per reply on any channel (SMS, WhatsApp, email, voice speech, portal), linked to the
-- customer it came from and, when known, the message it answers. The raw provider event stays in inbox_events.

CREATE TABLE inbound_messages (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'voice', 'portal')),
  provider text NOT NULL,
  provider_message_id text,
  from_address text NOT NULL,
  text text NOT NULL,
  -- the outbound message this answers, when the provider says or the address had one recently
  in_reply_to text,
  inbox_event_id text,
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, provider, provider_message_id)
);
CREATE INDEX inbound_customer ON inbound_messages (org_id, customer_id, received_at);
