// Adyen's Settlement details report (CSV) read into payouts (R-6). Each row belongs to a merchant account's batch (Batch
// Number); a batch's MerchantPayout row is the money sent to the bank (Net Debit (NC) its amount), and every other row of the
// batch is what that payout carried: Settled payments, Refunded, Chargeback ... (their gross, the costs Adyen withheld in
// Commission, Markup, Scheme Fees and Interchange, and their net), Fee, InvoiceDeduction, DepositCorrection and other
// bookings. A batch without a MerchantPayout row (a negative batch carried to the next) is counted, not returned.
// Amounts are decimal text in major units, read exactly into minor units of the currency; a row cobro cannot read fails
// the whole file, naming its line and column.
import { isCurrency, parseMajorAmount } from '../../domain/money.ts';
import { readCsv, sniffDelimiter, type CsvRow } from '../../reconciliation/parsers/csv-read.ts';
import type { PayoutTransaction } from './types.ts';

export interface AdyenPayout {
  /** `<merchant account>:<batch number>`. */
  payoutId: string; merchantAccount: string; batch: number; amount: number; currency: string;
  /** The MerchantPayout row's Creation Date as an instant, and its calendar date in the report's time zone. */
  at: string; date: string;
  /** A batch is reported whole. */
  complete: true;
  /** What the batch carried, in report order, then the payout's own line (type payout, its net minus the amount). */
  transactions: PayoutTransaction[];
}

export interface AdyenSettlementFile { payouts: AdyenPayout[]; rows: number; openBatches: string[] }
export type AdyenParse = { ok: true; value: AdyenSettlementFile } | { ok: false; line: number; column: string; message: string };

const REQUIRED = ['Merchant Account', 'Creation Date', 'TimeZone', 'Type', 'Net Currency', 'Net Debit (NC)', 'Net Credit (NC)', 'Batch Number'] as const;
const COSTS = ['Commission (NC)', 'Markup (NC)', 'Scheme Fees (NC)', 'Interchange (NC)'] as const;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/;

