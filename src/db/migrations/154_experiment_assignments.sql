-- Champion/challenger by intent to treat: each customer's first assignment to an arm of an experiment, kept when their
-- case later moves to another strategy or closes. The engine writes a row the first time it plans a customer with an
-- arm's version while the experiment runs (src/experiments/assignments.ts); never updated.
CREATE TABLE experiment_assignments (
  org_id text NOT NULL,
  experiment_id text NOT NULL REFERENCES experiments(id),
  customer_id text NOT NULL,
  arm text NOT NULL CHECK (arm IN ('champion', 'challenger')),
  version integer NOT NULL,
  assigned_at timestamptz NOT NULL,
  -- 'planned' (the engine planned the customer on the arm) or 'before_154' (on the strategy when this migration ran)
  source text NOT NULL CHECK (source IN ('planned', 'before_154')),
  PRIMARY KEY (org_id, experiment_id, customer_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);

-- Customers assigned before this migration left no record: those whose case is on the experiment's strategy now are
-- taken as assigned at the experiment's start, in the arm the hash gives (the first 4 bytes of SHA-256 of
-- "experiment id:customer id" over 2^32, below the share: the challenger), as results counted them until now. Those whose
-- case had already moved to another strategy cannot be recovered.
INSERT INTO experiment_assignments (org_id, experiment_id, customer_id, arm, version, assigned_at, source)
SELECT e.org_id, e.id, c.customer_id, x.arm, CASE WHEN x.arm = 'challenger' THEN e.challenger_version ELSE e.champion_version END,
  e.created_at, 'before_154'
FROM experiments e
JOIN cases c ON c.org_id = e.org_id AND c.strategy_id = e.strategy_id
CROSS JOIN LATERAL (SELECT CASE WHEN ('x' || substr(encode(sha256(convert_to(e.id || ':' || c.customer_id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint
  / 4294967296.0 < e.share::text::numeric THEN 'challenger' ELSE 'champion' END AS arm) x
ON CONFLICT DO NOTHING;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE experiment_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON experiment_assignments USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
