-- The KPIs read three kinds of touch beside messages, over a period, by org and instant: calls people logged
-- (case_events of kind call_logged), keypresses in calls (inbox_events whose event is a keypress) and the debtor's
-- portal visits (portal.viewed audit entries). Partial indexes, so each holds only those rows and the reads stay
-- range scans however many other events, inbox rows and audit entries the org has (src/kpi/touches.ts).
CREATE INDEX case_events_calls_logged ON case_events (org_id, at) WHERE kind = 'call_logged';
CREATE INDEX inbox_events_keypresses ON inbox_events (org_id, received_at) WHERE (event->>'type') = 'keypress';
CREATE INDEX audit_log_portal_views ON audit_log (org_id, at) WHERE action = 'portal.viewed';