/** The time zones Adyen writes beside Creation Date (the account's setting), as offsets from UTC. */
const ZONES: Record<string, string> = {
  UTC: '+00:00', GMT: '+00:00', WET: '+00:00', WEST: '+01:00', BST: '+01:00', CET: '+01:00', CEST: '+02:00', EET: '+02:00', EEST: '+03:00',
  MSK: '+03:00', GST: '+04:00', SGT: '+08:00', HKT: '+08:00', AWST: '+08:00', JST: '+09:00', KST: '+09:00', AEST: '+10:00', AEDT: '+11:00',
  NZST: '+12:00', NZDT: '+13:00', BRT: '-03:00', ART: '-03:00', CLT: '-04:00', CLST: '-03:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00',
  CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

/** cobro's transaction type (what the payout check reads) for an Adyen journal type. */
export function adyenType(journal: string): string {
  const j = journal.toLowerCase();
  if (j === 'settled' || j === 'settledbulk') return 'payment';
  if (/^(refunded|refundedreversed|paidout|paidoutreversed|refundedbulk)$/.test(j)) return 'refund';
  if (/chargeback/.test(j)) return 'dispute';
  if (/^(fee|misccosts|invoicededuction|authorisationschemefee|paymentcost)$/.test(j)) return 'fee';
  if (j === 'merchantpayout') return 'payout';
  return 'adjustment';
}

class RowError extends Error { constructor(readonly line: number, readonly column: string, message: string) { super(`line ${line}, column ${column}: ${message}`); } }

interface Batch { key: string; merchant: string; batch: number; currency: string; txns: PayoutTransaction[]; payout: Omit<AdyenPayout, 'transactions'> | null; own: PayoutTransaction | null }

function reader(row: CsvRow, index: Map<string, number>) {
  const cell = (c: string) => { const i = index.get(c.toLowerCase()); return i === undefined ? '' : (row.cells[i] ?? '').trim(); };
  const fail = (column: string, message: string): never => { throw new RowError(row.line, column, message); };
  const amount = (column: string, currency: string): number => {
    const v = cell(column);
    if (v === '') return 0;
    const parsed = DECIMAL.test(v) ? parseMajorAmount(v, currency) : null;
    if (!parsed?.ok) return fail(column, `${JSON.stringify(v)} is not an amount in ${currency}${parsed && !parsed.ok ? ` (${parsed.reason})` : ''}`);
    return parsed.minor;
  };
  const currency = (column: string) => {
    const c = cell(column).toUpperCase();
    return isCurrency(c) ? c : fail(column, `${JSON.stringify(cell(column))} is not a currency`);
  };
  return { cell, fail, amount, currency };
}

/** The row's gross in the net currency: Gross Credit less Gross Debit when both are in it, else the net plus the costs withheld. */
function grossOf(r: ReturnType<typeof reader>, net: number, netCurrency: string): number {
  const hasGross = r.cell('Gross Debit (GC)') !== '' || r.cell('Gross Credit (GC)') !== '';
  if (hasGross && r.cell('Gross Currency') !== '' && r.currency('Gross Currency') === netCurrency) {
    return r.amount('Gross Credit (GC)', netCurrency) - r.amount('Gross Debit (GC)', netCurrency);
  }
  return net + COSTS.reduce((s, c) => s + r.amount(c, netCurrency), 0);
}

function readRow(row: CsvRow, index: Map<string, number>, batches: Map<string, Batch>): void {
  const r = reader(row, index);
  const merchant = r.cell('Merchant Account') || r.fail('Merchant Account', 'is empty');
  const batchText = r.cell('Batch Number');
  if (!/^\d{1,12}$/.test(batchText)) r.fail('Batch Number', `${JSON.stringify(batchText)} is not a batch number`);
  const journal = r.cell('Type') || r.fail('Type', 'is empty');
  const currency = r.currency('Net Currency');
  const date = DATE.exec(r.cell('Creation Date')) ?? r.fail('Creation Date', `${JSON.stringify(r.cell('Creation Date'))} is not a date and time (YYYY-MM-DD HH:MM:SS)`);
  const zone = ZONES[r.cell('TimeZone').toUpperCase()] ?? (/^[+-]\d\d:\d\d$/.test(r.cell('TimeZone')) ? r.cell('TimeZone') : null);
  if (!zone) r.fail('TimeZone', `${JSON.stringify(r.cell('TimeZone'))} is no time zone cobro knows (e.g. CET, CEST, UTC, +01:00)`);
  const instant = Date.parse(`${date[1]}T${date[2]}${zone}`);
  if (Number.isNaN(instant)) r.fail('Creation Date', `${JSON.stringify(r.cell('Creation Date'))} is not a date`);
  const at = new Date(instant).toISOString();
  const net = r.amount('Net Credit (NC)', currency) - r.amount('Net Debit (NC)', currency);
  const key = `${merchant}:${Number(batchText)}`;
  const b = batches.get(key) ?? { key, merchant, batch: Number(batchText), currency, txns: [], payout: null, own: null };
  batches.set(key, b);
  if (b.currency !== currency) r.fail('Net Currency', `batch ${b.batch} of ${merchant} is in ${b.currency}, this row in ${currency}`);
  const type = adyenType(journal);
  if (type === 'payout') {
    if (b.payout) r.fail('Type', `batch ${b.batch} of ${merchant} has a second MerchantPayout row`);
    if (net >= 0) r.fail('Net Debit (NC)', 'a MerchantPayout must debit the batch');
    b.own = { id: `payout:${key}`, type: 'payout', reportingCategory: journal, amount: net, fee: 0, net, currency, sourceId: key,
      chargeId: null, paymentIntent: null, description: r.cell('Modification Reference') || null, createdAt: at };
    b.payout = { payoutId: key, merchantAccount: merchant, batch: b.batch, amount: -net, currency, at, date: date[1]!, complete: true };
    return;
  }
  const psp = r.cell('Psp Reference');
  const ofPayment = type === 'payment' || type === 'refund' || type === 'dispute';
  if (ofPayment && !psp) r.fail('Psp Reference', `a ${journal} row names no payment`);
  const amount = ofPayment ? grossOf(r, net, currency) : net;
  const source = r.cell('Modification Reference') || psp || null;
  const base = `${journal}:${source ?? `line${row.line}`}`;
  const n = b.txns.filter((t) => t.id === base || t.id.startsWith(`${base}#`)).length;
  b.txns.push({ id: n ? `${base}#${n + 1}` : base, type, reportingCategory: journal, amount, fee: amount - net, net, currency, sourceId: source,
    chargeId: ofPayment ? psp : null, paymentIntent: ofPayment ? psp : null, description: r.cell('Merchant Reference') || null, createdAt: at });
}

export function parseAdyenSettlementCsv(text: string): AdyenParse {
  const body = text.replace(/^\uFEFF/, '');
  const rows = readCsv(body, sniffDelimiter(body));
  const header = rows[0];
  if (!header) return { ok: false, line: 1, column: 'Merchant Account', message: 'line 1, column Merchant Account: the report is empty: no header row' };
  const index = new Map(header.cells.map((c, i) => [c.trim().toLowerCase(), i]));
  const missing = REQUIRED.filter((c) => !index.has(c.toLowerCase()));
  if (missing.length) {
    return { ok: false, line: header.line, column: missing[0]!, message: `line ${header.line}, column ${missing[0]}: the header has no ${missing.join(', ')} column` };
  }
  const batches = new Map<string, Batch>();
  try {
    for (const row of rows.slice(1)) readRow(row, index, batches);
  } catch (e) {
    if (e instanceof RowError) return { ok: false, line: e.line, column: e.column, message: e.message };
    throw e;
  }
  const all = [...batches.values()];
  return { ok: true, value: { payouts: all.flatMap((b) => (b.payout && b.own ? [{ ...b.payout, transactions: [...b.txns, b.own] }] : [])), rows: rows.length - 1,
    openBatches: all.filter((b) => !b.payout).map((b) => b.key) } };
}
