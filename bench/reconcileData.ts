// Synthetic ledger and bank statement for the reconciliation bench: customers with names that repeat as real ones do,
// invoices in five numbering styles, learned payer accounts, and statement lines with the noise real transfers carry,
// each line with the truth (customer and invoices) it was made from.
import { random } from '../src/domain/random.ts';

export interface Truth { customer: string; invoices: string[] }
export type LineKind = 'exact' | 'noisy' | 'typo' | 'combined' | 'partial' | 'fee' | 'name_only' | 'account_only' | 'unrelated';

export interface BenchLine {
  id: string; kind: LineKind; amount: number; date: string; name: string | null; account: string | null;
  text: string | null; structured: string | null; truth: Truth | null;
}

export interface BenchInvoice { id: string; customer: number; number: string; amount: number; due: string }

const FIRST = ['Ana', 'Luis', 'Maria', 'Jose', 'Carmen', 'Pedro', 'Laura', 'Jan', 'Eva', 'Tomas', 'Sofia', 'Karl', 'Ines', 'Marco', 'Julia',
  'Pablo', 'Lucia', 'Diego', 'Elena', 'Hugo', 'Nora', 'Oscar', 'Paula', 'Ruben', 'Sara', 'Victor', 'Alba', 'Bruno', 'Clara', 'Dario'];
const SYL = ['bar', 'cor', 'del', 'fer', 'gal', 'her', 'lor', 'mar', 'nav', 'or', 'pel', 'quin', 'ros', 'san', 'tor', 'val', 'bel', 'cas',
  'dor', 'est', 'gon', 'lin', 'mon', 'ner', 'pra', 'ril', 'sol', 'tal', 'ur', 'ven', 'zar', 'kle', 'bru', 'fal', 'gri', 'hol'];
const END = ['ez', 'ano', 'ero', 'ini', 'ova', 'son', 'berg', 'mann', 'ard', 'ot', 'ier', 'ela', 'is', 'um', 'ex', 'ia'];
const TRADE = ['Logistics', 'Textiles', 'Foods', 'Metal', 'Dental', 'Consulting', 'Print', 'Energy', 'Motors', 'Pharma', 'Media', 'Farms',
  'Builders', 'Optics', 'Plastics', 'Travel', 'Software', 'Furniture', 'Bakery', 'Cargo'];
