-- How a gateway dispute was answered, once: with evidence (Stripe, Adyen, PayPal) or, at PayPal, by accepting the claim
-- (POST /v1/customer/disputes/{id}/accept-claim: the dispute closes in the buyer's favour and PayPal refunds them). Null
-- while nothing was sent; rows submitted before this migration were answered with evidence.
ALTER TABLE gateway_dispute_evidence ADD COLUMN answer text CHECK (answer IN ('evidence', 'accept_claim'));
UPDATE gateway_dispute_evidence SET answer = 'evidence' WHERE status = 'submitted';
