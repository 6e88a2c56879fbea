// Reading what booking checks and writing planned bookings, set-based: a handful of statements for a whole batch of lines
// (payments, allocations, fee adjustments, invoice balances with their events, proposals, lines, learned payers, cases,
// audit), whatever its size. Run on the batch's transaction: a failure anywhere leaves nothing written.
import type { Queryable } from '../db/index.ts';
import { recordAuditBatch, type AuditEntry } from '../audit/index.ts';
import { emitEvents, type NewEvent } from '../events/index.ts';
import { refreshInvoices } from '../ledger/index.ts';
import { replanCustomers } from '../engine/index.ts';
import { applyEarnedDiscounts } from '../payments/arrangements-discounts.ts';
import { externalIdOf, type BookedInvoice, type Booking, type BookingState } from './booking.ts';
import type { LineRow } from './lines.ts';
import type { PayerAlias, Proposal } from './match/types.ts';
import { normaliseAccount } from './match/text.ts';
import { normaliseName } from './match/names.ts';
import { sealerFor, storedPayerAccount } from '../vault/index.ts';

export const emptyBookingState = (): BookingState => ({ invoices: new Map(), customers: new Set(), externalIds: new Set() });

/**
 * Adds to the state what it does not hold yet of the invoices (locked FOR UPDATE, in id order), customers and the lines'
 * payments. Balances already held are kept: they carry what earlier lines of the batch took.
 */
export async function loadBookingState(
  q: Queryable, orgId: string, state: BookingState, lines: LineRow[], proposals: Proposal[],
): Promise<BookingState> {
  const invoiceIds = [...new Set(proposals.flatMap((p) => p.allocations.map((a) => a.invoiceId)))].filter((id) => !state.invoices.has(id));
  const customerIds = [...new Set(proposals.map((p) => p.customerId))].filter((id) => !state.customers.has(id));
  if (invoiceIds.length) {
    const rows = await q.query<BookedInvoice>(`SELECT id, number, customer_id, currency, balance, status, cancelled FROM invoices
      WHERE org_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`, [orgId, invoiceIds.sort()]);
    for (const r of rows) state.invoices.set(r.id, { ...r, balance: Number(r.balance) });
  }
  if (customerIds.length) {
    const rows = await q.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, customerIds]);
    for (const r of rows) state.customers.add(r.id);
  }
  if (lines.length) {
    const rows = await q.query<{ external_id: string }>('SELECT external_id FROM payments WHERE org_id = $1 AND external_id = ANY($2::text[])',
      [orgId, lines.map(externalIdOf)]);
    for (const r of rows) state.externalIds.add(r.external_id);
  }
  return state;
}

/** The aliases a line teaches about its payer. */
export function aliasesOf(line: LineRow, customerId: string): PayerAlias[] {
  const out: PayerAlias[] = [];
  const account = normaliseAccount(line.counterparty_account);
  const name = normaliseName(line.counterparty_name);
  if (account) out.push({ kind: 'account', value: account, customerId, matches: 1 });
  if (name) out.push({ kind: 'name', value: name, customerId, matches: 1 });
  return out;
}

/** Learns payers; the same alias taught by several lines of a batch counts once per line (one row per alias in the statement). */
export async function learnPayers(q: Queryable, orgId: string, aliases: PayerAlias[]): Promise<void> {
  const counted = new Map<string, PayerAlias>();
  for (const a of aliases) {
    const key = `${a.kind}\u0001${a.value}\u0001${a.customerId}`;
    const known = counted.get(key);
    if (known) known.matches += a.matches;
    else counted.set(key, { ...a });
  }
  const rows = [...counted.values()];
  if (!rows.length) return;
  // an account is stored as its blind index, sealed beside it, when the org has field encryption on
  const sealer = rows.some((a) => a.kind === 'account') ? await sealerFor(q, orgId) : null;
  const stored = rows.map((a) => (a.kind === 'account' ? storedPayerAccount(sealer, a.customerId, a.value) : { value: a.value, sealed: null }));
  await q.query(
    `INSERT INTO payer_aliases (org_id, kind, value, customer_id, matches, value_sealed)
     SELECT $1, k, v, c, n, s FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) AS t (k, v, c, n, s)
     ON CONFLICT (org_id, kind, value, customer_id) DO UPDATE SET matches = payer_aliases.matches + EXCLUDED.matches, updated_at = now(),
       value_sealed = coalesce(EXCLUDED.value_sealed, payer_aliases.value_sealed)`,
    [orgId, rows.map((a) => a.kind), stored.map((x) => x.value), rows.map((a) => a.customerId), rows.map((a) => a.matches), stored.map((x) => x.sealed)]);
}

export const allocationsJson = (p: Proposal): string =>
  JSON.stringify(p.allocations.map((a) => ({ invoice_id: a.invoiceId, amount: a.amount, fee: a.fee })));

