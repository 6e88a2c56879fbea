// "Send the customer a written confirmation": checked as the org's setting says (GET /v1/confirmations/settings); the
// request carries `confirm` only when the collector changed it, so the org's setting decides otherwise.
import { useEffect, useState } from 'react';
import { get } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';

export interface ConfirmChoice { checked: boolean; set: (v: boolean) => void; body: { confirm?: boolean } }

export function useConfirmChoice(): ConfirmChoice {
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [orgDefault, setOrgDefault] = useState(true);
  useEffect(() => {
    let live = true;
    get<{ staff_arrangements: boolean }>('/v1/confirmations/settings').then((r) => { if (live) setOrgDefault(r.staff_arrangements); }, () => undefined);
    return () => { live = false; };
  }, []);
  return { checked: chosen ?? orgDefault, set: setChosen, body: chosen === null ? {} : { confirm: chosen } };
}

export function SendConfirmation({ id, choice }: { id: string; choice: ConfirmChoice }) {
  const { t } = useT();
  return (
    <p>
      <label className="check" htmlFor={`${id}-confirm`}>
        <input id={`${id}-confirm`} type="checkbox" checked={choice.checked} onChange={(e) => choice.set(e.target.checked)} />
        <span>{t('confirm.send')}</span>
      </label>
    </p>
  );
}
