// On a customer's page: that customer's data-subject requests with their due dates, and links to answer or record one.
import { get } from '../app/api.ts';
import { date } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { StatusText } from './StatusText.tsx';
import { dueText } from './dueText.ts';
import type { DataRequest } from './types.ts';
import './privacy.css';

export function CustomerRequests({ customerId }: { customerId: string }) {
  const can = useCan();
  // the API shows requests to admins and managers only; other roles are not offered the section
  return can.manage ? <Listed customerId={customerId} admin={can.admin} /> : null;
}

function Listed({ customerId, admin }: { customerId: string; admin: boolean }) {
  const { t, locale } = useT();
  const list = useData(() => get<{ data: DataRequest[] }>('/v1/privacy/requests', { customer_id: customerId }).then((p) => p.data), customerId);
  const all = `/privacy?customer=${encodeURIComponent(customerId)}`;
  return (
    <section className="card" aria-labelledby="priv-customer-title" data-testid="customer-requests">
      <div className="card-head">
        <h2 id="priv-customer-title">{t('priv.customerSection')}</h2>
        <span className="actions"><Link to={all}>{admin ? t('priv.customerRecord') : t('priv.customerAll')}</Link></span>
      </div>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p className="muted small">{t('priv.customerNone')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="plain">
          {list.data.map((r) => (
            <li key={r.id}>
              <Link to={`${all}&request=${encodeURIComponent(r.id)}`}>{t(`priv.kind.${r.kind}`)}</Link>{' '}
              <StatusText request={r} /> <span className="muted small">{t('priv.answerBy', { date: date(r.answer_by, locale) })}</span>{' '}
              <span className={`small${r.overdue ? ' is-overdue' : ''}`}>{dueText(r, t)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
