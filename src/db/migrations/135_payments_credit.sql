-- Payments that leave a customer unapplied credit, found without a pass over every payment of the org: the forecast
-- nets each such customer's credit against what it expects from them (src/forecast/load.ts, credit.ts).
CREATE INDEX payments_credit ON payments (org_id, customer_id, currency) WHERE unapplied > 0 AND reversed_at IS NULL;
