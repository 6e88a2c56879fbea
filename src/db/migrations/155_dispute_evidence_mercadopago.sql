-- A gateway dispute's evidence at Mercado Pago too: a chargeback's documentation (POST /v1/chargebacks/{id}/documentation).
-- The row's dispute_id is cobro's id of the dispute (chargeback:<payment id>); Mercado Pago's chargeback id is kept with
-- the dispute on the payment (gateway_payments.disputes, caseId) from its chargebacks notification.
ALTER TABLE gateway_dispute_evidence DROP CONSTRAINT gateway_dispute_evidence_provider_check;
ALTER TABLE gateway_dispute_evidence ADD CONSTRAINT gateway_dispute_evidence_provider_check CHECK (provider IN ('stripe', 'adyen', 'paypal', 'mercadopago'));
