-- Which text each message was sent with. The template id and tone were already on the message; the send now records the
-- language the text was in and, when the org's own text was used, which of its org_templates rows (its tone: the message's
-- own or 'any') and the version that row had then. Null version = cobro's shipped text (or the agent's own words).
ALTER TABLE messages ADD COLUMN template_language text, ADD COLUMN org_template_tone text, ADD COLUMN org_template_version integer;

-- One text for all tones: an org text saved with tone 'any' is used for every tone that has no text of its own.
ALTER TABLE org_templates DROP CONSTRAINT org_templates_tone_check;
ALTER TABLE org_templates ADD CONSTRAINT org_templates_tone_check CHECK (tone IN ('friendly', 'neutral', 'formal', 'firm', 'any'));
