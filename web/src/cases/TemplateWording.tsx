// The org's wording a timeline message was built from (its kept version), fetched from the message when asked for.
import { useState } from 'react';
import { get } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';

interface KeptWording { id: string; version: number; subject: string | null; body: string }

export function TemplateWording({ messageId, version }: { messageId: string; version: number | null }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [wording, setWording] = useState<KeptWording | null>(null);
  const [failed, setFailed] = useState(false);
  const toggle = () => {
    setOpen((o) => !o);
    if (wording || open) return;
    get<{ org_template_text: KeptWording | null }>(`/v1/messages/${encodeURIComponent(messageId)}`)
      .then((m) => { if (m.org_template_text) setWording(m.org_template_text); else setFailed(true); }, () => setFailed(true));
  };
  return (
    <>
      {' '}
      <button type="button" className="chip" aria-expanded={open} onClick={toggle}>
        {open ? t('tl.wordingHide') : t('tl.wording', { version: version ?? '?' })}
      </button>
      {open ? (
        <div className="message-preview" data-testid="template-wording">
          {failed ? <p className="muted small">{t('tl.wordingUnknown')}</p> : null}
          {wording?.subject ? <p><strong>{wording.subject}</strong></p> : null}
          {wording ? <pre>{wording.body}</pre> : null}
        </div>
      ) : null}
    </>
  );
}
