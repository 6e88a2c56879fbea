-- A gateway dispute's evidence at PayPal too (the Disputes API's provide-evidence), and the gateway's answer under field
-- encryption: when the org has it on, what the gateway answered (gateway_reply: Stripe's evidence_details, the reasons and
-- documents sent to Adyen or PayPal) is kept sealed in gateway_reply_sealed, bound to the row (provider:dispute_id), with
-- gateway_reply null, as the staff's text is (144); the keys job seals, re-seals and opens it with the text.
ALTER TABLE gateway_dispute_evidence DROP CONSTRAINT gateway_dispute_evidence_provider_check;
ALTER TABLE gateway_dispute_evidence ADD CONSTRAINT gateway_dispute_evidence_provider_check CHECK (provider IN ('stripe', 'adyen', 'paypal'));
ALTER TABLE gateway_dispute_evidence ADD COLUMN gateway_reply_sealed text;
