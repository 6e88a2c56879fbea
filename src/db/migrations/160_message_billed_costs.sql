-- What the provider billed for a message, beside the estimate priced from the org's rates (messages.cost_micros, which is
-- never overwritten): one row per Twilio SMS, WhatsApp message or call that reached a final state, written pending when
-- its status callback says so, and filled by the worker's price round (src/worker/billed-costs.ts), which reads the
-- message or call back from Twilio until its price is known, retrying while Twilio has not billed it, giving up at
-- `give_up_at`. The row holds no personal data (ids, amounts, times), so erasure leaves it.
CREATE TABLE message_billed_costs (
  org_id text NOT NULL,
  message_id text NOT NULL,
  provider text NOT NULL,
  -- the provider's id of the message or call (Twilio's SM.../MM.../CA... sid) and its channel
  provider_message_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'voice')),
  status text NOT NULL CHECK (status IN ('pending', 'billed', 'gave_up')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  give_up_at timestamptz NOT NULL,
  -- the charge in micro-units (millionths of the major unit) of billed_currency, as the provider billed it
  billed_micros bigint,
  billed_currency text,
  billed_at timestamptz,
  error text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, message_id),
  CHECK ((status = 'billed') = (billed_micros IS NOT NULL AND billed_currency IS NOT NULL AND billed_at IS NOT NULL))
);
CREATE INDEX message_billed_costs_due ON message_billed_costs (org_id, next_attempt_at) WHERE status = 'pending';
ALTER TABLE message_billed_costs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON message_billed_costs USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
