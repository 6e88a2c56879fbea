-- The collectors' workspace: tasks assigned to people, follow-up calls at an instant, tasks made by hand, and the mark
-- of a task a person has started on (logged a call), which the engine's stops leave for that person to close.

ALTER TABLE tasks ADD COLUMN assigned_to text;
ALTER TABLE tasks ADD COLUMN due_at timestamptz;
ALTER TABLE tasks ADD COLUMN created_by text;
ALTER TABLE tasks ADD COLUMN worked_at timestamptz;

-- the worklist reads one person's open tasks due by a day, or the unassigned ones
CREATE INDEX tasks_assigned ON tasks (org_id, status, assigned_to, due_date);
