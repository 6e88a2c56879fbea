-- The nightly check reads again, by id, each dispute cobro holds open (gateway_payments.disputes with status open): a
-- small partial index finds those payments without reading all of an org's payments, oldest visited first.
CREATE INDEX gateway_payments_open_disputes ON gateway_payments (org_id, provider, updated_at)
  WHERE disputes @? '$.* ? (@.status == "open")';
