// Fulfilling a request by doing what it asks: the export (downloaded as JSON) for access, the erasure for erasure.
import { api } from '../app/api.ts';
import { saveBlob } from '../app/csv.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useSubmit } from '../cases/submit.tsx';
import { useT } from '../i18n/index.tsx';
import type { AnswerProps } from './AnswerForms.tsx';
import type { DataRequest, Fulfilment } from './types.ts';

const fulfil = (r: DataRequest, body: object = {}) => api<Fulfilment>('POST', `/v1/privacy/requests/${encodeURIComponent(r.id)}/fulfilment`, body);

/** The export's file: the customer and the request in the name, so an officer can tell which answer it was. */
export function exportFile(r: DataRequest, data: Record<string, unknown>): { name: string; blob: Blob } {
  return { name: `export-${r.customer_id}-${r.id}.json`, blob: new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }) };
}

interface ButtonProps { hint: string; label: string; onClick: () => void; busy: boolean; error: Error | null; danger?: boolean }

/** What fulfilling does, the one button that does it, and the API's answer if it refused. */
function FulfilButton({ hint, label, onClick, busy, error, danger = false }: ButtonProps) {
  const { t } = useT();
  return (
    <section aria-labelledby="priv-fulfil-title">
      <h3 id="priv-fulfil-title">{t('priv.fulfil')}</h3>
      <p className="muted small">{hint}</p>
      <p><button type="button" className={danger ? 'primary danger' : 'primary'} onClick={onClick} disabled={busy}>{label}</button></p>
      <ErrorBox error={error} />
    </section>
  );
}

export function FulfilAccess({ request: r, onDone, onExport }: AnswerProps & { onExport: (file: { name: string; blob: Blob }) => void }) {
  const { t } = useT();
  const s = useSubmit();
  const run = () => void s.run(async () => {
    const done = await fulfil(r);
    if (!done.export) throw new Error(t('priv.noExport'));
    const file = exportFile(r, done.export);
    saveBlob(file.blob, file.name);
    onDone(done.request, t('priv.exported', { file: file.name }));
    onExport(file); // after onDone, whose notice the file joins
  }, '');
  return <FulfilButton hint={t('priv.accessHint')} label={t('priv.fulfilAccess')} onClick={run} busy={s.busy} error={s.error} />;
}

export function FulfilErasure({ request: r, customer, onDone }: AnswerProps & { customer: string }) {
  const { t } = useT();
  const s = useSubmit();
  const run = () => {
    if (!window.confirm(t('priv.erasureConfirm', { customer }))) return;
    void s.run(async () => {
      const done = await fulfil(r);
      const outcome = done.erasure?.outcome ?? 'erased';
      onDone(done.request, t(outcome === 'restricted' ? 'priv.restricted' : outcome === 'already_erased' ? 'priv.alreadyErased' : 'priv.erased'));
    }, '');
  };
  return <FulfilButton hint={t('priv.erasureHint')} label={t('priv.fulfilErasure')} onClick={run} busy={s.busy} error={s.error} danger />;
}
