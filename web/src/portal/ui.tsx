// Small pieces of the portal: a disclosure section per action, the submit state of a form, amounts typed in the debtor's way.
import { useState, type ReactNode } from 'react';
import { parseMajorAmount } from '../../../src/domain/money.ts';
import { plainAmount } from '../app/format.ts';
import { PortalError } from './api.ts';
import { failureText, useWords } from './texts/index.tsx';

/** One action: a heading whose button opens its form (the form mounts only when opened, so it loads only what is asked). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="action" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>{title}</button>
      </h3>
      <div id={`${id}-panel`} className="panel" hidden={!open}>{open ? children : null}</div>
    </section>
  );
}

export interface Submit { busy: boolean; error: string | null; done: string | null; run: (work: () => Promise<string>) => Promise<void> }

/**
 * Runs a form's request once at a time; its outcome becomes a status line or an alert in the debtor's words (by the field
 * the failure names, or as `describe` tells it).
 */
export function useSubmit(errorVars: Record<string, string | number> = {}, describe?: (e: unknown) => string): Submit {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (e) {
      setError(describe ? describe(e) : failureText(w, e, errorVars));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}

export function Outcome({ s }: { s: Submit }) {
  return (
    <>
      <p role="status" className="success">{s.done ?? ''}</p>
      {s.error ? <p role="alert" className="error">{s.error}</p> : null}
    </>
  );
}

/** A check made in the page before asking the API, told like the API's failure for that field. */
export const invalid = (field: string) => new PortalError(400, 'VALIDATION_FAILED', `${field} is not valid`, field);

/** The locale's decimal mark, so "150,50" reads as it does in Spanish and Portuguese. */
export function decimalMark(locale: string): '.' | ',' {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
}

/** Minor units from what the debtor typed, or null when it is not an amount of the currency. */
export function readAmount(text: string, currency: string, locale: string): number | null {
  const r = parseMajorAmount(text.trim(), currency, { decimal: decimalMark(locale) });
  return r.ok && r.minor > 0 ? r.minor : null;
}

/** Minor units as the debtor would type them ("1500,00" in Spanish). */
export function typedAmount(amount: number, currency: string, locale: string): string {
  const plain = plainAmount(amount, currency);
  return decimalMark(locale) === ',' ? plain.replace('.', ',') : plain;
}
