-- An action a hold cancelled (a claimed payment being verified, a voucher or bank debit in flight, a promise) names the
-- hold: `held_by` is the agent_claims or promises row whose stop cancelled it, null for an action cancelled for good (paid,
-- disputed, opted out, a new cycle, by hand). Once that hold ends without the invoices paid the engine plans the action
-- again under its own key (the cancelled one's plus `/replan`), unless a later step has come due since.
ALTER TABLE actions ADD COLUMN held_by text;
