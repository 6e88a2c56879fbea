// Reconciliation: upload a bank statement and see what it did, work the review queue, check the gateways' payouts (and
// settle one for review by hand), and the statements imported so far.
import { useState } from 'react';
import { PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ImportResult } from './ImportResult.tsx';
import { ReportedPayouts } from './ReportedPayouts.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { StatementsList } from './StatementsList.tsx';
import { UploadStatement } from './UploadStatement.tsx';
import type { StatementImport } from './types.ts';
import './reconciliation.css';

export function ReconciliationPage() {
  const { t } = useT();
  const can = useCan();
  const [result, setResult] = useState<StatementImport | null>(null);
  const [version, setVersion] = useState(0);
  const imported = (r: StatementImport) => { setResult(r); setVersion((v) => v + 1); };
  return (
    <>
      <PageHeader title={t('recon.title')} />
      {!can.write ? <p className="notice" data-testid="read-only">{t('recon.viewerNotice')}</p> : null}
      {can.manage ? <UploadStatement onImported={imported} /> : can.write ? <p className="muted small">{t('recon.uploadNeedsManager')}</p> : null}
      {result ? <ImportResult result={result} /> : null}
      <ReviewQueue canWrite={can.write} version={version} onChanged={() => setVersion((v) => v + 1)} />
      <ReportedPayouts canSettle={can.manage} version={version} />
      <StatementsList version={version} />
    </>
  );
}
