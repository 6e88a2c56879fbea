// Which earlier credit a returned payment (a reversal line) takes back: same amount, then end-to-end id, payer account or name.
import { normaliseAccount } from './text.ts';
import { normaliseName } from './names.ts';

export interface ReversibleCredit {
  id: string;
  amount: number;
  currency: string;
  date: string | null;
  endToEndId: string | null;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
}

const usefulId = (s: string | null) => (s && s.trim() && !/^NOT ?PROVIDED$/i.test(s.trim()) ? s.trim() : null);

/** The credit this reversal undoes and why, or null when none is clearly it. */
export function pickReversed(reversal: ReversibleCredit, credits: ReversibleCredit[]): { id: string; reason: string } | null {
  const same = credits.filter((c) => c.amount === reversal.amount && c.currency === reversal.currency
    && (!reversal.date || !c.date || c.date <= reversal.date))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  const e2e = usefulId(reversal.endToEndId);
  const byE2e = e2e ? same.find((c) => usefulId(c.endToEndId) === e2e) : undefined;
  if (byE2e) return { id: byE2e.id, reason: `the return carries the end-to-end id ${e2e} of the original credit` };
  const account = normaliseAccount(reversal.counterpartyAccount);
  const byAccount = account ? same.find((c) => normaliseAccount(c.counterpartyAccount) === account) : undefined;
  if (byAccount) return { id: byAccount.id, reason: `the same amount came back to account ${reversal.counterpartyAccount}` };
  const name = normaliseName(reversal.counterpartyName);
  const byName = name ? same.find((c) => normaliseName(c.counterpartyName) === name) : undefined;
  if (byName) return { id: byName.id, reason: `the same amount came back to ${reversal.counterpartyName}` };
  return null;
}
