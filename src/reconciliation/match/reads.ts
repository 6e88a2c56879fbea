// What a proposal read of the index, and what applying earlier lines of a batch changed in it: a line is proposed again
// only when the two meet, since the matcher is a pure function of the customers, balance bucket and aliases it looked at.
import { normaliseAccount } from './text.ts';
import { normaliseName } from './names.ts';
import { payerEvidence, payerEvidenceOf, referencedInvoices, type PayerEvidence } from './evidence.ts';
import { byReference, proposeFrom } from './matcher.ts';
import { addAlias, consume, type MatchIndex } from './match-index.ts';
import type { MatchLine, MatchSettings, OpenInvoice, PayerAlias, Proposal } from './types.ts';

/** The parts of the index a line's proposal depends on. */
export interface Reads { customers: Set<string>; balance: string; aliases: string[] }

export function readsOf(line: MatchLine, index: MatchIndex): Reads {
  return readsFrom(line, payerEvidence(line, index), referencedInvoices(line, index));
}

function readsFrom(line: MatchLine, payers: Map<string, PayerEvidence>, refs: OpenInvoice[]): Reads {
  const customers = new Set(payers.keys());
  for (const inv of refs) customers.add(inv.customerId);
  const account = normaliseAccount(line.counterpartyAccount);
  const name = normaliseName(line.counterpartyName);
  return { customers, balance: `${line.currency}:${line.amount}`,
    aliases: [...(account ? [`account:${account}`] : []), ...(name ? [`name:${name}`] : [])] };
}

/**
 * What a line finds in the index: the open invoices it names and who may have paid it; when it names some, `payers` holds
 * only what speaks for their customers (`payerEvidenceOf`), all a proposal by reference reads.
 */
export interface LineEvidence { payers: Map<string, PayerEvidence>; refs: OpenInvoice[] }

/** What a line finds in the index, the payers as far as `LineEvidence` says. */
export function lineEvidence(line: MatchLine, index: MatchIndex): LineEvidence {
  const refs = referencedInvoices(line, index);
  return { refs, payers: refs.length ? payerEvidenceOf(line, index, refs.map((r) => r.customerId)) : payerEvidence(line, index) };
}

/**
 * A line's proposal and what it read, the index read once for both (`known`: that reading, when just made of this index as
 * it is). A proposal by the invoices the line names reads only their customers (their invoices, balances and payer
 * evidence); the payer's likeness to everyone else is worked out only when none of them fits.
 */
export function proposeAndRead(line: MatchLine, index: MatchIndex, settings: MatchSettings, known?: LineEvidence): { p: Proposal | null; reads: Reads } {
  const { refs, payers: few } = known ?? lineEvidence(line, index);
  const byRef = refs.length && line.amount > 0 ? byReference(line, refs, index, few, settings) : null;
  if (byRef) return { p: byRef, reads: readsFrom(line, few, refs) };
  const payers = refs.length ? payerEvidence(line, index) : few;
  return { p: proposeFrom(line, index, settings, payers, refs), reads: readsFrom(line, payers, refs) };
}

/** Changes made to one index while a batch is decided; consume and learn through it so they are seen. */
export class IndexChanges {
  private readonly customers = new Set<string>();
  private readonly balances = new Set<string>();
  private readonly aliases = new Set<string>();
  constructor(private readonly index: MatchIndex) {}

  /** Lowers an invoice's balance (see `consume`), noting its customer and the balance buckets it leaves and enters. */
  consume(invoiceId: string, amount: number, currency: string): void {
    const inv = this.index.byId.get(invoiceId);
    if (!inv) return;
    this.customers.add(inv.customerId);
    this.balances.add(`${currency}:${inv.balance}`);
    consume(this.index, invoiceId, amount, currency);
    this.balances.add(`${currency}:${inv.balance}`);
  }

  /** Notes invoices just added to the index (already added): lines that looked at their customers or balances see them. */
  added(invoices: OpenInvoice[]): void {
    for (const inv of invoices) {
      this.customers.add(inv.customerId);
      this.balances.add(`${inv.currency}:${inv.balance}`);
    }
  }

  learn(a: PayerAlias): void {
    this.aliases.add(`${a.kind}:${a.value}`);
    addAlias(this.index, a);
  }

  /** Whether anything these reads depend on changed. */
  touches(r: Reads): boolean {
    if (this.balances.has(r.balance)) return true;
    for (const a of r.aliases) if (this.aliases.has(a)) return true;
    for (const c of r.customers) if (this.customers.has(c)) return true;
    return false;
  }
}
