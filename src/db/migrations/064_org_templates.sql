-- An org's own wording of a shipped template, per template (the one a strategy step's send action names), channel, tone
-- and language. Only the message's own text is stored: the frame the renderer puts around every message (greeting,
-- closing, email footer with the unsubscribe link, SMS opt-out, the notices the law asks for by place) stays cobro's.
-- Saved only after the template lints pass; each save raises the version and is audited (template.saved / .removed).
CREATE TABLE org_templates (
  org_id text NOT NULL REFERENCES orgs(id),
  template text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'voice')),
  tone text NOT NULL CHECK (tone IN ('friendly', 'neutral', 'formal', 'firm')),
  language text NOT NULL CHECK (language IN ('en', 'es', 'pt-BR')),
  -- email only
  subject text,
  body text NOT NULL,
  -- WhatsApp only: the name Meta approved the body under (its placeholders are the ordered parameters {{1}}, {{2}} ...)
  whatsapp_name text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (org_id, template, channel, tone, language),
  CHECK ((channel = 'email') = (subject IS NOT NULL)),
  CHECK ((channel = 'whatsapp') = (whatsapp_name IS NOT NULL))
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE org_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON org_templates USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
