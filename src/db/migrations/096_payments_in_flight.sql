-- A payment in flight (a voucher issued and not paid yet: Stripe Checkout's OXXO or boleto, Mercado Pago's ticket
-- payments) holds the reminders for the invoices it covers until the voucher expires, through the same rows and the same
-- engine stop as a payment the debtor says they made (migration 021): `source` tells them apart. A voucher's hold has no
-- agent turn or verification task; it names the provider's payment, one hold per payment, and the voucher's expiry.
ALTER TABLE agent_claims ADD COLUMN source text NOT NULL DEFAULT 'debtor' CHECK (source IN ('debtor', 'voucher'));
ALTER TABLE agent_claims ADD COLUMN provider text;
ALTER TABLE agent_claims ADD COLUMN payment_ref text;
ALTER TABLE agent_claims ADD COLUMN method text;
ALTER TABLE agent_claims ADD COLUMN expires_at timestamptz;
ALTER TABLE agent_claims ALTER COLUMN turn_id DROP NOT NULL;
ALTER TABLE agent_claims ALTER COLUMN task_id DROP NOT NULL;
ALTER TABLE agent_claims ADD CONSTRAINT agent_claims_voucher_names_payment
  CHECK (source = 'debtor' OR (provider IS NOT NULL AND payment_ref IS NOT NULL AND expires_at IS NOT NULL));
-- one open claim of the debtor's own per customer, as before; vouchers beside it, one row per provider payment
DROP INDEX agent_claims_one_open;
CREATE UNIQUE INDEX agent_claims_one_open ON agent_claims (org_id, customer_id) WHERE status = 'open' AND source = 'debtor';
CREATE UNIQUE INDEX agent_claims_voucher ON agent_claims (org_id, provider, payment_ref) WHERE source = 'voucher';
