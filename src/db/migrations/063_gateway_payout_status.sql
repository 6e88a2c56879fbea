-- R-6, payouts that did not arrive: Stripe reports a payout failed or canceled (payout.failed, payout.canceled, or
-- payout.updated with that status). The reported payout keeps its latest state (a late payout.paid never brings back a
-- failed one), no longer settles a bank line, and its return (a debit naming it) is settled as its reversal.

-- paid: the gateway says the money reached the bank; failed, canceled: it did not (final: nothing changes them again).
-- status_at is the event's own created time, so events arriving out of order keep the latest state.
ALTER TABLE gateway_payouts ADD COLUMN status text NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'failed', 'canceled'));
ALTER TABLE gateway_payouts ADD COLUMN status_at timestamptz;
ALTER TABLE gateway_payouts ADD COLUMN failure_code text;

-- How a line was tied to its payout. text: its own name and text (payout-rules.ts); reported: the amount and date of a
-- payout the gateway reported, with the gateway's name, the payout id or its descriptor as evidence; person: marked by
-- hand; return: a debit giving back a payout that failed. Only a line tied as 'reported' goes back to matching when
-- that payout did not arrive.
ALTER TABLE statement_line_payouts ADD COLUMN basis text NOT NULL DEFAULT 'text' CHECK (basis IN ('text', 'reported', 'person', 'return'));
UPDATE statement_line_payouts SET basis = 'person' WHERE decided_by IS NOT NULL AND status = 'payout';
UPDATE statement_line_payouts SET basis = 'reported' WHERE decided_by IS NULL AND reasons->>0 LIKE 'equals the % payout % reported arriving %';

-- withdrawn: the line was settled on a reported payout that then failed or was canceled, so it went back to matching
-- (unlike 'undone' a rule, or another payout, may take it again).
ALTER TABLE statement_line_payouts DROP CONSTRAINT statement_line_payouts_status_check;
ALTER TABLE statement_line_payouts ADD CONSTRAINT statement_line_payouts_status_check CHECK (status IN ('payout', 'undone', 'withdrawn'));
