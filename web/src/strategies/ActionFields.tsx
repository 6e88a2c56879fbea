// What one action of a step does, each kind with its own fields: a message (channels, template, tone, fallback, payment link),
// a task for a person (kind, priority, note), a charge (late fee or interest: fixed, percentage or the EU B2B rule), a pause
// (days) or an escalation (agency or legal). Disabled for read-only users.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { amountText, parseAmount } from '../cases/amount.ts';
import { exponent } from '../app/format.ts';
import {
  CHANNELS, PRIORITIES, TASKS, TONES, type ChargeAction, type ChargeRule, type Channel, type Money, type SendAction, type StepAction,
  type TemplateInfo,
} from './types.ts';

interface Props { action: StepAction; index: number; templates: TemplateInfo[]; readOnly: boolean; currency: string; onChange: (a: StepAction) => void }

function ChannelBoxes({ legend, value, onChange, readOnly, name }: { legend: string; value: Channel[]; onChange: (v: Channel[]) => void; readOnly: boolean; name: string }) {
  const { t } = useT();
  const toggle = (c: Channel, on: boolean) => onChange(on ? CHANNELS.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {CHANNELS.map((c) => (
        <label key={c}><input type="checkbox" name={name} checked={value.includes(c)} disabled={readOnly} onChange={(e) => toggle(c, e.target.checked)} /> {t(`strat.channel.${c}`)}</label>
      ))}
    </fieldset>
  );
}

function SendFields({ a, index, templates, readOnly, onChange }: { a: SendAction; index: number; templates: TemplateInfo[]; readOnly: boolean; onChange: (a: SendAction) => void }) {
  const { t } = useT();
  const usable = templates.filter((x) => [...a.channels, ...(a.fallback ?? [])].every((c) => x.channels.includes(c)));
  return (
    <>
      <ChannelBoxes name={`channels-${index}`} legend={t('strat.channels')} value={a.channels} readOnly={readOnly}
        onChange={(channels) => { if (channels.length) onChange({ ...a, channels, fallback: (a.fallback ?? []).filter((c) => !channels.includes(c)) }); }} />
      <label>{t('strat.template')}
        <select aria-label={t('strat.template')} value={a.template} disabled={readOnly} onChange={(e) => onChange({ ...a, template: e.target.value })}>
          {(usable.some((x) => x.id === a.template) ? usable : [{ id: a.template, channels: [], tags: [] }, ...usable]).map((x) => <option key={x.id} value={x.id}>{x.id}</option>)}
        </select>
      </label>
      <label>{t('strat.tone')}
        <select aria-label={t('strat.tone')} value={a.tone} disabled={readOnly} onChange={(e) => onChange({ ...a, tone: e.target.value as SendAction['tone'] })}>
          {TONES.map((x) => <option key={x} value={x}>{t(`strat.tone.${x}`)}</option>)}
        </select>
      </label>
      <ChannelBoxes name={`fallback-${index}`} legend={t('strat.fallback')} value={a.fallback ?? []} readOnly={readOnly}
        onChange={(fallback) => onChange({ ...a, fallback: fallback.filter((c) => !a.channels.includes(c)) })} />
      <label><input type="checkbox" checked={a.paymentLink ?? false} disabled={readOnly} onChange={(e) => onChange({ ...a, paymentLink: e.target.checked })} /> {t('strat.paymentLink')}</label>
    </>
  );
}

function MoneyFields({ label, value, readOnly, onChange }: { label: string; value: Money; readOnly: boolean; onChange: (m: Money) => void }) {
  const { t, locale } = useT();
  const [text, setText] = useState(amountText(value.amount, value.currency, locale));
  const typed = (s: string, currency: string) => { setText(s); const minor = parseAmount(s, currency); if (minor !== null) onChange({ amount: minor, currency }); };
  return (
    <>
      <label>{label} <input inputMode="decimal" size={10} value={text} disabled={readOnly} onChange={(e) => typed(e.target.value, value.currency)} /></label>
      <label>{t('strat.cond.currency')} <input size={4} maxLength={3} value={value.currency} disabled={readOnly}
        onChange={(e) => { const c = e.target.value.toUpperCase(); onChange({ ...value, currency: c }); if (c.length === 3) typed(text, c); }} /></label>
    </>
  );
}

function Whole({ label, value, min, max, readOnly, onChange }: { label: string; value: number | undefined; min: number; max: number; readOnly: boolean; onChange: (n: number | undefined) => void }) {
  return (
    <label>{label} <input type="number" min={min} max={max} step={1} value={value ?? ''} disabled={readOnly}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} /></label>
  );
}

