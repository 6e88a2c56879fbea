// What a line says about who paid and for what: invoices named in its text, learned payer accounts and names, name likeness.
import { textKeys, normaliseAccount } from './text.ts';
import { nameSimilarity, nameWords, normaliseName } from './names.ts';
import type { MatchIndex } from './match-index.ts';
import type { MatchLine, OpenInvoice } from './types.ts';

/** A name at least this alike counts as the customer's. */
export const NAME_MIN = 0.8;

export interface PayerEvidence {
  customerId: string;
  /** Times this payer account paid the customer on accepted matches. */
  accountMatches: number;
  /** Times this payer name paid the customer on accepted matches. */
  learnedNameMatches: number;
  /** Likeness of the payer name to the customer's name, 0..1. */
  nameScore: number;
}

/** Open invoices of the line's currency whose numbers appear in its texts. */
export function referencedInvoices(line: MatchLine, index: MatchIndex): OpenInvoice[] {
  const found = new Map<string, OpenInvoice>();
  for (const key of textKeys([line.remittanceText, line.endToEndId], line.structuredReference)) {
    for (const inv of index.byKey.get(key) ?? []) {
      if (inv.currency === line.currency && inv.balance > 0) found.set(inv.id, inv);
    }
  }
  return [...found.values()];
}

/** Customers the payer could be, with what speaks for each. */
export function payerEvidence(line: MatchLine, index: MatchIndex): Map<string, PayerEvidence> {
  const out = new Map<string, PayerEvidence>();
  const entry = (customerId: string): PayerEvidence => {
    let e = out.get(customerId);
    if (!e) { e = { customerId, accountMatches: 0, learnedNameMatches: 0, nameScore: 0 }; out.set(customerId, e); }
    return e;
  };
  const account = normaliseAccount(line.counterpartyAccount);
  if (account) for (const a of index.aliases.get(`account:${account}`) ?? []) entry(a.customerId).accountMatches += a.matches;
  const name = normaliseName(line.counterpartyName);
  if (name && line.counterpartyName) {
    for (const a of index.aliases.get(`name:${name}`) ?? []) entry(a.customerId).learnedNameMatches += a.matches;
    const candidates = new Set<string>();
    for (const w of nameWords(line.counterpartyName)) for (const id of index.nameWord.get(w) ?? []) candidates.add(id);
    for (const id of candidates) {
      const c = index.customers.get(id);
      const score = c ? nameSimilarity(line.counterpartyName, c.name) : 0;
      if (score >= NAME_MIN) entry(id).nameScore = Math.max(entry(id).nameScore, score);
    }
  }
  return out;
}
