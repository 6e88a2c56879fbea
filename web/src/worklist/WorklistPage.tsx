// The worklist: the day's tasks in working order with the reason each is there; filter, sort, export, hand out (managers),
// and move through it with the keyboard.
import { useMemo, useState } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { useQueryState, Link } from '../app/router.tsx';
import { date, dateTime, money, plainAmount, today } from '../app/format.ts';
import { Table, type Column } from '../app/Table.tsx';
import { DebouncedInput } from '../app/SearchInput.tsx';
import { ErrorBox, ExportButton, Loading, PageHeader } from '../app/ui.tsx';
import type { User } from '../app/types.ts';
import { useCan } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { OrgTaskDialog } from './OrgTask.tsx';
import { Reason, reasonParts } from './Reason.tsx';
import { useListKeys } from './keys.ts';
import { SCOPES, TASK_KINDS, TASK_PRIORITIES, type Scope, type WorkItem, type Worklist } from './types.ts';
import '../cases/cases.css';

function defaultScope(role: string | null): Scope {
  return role === 'collector' ? 'mine' : role === 'admin' || role === 'manager' ? 'mine_and_unassigned' : 'all';
}

function AssignSelect({ item, users, onDone }: { item: WorkItem; users: User[]; onDone: () => void }) {
  const { t } = useT();
  const change = async (userId: string) => {
    await api('POST', `/v1/tasks/${item.id}/assign`, { user_id: userId || null });
    onDone();
  };
  return (
    <select aria-label={t('work.assignTo', { customer: item.customer_id ? item.customer_name : t('work.org') })} value={item.assigned_to ?? ''} onChange={(e) => void change(e.target.value)}>
      <option value="">{t('work.assignNobody')}</option>
      {users.filter((u) => u.role !== 'viewer').map((u) => <option key={u.id} value={u.id}>{u.name || u.email}</option>)}
    </select>
  );
}

