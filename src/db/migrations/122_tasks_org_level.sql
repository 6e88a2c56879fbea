-- The worklist reads the org's own open tasks (no customer, no case: stored with case_id '') in a query of its own at
-- every load (src/engine/task-commands.ts orgRows); without this it would walk every open task of the org due by the
-- day (tasks_open) to find the few. Partial, so it holds only those few rows.
CREATE INDEX tasks_org_level_open ON tasks (org_id, due_date, id) WHERE case_id = '' AND status = 'open';
