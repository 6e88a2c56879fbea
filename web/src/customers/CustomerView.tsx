// One customer: balances per currency, contact details, contact law (consents, opt-outs, gate decisions), invoices, payments.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { countryName, money } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { Link } from '../app/router.tsx';
import type { Balance, Customer } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { ContactLaw } from './ContactLaw.tsx';
import { CustomerLedger } from './CustomerLedger.tsx';
import { CustomerRequests } from '../privacy/CustomerRequests.tsx';

async function load(id: string) {
  const customer = await get<Customer>(`/v1/customers/${encodeURIComponent(id)}`);
  const balance = await get<{ data: Balance[] }>(`/v1/customers/${customer.id}/balance`);
  return { customer, balances: balance.data };
}

export function CustomerView({ id }: { id: string }) {
  const { t, locale } = useT();
  const { data, error, loading } = useData(() => load(id), id);
  if (loading && !data) return <Loading />;
  if (!data) return <><PageHeader title={t('customers.title')} /><ErrorBox error={error} /></>;
  const c = data.customer;
  const contact: [string, string | null][] = [
    [t('customers.email'), c.email], [t('customers.phone'), c.phone], [t('channel.whatsapp'), c.whatsapp],
    [t('customers.preferredChannel'), c.preferred_channel ? t(`channel.${c.preferred_channel}`) : null],
    [t('customers.language'), c.language], [t('customers.timezone'), c.timezone],
    [t('customers.country'), [countryName(c.country, locale), c.region].filter(Boolean).join(' · ') || null],
  ];
  return (
    <>
      <p className="breadcrumb"><Link to="/customers">{t('customers.title')}</Link> ›</p>
      <PageHeader title={c.name}><span className="muted">{c.external_id}</span><Link to={`/cases/${c.id}`}>{t('case.title')}</Link></PageHeader>
      <section aria-labelledby="balances-title">
        <h2 id="balances-title">{t('customer.balances')}</h2>
        <ul className="cards" data-testid="balances">
          {data.balances.length === 0 ? <li className="muted">{t('customer.noBalance')}</li> : null}
          {data.balances.map((b) => (
            <li key={b.currency} className="card figure">
              <span className="figure-label">{t('customer.openIn', { currency: b.currency })}</span>
              <strong className="figure-value">{money(b.open, b.currency, locale)}</strong>
              <span className="muted small">{t('customer.openInvoices', { n: b.invoices })}
                {b.credit > 0 ? ` · ${t('customer.credit', { amount: money(b.credit, b.currency, locale) })}` : ''}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="contact-title">
          <h2 id="contact-title">{t('customer.contact')}</h2>
          <dl className="details">
            {contact.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v ?? '—'}</dd></div>)}
            {c.tags.length ? <div><dt>{t('customer.tags')}</dt><dd>{c.tags.join(', ')}</dd></div> : null}
          </dl>
        </section>
        <ContactLaw customerId={c.id} />
      </div>
      <CustomerLedger customerId={c.id} />
      <CustomerRequests customerId={c.id} />
    </>
  );
}
