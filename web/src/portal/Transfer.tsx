// How to pay by bank transfer: the org's accounts in the currency owed, each line with a copy button, and the reference
// to quote (the invoice numbers, which the org's bank-statement matching reads) copied the same way; beside them the
// payment QR code (EPC for SEPA, PIX) the server drew for the amount owed, and PIX's copia e cola code with its own button.
import { useState } from 'react';
import type { Account } from './types.ts';
import { useWords } from './texts/index.tsx';

function CopyLine({ label, value, copy, strong, onCopied }: { label: string; value: string; copy: string; strong?: boolean; onCopied: (s: string) => void }) {
  const w = useWords();
  const copyIt = async () => {
    try { await navigator.clipboard.writeText(copy); onCopied(w.t('transfer.copied', { label })); } catch { onCopied(w.t('transfer.copyFailed')); }
  };
  return (
    <div className="transfer-line">
      <dt>{label}</dt>
      <dd>{strong ? <strong>{value}</strong> : <span>{value}</span>}{' '}
        <button type="button" className="copy" aria-label={w.t('transfer.copyOf', { label })} onClick={() => void copyIt()}>{w.t('transfer.copy')}</button></dd>
    </div>
  );
}

export function BankTransfer({ account }: { account: Account }) {
  const w = useWords();
  const [status, setStatus] = useState('');
  return (
    <>
      <p>{w.t('transfer.intro')}</p>
      {(account.bank_transfer ?? []).map((v) => v.accounts.map((a) => {
        const owed = account.totals.find((x) => x.currency === v.currency);
        return (
          <div key={a.id} className="transfer" aria-label={`${w.t('transfer.title')} (${v.currency})`} role="group">
            <h4>{a.label ? `${a.label} · ` : ''}{owed ? w.money(owed.balance, v.currency) : v.currency}</h4>
            <dl>
              {a.lines.map((l) => <CopyLine key={l.label} label={l.label} value={l.value} copy={l.copy} onCopied={setStatus} />)}
              <CopyLine label={w.t('transfer.reference')} value={a.reference} copy={a.reference} strong onCopied={setStatus} />
              {a.qr?.format === 'pix' ? <CopyLine label={w.t('transfer.pixCode')} value={a.qr.payload} copy={a.qr.payload} onCopied={setStatus} /> : null}
            </dl>
            {a.qr ? (
              <figure className="transfer-qr">
                <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(a.qr.svg)}`} width={192} height={192}
                  alt={w.t(a.qr.format === 'pix' ? 'transfer.qrPix' : 'transfer.qrEpc')} />
                <figcaption>{w.t('transfer.qrHelp')}</figcaption>
              </figure>
            ) : null}
          </div>
        );
      }))}
      <p role="status" className="notice" hidden={!status}>{status}</p>
    </>
  );
}
