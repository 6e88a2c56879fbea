// Table-driven tests of the pure matcher: references in messy text, several invoices, partial, over, fees, payers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, consume } from './match-index.ts';
import { proposeMatch } from './matcher.ts';
import { DEFAULT_SETTINGS, type MatchLine, type OpenInvoice, type PayerAlias } from './types.ts';

const inv = (id: string, number: string, balance: number, over: Partial<OpenInvoice> = {}): OpenInvoice =>
  ({ id, number, customerId: 'cus_a', currency: 'EUR', balance, dueDate: '2026-02-01', ...over });
const line = (over: Partial<MatchLine>): MatchLine => ({ amount: 10_000, currency: 'EUR', date: '2026-02-10', counterpartyName: null,
  counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null, ...over });
const customers = [{ id: 'cus_a', name: 'Acme Industrial GmbH' }, { id: 'cus_b', name: 'Borealis Trading S.L.' }];

interface Case {
  name: string;
  invoices: OpenInvoice[];
  line: Partial<MatchLine>;
  aliases?: PayerAlias[];
  expect: null | { customer?: string; allocations?: [string, number, number?][]; credit?: number; fee?: number; auto: boolean; reason?: RegExp };
}

const CASES: Case[] = [
  { name: 'finds an invoice number written with OCR-like confusions and spaces in messy text',
    invoices: [inv('i1', 'INV-2026-0042', 10_000), inv('i2', 'INV-2026-0043', 10_000)],
    line: { remittanceText: 'PAGO FACT. inv 2O26 OO42 // gracias!!' },
    expect: { customer: 'cus_a', allocations: [['i1', 10_000]], auto: true, reason: /names invoice INV-2026-0042/ } },
  { name: 'finds a number whose prefix the payer left out and whose leading zeros differ',
    invoices: [inv('i1', 'RE-0004210773', 140_531)],
    line: { amount: 140_531, remittanceText: '#RD PARTY MEDIA CUSNO 90782 4210773' },
    expect: { allocations: [['i1', 140_531]], auto: true } },
  { name: 'reads the invoice out of an RF creditor reference',
    invoices: [inv('i1', '539007547034', 5_000)],
    line: { amount: 5_000, structuredReference: 'RF18 5390 0754 7034' },
    expect: { allocations: [['i1', 5_000]], auto: true } },
  { name: 'pays several invoices named in one transfer',
    invoices: [inv('i1', 'F-1001', 30_000), inv('i2', 'F-1002', 20_050), inv('i3', 'F-1003', 9_999)],
    line: { amount: 50_050, remittanceText: 'Invoices F-1001, F-1002' },
    expect: { allocations: [['i1', 30_000], ['i2', 20_050]], auto: true } },
  { name: 'takes a partial payment of a named invoice from a payer of the same name',
    invoices: [inv('i1', 'F-1001', 30_000)],
    line: { amount: 12_000, remittanceText: 'F-1001 first part', counterpartyName: 'ACME INDUSTRIAL' },
    expect: { allocations: [['i1', 12_000]], auto: true, reason: /partial payment/ } },
  { name: 'keeps an overpayment as customer credit',
    invoices: [inv('i1', 'F-1001', 30_000)],
    line: { amount: 31_500, remittanceText: 'F-1001', counterpartyName: 'Acme Industrial GmbH' },
    expect: { allocations: [['i1', 30_000]], credit: 1_500, auto: true, reason: /customer credit/ } },
  { name: 'takes a shortfall within the tolerance as a bank fee',
    invoices: [inv('i1', 'F-1001', 30_000)],
    line: { amount: 29_650, remittanceText: 'F-1001' },
    expect: { allocations: [['i1', 29_650, 350]], fee: 350, auto: true, reason: /bank fee/ } },
  { name: 'does not take a shortfall beyond the tolerance as a fee',
    invoices: [inv('i1', 'F-1001', 30_000)],
    line: { amount: 25_000, remittanceText: 'F-1001' },
    expect: { allocations: [['i1', 25_000]], fee: 0, auto: false, reason: /partial/ } },
  { name: 'knows a learned payer account and finds the invoices whose balances add up to the amount',
    invoices: [inv('i1', 'A1', 10_000, { dueDate: '2026-01-01' }), inv('i2', 'A2', 25_000, { dueDate: '2026-01-15' }),
      inv('i3', 'A3', 40_000, { dueDate: '2026-02-01' })],
    line: { amount: 65_000, counterpartyAccount: 'DE89 3704 0044 0532 0130 00' },
    aliases: [{ kind: 'account', value: 'DE89370400440532013000', customerId: 'cus_a', matches: 2 }],
    expect: { customer: 'cus_a', allocations: [['i2', 25_000], ['i3', 40_000]], auto: true, reason: /paid Acme Industrial GmbH before/ } },
  { name: 'sends a match by name alone to review even when the amount is exact',
    invoices: [inv('i1', 'B-77', 8_800, { customerId: 'cus_b' })],
    line: { amount: 8_800, counterpartyName: 'BOREALIS TRADING SL' },
    expect: { customer: 'cus_b', allocations: [['i1', 8_800]], auto: false, reason: /is like customer/ } },
  { name: 'offers an invoice with the same balance when only the amount matches, for review',
    invoices: [inv('i1', 'B-77', 8_800, { customerId: 'cus_b' })],
    line: { amount: 8_800, counterpartyName: 'Somebody Else' },
    expect: { allocations: [['i1', 8_800]], auto: false, reason: /only the amount/ } },
  { name: 'proposes nothing when nothing points anywhere',
    invoices: [inv('i1', 'B-77', 8_800)], line: { amount: 1_234, remittanceText: 'rent march' }, expect: null },
  { name: 'ignores invoices in another currency',
    invoices: [inv('i1', 'F-1001', 30_000, { currency: 'USD' })], line: { amount: 30_000, remittanceText: 'F-1001' }, expect: null },
];