export function WorklistPage() {
  const { t, locale } = useT();
  const can = useCan();
  const [q, set] = useQueryState();
  useListKeys('[data-task-link]', 'work-search');
  const day = q.get('date') ?? today();
  const scope = (q.get('scope') as Scope | null) ?? defaultScope(can.role);
  const kind = q.get('kind') ?? '';
  const priority = q.get('priority') ?? '';
  const text = (q.get('search') ?? '').toLocaleLowerCase(locale);
  const list = useData(() => get<Worklist>('/v1/worklist', { date: day, scope, kind }), `${day}|${scope}|${kind}`);
  const users = useData(() => (can.manage ? get<{ data: User[] }>('/v1/users') : Promise.resolve({ data: [] as User[] })), String(can.manage));
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.name || u.email])), [users.data]);
  const rows = (list.data?.data ?? []).filter((i) => (!priority || i.priority === priority) && (!text || i.customer_name.toLocaleLowerCase(locale).includes(text)));
  // an org-level task (no customer, no case) opens in a dialog here, not on a case page
  const [orgTask, setOrgTask] = useState<string | null>(null);
  const opened = rows.find((i) => i.id === orgTask && !i.case_id) ?? null;
  const [completed, setCompleted] = useState(false);
  const scopes = can.role === 'collector' ? [] : SCOPES.filter((s) => can.manage || (s !== 'mine' && s !== 'mine_and_unassigned'));

  const columns: Column<WorkItem>[] = [
    { key: 'rank', label: t('work.rank'), numeric: true, sort: (i) => i.rank, render: (i) => i.rank },
    { key: 'customer', label: t('common.customer'), sort: (i) => i.customer_name,
      render: (i) => (i.case_id
        ? <Link to={`/cases/${i.case_id}?task=${i.id}`} data-task-link="" title={t('work.open')}>{i.customer_name}</Link>
        : <button type="button" className="link" data-task-link="" title={t('work.open')} onClick={() => { setCompleted(false); setOrgTask(i.id); }}>{t('work.org')}</button>) },
    { key: 'task', label: t('work.task'), sort: (i) => `${i.kind} ${i.priority}`,
      render: (i) => <><span className={`badge badge-priority-${i.priority}`}>{t(`task.priority.${i.priority}`)}</span> {t(`task.kind.${i.kind}`)}</> },
    { key: 'reason', label: t('work.reason'), render: (i) => <Reason item={i} /> },
    { key: 'past_due', label: t('work.pastDue'), numeric: true, sort: (i) => i.overdue_amount,
      render: (i) => (i.currency ? money(i.overdue_amount, i.currency, locale) : '') },
    { key: 'dpd', label: t('work.dpd'), numeric: true, sort: (i) => i.days_past_due, render: (i) => i.days_past_due },
    { key: 'risk', label: t('work.risk'), numeric: true, sort: (i) => i.probability_late ?? -1,
      render: (i) => (i.probability_late === null ? '—' : `${Math.round(i.probability_late * 100)}%`) },
    { key: 'due', label: t('work.due'), sort: (i) => i.due_at ?? i.due_date, render: (i) => (i.due_at ? dateTime(i.due_at, locale) : date(i.due_date, locale)) },
    { key: 'value', label: t('work.value'), numeric: true, sort: (i) => i.value_of_acting?.in_minutes ?? i.expected_value,
      render: (i) => (i.value_of_acting ? money(i.expected_value, i.value_of_acting.currency, locale) : '') },
    { key: 'score', label: t('work.score'), numeric: true, sort: (i) => i.score, render: (i) => i.score },
  ];
  if (can.manage) {
    columns.push({ key: 'assigned', label: t('work.assigned'), sort: (i) => names.get(i.assigned_to ?? '') ?? '',
      render: (i) => <AssignSelect item={i} users={users.data?.data ?? []} onDone={list.reload} /> });
  } else if (can.role !== 'collector') {
    columns.push({ key: 'assigned', label: t('work.assigned'), render: (i) => (i.assigned_to ? names.get(i.assigned_to) ?? i.assigned_to : t('work.unassignedShort')) });
  }

  return (
    <>
      <PageHeader title={t('work.title')}>
        <ExportButton filename={`worklist-${day}.csv`} load={async () => rows} columns={[
          { header: 'rank', value: (i) => i.rank }, { header: 'task_id', value: (i) => i.id }, { header: 'case_id', value: (i) => i.case_id },
          { header: 'customer', value: (i) => (i.customer_id ? i.customer_name : t('work.org')) }, { header: 'kind', value: (i) => i.kind }, { header: 'priority', value: (i) => i.priority },
          { header: 'currency', value: (i) => i.currency }, { header: 'past_due', value: (i) => (i.currency ? plainAmount(i.overdue_amount, i.currency) : '') },
          { header: 'days_past_due', value: (i) => i.days_past_due }, { header: 'probability_late', value: (i) => i.probability_late },
          { header: 'score', value: (i) => i.score }, { header: 'basis', value: (i) => i.basis }, { header: 'action', value: (i) => i.action },
          { header: 'expected_value', value: (i) => (i.value_of_acting ? plainAmount(i.expected_value, i.value_of_acting.currency) : '') }, { header: 'due_date', value: (i) => i.due_date },
          { header: 'due_at', value: (i) => i.due_at }, { header: 'assigned_to', value: (i) => i.assigned_to },
          { header: 'reason', value: (i) => reasonParts(i, t, locale).join(' ') },
        ]} />
      </PageHeader>
      <form className="filters" role="search" aria-label={t('work.filters')} onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="work-date">{t('work.date')}</label>
          <input id="work-date" type="date" value={day} onChange={(e) => set({ date: e.target.value })} />
        </div>
        {scopes.length ? (
          <div>
            <label htmlFor="work-scope">{t('work.scope')}</label>
            <select id="work-scope" value={scope} onChange={(e) => set({ scope: e.target.value })}>
              {scopes.map((s) => <option key={s} value={s}>{t(`work.scope.${s}`)}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="work-kind">{t('work.kind')}</label>
          <select id="work-kind" value={kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {TASK_KINDS.map((k) => <option key={k} value={k}>{t(`task.kind.${k}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="work-priority">{t('work.priority')}</label>
          <select id="work-priority" value={priority} onChange={(e) => set({ priority: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {TASK_PRIORITIES.map((p) => <option key={p} value={p}>{t(`task.priority.${p}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="work-search">{t('work.search')}</label>
          <DebouncedInput id="work-search" type="search" value={q.get('search') ?? ''} onChange={(v) => set({ search: v })} placeholder={t('work.searchHint')} />
        </div>
      </form>
      {q.get('done') || completed ? <p className="success" role="status">{t('task.done')}</p> : null}
      {opened ? <OrgTaskDialog item={opened} canWrite={can.write} onClose={() => setOrgTask(null)}
        onDone={() => { setOrgTask(null); setCompleted(true); list.reload(); }} /> : null}
      <ErrorBox error={list.error} />
      {list.data ? (
        <p className="muted small" data-testid="worklist-basis">
          {rows.length === 1 ? t('work.countOne') : t('work.count', { n: rows.length })} · {list.data.scored_as_of ? t('work.scored', { date: date(list.data.scored_as_of, locale) }) : t('work.unscored')}
        </p>
      ) : null}
      <Table caption={t('work.title')} columns={columns} rows={rows} rowKey={(i) => i.id} empty={t('work.empty')} />
      {list.loading ? <Loading /> : null}
      <p className="muted small">{t('work.keys')}</p>
    </>
  );
}
