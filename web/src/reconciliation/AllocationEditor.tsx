// Choosing the invoices a line pays: search open invoices in the line's currency, add one (another invoice) or several
// (a split), set how much goes to each; what is left stays as the customer's credit.
import { useEffect, useState } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { date, money } from '../app/format.ts';
import { DebouncedInput } from '../app/SearchInput.tsx';
import { amountText, parseAmount } from '../cases/amount.ts';
import { useT } from '../i18n/index.tsx';
import type { QueueInvoice, WaitingLine } from './types.ts';

interface Chosen { invoice: QueueInvoice; text: string }

export function AllocationEditor({ line, onDone, onCancel }: { line: WaitingLine; onDone: () => void; onCancel: () => void }) {
  const { t, locale } = useT();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<QueueInvoice[]>([]);
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = `find-${line.id}`;

  useEffect(() => {
    let live = true;
    get<{ data: QueueInvoice[] }>('/v1/reconciliation/invoices', { q: search, currency: line.currency, limit: 10 })
      .then((r) => { if (live) setFound(r.data); }, () => { if (live) setFound([]); });
    return () => { live = false; };
  }, [search, line.currency]);
  useEffect(() => { document.getElementById(field)?.focus(); }, [field]);

  const amounts = chosen.map((c) => parseAmount(c.text, line.currency));
  const total = amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  const left = line.amount - total;
  const add = (inv: QueueInvoice) => {
    if (chosen.some((c) => c.invoice.id === inv.id)) return;
    const room = Math.max(0, line.amount - total);
    setChosen([...chosen, { invoice: inv, text: amountText(Math.min(room || inv.balance, inv.balance), line.currency, locale) }]);
  };
  const apply = async () => {
    if (amounts.some((a) => a === null)) { setError(t('recon.badAmount')); return; }
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/v1/reconciliation/lines/${line.id}/assign`,
        { allocations: chosen.map((c, i) => ({ invoice_id: c.invoice.id, amount: amounts[i]! })) });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="allocation-editor" data-testid="allocation-editor" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onCancel(); } }}>
      <label htmlFor={field}>{t('recon.searchInvoices', { currency: line.currency })}</label>
      <DebouncedInput id={field} value={search} onChange={setSearch} type="search" placeholder={t('recon.searchHint')} />
      <ul className="found" aria-label={t('recon.found')}>
        {found.map((inv) => (
          <li key={inv.id}>
            <button type="button" onClick={() => add(inv)} disabled={chosen.some((c) => c.invoice.id === inv.id)}
              aria-label={t('recon.addInvoice', { number: inv.number })}>+</button>{' '}
            <strong>{inv.number}</strong> · {inv.customer_name} · {t('recon.balanceDue', { amount: money(inv.balance, inv.currency, locale), date: date(inv.due_date, locale) })}
          </li>
        ))}
        {found.length === 0 ? <li className="muted">{t('recon.noneFound')}</li> : null}
      </ul>
      {chosen.length ? (
        <table className="compact">
          <caption className="visually-hidden">{t('recon.chosen')}</caption>
          <thead><tr><th>{t('invoices.number')}</th><th>{t('common.customer')}</th><th className="num">{t('common.balance')}</th><th>{t('recon.pay')}</th><th /></tr></thead>
          <tbody>
            {chosen.map((c, i) => (
              <tr key={c.invoice.id}>
                <td>{c.invoice.number}</td><td>{c.invoice.customer_name}</td><td className="num">{money(c.invoice.balance, c.invoice.currency, locale)}</td>
                <td><input aria-label={t('recon.payTo', { number: c.invoice.number })} inputMode="decimal" value={c.text} size={12}
                  onChange={(e) => setChosen(chosen.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} /></td>
                <td><button type="button" onClick={() => setChosen(chosen.filter((_, j) => j !== i))}
                  aria-label={t('recon.removeInvoice', { number: c.invoice.number })}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted small">{t('recon.chooseHint')}</p>}
      <p className={left < 0 ? 'error' : 'muted small'} data-testid="allocation-left">
        {left < 0 ? t('recon.tooMuch', { amount: money(-left, line.currency, locale) }) : t('recon.leftAsCredit', { amount: money(left, line.currency, locale) })}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void apply()} disabled={busy || chosen.length === 0 || left < 0}>{t('recon.applyChosen')}</button>
        <button type="button" onClick={onCancel}>{t('recon.cancel')}</button>
      </div>
    </div>
  );
}
