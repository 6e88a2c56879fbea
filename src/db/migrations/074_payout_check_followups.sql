-- R-6 follow-ups on payouts checked against their balance transactions.

-- Stripe's own integers of a balance transaction whose currency Stripe writes with more decimals than cobro's minor
-- unit (ISK and UGX: hundredths at Stripe, whole units in cobro), kept exactly as Stripe listed them; the amount, fee
-- and net columns hold cobro's minor units, rounded so that the payout's sums stay exact. Null for other currencies.
ALTER TABLE gateway_payout_transactions ADD COLUMN stripe_amount bigint, ADD COLUMN stripe_fee bigint, ADD COLUMN stripe_net bigint;

-- What Stripe said when cobro read the payout itself (GET /v1/payouts/{id}): automatic (false: a manual payout, whose
-- balance transactions Stripe does not list by payout; null: not read yet), and when it was read.
ALTER TABLE gateway_payouts ADD COLUMN automatic boolean, ADD COLUMN payout_read_at timestamptz;

-- A payout a person settled by hand (one in review, e.g. a manual payout): who, when and why; cleared when a later read
-- of its transactions replaces what was settled.
ALTER TABLE gateway_payouts ADD COLUMN settled_by text, ADD COLUMN settled_at timestamptz, ADD COLUMN settled_note text;
