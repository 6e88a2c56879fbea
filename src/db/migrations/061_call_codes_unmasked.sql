-- The call codes whose SMS's stored copy still holds the digits (src/worker/inbound/call-code-rest.ts): the worker's
-- sweep after each dispatch reads them through this index, a handful of rows however many messages the org sends (it
-- read the messages sent in the last minutes before, and so missed a code SMS that failed or was blocked at its send).
-- Only a call code's payload is ever updated, so the dispatcher's update of an action it sent stays a HOT update.
CREATE INDEX IF NOT EXISTS actions_call_code_unmasked ON actions (org_id)
  WHERE payload ? 'call_code' AND NOT (payload -> 'call_code' ? 'masked_at');
