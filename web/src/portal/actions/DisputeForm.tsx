// Something is wrong: a reason, the invoices it is about (none ticked: all), what happened, and a receipt or document.
import { useRef, useState, type FormEvent } from 'react';
import { call } from '../api.ts';
import type { Account } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { invalid, Outcome, useSubmit } from '../ui.tsx';
import { fileBase64 } from '../../app/file-base64.ts';

const REASONS = ['already_paid', 'wrong_amount', 'not_mine', 'duplicate', 'goods_or_service', 'other'] as const;
const REASON_TEXT = { not_mine: 'reason.not_mine', wrong_amount: 'reason.wrong_amount', already_paid: 'reason.already_paid',
  goods_or_service: 'reason.goods_or_service', duplicate: 'reason.duplicate', other: 'reason.other' } as const;
const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain';


export function DisputeForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const w = useWords();
  const open = account.invoices.filter((i) => !i.disputed);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('already_paid');
  const [picked, setPicked] = useState<string[]>([]);
  const [text, setText] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const s = useSubmit();
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const f = file.current?.files?.[0];
      if (f && f.size > MAX_BYTES) throw invalid('attachment.data');
      const attachment = f ? { filename: f.name, content_type: f.type || 'application/octet-stream', data_base64: await fileBase64(f) } : undefined;
      await call('POST', '/portal/api/disputes', { reason, invoice_ids: picked, ...(text.trim() ? { text: text.trim() } : {}), ...(attachment ? { attachment } : {}) });
      setPicked([]);
      onDone();
      return w.t('dispute.done');
    });
  };
  if (open.length === 0) return null;
  return (
    <form onSubmit={submit} noValidate>
      <p><label htmlFor="dispute-reason">{w.t('dispute.reason')}</label>
        <select id="dispute-reason" value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
          {REASONS.map((r) => <option key={r} value={r}>{w.t(REASON_TEXT[r])}</option>)}
        </select></p>
      <fieldset>
        <legend>{w.t('dispute.invoices')}</legend>
        {open.map((i) => (
          <label className="choice" key={i.id}><input type="checkbox" checked={picked.includes(i.id)} onChange={() => toggle(i.id)} />
            {i.number} · {w.money(i.balance, i.currency)}</label>
        ))}
      </fieldset>
      <p><label htmlFor="dispute-text">{w.t('dispute.text')}</label>
        <textarea id="dispute-text" rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} /></p>
      <p><label htmlFor="dispute-file">{w.t('dispute.file')}</label>
        <input id="dispute-file" type="file" accept={ACCEPT} ref={file} /></p>
      <button type="submit" className="primary" disabled={s.busy}>{w.t('dispute.submit')}</button>
      <Outcome s={s} />
    </form>
  );
}