describe('proposeMatch', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const p = proposeMatch(line(c.line), buildIndex(c.invoices, customers, c.aliases ?? []), DEFAULT_SETTINGS);
      if (c.expect === null) { assert.equal(p, null); return; }
      assert.ok(p, 'expected a proposal');
      const e = c.expect;
      if (e.customer) assert.equal(p.customerId, e.customer);
      if (e.allocations) assert.deepEqual(p.allocations.map((a) => [a.invoiceId, a.amount, a.fee]), e.allocations.map(([i, a, f]) => [i, a, f ?? 0]));
      if (e.credit !== undefined) assert.equal(p.credit, e.credit);
      if (e.fee !== undefined) assert.equal(p.fee, e.fee);
      assert.equal(p.confidence >= DEFAULT_SETTINGS.autoApplyThreshold, e.auto, `confidence ${p.confidence}: ${p.reasons.join('; ')}`);
      assert.ok(p.confidence >= 0 && p.confidence <= 1);
      if (e.reason) assert.match(p.reasons.join('; '), e.reason);
      const paid = p.allocations.reduce((t, a) => t + a.amount, 0);
      assert.equal(paid + p.credit, line(c.line).amount, 'the line is spent to the unit');
    });
  }
});

describe('a proposal\'s reasons, written when first read', () => {
  const invoices = () => [inv('i1', 'F-1001', 30_000), inv('i2', 'F-1002', 20_050)];
  const paying = line({ amount: 29_500, remittanceText: 'F-1001', counterpartyName: 'ACME INDUSTRIAL' });

  it('are the same read after the index changed as read at once, and serialise in their place', () => {
    const now = proposeMatch(paying, buildIndex(invoices(), customers, []), DEFAULT_SETTINGS)!;
    const reasonsNow = [...now.reasons];
    const index = buildIndex(invoices(), customers, []);
    const later = proposeMatch(paying, index, DEFAULT_SETTINGS)!;
    consume(index, 'i1', 30_000, 'EUR');
    index.customers.get('cus_a')!.name = 'Renamed';
    assert.deepEqual(later.reasons, reasonsNow);
    assert.match(reasonsNow.join('; '), /names invoice F-1001 of Acme Industrial GmbH.*short of the balance/);
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(later))), ['customerId', 'currency', 'allocations', 'fee', 'credit', 'confidence', 'reasons']);
    assert.deepEqual(JSON.parse(JSON.stringify(later)).reasons, reasonsNow);
  });

  it('are kept once written: a note added to them stays, and a list set replaces them', () => {
    const p = proposeMatch(paying, buildIndex(invoices(), customers, []), DEFAULT_SETTINGS)!;
    p.reasons.push('it could not be applied: test');
    assert.equal(p.reasons.at(-1), 'it could not be applied: test');
    p.reasons = ['chosen by a person'];
    assert.deepEqual({ ...p }.reasons, ['chosen by a person']);
  });

  it('share one accessor (one shape for every proposal), and show only their seven fields', () => {
    const a = proposeMatch(paying, buildIndex(invoices(), customers, []), DEFAULT_SETTINGS)!;
    const b = proposeMatch(line({ amount: 20_050, remittanceText: 'F-1002' }), buildIndex(invoices(), customers, []), DEFAULT_SETTINGS)!;
    const [da, db] = [Object.getOwnPropertyDescriptor(a, 'reasons'), Object.getOwnPropertyDescriptor(b, 'reasons')];
    assert.ok(da?.get && da.enumerable);
    assert.equal(da.get, db?.get);
    assert.equal(da.set, db?.set);
    assert.deepEqual(Reflect.ownKeys({ ...b }), ['customerId', 'currency', 'allocations', 'fee', 'credit', 'confidence', 'reasons']);
    assert.match(b.reasons.join('; '), /names invoice F-1002/);
  });

  it('a line read with its payer keys worked out is matched as one without them', () => {
    const bare = line({ amount: 20_050, counterpartyName: 'Acme Industrial', counterpartyAccount: 'nl91 abna 0417 1643 00' });
    const keyed = { ...bare, accountKey: 'NL91ABNA0417164300', nameKey: 'acme industrial', nameWords: ['acme', 'industrial'] };
    const aliases: PayerAlias[] = [{ kind: 'account', value: 'NL91ABNA0417164300', customerId: 'cus_a', matches: 2 }];
    const a = proposeMatch(bare, buildIndex(invoices(), customers, aliases), DEFAULT_SETTINGS);
    const b = proposeMatch(keyed, buildIndex(invoices(), customers, aliases), DEFAULT_SETTINGS);
    assert.ok(a && b);
    assert.equal(JSON.stringify(b), JSON.stringify(a));
    assert.match(a.reasons.join('; '), /payer account/);
  });
});
