// The rows of the priorities form: each action's lift, the learned lift beside it and its minutes; then a collector's
// minute cost per currency. A field the API refused is marked and points at the error.
import { useT } from '../../i18n/index.tsx';
import type { Learned, Priorities } from './prioritiesForm.ts';
import { LearnedLift } from './LearnedLift.tsx';

interface Props {
  settings: Priorities; learned: Learned | undefined; form: Record<string, string>; bad: string | undefined;
  onChange: (field: string, text: string) => void;
}

/** The label of a field the API may name. */
export function useFieldLabel(): (field: string) => string {
  const { t } = useT();
  return (field) => {
    const [g, k] = field.split('.');
    if (g === 'minute_cost') return t('pri.costOf', { currency: k! });
    return t(g === 'lift' ? 'pri.liftOf' : 'pri.minutesOf', { action: t(`pri.action.${k}`) });
  };
}

function Field({ field, props, inputMode }: { field: string; props: Props; inputMode: 'decimal' | 'numeric' }) {
  const label = useFieldLabel();
  return (
    <input id={`pri-${field.replace('.', '-')}`} aria-label={label(field)} inputMode={inputMode} size={8} value={props.form[field] ?? ''}
      aria-invalid={props.bad === field ? true : undefined} aria-describedby={props.bad === field ? 'pri-error' : undefined}
      onChange={(e) => props.onChange(field, e.target.value)} />
  );
}

export function PriorityFields(props: Props) {
  const { t } = useT();
  const actions = Object.keys(props.settings.lift);
  return (
    <>
      <table className="table">
        <thead><tr><th scope="col">{t('pri.action')}</th><th scope="col">{t('pri.lift')}</th><th scope="col">{t('pri.learned')}</th><th scope="col">{t('pri.minutes')}</th></tr></thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a}>
              <th scope="row">{t(`pri.action.${a}`)}</th>
              <td><Field field={`lift.${a}`} props={props} inputMode="decimal" /></td>
              <td><LearnedLift learned={props.learned?.lifts.find((l) => l.action === a)} /></td>
              <td><Field field={`minutes.${a}`} props={props} inputMode="numeric" /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('pri.costs')}</h3>
      <table className="table">
        <thead><tr><th scope="col">{t('pri.currency')}</th><th scope="col">{t('pri.cost')}</th></tr></thead>
        <tbody>
          {Object.keys(props.settings.minute_cost).map((c) => (
            <tr key={c}><th scope="row">{c}</th><td><Field field={`minute_cost.${c}`} props={props} inputMode="decimal" /></td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
