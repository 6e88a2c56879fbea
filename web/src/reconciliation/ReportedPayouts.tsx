// The payouts the gateways reported (Stripe, Mercado Pago), each opening its check: what it carried against its amount.
import { useState } from 'react';
import { get } from '../app/api.ts';
import { date, money } from '../app/format.ts';
import { Table } from '../app/Table.tsx';
import { useData } from '../app/useData.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import type { Page } from '../app/types.ts';
import { PayoutCheckPanel } from './PayoutCheck.tsx';
import type { ReportedPayout } from './payout-types.ts';

export function ReportedPayouts({ canSettle, version }: { canSettle: boolean; version: number }) {
  const { t, locale } = useT();
  const [open, setOpen] = useState<string | null>(null);
  const list = useData(() => get<Page<ReportedPayout>>('/v1/reconciliation/reported-payouts', { limit: 200 }), String(version));
  const rows = list.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="reported-payouts-title" data-testid="reported-payouts">
      <div className="card-head"><h2 id="reported-payouts-title">{t('payouts.title')}</h2></div>
      <ErrorBox error={list.error} />
      <Table caption={t('payouts.title')} rows={rows} rowKey={(p) => p.id} initialSort={{ key: 'arrival', dir: 'desc' }} columns={[
        { key: 'payout', label: t('payouts.payout'), sort: (p) => p.id, render: (p) => <span data-payout={p.id}>{p.id}</span> },
        { key: 'amount', label: t('payouts.amount'), numeric: true, sort: (p) => p.amount, render: (p) => money(p.amount, p.currency, locale) },
        { key: 'arrival', label: t('payouts.arrival'), sort: (p) => p.arrival_date, render: (p) => date(p.arrival_date, locale) },
        { key: 'status', label: t('payouts.status'), sort: (p) => p.status, render: (p) => t(`payouts.status.${p.status}`) },
        { key: 'check', label: t('payouts.check'), render: (p) => (
          <button type="button" aria-expanded={open === p.id} aria-label={t('payouts.openCheck', { id: p.id })}
            onClick={() => setOpen(open === p.id ? null : p.id)}>{open === p.id ? t('payouts.closeCheck') : t('payouts.showCheck')}</button>) },
      ]} />
      {open ? <PayoutCheckPanel key={open} id={open} canSettle={canSettle} /> : null}
    </section>
  );
}
