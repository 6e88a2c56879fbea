-- A call-back task's number and its lines as data. `caller`: the number an unknown caller's org-level call-back task is to
-- call, kept out of the note text and sealed bound to the task's row when the org has field encryption on (field
-- `tasks.caller`, src/vault/fields/copies.ts). `detail`: what the note is written from (the language it was opened in and
-- each missed attempt: instant, reason, status), so a later attempt is added in the same language (src/worker/inbound/call-back-note.ts).
ALTER TABLE tasks ADD COLUMN caller text;
ALTER TABLE tasks ADD COLUMN detail jsonb;