async function insertLedgerRows(q: Queryable, orgId: string, bookings: Booking[]): Promise<void> {
  await q.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date, method, reference, source, unapplied)
    SELECT id, $1, c, e, a, cur, d, 'bank_transfer', r, 'bank', u
    FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::date[], $8::text[], $9::bigint[]) AS t (id, c, e, a, cur, d, r, u)`,
  [orgId, bookings.map((b) => b.payment.id), bookings.map((b) => b.proposal.customerId), bookings.map((b) => b.payment.externalId),
    bookings.map((b) => b.line.amount), bookings.map((b) => b.line.currency), bookings.map((b) => b.payment.date),
    bookings.map((b) => b.payment.reference), bookings.map((b) => b.payment.unapplied)]);
  const allocations = bookings.flatMap((b) => b.allocations.map((a) => ({ ...a, payment_id: b.payment.id })));
  if (allocations.length) {
    await q.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
      SELECT id, $1, p, i, a FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS t (id, p, i, a)`,
    [orgId, allocations.map((a) => a.id), allocations.map((a) => a.payment_id), allocations.map((a) => a.invoice_id), allocations.map((a) => a.amount)]);
  }
  const fees = bookings.flatMap((b) => b.fees.map((f) => ({ ...f, currency: b.line.currency, date: b.payment.date })));
  if (fees.length) {
    await q.query(`INSERT INTO adjustments (id, org_id, invoice_id, kind, amount, currency, date, reason)
      SELECT id, $1, i, 'discount', -f, cur, d, r FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::date[], $7::text[]) AS t (id, i, f, cur, d, r)`,
    [orgId, fees.map((f) => f.id), fees.map((f) => f.invoice_id), fees.map((f) => f.fee), fees.map((f) => f.currency), fees.map((f) => f.date),
      fees.map((f) => f.reason)]);
  }
}

async function writeProposals(q: Queryable, orgId: string, actor: string, bookings: Booking[]): Promise<void> {
  const cols = (list: Booking[]) => [list.map((b) => b.proposalId), list.map((b) => b.line.id), list.map((b) => b.proposal.customerId),
    list.map((b) => b.proposal.currency), list.map((b) => allocationsJson(b.proposal)), list.map((b) => b.proposal.fee),
    list.map((b) => b.proposal.credit), list.map((b) => b.proposal.confidence), list.map((b) => JSON.stringify(b.proposal.reasons)),
    list.map((b) => b.payment.id)];
  const unnest = `unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::bigint[], $9::bigint[], $10::float8[], $11::jsonb[], $12::text[])
    AS t (id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons, payment_id)`;
  const fresh = bookings.filter((b) => !b.updatesProposal);
  if (fresh.length) {
    await q.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons,
      status, payment_id, decided_by, decided_at) SELECT id, $1, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons,
      'applied', payment_id, $2, now() FROM ${unnest}`, [orgId, actor, ...cols(fresh)]);
  }
  const kept = bookings.filter((b) => b.updatesProposal);
  if (kept.length) {
    await q.query(`UPDATE match_proposals m SET customer_id = t.customer_id, currency = t.currency, allocations = t.allocations, fee = t.fee,
      credit = t.credit, confidence = t.confidence, reasons = t.reasons, status = 'applied', payment_id = t.payment_id, decided_by = $2,
      decided_at = now() FROM ${unnest} WHERE m.org_id = $1 AND m.id = t.id AND m.line_id = t.line_id`, [orgId, actor, ...cols(kept)]);
  }
}

/** The payment.received events of the bookings, as recordPayment emits them. */
function paymentEvents(orgId: string, bookings: Booking[]): NewEvent[] {
  return bookings.map((b) => ({ orgId, type: 'payment.received', subject: b.payment.id, customerId: b.proposal.customerId, data: {
    payment_id: b.payment.id, customer_id: b.proposal.customerId, external_id: b.payment.externalId, amount: b.line.amount,
    currency: b.line.currency, date: b.payment.date, source: 'bank', unapplied: b.payment.unapplied,
    allocations: b.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount })) } }));
}

/**
 * Puts planned bookings on the ledger: payments, allocations and fee discounts in one statement each, the invoices'
 * balances and statuses recomputed once (invoice.paid reported there), proposals applied, lines matched, payers learned,
 * prompt-payment discounts the payments earned applied, the customers' cases re-planned (a paid case closes and its reminders are cancelled), then the audit entries given (in
 * their order) and the payment events. `counted`: the bank fees kept on earned offers' invoices, by customer, from
 * waiveDiscountedFees (run before the audit is built). Call inside the batch's transaction.
 */
export async function writeBookings(
  q: Queryable, orgId: string, actor: string, bookings: Booking[], audit: Omit<AuditEntry, 'orgId'>[], now: Date,
  counted: ReadonlyMap<string, number> = new Map(),
): Promise<void> {
  if (bookings.length) {
    await insertLedgerRows(q, orgId, bookings);
    await refreshInvoices(q, orgId, [...new Set(bookings.flatMap((b) => [...b.allocations, ...b.fees].map((a) => a.invoice_id)))]);
    await writeProposals(q, orgId, actor, bookings);
    await q.query(`UPDATE statement_lines l SET match_state = 'matched', payment_id = t.p FROM unnest($2::text[], $3::text[]) AS t (id, p)
      WHERE l.org_id = $1 AND l.id = t.id`, [orgId, bookings.map((b) => b.line.id), bookings.map((b) => b.payment.id)]);
    await learnPayers(q, orgId, bookings.flatMap((b) => aliasesOf(b.line, b.proposal.customerId)));
    await applyEarnedDiscounts(q, orgId, bookings.map((b) => b.proposal.customerId), now, counted);
    await replanCustomers(q, orgId, bookings.map((b) => b.proposal.customerId), now);
  }
  await recordAuditBatch(q, orgId, audit, new Date());
  await emitEvents(q, paymentEvents(orgId, bookings));
}
