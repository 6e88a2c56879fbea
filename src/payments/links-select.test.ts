import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, linkDescription, linkIdempotencyKey, selectLinkContent, type LinkInvoice } from './links-select.ts';

let n = 0;
const anInvoice = (over: Partial<LinkInvoice> = {}): LinkInvoice => {
  n += 1;
  return { id: `inv_${n}`, number: `F-${n}`, currency: 'MXN', balance: 10_000, due_date: '2026-02-01', status: 'open', disputed: false, ...over };
};

describe('what a payment link asks for', () => {
  it('takes every open invoice in the currency most is owed in, oldest due first, for their whole balance', () => {
    const late = anInvoice({ due_date: '2026-02-20', balance: 5_000 });
    const early = anInvoice({ due_date: '2026-01-15', balance: 7_000, status: 'partially_paid' });
    const usd = anInvoice({ currency: 'USD', balance: 11_000 });
    const r = selectLinkContent([late, usd, early], {});
    assert.ok(r.ok);
    assert.deepEqual([r.value.invoices.map((i) => i.id), r.value.currency, r.value.balance, r.value.amount], [[early.id, late.id], 'MXN', 12_000, 12_000]);
  });

  it('leaves out disputed and cancelled invoices unless named, and refuses naming a paid or cancelled one', () => {
    const disputed = anInvoice({ disputed: true, status: 'disputed' });
    const open = anInvoice();
    const r = selectLinkContent([disputed, open], {});
    assert.ok(r.ok && r.value.invoices.length === 1 && r.value.invoices[0]!.id === open.id);
    const named = selectLinkContent([disputed, open], { invoiceIds: [disputed.number] });
    assert.ok(named.ok && named.value.invoices[0]!.id === disputed.id, 'a debtor may pay a disputed invoice when it is named');
    const paid = anInvoice({ balance: 0, status: 'paid' });
    const r2 = selectLinkContent([paid], { invoiceIds: [paid.id] });
    assert.ok(!r2.ok && r2.error.code === 'INVALID_STATE' && r2.error.field === 'invoice_ids[0]');
    const cancelled = anInvoice({ status: 'cancelled' });
    const r3 = selectLinkContent([cancelled], { invoiceIds: [cancelled.id] });
    assert.ok(!r3.ok && /cancelled/.test(r3.error.message));
  });

  it('refuses invoices in two currencies, an amount above the balance, and a customer who owes nothing', () => {
    const a = anInvoice();
    const b = anInvoice({ currency: 'USD' });
    const mixed = selectLinkContent([a, b], { invoiceIds: [a.id, b.id] });
    assert.ok(!mixed.ok && mixed.error.code === 'CURRENCY_MISMATCH' && mixed.error.field === 'invoice_ids[1]');
    const over = selectLinkContent([a], { amount: 10_001 });
    assert.ok(!over.ok && over.error.field === 'amount');
    const zero = selectLinkContent([a], { amount: 0 });
    assert.ok(!zero.ok && zero.error.field === 'amount');
    const none = selectLinkContent([], {});
    assert.ok(!none.ok && none.error.code === 'INVALID_STATE');
    const notIn = selectLinkContent([a], { currency: 'EUR' });
    assert.ok(!notIn.ok && /nothing in EUR/.test(notIn.error.message));
  });

  it('asks for part of the balance when an amount is given', () => {
    const a = anInvoice({ balance: 30_000 });
    const r = selectLinkContent([a], { amount: 12_345 });
    assert.ok(r.ok);
    assert.deepEqual([r.value.amount, r.value.balance], [12_345, 30_000]);
    assert.equal(linkDescription('Acme', r.value), `Acme: Part payment of invoice ${a.number}`);
  });
});

describe('a link\'s content hash and idempotency key', () => {
  const base = { orgId: 'org_1', provider: 'stripe', customerId: 'cus_1', invoiceIds: ['inv_b', 'inv_a'], amount: 100, currency: 'MXN' };
  it('hashes the same content alike whatever the invoices\' order, and anything else differently', () => {
    assert.equal(contentHash(base), contentHash({ ...base, invoiceIds: ['inv_a', 'inv_b'] }));
    for (const change of [{ amount: 101 }, { currency: 'USD' }, { provider: 'mercadopago' }, { customerId: 'cus_2' }, { invoiceIds: ['inv_a'] }, { orgId: 'org_2' }]) {
      assert.notEqual(contentHash({ ...base, ...change }), contentHash(base), JSON.stringify(change));
    }
  });
  it('puts the org, the hash and the generation in the key, within Stripe\'s 255 characters', () => {
    const key = linkIdempotencyKey('org_01jq', contentHash(base), 2);
    assert.match(key, /^cobro-org_01jq-[0-9a-f]{32}-2$/);
    assert.ok(key.length <= 255);
  });
  it('describes many invoices briefly', () => {
    const invoices = Array.from({ length: 7 }, () => anInvoice());
    const d = linkDescription('Acme', { invoices, currency: 'MXN', balance: 70_000, amount: 70_000 });
    assert.match(d, /^Acme: Invoices F-\d+, F-\d+, F-\d+, F-\d+, F-\d+ and 2 more$/);
  });
});
