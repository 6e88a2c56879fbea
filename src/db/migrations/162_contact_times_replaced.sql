-- A debtor's stated contact times that a newer statement replaced ("call me after 6pm", then "mornings only please"), kept
-- for audit beside the ones that hold: each as it was, with when it was replaced and by what (the reply's words, or the
-- person who changed the profile). The gate reads only inconvenient_times.
ALTER TABLE contact_profiles ADD COLUMN replaced_times jsonb NOT NULL DEFAULT '[]';