function ChargeFields({ a, readOnly, currency, onChange }: { a: ChargeAction; readOnly: boolean; currency: string; onChange: (a: ChargeAction) => void }) {
  const { t } = useT();
  const rule = a.rule;
  const setRule = (r: ChargeRule) => onChange({ ...a, rule: r });
  const kind = (k: ChargeRule['kind']): ChargeRule => (k === 'fixed' ? { kind: k, amount: { amount: 10 * 10 ** exponent(currency), currency } } : k === 'percentage' ? { kind: k, basisPoints: 150 }
    : { kind: k, fixedFee: { amount: 4000, currency: 'EUR' }, marginBasisPoints: 800 });
  return (
    <>
      <label>{t('strat.charge.what')}
        <select aria-label={t('strat.charge.what')} value={a.charge} disabled={readOnly} onChange={(e) => onChange({ ...a, charge: e.target.value as ChargeAction['charge'] })}>
          {(['late_fee', 'interest'] as const).map((c) => <option key={c} value={c}>{t(`strat.charge.${c}`)}</option>)}
        </select>
      </label>
      <label>{t('strat.charge.rule')}
        <select aria-label={t('strat.charge.rule')} value={rule.kind} disabled={readOnly} onChange={(e) => setRule(kind(e.target.value as ChargeRule['kind']))}>
          {(['fixed', 'percentage', 'eu_b2b'] as const).map((k) => <option key={k} value={k}>{t(`strat.charge.kind.${k}`)}</option>)}
        </select>
      </label>
      {rule.kind === 'fixed' ? <MoneyFields key="fixed" label={t('strat.charge.amount')} value={rule.amount} readOnly={readOnly} onChange={(m) => setRule({ ...rule, amount: m })} /> : null}
      {rule.kind === 'percentage' ? (
        <Whole label={t('strat.charge.basisPoints')} value={rule.basisPoints} min={1} max={10_000} readOnly={readOnly}
          onChange={(n) => { if (n !== undefined) setRule({ ...rule, basisPoints: n }); }} />
      ) : null}
      {rule.kind === 'eu_b2b' ? (
        <>
          <MoneyFields key="eu" label={t('strat.charge.fixedFee')} value={rule.fixedFee} readOnly={readOnly} onChange={(m) => setRule({ ...rule, fixedFee: m })} />
          <Whole label={t('strat.charge.margin')} value={rule.marginBasisPoints} min={0} max={10_000} readOnly={readOnly}
            onChange={(n) => { const { marginBasisPoints: _m, ...r } = rule; setRule(n === undefined ? r : { ...r, marginBasisPoints: n }); }} />
          <Whole label={t('strat.charge.reference')} value={rule.referenceRateBasisPoints} min={-1000} max={10_000} readOnly={readOnly}
            onChange={(n) => { const { referenceRateBasisPoints: _r, ...r } = rule; setRule(n === undefined ? r : { ...r, referenceRateBasisPoints: n }); }} />
        </>
      ) : null}
    </>
  );
}

export function ActionFields({ action: a, index, templates, readOnly, currency, onChange }: Props) {
  const { t } = useT();
  switch (a.type) {
    case 'send': return <SendFields a={a} index={index} templates={templates} readOnly={readOnly} onChange={onChange} />;
    case 'charge': return <ChargeFields a={a} readOnly={readOnly} currency={currency} onChange={onChange} />;
    case 'pause':
      return <Whole label={t('strat.pause.days')} value={a.days} min={1} max={365} readOnly={readOnly} onChange={(n) => { if (n !== undefined) onChange({ ...a, days: n }); }} />;
    case 'escalate':
      return (
        <label>{t('strat.escalate.to')}
          <select aria-label={t('strat.escalate.to')} value={a.to} disabled={readOnly} onChange={(e) => onChange({ ...a, to: e.target.value as 'agency' | 'legal' })}>
            {(['agency', 'legal'] as const).map((x) => <option key={x} value={x}>{t(`strat.escalate.${x}`)}</option>)}
          </select>
        </label>
      );
    case 'task':
      return (
        <>
          <label>{t('strat.task.kind')}
            <select aria-label={t('strat.task.kind')} value={a.task} disabled={readOnly} onChange={(e) => onChange({ ...a, task: e.target.value as (typeof TASKS)[number] })}>
              {TASKS.map((x) => <option key={x} value={x}>{t(`strat.task.${x}`)}</option>)}
            </select>
          </label>
          <label>{t('strat.task.priority')}
            <select aria-label={t('strat.task.priority')} value={a.priority} disabled={readOnly} onChange={(e) => onChange({ ...a, priority: e.target.value as (typeof PRIORITIES)[number] })}>
              {PRIORITIES.map((x) => <option key={x} value={x}>{t(`strat.priority.${x}`)}</option>)}
            </select>
          </label>
          <label>{t('strat.task.note')}
            <input value={a.note ?? ''} maxLength={500} disabled={readOnly} onChange={(e) => { const { note: _n, ...rest } = a; onChange(e.target.value ? { ...rest, note: e.target.value } : rest); }} />
          </label>
        </>
      );
  }
}
