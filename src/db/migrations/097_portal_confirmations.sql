-- Each org says whether cobro confirms to the debtor, in writing, what they arranged or cancelled in the portal (a promise,
-- more time, a plan); on unless the org turns it off.

ALTER TABLE portal_settings ADD COLUMN confirmations boolean NOT NULL DEFAULT true;
