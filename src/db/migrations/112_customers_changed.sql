-- Customers by org and time of change, as invoices have (invoices_changed): the check a matching run makes first ("has
-- anything changed since my last look?") and the lookup tables' sync find the customers changed within the overlap kept
-- for late commits through it, instead of reading every customer of the org (a run's fixed start grew with the org).
CREATE INDEX customers_changed ON customers (org_id, updated_at);
