-- Adyen as a payment gateway: Pay by Link payment links (payment_links.provider 'adyen') and the Adyen payments made
-- through them (gateway_payments.provider 'adyen', payment_ref the payment's pspReference, so a Settlement details report's
-- Settled row names a payment cobro recorded). Adyen reports each refund on its own (a REFUND notification with the
-- refund's own pspReference and amount, not a running total): refunds keeps them by id, so a repeat counts once.
ALTER TABLE payment_links DROP CONSTRAINT payment_links_provider_check;
ALTER TABLE payment_links ADD CONSTRAINT payment_links_provider_check CHECK (provider IN ('stripe', 'mercadopago', 'adyen'));
ALTER TABLE gateway_payments DROP CONSTRAINT gateway_payments_provider_check;
ALTER TABLE gateway_payments ADD CONSTRAINT gateway_payments_provider_check CHECK (provider IN ('stripe', 'mercadopago', 'adyen'));
-- refund id (its pspReference) -> amount in cobro minor units; refunded is then at least their sum
ALTER TABLE gateway_payments ADD COLUMN refunds jsonb NOT NULL DEFAULT '{}';
