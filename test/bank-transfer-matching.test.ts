// The reference cobro shows for a bank transfer is what its statement matcher reads: a credit line quoting it, as banks
// pass it on (prefixed, upper-cased, cut at the rail's length), is matched to the invoices it names and applied.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, proposeMatch, type MatchLine, type OpenInvoice } from '../src/reconciliation/index.ts';
import { DEFAULT_SETTINGS } from '../src/reconciliation/match/types.ts';
import { transferView, type TransferSettings } from '../src/payments/transfer/index.ts';

const invoices: OpenInvoice[] = [
  { id: 'i1', number: 'FAC-2026-000101', customerId: 'cus_a', currency: 'MXN', balance: 150_000, dueDate: '2026-02-01' },
  { id: 'i2', number: 'FAC-2026-000102', customerId: 'cus_a', currency: 'MXN', balance: 80_000, dueDate: '2026-02-15' },
  { id: 'i3', number: 'FAC-2026-000110', customerId: 'cus_b', currency: 'MXN', balance: 80_000, dueDate: '2026-02-15' },
  { id: 'i4', number: 'INV-7781', customerId: 'cus_c', currency: 'EUR', balance: 99_000, dueDate: '2026-02-15' },
];
const customers = [{ id: 'cus_a', name: 'Abarrotes La Central' }, { id: 'cus_b', name: 'Ferretería Norte' }, { id: 'cus_c', name: 'Kaufhaus Süd GmbH' }];
const settings: TransferSettings = { reference: 'invoice_numbers', accounts: [
  { id: 'bta_1', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Demo SA', clabe: '032180000118359719' },
  { id: 'bta_2', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo GmbH', iban: 'DE89370400440532013000' },
] };
const line = (over: Partial<MatchLine>): MatchLine => ({ amount: 0, currency: 'MXN', date: '2026-02-20', counterpartyName: null,
  counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null, ...over });

function shownReference(currency: string, numbers: string[]): string {
  const view = transferView(settings, currency, numbers, null, 'es');
  assert.ok(view);
  return view.accounts[0]!.reference;
}

describe('a transfer quoting the shown reference', () => {
  const index = () => buildIndex(invoices, customers, []);

  it('is matched to both invoices it names and applied without review (SPEI concept, upper-cased by the bank)', () => {
    const reference = shownReference('MXN', ['FAC-2026-000101', 'FAC-2026-000102']);
    const p = proposeMatch(line({ amount: 230_000, remittanceText: `SPEI ${reference.toUpperCase()}`, counterpartyName: 'UNKNOWN PAYER' }), index(), DEFAULT_SETTINGS);
    assert.ok(p);
    assert.deepEqual(p.allocations.map((a) => [a.invoiceId, a.amount]).sort(), [['i1', 150_000], ['i2', 80_000]]);
    assert.equal(p.customerId, 'cus_a');
    assert.ok(p.confidence >= DEFAULT_SETTINGS.autoApplyThreshold, `confidence ${p.confidence}`);
  });

  it('is matched when the bank drops the dashes and puts its own prefix (SEPA remittance)', () => {
    const reference = shownReference('EUR', ['INV-7781']);
    const p = proposeMatch(line({ currency: 'EUR', amount: 99_000, remittanceText: `/ROC/${reference.replace(/-/g, '')}` }), index(), DEFAULT_SETTINGS);
    assert.deepEqual(p?.allocations.map((a) => a.invoiceId), ['i4']);
    assert.ok(p!.confidence >= DEFAULT_SETTINGS.autoApplyThreshold);
  });

  it('is not matched without the reference, by amount alone, at the same confidence', () => {
    const p = proposeMatch(line({ amount: 80_000, remittanceText: 'PAGO', counterpartyName: 'UNKNOWN PAYER' }), index(), DEFAULT_SETTINGS);
    assert.ok(!p || p.confidence < DEFAULT_SETTINGS.autoApplyThreshold);
  });
});
