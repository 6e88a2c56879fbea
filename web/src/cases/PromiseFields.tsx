// The three fields of a promise to pay: amount (in the currency's major units), currency, and the date promised.
import { today } from '../app/format.ts';
import type { Balance } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { amountText } from './amount.ts';

export interface PromiseDraft { amount: string; currency: string; date: string }

export function draftFor(balances: Balance[], locale: string): PromiseDraft {
  const main = [...balances].sort((a, b) => b.open - a.open)[0];
  return { amount: main ? amountText(main.open, main.currency, locale) : '', currency: main?.currency ?? '', date: today(7) };
}

export function PromiseFields({ id, draft, balances, onChange }: { id: string; draft: PromiseDraft; balances: Balance[]; onChange: (d: PromiseDraft) => void }) {
  const { t } = useT();
  return (
    <div className="row">
      <div>
        <label htmlFor={`${id}-amount`}>{t('promise.amount')}</label>
        <input id={`${id}-amount`} inputMode="decimal" required value={draft.amount} onChange={(e) => onChange({ ...draft, amount: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-currency`}>{t('promise.currency')}</label>
        <select id={`${id}-currency`} value={draft.currency} onChange={(e) => onChange({ ...draft, currency: e.target.value })}>
          {balances.map((b) => <option key={b.currency} value={b.currency}>{b.currency}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-date`}>{t('promise.date')}</label>
        <input id={`${id}-date`} type="date" required min={today()} value={draft.date} onChange={(e) => onChange({ ...draft, date: e.target.value })} />
      </div>
    </div>
  );
}
