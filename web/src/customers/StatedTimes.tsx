// The contact times a debtor stated (the gate keeps out of them, in the debtor's zone), and below them, struck, the older
// ones a newer statement or a person replaced, with when and by what.
import { dateTime } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';

export interface StatedTime { weekdays?: number[]; from: string; to: string; channels?: string[]; replaced_at?: string; replaced_by?: string }

/** A weekday's short name in the locale (ISO 1 = Monday; 5 January 2026 was a Monday). */
const dayName = (d: number, locale: string) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + d)));

export function StatedTimes({ holding, replaced }: { holding: StatedTime[]; replaced: StatedTime[] }) {
  const { t, locale } = useT();
  const line = (s: StatedTime) => [
    s.weekdays ? s.weekdays.map((d) => dayName(d, locale)).join(', ') : t('customer.everyDay'),
    s.from === '00:00' && s.to === '00:00' ? t('customer.allDay') : `${s.from}–${s.to}`,
    s.channels ? s.channels.map((c) => t(`channel.${c}`)).join(', ') : t('common.all'),
  ].join(' · ');
  return (
    <>
      <h3>{t('customer.statedTimes')}</h3>
      {holding.length + replaced.length === 0 ? <p className="muted small">{t('customer.noStatedTimes')}</p> : (
        <ul className="plain" data-testid="stated-times">
          {holding.map((s, i) => <li key={`h${i}`}>{line(s)}</li>)}
          {[...replaced].reverse().map((s, i) => (
            <li key={`r${i}`}>
              <span className="struck">{line(s)}</span>
              {s.replaced_at ? <span className="muted small"> ({t('customer.replacedBy', { date: dateTime(s.replaced_at, locale), why: s.replaced_by ?? '' })})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
