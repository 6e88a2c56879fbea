-- The debtor may cancel their own pending promise from the portal (recorded as status `cancelled`, the case returning to
-- its strategy as when a plan is cancelled), and each org says whether the debtor may also cancel an instalment plan there
-- (allowed unless the org turns it off).

ALTER TABLE promises DROP CONSTRAINT promises_status_check;
ALTER TABLE promises ADD CONSTRAINT promises_status_check
  CHECK (status IN ('pending', 'kept', 'partly_kept', 'broken', 'replaced', 'cancelled'));
-- who cancelled it (`portal:<link>` for the debtor through their link, a user or `api:<key>` for staff)
ALTER TABLE promises ADD COLUMN cancelled_by text;

ALTER TABLE portal_settings ADD COLUMN debtor_cancels_plan boolean NOT NULL DEFAULT true;