const LEGAL = ['GmbH', 'S.L.', 'B.V.', 'Ltd', 'SAS', 'S.A.', 'AG', 'SRL', ''];
const STRANGERS = ['Acme Payroll Services', 'Tax Office Refund', 'Savings Transfer', 'Card Acquirer Settlement', 'Insurance Claims Dept'];
const UNRELATED = ['interest', 'refund order %', 'salary', 'own transfer', 'card settlement %', 'claim %', 'rent deposit return'];
const OCR: Record<string, string[]> = { 0: ['O', 'Q'], 1: ['I', 'l'], 5: ['S'], 8: ['B'], 2: ['Z'] };
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export class BenchData {
  readonly r: () => number;
  readonly customers: number;
  constructor(readonly invoices: number, readonly lines: number, seed = 7) {
    this.r = random(seed);
    this.customers = Math.ceil(invoices / 4);
  }
  private pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.r() * xs.length)]!;
  private word = (n: number) => { let w = ''; for (let i = 0; i < n; i++) w += this.pick(SYL); return w + this.pick(END); };
  private cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

  customerName(i: number): string {
    const r = random(i * 2_654_435_761);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const word = (n: number) => { let w = ''; for (let k = 0; k < n; k++) w += pick(SYL); return this.cap(w + pick(END)); };
    if (i % 5 < 2) return `${pick(FIRST)} ${word(1)}${r() < 0.3 ? ` ${word(1)}` : ''}`;
    return `${word(2)} ${pick(TRADE)} ${pick(LEGAL)}`.trim();
  }

  account(i: number): string { return `DE${pad(10 + (i % 89), 2)}${pad(37_040_044, 8)}${pad(i, 10)}`; }

  /** Invoice k: its customer, number in one of five styles, amount and due date. */
  invoice(k: number): BenchInvoice {
    const r = random(k * 40_503 + 11);
    const styles = [`INV-2025-${pad(k, 7)}`, `F${pad(k, 8)}`, `RE-${k + 100_000}`, `${2025 + (k % 2)}/${pad(k, 7)}`, `FAC${k + 10_000_000}`];
    const amount = Math.round(Math.exp(Math.log(1_000) + r() * (Math.log(500_000) - Math.log(1_000))));
    return { id: `inv_b${k}`, customer: k % this.customers, number: styles[k % 5]!, amount, due: iso(START + (30 + (k % 540)) * DAY) };
  }

  /** The customers (every third) whose account was learned from earlier matches. */
  learned(i: number): boolean { return i % 3 === 0; }

  private noisy(number: string, typo: boolean): string {
    let s = number;
    const r = this.r;
    if (r() < 0.4) s = s.replace(/^[A-Z]+-?/, '');                      // prefix left out
    if (r() < 0.5) s = s.replace(/\d/g, (d) => (OCR[d] && r() < 0.3 ? this.pick(OCR[d]!) : d)); // OCR-like confusions
    if (r() < 0.3) s = s.replace(/-/g, ' ');
    if (r() < 0.3) s = s.toLowerCase();
    if (r() < 0.2) s = s.replace(/(\d)(\d{3})$/, '$1 $2');
    if (typo) {
      const digits = [...s].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
      const at = digits[Math.floor(r() * digits.length)] ?? 0;
      const chars = [...s];
      if (r() < 0.5 && digits.includes(at + 1)) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      else chars[at] = String((Number(chars[at]) + 1 + Math.floor(r() * 8)) % 10);
      s = chars.join('');
    }
    return s;
  }

  private payerName(i: number): string {
    const n = this.customerName(i);
    const r = this.r();
    if (r < 0.4) return n.toUpperCase();
    if (r < 0.6) return n.replace(/\s+(GmbH|S\.L\.|B\.V\.|Ltd|SAS|S\.A\.|AG|SRL)$/, '');
    if (r < 0.75) return n.split(' ').reverse().join(' ');
    return n;
  }

  private text(numbers: string[]): string {
    const lead = this.pick(['', 'Payment ', 'Invoice ', 'Rechnung ', 'Factura ', 'pago fact. ', 'INV ', 'ref ']);
    const tail = this.pick(['', ' thank you', ' /ROC/', ' EREF+NOTPROVIDED', ' Kd-Nr 4711', '']);
    return `${lead}${numbers.join(this.pick([', ', ' ', ' + ', ' and ']))}${tail}`.trim();
  }

  /** The statement's lines, each from invoices no other line uses (so the truth is unambiguous). */
  *statement(): Generator<BenchLine> {
    const used = new Set<number>();
    const perCustomer = Math.floor(this.invoices / this.customers) || 1;
    const freeOf = (c: number, want: number): BenchInvoice[] => {
      const out: BenchInvoice[] = [];
      for (let j = 0; j < perCustomer + 1 && out.length < want; j++) {
        const k = c + j * this.customers;
        if (k < this.invoices && !used.has(k)) out.push(this.invoice(k));
      }
      return out;
    };
    for (let i = 0; i < this.lines; i++) {
      const x = this.r();
      const kind: LineKind = x < 0.28 ? 'exact' : x < 0.43 ? 'noisy' : x < 0.48 ? 'typo' : x < 0.58 ? 'combined' : x < 0.66 ? 'partial'
        : x < 0.73 ? 'fee' : x < 0.83 ? 'name_only' : x < 0.90 ? 'account_only' : 'unrelated';
      const id = `stl_b${i}`;
      if (kind === 'unrelated') {
        const t = this.pick(UNRELATED).replace('%', String(10_000_000 + Math.floor(this.r() * 90_000_000)));
        yield { id, kind, amount: 100 + Math.floor(this.r() * 300_000), date: iso(START + Math.floor(this.r() * 600) * DAY),
          name: this.r() < 0.7 ? this.pick(STRANGERS) : null, account: null, text: t, structured: null, truth: null };
        continue;
      }
      let c = Math.floor(this.r() * this.customers);
      if (kind === 'account_only') c -= c % 3; // a customer whose account was learned
      const invs = freeOf(c, kind === 'combined' ? 2 + Math.floor(this.r() * 3) : 1);
      if (!invs.length || (kind === 'combined' && invs.length < 2)) { i--; continue; }
      for (const v of invs) used.add(Number(v.id.slice(5)));
      const owed = invs.reduce((t, v) => t + v.amount, 0);
      const fee = Math.max(1, Math.floor(Math.min(2_500, Math.floor(owed * 0.02)) * (0.2 + 0.8 * this.r())));
      const amount = kind === 'partial' ? Math.max(1, Math.round(owed * (0.2 + 0.6 * this.r()))) : kind === 'fee' ? owed - fee : owed;
      const numbers = invs.map((v) => (kind === 'noisy' || kind === 'typo' ? this.noisy(v.number, kind === 'typo') : v.number));
      const withRef = kind !== 'name_only' && kind !== 'account_only';
      const structured = kind === 'exact' && this.r() < 0.5 ? numbers[0]! : null;
      const text = withRef ? (structured ? null : kind === 'exact' && this.r() < 0.5 ? numbers[0]! : this.text(numbers)) : this.pick(['thanks', 'payment', 'transfer', null]);
      const account = kind === 'account_only' || (kind !== 'name_only' && this.r() < 0.6) ? this.account(c) : null;
      yield { id, kind, amount, date: iso(Date.parse(invs[0]!.due) + Math.floor(this.r() * 25 - 5) * DAY), name: this.payerName(c), account,
        text, structured, truth: { customer: `cus_b${c}`, invoices: invs.map((v) => v.id) } };
    }
  }
}
