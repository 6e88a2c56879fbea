-- When the worker last read a PayPal link's order at PayPal: an order the payer approved whose CHECKOUT.ORDER.APPROVED
-- never reached cobro (lost, or the webhook not subscribed to it) is found and captured while its link is open.

ALTER TABLE payment_links ADD COLUMN approval_checked_at timestamptz;
