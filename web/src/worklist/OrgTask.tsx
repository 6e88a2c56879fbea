// An org-level task (no customer, no case: a gateway dispute on a payment cobro does not know) opened from the worklist in a
// small dialog rather than a case page: what it is, its note and due day (and an unknown caller's number to call back); a
// writer completes it with what came of it.
import { date } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { CompleteTask } from '../cases/TaskPanel.tsx';
import type { WorkItem } from './types.ts';

export function OrgTaskDialog({ item, canWrite, onClose, onDone }: { item: WorkItem; canWrite: boolean; onClose: () => void; onDone: () => void }) {
  const { t, locale } = useT();
  return (
    <dialog open className="card org-task" aria-labelledby="org-task-title" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <h2 id="org-task-title">{t('work.orgTask')}</h2>
      <p><span className={`badge badge-priority-${item.priority}`}>{t(`task.priority.${item.priority}`)}</span> {t(`task.kind.${item.kind}`)}
        {' · '}{t('task.due', { date: date(item.due_date, locale) })}</p>
      <p className="muted small">{t('work.orgTaskWhy')}</p>
      {item.note ? <p data-testid="org-task-note">{item.note}</p> : null}
      {item.caller ? <p>{t('work.callerNumber')} <a href={`tel:${item.caller}`} data-testid="org-task-caller">{item.caller}</a></p> : null}
      {canWrite ? <CompleteTask taskId={item.id} inputId="org-task-outcome" onDone={onDone} /> : null}
      <p><button type="button" onClick={onClose}>{t('work.close')}</button></p>
    </dialog>
  );
}
