-- R-6, a payout read before Stripe finished reconciling it: Stripe lists an automatic payout's balance transactions only
-- once its reconciliation_status is 'completed' (event payout.reconciliation_completed). Kept as the payout's events
-- report it; null when no event said (a manual payout's is not_applicable). A read made while in_progress is not a net
-- mismatch to review: it is read again when the event comes, or by a later worker round.
ALTER TABLE gateway_payouts ADD COLUMN reconciliation_status text CHECK (reconciliation_status IN ('in_progress', 'completed', 'not_applicable'));
