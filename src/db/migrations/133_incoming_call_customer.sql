-- The customer a call the debtor made to the org's number came from, kept on the call's own inbox row when the call is
-- applied (the one customer whose phone on file is the caller's number; null when no single customer has it). The KPIs
-- find the customer of a key pressed in such a call through it: the keypress's call id names the call's row, read by
-- the unique (provider, event_id) index, so no inbox event is scanned (src/kpi/touches.ts).
ALTER TABLE inbox_events ADD COLUMN customer_id text;
-- calls applied before this: the customer of the case the call was put on (a call_received event names the call)
UPDATE inbox_events i SET customer_id = k.customer_id
FROM case_events e JOIN cases k ON k.org_id = e.org_id AND k.id = e.case_id
WHERE e.kind = 'call_received' AND i.provider = 'twilio' AND i.org_id = e.org_id
  AND i.event_id = e.org_id || '/' || (e.data->>'call_sid') || ':incoming';
