// The files a debtor sent with a reply, on the case's timeline: a kept photo as a thumbnail that opens it, a PDF (or an
// iPhone's HEIC photo, which browsers do not draw) as a link, and one not kept yet or at all with why.
import { useT } from '../i18n/index.tsx';
import type { CaseEvent } from './types.ts';

interface ReplyFile { id: string; status: string; content_type: string | null; filename: string | null }

const DRAWN = ['image/jpeg', 'image/png', 'image/webp'];

export function ReplyFiles({ entry }: { entry: CaseEvent }) {
  const { t } = useT();
  const reply = typeof entry.data.inbound_id === 'string' ? entry.data.inbound_id : null;
  const files = Array.isArray(entry.data.attachments) ? entry.data.attachments as ReplyFile[] : [];
  if (!reply || files.length === 0) return null;
  return (
    <ul className="reply-files" data-testid="reply-files" aria-label={t('files.label')}>
      {files.map((f) => {
        const href = `/v1/replies/${encodeURIComponent(reply)}/attachments/${encodeURIComponent(f.id)}`;
        const name = f.filename ?? t(f.content_type === 'application/pdf' ? 'files.pdf' : 'files.photo');
        return (
          <li key={f.id} data-status={f.status}>
            {f.status !== 'stored' ? <span className="muted small">{t(`files.${f.status}`)}</span>
              : DRAWN.includes(f.content_type ?? '')
                ? <a href={href} download title={t('files.open', { name })}>
                    <img src={href} alt={t('files.photo')} loading="lazy" style={{ maxWidth: 160, maxHeight: 160, objectFit: 'contain' }} /></a>
                : <a href={href} download>{t('files.open', { name })}</a>}
          </li>
        );
      })}
    </ul>
  );
}
