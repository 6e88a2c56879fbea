// One request: its law and dates, who asked and how they were checked, what answered it; for an admin, while it is still to
// be answered, the extension, the refusal and the fulfilment its kind calls for.
import { date, dateTime } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { StatusText } from './StatusText.tsx';
import { useT } from '../i18n/index.tsx';
import { ExtendForm, RefuseForm, type AnswerProps } from './AnswerForms.tsx';
import { FulfilAccess, FulfilErasure } from './Fulfil.tsx';
import { RectifyForm } from './RectifyForm.tsx';
import { dueText } from './dueText.ts';
import { outcomeText } from './outcomeText.ts';
import { isPending } from './types.ts';

interface Props extends AnswerProps { customer: string; canAct: boolean; onExport: (file: { name: string; blob: Blob }) => void }

export function RequestDetail({ request: r, customer, canAct, onDone, onExport }: Props) {
  const { t, locale } = useT();
  const rows: [string, string | null][] = [
    [t('priv.law'), r.law], [t('priv.received'), dateTime(r.received_at, locale)], [t('priv.dueOn'), date(r.due_on, locale)],
    [t('priv.extendedTo'), r.extended_to ? date(r.extended_to, locale) : null], [t('priv.extensionReason'), r.extension_reason],
    [t('priv.toldOn'), r.extension_told_on ? date(r.extension_told_on, locale) : null],
    [t('priv.requester'), r.requester], [t('priv.identity'), r.identity_check],
    [t('priv.outcome'), outcomeText(r, t) || null], [t('priv.completed'), r.completed_at ? dateTime(r.completed_at, locale) : null],
    [t('priv.actor'), r.actor],
  ];
  const pending = isPending(r);
  return (
    <section className="card privacy-detail" aria-labelledby="priv-detail-title" data-request={r.id}>
      <div className="card-head">
        <h2 id="priv-detail-title">{t('priv.detail', { kind: t(`priv.kind.${r.kind}`), customer })}</h2>
        <Link to={`/customers/${encodeURIComponent(r.customer_id)}`}>{t('priv.customerPage')}</Link>
      </div>
      <p data-testid="priv-answer-by">
        <StatusText request={r} /> · {t('priv.answerBy', { date: date(r.answer_by, locale) })}
        {pending ? <> · <span className={r.overdue ? 'is-overdue' : undefined}>{dueText(r, t)}</span></> : null}
      </p>
      <dl className="details">
        {rows.filter(([, v]) => v).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
      </dl>
      {pending && canAct ? (
        <div className="privacy-actions">
          {r.kind === 'access' ? <FulfilAccess request={r} onDone={onDone} onExport={onExport} /> : null}
          {r.kind === 'erasure' ? <FulfilErasure request={r} customer={customer} onDone={onDone} /> : null}
          {r.kind === 'rectification' ? <RectifyForm request={r} onDone={onDone} /> : null}
          {r.status === 'open' ? <ExtendForm request={r} onDone={onDone} /> : <p className="muted small">{t('priv.extendedOnce')}</p>}
          <RefuseForm request={r} onDone={onDone} />
        </div>
      ) : null}
      {/* a restricted erasure says in its outcome that the purge finishes it */}
      {!pending && r.status !== 'restricted' ? <p className="muted small">{t('priv.nothingLeft')}</p> : null}
    </section>
  );
}
