// One action's lift as the org's history shows it (GET /v1/worklist/settings/learned): the lift with its 95% interval and
// the matched actions, or why there is none.
import { useT } from '../../i18n/index.tsx';
import type { LearnedLift as Lift } from './prioritiesForm.ts';

export function LearnedLift({ learned }: { learned: Lift | undefined }) {
  const { t, locale } = useT();
  if (!learned) return <span className="muted">—</span>;
  const n = learned.matched.toLocaleString(locale);
  const f = (v: number | null) => (v ?? 0).toLocaleString(locale, { maximumFractionDigits: 2 });
  if (learned.status === 'estimated') return <span className="learned">{t('pri.learnedLift', { lift: f(learned.lift), low: f(learned.low), high: f(learned.high), n })}</span>;
  return <span className="muted learned">{learned.status === 'no_baseline' ? t('pri.noBaseline') : t('pri.notEnough', { n })}</span>;
}
