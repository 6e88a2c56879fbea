-- The KPIs' receivables read balances at both ends of a period from the stored steps (042); what was carried from the
-- opening to the end needs, invoice by invoice, only those whose balance fell in the period: found by their falling
-- steps (payments, credits, write-offs), a few against the many invoices issued or fined in it.
CREATE INDEX invoice_balance_steps_falls ON invoice_balance_steps (org_id, date) WHERE amount < 0;
