// A request's status as a badge, and "Overdue" beside it when its answer is late.
import { useT } from '../i18n/index.tsx';
import type { DataRequest } from './types.ts';

export function StatusText({ request: r }: { request: Pick<DataRequest, 'status' | 'overdue'> }) {
  const { t } = useT();
  return (
    <>
      <span className={`badge badge-priv-${r.status}`}>{t(`priv.status.${r.status}`)}</span>
      {r.overdue ? <> <span className="badge badge-priv-overdue">{t('priv.overdue')}</span></> : null}
    </>
  );
}
