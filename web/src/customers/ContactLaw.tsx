// A customer's contact law: consents per channel, opt-outs, the times the debtor stated, and the gate's decisions (allow, defer, block) with their reasons.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import type { Consent, GateDecision, Suppression } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { StatedTimes, type StatedTime } from './StatedTimes.tsx';

async function load(id: string) {
  const [consents, suppressions, decisions, profile] = await Promise.all([
    get<{ data: Consent[] }>(`/v1/customers/${id}/consents`),
    get<{ data: Suppression[] }>(`/v1/customers/${id}/suppressions`),
    get<{ data: GateDecision[] }>(`/v1/customers/${id}/contact-decisions`),
    get<{ inconvenient_times?: StatedTime[]; replaced_times?: StatedTime[] }>(`/v1/customers/${id}/contact-profile`),
  ]);
  return { consents: consents.data, suppressions: suppressions.data, decisions: decisions.data.slice(0, 20),
    times: { holding: profile.inconvenient_times ?? [], replaced: profile.replaced_times ?? [] } };
}

/** version: bumped by the page when a consent or opt-out is recorded beside it, to read them again. */
export function ContactLaw({ customerId, version = 0 }: { customerId: string; version?: number }) {
  const { t, locale } = useT();
  const { data, error, loading } = useData(() => load(customerId), `${customerId}|${version}`);
  const channel = (c: string | null) => (c ? t(`channel.${c}`) : t('common.all'));
  return (
    <section className="card" aria-labelledby="law-title">
      <h2 id="law-title">{t('customer.contactLaw')}</h2>
      <ErrorBox error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <h3>{t('customer.consents')}</h3>
          {data.consents.length === 0 ? <p className="muted small">{t('customer.noConsents')}</p> : (
            <ul className="plain">
              {data.consents.map((c) => (
                <li key={c.id} className={c.revoked_at ? 'struck' : undefined}>
                  <strong>{channel(c.channel)}</strong> {c.address ?? ''} · {t(`consent.${c.kind}`)} · {c.source} · {dateTime(c.granted_at, locale)}
                  {c.revoked_at ? ` · ${t('customer.revoked', { date: dateTime(c.revoked_at, locale) })}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('customer.optOuts')}</h3>
          {data.suppressions.length === 0 ? <p className="muted small">{t('customer.noOptOuts')}</p> : (
            <ul className="plain" data-testid="opt-outs">
              {data.suppressions.map((s) => (
                <li key={s.id} className={s.lifted_at ? 'struck' : 'warn'}>
                  <strong>{s.scope === 'all' ? t('customer.optOutAll') : s.scope === 'channel' ? channel(s.channel) : s.address}</strong>
                  {' '}· {s.reason} · {dateTime(s.at, locale)}{s.lifted_at ? ` · ${t('customer.lifted', { date: dateTime(s.lifted_at, locale) })}` : ''}
                </li>
              ))}
            </ul>
          )}
          <StatedTimes holding={data.times.holding} replaced={data.times.replaced} />
          <h3>{t('customer.decisions')}</h3>
          {data.decisions.length === 0 ? <p className="muted small">{t('customer.noDecisions')}</p> : (
            <ul className="plain" data-testid="decisions">
              {data.decisions.map((d) => (
                <li key={d.id}>
                  <span className={`badge badge-${d.decision}`}>{t(`decision.${d.decision}`)}</span> {channel(d.channel)} · {dateTime(d.at, locale)}
                  {d.message ? <span className="muted small"> — {d.message}</span> : null}
                  {d.defer_until ? <span className="muted small"> ({t('customer.until', { date: dateTime(d.defer_until, locale) })})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
