-- PayPal as a payment gateway: Orders v2 orders as payment links (payment_links.provider 'paypal') and the PayPal
-- captures made through them (gateway_payments.provider 'paypal', payment_ref the capture id, the id PayPal's reports and
-- refunds name). Refunds and reversals are reported one by one (PAYMENT.CAPTURE.REFUNDED/REVERSED, each with its own id):
-- gateway_payments.refunds (082) keeps them by id.
ALTER TABLE payment_links DROP CONSTRAINT payment_links_provider_check;
ALTER TABLE payment_links ADD CONSTRAINT payment_links_provider_check CHECK (provider IN ('stripe', 'mercadopago', 'adyen', 'paypal'));
ALTER TABLE gateway_payments DROP CONSTRAINT gateway_payments_provider_check;
ALTER TABLE gateway_payments ADD CONSTRAINT gateway_payments_provider_check CHECK (provider IN ('stripe', 'mercadopago', 'adyen', 'paypal'));
