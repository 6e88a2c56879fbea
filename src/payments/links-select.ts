// What a payment link charges, decided from the customer's invoices (pure): which invoices, in which currency, how much;
// and the link's content hash and idempotency key, so an identical open link is reused and a retry sends the same key.
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../domain/result.ts';

export interface LinkInvoice {
  id: string; number: string; currency: string; balance: number; due_date: string; status: string; disputed: boolean;
}

export interface LinkRequest { invoiceIds?: string[]; amount?: number; currency?: string }

export interface LinkContent {
  /** In the order they are paid: oldest due first. */
  invoices: LinkInvoice[];
  currency: string;
  /** What the invoices owe together. */
  balance: number;
  /** What the link asks for: the balance, or less for a part payment. */
  amount: number;
}

const byDue = (a: LinkInvoice, b: LinkInvoice) => a.due_date.localeCompare(b.due_date) || a.number.localeCompare(b.number);

function explicitInvoices(all: LinkInvoice[], ids: string[], currency: string | undefined): Result<LinkInvoice[]> {
  const chosen: LinkInvoice[] = [];
  for (const [i, ref] of ids.entries()) {
    const inv = all.find((x) => x.id === ref || x.number === ref);
    const where = `invoice_ids[${i}]`;
    if (!inv) return fail('NOT_FOUND', `the customer has no invoice ${ref}`, where);
    if (chosen.includes(inv)) return fail('VALIDATION_FAILED', `invoice ${inv.number} is listed twice`, where);
    if (inv.status === 'cancelled' || inv.status === 'written_off') return fail('INVALID_STATE', `invoice ${inv.number} is ${inv.status.replace('_', ' ')}`, where);
    if (inv.balance <= 0) return fail('INVALID_STATE', `invoice ${inv.number} has nothing left to pay`, where);
    const want = currency ?? chosen[0]?.currency;
    if (want && inv.currency !== want) return fail('CURRENCY_MISMATCH', `invoice ${inv.number} is in ${inv.currency}, not ${want}`, where);
    chosen.push(inv);
  }
  return ok(chosen.sort(byDue));
}

/** The open, undisputed invoices in the given currency, or in the one most is owed in. */
function defaultInvoices(all: LinkInvoice[], currency: string | undefined): Result<LinkInvoice[]> {
  const open = all.filter((i) => i.balance > 0 && !i.disputed && (i.status === 'open' || i.status === 'partially_paid'));
  const owed = new Map<string, number>();
  for (const i of open) owed.set(i.currency, (owed.get(i.currency) ?? 0) + i.balance);
  const chosen = currency ?? [...owed.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const invoices = open.filter((i) => i.currency === chosen);
  if (invoices.length === 0) return fail('INVALID_STATE', currency ? `the customer owes nothing in ${currency}` : 'the customer owes nothing', 'customer_id');
  return ok(invoices.sort(byDue));
}

export function selectLinkContent(all: LinkInvoice[], req: LinkRequest): Result<LinkContent> {
  const picked = req.invoiceIds?.length ? explicitInvoices(all, req.invoiceIds, req.currency) : defaultInvoices(all, req.currency);
  if (!picked.ok) return picked;
  const invoices = picked.value;
  const currency = invoices[0]!.currency;
  const balance = invoices.reduce((s, i) => s + i.balance, 0);
  const amount = req.amount ?? balance;
  if (!Number.isSafeInteger(amount) || amount <= 0) return fail('VALIDATION_FAILED', 'the amount must be a positive whole number of minor units', 'amount');
  if (amount > balance) return fail('VALIDATION_FAILED', `the amount ${amount} exceeds what the invoices owe (${balance} ${currency})`, 'amount');
  return ok({ invoices, currency, balance, amount });
}

/** The same provider, customer, invoices, amount and currency hash the same, whatever order the invoices were named in. */
export function contentHash(parts: { orgId: string; provider: string; customerId: string; invoiceIds: string[]; amount: number; currency: string }): string {
  const canonical = JSON.stringify([parts.orgId, parts.provider, parts.customerId, [...parts.invoiceIds].sort(), parts.amount, parts.currency]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The Idempotency-Key sent to the provider: the link's content and how many links with that content were made before
 * (a new link after one expired or was paid gets a new key; a retry of the same one sends the same key).
 */
export function linkIdempotencyKey(orgId: string, hash: string, generation: number): string {
  return `cobro-${orgId}-${hash.slice(0, 32)}-${generation}`;
}

/** A one-line description for the hosted page: whose invoices, which ones. */
export function linkDescription(orgName: string, content: LinkContent): string {
  const numbers = content.invoices.map((i) => i.number);
  const list = numbers.length <= 5 ? numbers.join(', ') : `${numbers.slice(0, 5).join(', ')} and ${numbers.length - 5} more`;
  const what = `${content.amount < content.balance ? 'Part payment of invoice' : 'Invoice'}${numbers.length > 1 ? 's' : ''} ${list}`;
  return `${orgName}: ${what}`.slice(0, 250);
}
