// What a proposal read of the index, and what applying earlier lines of a batch changed in it: a line is proposed again
// only when the two meet, since the matcher is a pure function of the customers, balance bucket and aliases it looked at.
import { accountKeyOf, nameKeyOf } from './line-keys.ts';
import { payerEvidence, payerEvidenceOfInvoices, referencedInvoices, type PayerEvidence } from './evidence.ts';
import { byReference, proposeFrom } from './matcher.ts';
import { addAlias, consume, type MatchIndex } from './match-index.ts';
import type { MatchLine, MatchSettings, OpenInvoice, PayerAlias, Proposal } from './types.ts';

/**
 * The parts of the index a line's proposal depends on: the customers of its payer evidence and of the invoices it names,
 * the balance bucket of its amount, and its payer account and name (as learned payers are filed). Held as the line and
 * what it read, nothing worked out until `IndexChanges.touches` needs it.
 */
export interface Reads { line: MatchLine; payers: Map<string, PayerEvidence>; refs: OpenInvoice[] }

export function readsOf(line: MatchLine, index: MatchIndex): Reads {
  return readsFrom(line, payerEvidence(line, index), referencedInvoices(line, index));
}

const readsFrom = (line: MatchLine, payers: Map<string, PayerEvidence>, refs: OpenInvoice[]): Reads => ({ line, payers, refs });

/**
 * What a line finds in the index: the open invoices it names and who may have paid it; when it names some, `payers` holds
 * only what speaks for their customers (`payerEvidenceOf`), all a proposal by reference reads.
 */
export interface LineEvidence { payers: Map<string, PayerEvidence>; refs: OpenInvoice[] }

/** What a line finds in the index, the payers as far as `LineEvidence` says. */
export function lineEvidence(line: MatchLine, index: MatchIndex): LineEvidence {
  const refs = referencedInvoices(line, index);
  return { refs, payers: refs.length ? payerEvidenceOfInvoices(line, index, refs) : payerEvidence(line, index) };
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
  /** Currency -> balances left or entered. */
  private readonly balances = new Map<string, Set<number>>();
  private readonly aliases = new Set<string>();
  constructor(private readonly index: MatchIndex) {}

  private balance(currency: string, balance: number): void {
    const known = this.balances.get(currency);
    if (known) known.add(balance); else this.balances.set(currency, new Set([balance]));
  }

  /** Lowers an invoice's balance (see `consume`), noting its customer and the balance buckets it leaves and enters. */
  consume(invoiceId: string, amount: number, currency: string): void {
    const inv = this.index.byId.get(invoiceId);
    if (!inv) return;
    this.customers.add(inv.customerId);
    this.balance(currency, inv.balance);
    consume(this.index, invoiceId, amount, currency);
    this.balance(currency, inv.balance);
  }

  /** Notes invoices just added to the index (already added): lines that looked at their customers or balances see them. */
  added(invoices: OpenInvoice[]): void {
    for (const inv of invoices) {
      this.customers.add(inv.customerId);
      this.balance(inv.currency, inv.balance);
    }
  }

  learn(a: PayerAlias): void {
    this.aliases.add(`${a.kind}:${a.value}`);
    addAlias(this.index, a);
  }

  /** Whether anything these reads depend on changed. */
  touches(r: Reads): boolean {
    const { line } = r;
    if (this.balances.get(line.currency)?.has(line.amount)) return true;
    if (this.aliases.size) {
      const account = accountKeyOf(line);
      const name = nameKeyOf(line);
      if ((account && this.aliases.has(`account:${account}`)) || (name && this.aliases.has(`name:${name}`))) return true;
    }
    if (!this.customers.size) return false;
    for (const c of r.payers.keys()) if (this.customers.has(c)) return true;
    for (const inv of r.refs) if (this.customers.has(inv.customerId)) return true;
    return false;
  }
}
