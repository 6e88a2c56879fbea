-- Actions a hold cancelled before migration 107 (a claimed payment being verified, a voucher or bank debit in flight, a
-- promise), and those an instalment plan's stop cancelled before this one, name no hold (`actions.held_by` null), so they
-- are never planned again. The hold is attributed where the stored facts say it unambiguously: the action's cancel reason
-- (`payment_claimed: claim <id>: ...`, `payment_in_flight: payment in flight (<id>): ...`, `promise_active: promise <id>
-- to pay ...`, `plan_current: plan <id> is current...`) and its timeline entry (`action_cancelled`, whose data names the
-- stop's code and the hold's id since f5f8910) must name one and the same id between them, and that id must be a row of
-- the stop's own kind (agent_claims for a claim, voucher or debit; promises; plans) of the case's customer. Everything
-- else is left as it is: other reasons, ids that disagree or name no such row, and the plan's own instalment reminder a
-- plan's stop cancelled (never held, as the engine now cancels it). The open cases of the actions attributed whose hold
-- has ended are looked at by the next tick, which plans each again (or records it superseded by a step due since).
WITH cancelled AS (
  SELECT a.org_id, a.idempotency_key, a.case_id, a.cycle, split_part(a.reason, ':', 1) AS code,
    CASE split_part(a.reason, ':', 1)
      WHEN 'payment_claimed' THEN substring(a.reason FROM '^payment_claimed: claim ([^ :()]+): ')
      WHEN 'payment_in_flight' THEN substring(a.reason FROM '^payment_in_flight: payment in flight \(([^ :()]+)\)')
      WHEN 'promise_active' THEN substring(a.reason FROM '^promise_active: promise ([^ :()]+) to pay ')
      WHEN 'plan_current' THEN substring(a.reason FROM '^plan_current: plan ([^ :()]+) is current')
    END AS text_id
  FROM actions a
  WHERE a.status = 'cancelled' AND a.held_by IS NULL
    AND split_part(a.reason, ':', 1) IN ('payment_claimed', 'payment_in_flight', 'promise_active', 'plan_current')
    AND NOT (split_part(a.reason, ':', 1) = 'plan_current' AND a.step_id = 'plan-reminder')
),
named AS (
  -- every id the reason and the timeline give for the action; one distinct id, or nothing is attributed
  SELECT c.org_id, c.idempotency_key, c.case_id, c.cycle, c.code, min(x.id) AS hold_id, count(DISTINCT x.id) AS ids,
    bool_or(x.id IS NULL) AS unnamed
  FROM cancelled c
  CROSS JOIN LATERAL (
    SELECT c.text_id AS id
    UNION ALL
    SELECT COALESCE(e.data->>'claim_id', e.data->>'hold_id', e.data->>'promise_id', e.data->>'plan_id')
    FROM case_events e
    WHERE e.org_id = c.org_id AND e.case_id = c.case_id AND e.kind = 'action_cancelled' AND e.idempotency_key = c.idempotency_key
      AND e.data->>'code' = c.code
  ) x
  GROUP BY c.org_id, c.idempotency_key, c.case_id, c.cycle, c.code
),
attributed AS (
  SELECT n.org_id, n.idempotency_key, n.case_id, n.cycle, n.hold_id, h.ended
  FROM named n
  JOIN cases k ON k.org_id = n.org_id AND k.id = n.case_id
  CROSS JOIN LATERAL (
    SELECT x.status <> 'open' AS ended FROM agent_claims x
    WHERE n.code IN ('payment_claimed', 'payment_in_flight') AND x.org_id = n.org_id AND x.id = n.hold_id AND x.customer_id = k.customer_id
    UNION ALL
    SELECT p.status <> 'pending' FROM promises p
    WHERE n.code = 'promise_active' AND p.org_id = n.org_id AND p.id = n.hold_id AND p.customer_id = k.customer_id
    UNION ALL
    SELECT p.status <> 'active' FROM plans p
    WHERE n.code = 'plan_current' AND p.org_id = n.org_id AND p.id = n.hold_id AND p.customer_id = k.customer_id
  ) h
  WHERE n.ids = 1 AND NOT n.unnamed
),
marked AS (
  UPDATE actions a SET held_by = t.hold_id
  FROM attributed t
  WHERE a.org_id = t.org_id AND a.idempotency_key = t.idempotency_key AND a.status = 'cancelled' AND a.held_by IS NULL
  RETURNING a.org_id
)
UPDATE cases k SET next_action_at = now()
FROM (SELECT DISTINCT org_id, case_id, cycle FROM attributed WHERE ended) w
WHERE k.org_id = w.org_id AND k.id = w.case_id AND k.cycle = w.cycle AND k.status = 'open'
  AND (k.next_action_at IS NULL OR k.next_action_at > now());
