// The pure matcher: one credit line and the index in, the best proposal (invoices, amounts, confidence, reasons) out.
import { daysBetween } from '../../domain/dates.ts';
import { formatMinor } from '../../domain/money.ts';
import { fitAmount, type Fit } from './allocate.ts';
import { payerEvidence, referencedInvoices, type PayerEvidence } from './evidence.ts';
import { invoicesWithBalance, type MatchIndex } from './match-index.ts';
import { objectList } from './lists.ts';
import type { MatchLine, MatchSettings, OpenInvoice, Proposal } from './types.ts';

const round2 = (x: number) => Math.round(Math.min(0.99, Math.max(0, x)) * 100) / 100;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How much the fit of the amount adds to the confidence, and why. */
const FIT_BONUS: Record<Fit['kind'], number> = { exact: 0.2, combination: 0.15, fee: 0.15, overpayment: 0.1, partial: 0.1 };

const money = (m: number, currency: string) => `${formatMinor(m, currency)} ${currency}`;

/** The numbers of these invoices joined by commas (no list made by `map`: see `full` in allocate.ts). */
function numbers(invoices: OpenInvoice[]): string {
  let out = '';
  for (let i = 0; i < invoices.length; i++) out += i ? `, ${invoices[i]!.number}` : invoices[i]!.number;
  return out;
}

/** The number of the invoice an allocation is for (its id when it is not among `invoices`). */
function numberOf(invoiceId: string, invoices: OpenInvoice[]): string {
  for (let i = 0; i < invoices.length; i++) if (invoices[i]!.id === invoiceId) return invoices[i]!.number;
  return invoiceId;
}

/** The reasons the fit gives; `invoices` those it was fitted to (their numbers named). */
function describeFit(fit: Fit, line: MatchLine, invoices: OpenInvoice[]): string[] {
  let names = '';
  for (let i = 0; i < fit.allocations.length; i++) names += (i ? ', ' : '') + numberOf(fit.allocations[i]!.invoiceId, invoices);
  const reasons: string[] = [];
  switch (fit.kind) {
    case 'exact': reasons.push(`the amount equals the balance of ${names}`); break;
    case 'combination': reasons.push(`the amount equals the balances of ${plural(fit.allocations.length, 'invoice')} together (${names})`); break;
    case 'fee': reasons.push(`the amount is ${money(fit.fee, line.currency)} short of the balance of ${names}: taken as a bank fee`); break;
    case 'overpayment': reasons.push(`the amount is ${money(fit.credit, line.currency)} more than the balance of ${names}: the rest stays as customer credit`); break;
    case 'partial': reasons.push(`the amount is less than what is owed: a partial payment of ${names}`); break;
  }
  if (fit.ambiguous) reasons.push('more than one combination of invoices fits the amount; the oldest were taken');
  return reasons;
}

/** What the payer evidence adds to the confidence: what `describePayer` says it adds, without its reasons. */
function payerConfidence(e: PayerEvidence | undefined): number {
  let confidence = 0;
  if (!e) return confidence;
  if (e.accountMatches > 0) confidence += 0.06;
  if (e.learnedNameMatches > 0) confidence += 0.05;
  else if (e.nameScore > 0) confidence += 0.05 * e.nameScore;
  return confidence;
}

/** Adds the reasons the payer evidence gives (what `payerConfidence` counts) to `reasons`. */
function describePayer(e: PayerEvidence | undefined, line: MatchLine, customerName: string, reasons: string[]): void {
  if (!e) return;
  if (e.accountMatches > 0) reasons.push(`payer account ${line.counterpartyAccount} paid ${customerName} before (${plural(e.accountMatches, 'time')})`);
  if (e.learnedNameMatches > 0) reasons.push(`payer name "${line.counterpartyName}" paid ${customerName} before (${plural(e.learnedNameMatches, 'time')})`);
  else if (e.nameScore > 0) reasons.push(`payer name "${line.counterpartyName}" is like customer "${customerName}" (${Math.round(e.nameScore * 100)}%)`);
}

/** Where a proposal keeps its reasons, or what writes them until first read (not enumerable: no JSON, no spread, no key). */
const WHY = Symbol('why');
interface Lazy { [WHY]: string[] | (() => string[]) }

