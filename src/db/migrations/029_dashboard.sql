-- The home dashboard: payments of this week and month read by date, and messages of a period read by when they were sent.
CREATE INDEX payments_org_date ON payments (org_id, date);
CREATE INDEX messages_org_sent ON messages (org_id, sent_at) WHERE sent_at IS NOT NULL;
-- the overdue trend reads only the changes of its weeks: adjustments by date, and the reversals of allocations
CREATE INDEX adjustments_org_date ON adjustments (org_id, date);
CREATE INDEX allocations_reversed ON allocations (org_id, reversed_at) WHERE reversed_at IS NOT NULL;
