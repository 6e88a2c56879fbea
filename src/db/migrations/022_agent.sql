-- The collections agent: whether an org has it on (and its confidence threshold), one turn per debtor reply it reads
-- (queued when the reply is applied, then decided: intent, confidence, what it did, the reply it queued), the handovers
-- to people with their summary, and collectors' corrections of an understood intent (training data).

CREATE TABLE agent_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  enabled boolean NOT NULL DEFAULT false,
  -- below it the agent hands the conversation to a person at once
  confidence_threshold double precision NOT NULL DEFAULT 0.5 CHECK (confidence_threshold >= 0 AND confidence_threshold <= 1),
  -- ask the configured OpenAI-compatible endpoint to read replies (the debtor's text leaves cobro); off unless the org says so
  use_llm boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE agent_turns (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  inbound_id text NOT NULL,
  customer_id text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'decided', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  error text,
  next_attempt_at timestamptz,
  -- what was understood: by the built-in model, the compliance opt-out rule, or the LLM
  intent text,
  confidence double precision,
  language text,
  understood_by text,
  entities jsonb,
  -- what was decided and done
  action text,
  detail text,
  -- what the next reply is expected to say (a date, an amount, yes to an offer, proof of payment)
  awaiting jsonb,
  reply_message_id text,
  handover_id text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  UNIQUE (org_id, inbound_id)
);
CREATE INDEX agent_turns_pending ON agent_turns (org_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX agent_turns_customer ON agent_turns (org_id, customer_id, created_at);

CREATE TABLE agent_handovers (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  case_id text,
  turn_id text NOT NULL,
  task_id text NOT NULL,
  reason text NOT NULL,
  summary text NOT NULL,
  details jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, turn_id)
);
CREATE INDEX agent_handovers_customer ON agent_handovers (org_id, customer_id, created_at);

CREATE TABLE agent_corrections (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  inbound_id text NOT NULL,
  text text NOT NULL,
  language text NOT NULL,
  understood_intent text,
  intent text NOT NULL,
  note text,
  corrected_by text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, inbound_id)
);