/**
 * One accessor pair for every proposal: defined with the same functions, proposals share one shape (their properties read
 * fast by the sort and the batch's loop). An object literal with `get`/`set` makes new functions per object, and V8 keeps
 * such an object in dictionary mode: about 3x bigger and several times slower to make (each a garbage collection survivor
 * while its batch is decided).
 */
const REASONS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Lazy): string[] {
    const r = this[WHY];
    if (typeof r !== 'function') return r;
    const written = r();
    this[WHY] = written;
    return written;
  },
  set(this: Lazy, v: string[]) { this[WHY] = v; },
};

/**
 * A proposal whose reasons are written when first read (shown, stored, or serialised: an enumerable property in its
 * place, so JSON gives the same text), not for every line matched: a batch reads the reasons of few of its proposals.
 * `why` must read only what does not change once proposed (the line, the fit, invoice numbers, names resolved before).
 */
function proposalOf(customerId: string, line: MatchLine, fit: Pick<Fit, 'allocations' | 'fee' | 'credit'>, confidence: number,
  why: () => string[]): Proposal {
  const p = { customerId, currency: line.currency, allocations: fit.allocations, fee: fit.fee, credit: fit.credit, confidence: round2(confidence) };
  Object.defineProperty(p, 'reasons', REASONS);
  Object.defineProperty(p, WHY, { value: why, writable: true, enumerable: false, configurable: false });
  return p as Proposal;
}

/**
 * A customer's invoices the line could be for, fitted and scored (`confidence` rounded as `toProposal` rounds it, which
 * rounding again does not change); reasons are written only for the one proposed.
 */
interface Option { customerId: string; invoices: OpenInvoice[]; fit: Fit; evidence: PayerEvidence | undefined; confidence: number }

/** Invoices named in the text: the strongest evidence (reads the payer evidence of their customers only). */
export function byReference(line: MatchLine, refs: OpenInvoice[], index: MatchIndex, payers: Map<string, PayerEvidence>, s: MatchSettings): Proposal | null {
  // the invoices of each customer, customers in the order first named: most lines name one customer's, held as they are
  let customers = 1;
  for (let i = 1; i < refs.length; i++) if (firstOf(refs, i)) customers += 1;
  let best: Option | null = null;
  for (let i = 0; i < refs.length; i++) {
    if (!firstOf(refs, i)) continue;
    const customerId = refs[i]!.customerId;
    const invoices = customers === 1 ? refs : ofCustomer(refs, i);
    const fit = fitAmount(line.amount, invoices, s);
    if (!fit) continue;
    const evidence = payers.get(customerId);
    const payer = payerConfidence(evidence);
    let confidence = 0.75 + FIT_BONUS[fit.kind] + payer - (fit.ambiguous ? 0.1 : 0);
    if (customers > 1 && payer === 0) confidence -= 0.15;
    const rounded = round2(confidence);
    if (!best || rounded > best.confidence) best = { customerId, invoices, fit, evidence, confidence: rounded };
  }
  if (!best) return null;
  const { customerId, invoices, fit, evidence } = best;
  const name = index.customers.get(customerId)?.name ?? customerId;
  return proposalOf(customerId, line, fit, best.confidence, () => {
    const reasons = [`the payment text names ${invoices.length === 1 ? 'invoice' : 'invoices'} ${numbers(invoices)} of ${name}`];
    const fitReasons = describeFit(fit, line, invoices);
    for (let i = 0; i < fitReasons.length; i++) reasons.push(fitReasons[i]!);
    describePayer(evidence, line, name, reasons);
    if (customers > 1 && payerConfidence(evidence) === 0) reasons.push(`the text names invoices of ${plural(customers, 'customer')}`);
    return reasons;
  });
}

/** Whether `refs[at]` is the first of its customer's invoices in the list. */
function firstOf(refs: OpenInvoice[], at: number): boolean {
  const id = refs[at]!.customerId;
  for (let i = 0; i < at; i++) if (refs[i]!.customerId === id) return false;
  return true;
}

/** The invoices of the customer of `refs[from]` (its first), in the list's order. */
function ofCustomer(refs: OpenInvoice[], from: number): OpenInvoice[] {
  const id = refs[from]!.customerId;
  const out = objectList<OpenInvoice>();
  for (let i = from; i < refs.length; i++) if (refs[i]!.customerId === id) out.push(refs[i]!);
  return out;
}

