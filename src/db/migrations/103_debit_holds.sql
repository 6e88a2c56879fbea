-- A bank debit in flight (Stripe's SEPA Direct Debit or ACH, `processing` for days between the debtor's authorisation and
-- the gateway's word) holds the reminders for the invoices it pays, as a voucher does (migration 096), with `source`
-- `debit`: it names the provider's payment and the instant the hold gives up waiting (`expires_at`, the method's longest
-- documented confirmation time). One hold per provider payment whatever its source, so a payment first read as a voucher
-- and then as a debit (a session that offered both) is held once.
ALTER TABLE agent_claims DROP CONSTRAINT agent_claims_source_check;
ALTER TABLE agent_claims ADD CONSTRAINT agent_claims_source_check CHECK (source IN ('debtor', 'voucher', 'debit'));
DROP INDEX agent_claims_voucher;
CREATE UNIQUE INDEX agent_claims_in_flight ON agent_claims (org_id, provider, payment_ref) WHERE source <> 'debtor';
