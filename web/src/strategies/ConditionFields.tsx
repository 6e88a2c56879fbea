// A condition in the API's language (segments' rules and steps' conditions): the criteria it has, each with its fields and a
// button to drop it, and a list to add another. An empty condition holds for every customer. Disabled for read-only users.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { FieldError } from './fieldError.ts';
import { amountText, parseAmount } from '../cases/amount.ts';
import {
  AMOUNTS, CHANNELS, CRITERIA, RANGES, RISK_BANDS, WORDS, type Condition, type Criterion, type Money, type Range,
} from './types.ts';


interface Props {
  value: Condition; onChange: (c: Condition) => void; readOnly: boolean; currency: string;
  /** Names the inputs apart when several conditions are on one page. */
  idPrefix: string; error?: FieldError | null;
}

const isRange = (k: Criterion): k is (typeof RANGES)[number] => (RANGES as readonly string[]).includes(k);
const isAmount = (k: Criterion): k is (typeof AMOUNTS)[number] => (AMOUNTS as readonly string[]).includes(k);
const isWords = (k: Criterion): k is (typeof WORDS)[number] => (WORDS as readonly string[]).includes(k);
const num = (text: string): number | undefined => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

function fresh(k: Criterion, currency: string): Condition[Criterion] {
  if (isRange(k)) return { min: 0 };
  if (isAmount(k)) return { amount: 100_000, currency };
  if (k === 'preferredChannel') return ['email'];
  if (k === 'riskBand') return ['high'];
  return [];
}

function RangeFields({ label, value, onChange, readOnly }: { label: string; value: Range; onChange: (r: Range) => void; readOnly: boolean }) {
  const { t } = useT();
  const set = (side: 'min' | 'max', text: string) => {
    const { [side]: _drop, ...rest } = value;
    const n = num(text);
    onChange(n === undefined ? rest : { ...rest, [side]: n });
  };
  return (
    <span className="range">
      <label>{t('strat.cond.min')} <input type="number" aria-label={`${label}: ${t('strat.cond.min')}`} value={value.min ?? ''} disabled={readOnly} onChange={(e) => set('min', e.target.value)} /></label>
      <label>{t('strat.cond.max')} <input type="number" aria-label={`${label}: ${t('strat.cond.max')}`} value={value.max ?? ''} disabled={readOnly} onChange={(e) => set('max', e.target.value)} /></label>
    </span>
  );
}

function AmountFields({ label, value, onChange, readOnly }: { label: string; value: Money; onChange: (m: Money) => void; readOnly: boolean }) {
  const { t, locale } = useT();
  const [text, setText] = useState(amountText(value.amount, value.currency, locale));
  const typed = (s: string, currency: string) => {
    setText(s);
    const minor = parseAmount(s, currency);
    if (minor !== null) onChange({ amount: minor, currency });
  };
  return (
    <span className="range">
      <input aria-label={`${label}: ${t('strat.cond.amount')}`} inputMode="decimal" size={10} value={text} disabled={readOnly} onChange={(e) => typed(e.target.value, value.currency)} />
      <input aria-label={`${label}: ${t('strat.cond.currency')}`} size={4} maxLength={3} value={value.currency} disabled={readOnly}
        onChange={(e) => { const c = e.target.value.toUpperCase(); onChange({ ...value, currency: c }); if (c.length === 3) typed(text, c); }} />
    </span>
  );
}

function WordsField({ label, value, onChange, readOnly, upper }: { label: string; value: string[]; onChange: (w: string[]) => void; readOnly: boolean; upper: boolean }) {
  const { t } = useT();
  const [text, setText] = useState(value.join(', '));
  return (
    <input aria-label={label} placeholder={t('strat.cond.commas')} value={text} disabled={readOnly}
      onChange={(e) => { const s = upper ? e.target.value.toUpperCase() : e.target.value; setText(s); onChange(s.split(',').map((x) => x.trim()).filter(Boolean)); }} />
  );
}

function Choices<T extends string>({ label, all, value, onChange, readOnly, text }: { label: string; all: readonly T[]; value: T[]; onChange: (v: T[]) => void; readOnly: boolean; text: (x: T) => string }) {
  return (
    <span role="group" aria-label={label} className="choices">
      {all.map((x) => (
        <label key={x}><input type="checkbox" checked={value.includes(x)} disabled={readOnly}
          onChange={(e) => onChange(e.target.checked ? all.filter((y) => y === x || value.includes(y)) : value.filter((y) => y !== x))} /> {text(x)}</label>
      ))}
    </span>
  );
}

export function ConditionFields({ value, onChange, readOnly, currency, idPrefix, error }: Props) {
  const { t } = useT();
  const present = CRITERIA.filter((k) => value[k] !== undefined);
  const absent = CRITERIA.filter((k) => value[k] === undefined);
  const set = <K extends Criterion>(k: K, v: Condition[K]) => onChange({ ...value, [k]: v });
  const drop = (k: Criterion) => { const { [k]: _gone, ...rest } = value; onChange(rest); };
  const field = (k: Criterion) => {
    const label = t(`strat.cond.${k}`);
    if (isRange(k)) return <RangeFields label={label} value={value[k] ?? {}} readOnly={readOnly} onChange={(r) => set(k, r)} />;
    if (isAmount(k)) return <AmountFields label={label} value={value[k] ?? { amount: 0, currency }} readOnly={readOnly} onChange={(m) => set(k, m)} />;
    if (isWords(k)) return <WordsField label={label} value={value[k] ?? []} readOnly={readOnly} upper={k === 'country'} onChange={(w) => set(k, w)} />;
    if (k === 'preferredChannel') {
      return <Choices label={label} all={CHANNELS} value={value.preferredChannel ?? []} readOnly={readOnly} text={(c) => t(`strat.channel.${c}`)} onChange={(v) => set(k, v)} />;
    }
    return <Choices label={label} all={RISK_BANDS} value={value.riskBand ?? []} readOnly={readOnly} text={(b) => t(`strat.cond.risk.${b}`)} onChange={(v) => set('riskBand', v)} />;
  };
  return (
    <div className="condition" data-testid={`${idPrefix}-condition`}>
      {present.length === 0 ? <p className="muted small">{t('strat.cond.everyone')}</p> : null}
      <ul className="criteria">
        {present.map((k) => (
          <li key={k} data-criterion={k}>
            <span className="criterion">{t(`strat.cond.${k}`)}</span> {field(k)}
            {readOnly ? null : <button type="button" className="link" aria-label={t('strat.cond.drop', { what: t(`strat.cond.${k}`) })} onClick={() => drop(k)}>×</button>}
            {error?.key === k ? <p className="error field-error" role="alert">{error.message}</p> : null}
          </li>
        ))}
      </ul>
      {error && !CRITERIA.includes(error.key as Criterion) ? <p className="error field-error" role="alert">{error.message}</p> : null}
      {readOnly || absent.length === 0 ? null : (
        <label>{t('strat.cond.add')}{' '}
          <select aria-label={t('strat.cond.add')} value="" id={`${idPrefix}-add-criterion`} onChange={(e) => { const k = e.target.value as Criterion; if (k) set(k, fresh(k, currency)); }}>
            <option value="">—</option>
            {absent.map((k) => <option key={k} value={k}>{t(`strat.cond.${k}`)}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