/** Whether the payer was learned (its account or name paid this customer on accepted matches). */
const learnedOf = (e: PayerEvidence) => e.accountMatches > 0 || e.learnedNameMatches > 0;

/** No invoice named: the customer from a learned account or name, or a name alike, then the amount against their invoices. */
function byPayer(line: MatchLine, index: MatchIndex, payers: Map<string, PayerEvidence>, s: MatchSettings): Proposal | null {
  const options = objectList<Option>();
  for (const e of payers.values()) {
    const invoices = (index.byCustomer.get(e.customerId) ?? []).filter((i) => i.currency === line.currency && i.balance > 0);
    const fit = fitAmount(line.amount, invoices, s);
    if (!fit) continue;
    const learned = learnedOf(e);
    // a learned payer is nearly as good as a reference; a name alike alone never applies without review
    const base = learned ? 0.72 : 0.45 + 0.2 * ((e.nameScore - 0.8) / 0.2);
    const confidence = base + FIT_BONUS[fit.kind] + (learned ? payerConfidence(e) / 2 : 0) - (fit.ambiguous ? 0.1 : 0);
    options.push({ customerId: e.customerId, invoices, fit, evidence: e, confidence: round2(confidence) });
  }
  if (options.length > 1) options.sort((a, b) => b.confidence - a.confidence);
  const [best, second] = options;
  if (!best) return null;
  const { customerId, invoices, fit, evidence } = best;
  const name = index.customers.get(customerId)?.name ?? customerId;
  const close = second !== undefined && best.confidence - second.confidence < 0.05;
  const n = options.length;
  return proposalOf(customerId, line, fit, close ? best.confidence - 0.15 : best.confidence, () => {
    const reasons: string[] = [];
    describePayer(evidence, line, name, reasons);
    reasons.push(...describeFit(fit, line, invoices));
    if (!learnedOf(evidence!)) reasons.push('no invoice number was found in the payment text');
    if (close) reasons.push(`${plural(n, 'customer')} could be this payer`);
    return reasons;
  });
}

/** Days between an invoice's due date and the payment (0 for a line without a date). */
const distance = (i: OpenInvoice, line: MatchLine) => (line.date ? Math.abs(daysBetween(i.dueDate, line.date)) : 0);

/** Only the amount: an open invoice with exactly this balance, the nearest due date first. */
function byAmount(line: MatchLine, index: MatchIndex): Proposal | null {
  const same = invoicesWithBalance(index, line.currency, line.amount);
  if (!same.length) return null;
  const [best] = [...same].sort((a, b) => distance(a, line) - distance(b, line));
  if (!best) return null;
  const days = distance(best, line);
  const near = line.date !== null && days <= 30;
  const { number } = best;
  const n = same.length;
  const confidence = (n === 1 ? 0.4 : 0.25) + (near ? 0.1 : 0);
  return proposalOf(best.customerId, line, { allocations: [{ invoiceId: best.id, amount: line.amount, fee: 0 }], fee: 0, credit: 0 }, confidence, () => {
    const reasons = [`only the amount matches: invoice ${number} has this balance`];
    if (line.date) reasons.push(`it is due ${days} days from the payment`);
    if (n > 1) reasons.push(`${n} open invoices have this balance`);
    return reasons;
  });
}

/** The best proposal for a credit line, or null when nothing points anywhere. */
export function proposeMatch(line: MatchLine, index: MatchIndex, settings: MatchSettings): Proposal | null {
  if (line.amount <= 0) return null;
  return proposeFrom(line, index, settings, payerEvidence(line, index), referencedInvoices(line, index));
}

/** `proposeMatch` from the line's payer evidence and referenced invoices as already read of the index. */
export function proposeFrom(
  line: MatchLine, index: MatchIndex, settings: MatchSettings, payers: Map<string, PayerEvidence>, refs: OpenInvoice[],
): Proposal | null {
  if (line.amount <= 0) return null;
  return (refs.length ? byReference(line, refs, index, payers, settings) : null)
    ?? byPayer(line, index, payers, settings)
    ?? byAmount(line, index);
}
