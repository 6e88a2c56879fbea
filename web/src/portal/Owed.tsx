// What is owed and why: the total per currency, each open invoice with its due date, days overdue and what makes up its
// balance, the promise, plan and disputes in force, payments in flight (a voucher to pay, a bank debit being processed),
// recent payments, and the statement to download.
import { useState } from 'react';
import { downloadCsv, toCsv } from '../app/csv.ts';
import { plainAmount } from '../app/format.ts';
import { download } from './api.ts';
import type { Account, Invoice } from './types.ts';
import { failureText, useWords } from './texts/index.tsx';

const KIND_TEXT = { late_fee: 'kind.late_fee', interest: 'kind.interest', discount: 'kind.discount', write_off: 'kind.write_off', credit_note: 'kind.credit_note' } as const;

function InvoiceCard({ i, onDownload }: { i: Invoice; onDownload: (i: Invoice) => void }) {
  const w = useWords();
  const late = i.days_overdue === 1 ? w.t('invoice.overdue1') : i.days_overdue > 1 ? w.t('invoice.overdue', { n: i.days_overdue }) : w.t('invoice.notDue');
  return (
    <li className={`invoice${i.days_overdue > 0 && !i.disputed ? ' late' : ''}`} data-invoice={i.id}>
      <div className="invoice-head">
        <strong>{i.number}</strong>
        <span className="to-pay"><span className="visually-hidden">{w.t('invoice.balance')}: </span>{w.money(i.balance, i.currency)}</span>
      </div>
      <p className="small">{w.t('invoice.due', { date: w.day(i.due_date) })} · {i.disputed ? <em>{w.t('invoice.disputed')}</em> : late}</p>
      <p className="small muted">{w.t('invoice.issued', { date: w.day(i.issue_date) })} · {w.t('invoice.amount')} {w.money(i.amount, i.currency)}</p>
      {i.adjustments.length ? (
        <ul className="small muted plain">
          {i.adjustments.map((a, n) => (
            <li key={n}>{w.t(KIND_TEXT[a.kind as keyof typeof KIND_TEXT] ?? 'kind.late_fee')} {w.day(a.date)}: {w.money(a.amount, i.currency)}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link" onClick={() => onDownload(i)}>{w.t('invoice.download', { number: i.number })}</button>
    </li>
  );
}

function Arrangements({ account }: { account: Account }) {
  const w = useWords();
  const { promise, plan, disputes } = account;
  const vouchers = account.payments_in_flight ?? [];
  if (!promise && !plan && disputes.length === 0 && vouchers.length === 0) return null;
  return (
    <div className="card arrangements" data-testid="arrangements">
      {promise ? <p>{w.t('status.promise', { amount: w.money(promise.amount, promise.currency), date: w.day(promise.due_date) })}</p> : null}
      {plan ? (
        <>
          <p>{w.t('status.plan', { paid: w.money(plan.paid, plan.currency), total: w.money(plan.total, plan.currency) })}</p>
          <ul className="plain small">
            {plan.instalments.map((x) => (
              <li key={x.seq}>{w.t(x.paid ? 'status.instalmentPaid' : 'status.instalment', { date: w.day(x.due_date), amount: w.money(x.amount, plan.currency) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {vouchers.map((v) => (v.kind === 'debit' ? (
        <p key={`${v.method}:${v.expires_at}`} data-testid="debit-pending">
          {w.t(v.method.startsWith('paypal_') ? 'status.paypalHeld' : 'status.debit', { amount: w.money(v.amount, v.currency), date: w.day(v.started_on ?? v.expires_at.slice(0, 10)) })}
        </p>
      ) : (
        <p key={`${v.method}:${v.expires_at}`} data-testid="voucher-pending">
          {w.t('status.voucher', { method: v.method.toUpperCase(), amount: w.money(v.amount, v.currency), date: w.day(v.expires_at.slice(0, 10)) })}
        </p>
      )))}
      {disputes.map((d) => <p key={d.id}>{w.t('status.dispute', { date: w.day(d.created_at.slice(0, 10)), amount: w.money(d.amount, d.currency) })}</p>)}
    </div>
  );
}

export function Owed({ account }: { account: Account }) {
  const w = useWords();
  const [error, setError] = useState<string | null>(null);
  const fetchFile = (path: string, name: string) => download(path, name).then(() => setError(null), (e: unknown) => setError(failureText(w, e)));
  const csv = () => downloadCsv(`invoices-${account.today}.csv`, toCsv(account.invoices, [
    { header: 'number', value: (i) => i.number }, { header: 'issue_date', value: (i) => i.issue_date }, { header: 'due_date', value: (i) => i.due_date },
    { header: 'days_overdue', value: (i) => i.days_overdue }, { header: 'currency', value: (i) => i.currency },
    { header: 'amount', value: (i) => plainAmount(i.amount, i.currency) }, { header: 'balance', value: (i) => plainAmount(i.balance, i.currency) },
    { header: 'disputed', value: (i) => (i.disputed ? 'yes' : 'no') },
  ]));
  return (
    <section aria-labelledby="owed-heading">
      <h2 id="owed-heading" className="visually-hidden">{w.t('owed.total')}</h2>
      {account.totals.length === 0 ? <p className="card">{w.t('owed.nothing')}</p> : (
        <ul className="totals" data-testid="totals">
          {account.totals.map((x) => (
            <li key={x.currency} className="card">
              <span className="label">{w.t('owed.total')}</span>
              <span className="total">{w.money(x.balance, x.currency)}</span>
              {x.overdue > 0 ? <span className="overdue">{w.t('owed.overdue', { amount: w.money(x.overdue, x.currency) })}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <Arrangements account={account} />
      {account.invoices.length ? (
        <>
          <h2>{w.t('owed.invoices')}</h2>
          <ul className="invoices" aria-label={w.t('owed.invoices')}>
            {account.invoices.map((i) => <InvoiceCard key={i.id} i={i} onDownload={(x) => void fetchFile(`/portal/api/invoices/${encodeURIComponent(x.id)}/statement`, `${x.number}.html`)} />)}
          </ul>
          <p className="downloads">
            <button type="button" onClick={() => void fetchFile('/portal/api/statement', 'statement.html')}>{w.t('owed.statement')}</button>
            <button type="button" onClick={() => void fetchFile('/portal/api/statement.pdf', 'statement.pdf')}>{w.t('owed.statementPdf')}</button>
            <button type="button" onClick={csv}>{w.t('owed.csv')}</button>
          </p>
          {error ? <p role="alert" className="error">{error}</p> : null}
        </>
      ) : null}
      {account.payments.length ? (
        <>
          <h2>{w.t('owed.payments')}</h2>
          <ul className="plain small">{account.payments.map((p, n) => <li key={n}>{w.t('owed.paidOn', { amount: w.money(p.amount, p.currency), date: w.day(p.date) })}</li>)}</ul>
        </>
      ) : null}
    </section>
  );
}
