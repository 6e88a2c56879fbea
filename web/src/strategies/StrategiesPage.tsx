// The strategies: each with its versions (which one is active), a link to open one in the editor.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { Link } from '../app/router.tsx';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import type { StoredStrategy } from './types.ts';
import './strategies.css';

export function StrategiesPage() {
  const { t, locale } = useT();
  const list = useData(() => get<{ data: StoredStrategy[] }>('/v1/strategies'), 'all');
  const byId = new Map<string, StoredStrategy[]>();
  for (const s of list.data?.data ?? []) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  return (
    <>
      <PageHeader title={t('strat.title')} />
      <ErrorBox error={list.error} />
      {list.loading ? <Loading /> : null}
      <ul className="strategy-list">
        {[...byId.entries()].map(([id, versions]) => {
          const shown = versions.find((v) => v.active) ?? versions[0]!;
          return (
            <li key={id} className="card" data-strategy={id}>
              <h2><Link to={`/strategies/${id}`}>{shown.name}</Link> <span className="muted small">{id}</span></h2>
              <p className="muted small">{t('strat.steps')}: {shown.definition.steps.length}</p>
              <table className="compact">
                <caption>{t('strat.versions')}</caption>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version}>
                      <td><Link to={`/strategies/${id}?version=${v.version}`}>{t('strat.version', { n: v.version })}</Link></td>
                      <td><span className={`badge ${v.active ? 'badge-open' : ''}`}>{v.active ? t('strat.active') : t('strat.inactive')}</span></td>
                      <td className="muted small">{dateTime(v.created_at, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          );
        })}
      </ul>
    </>
  );
}
