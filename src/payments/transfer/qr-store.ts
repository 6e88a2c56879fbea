// The payment QR codes for what a customer owes, or for one invoice: read from the ledger (open, not in dispute), the
// amount and the reference as the portal shows them, one code per account of the currency that a QR standard covers.
import type { Queryable } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/index.ts';
import { getCustomer, getInvoice, listInvoices, type Invoice } from '../../ledger/index.ts';
import { transferView } from './display.ts';
import type { TransferQr } from './qr-account.ts';
import type { TransferKind } from './schema.ts';
import { getTransferSettings } from './store.ts';

export interface TransferQrAnswer {
  customer_id: string; invoice_id: string | null; currency: string;
  /** Minor units: the invoice's balance, or the open balance (not in dispute) of the customer in the currency. */
  amount: number;
  accounts: (TransferQr & { id: string; kind: TransferKind; label: string | null; reference: string })[];
}

export type QrTarget = { customerId: string; currency?: string; accountId?: string } | { invoiceId: string; accountId?: string };

const payable = (i: Invoice) => (i.status === 'open' || i.status === 'partially_paid') && i.balance > 0;

/** The invoices the codes are for (oldest due first) and their currency, or why there are none. */
async function owed(q: Queryable, orgId: string, target: QrTarget): Promise<Result<{ customerId: string; invoiceId: string | null; currency: string; invoices: Invoice[] }>> {
  if ('invoiceId' in target) {
    const inv = await getInvoice(q, orgId, target.invoiceId);
    if (!inv.ok) return inv;
    if (!payable(inv.value)) return fail('INVALID_STATE', `invoice ${inv.value.number} has nothing to pay by transfer (${inv.value.status}, balance ${inv.value.balance})`, 'id');
    return ok({ customerId: inv.value.customer_id, invoiceId: inv.value.id, currency: inv.value.currency, invoices: [inv.value] });
  }
  const customer = await getCustomer(q, orgId, target.customerId);
  if (!customer.ok) return customer;
  const page = await listInvoices(q, orgId, { customer_id: customer.value.id, status: ['open', 'partially_paid'], limit: 500 });
  const open = page.data.filter(payable).sort((x, y) => x.due_date.localeCompare(y.due_date) || x.number.localeCompare(y.number));
  const currencies = [...new Set(open.map((i) => i.currency))];
  if (!open.length) return fail('INVALID_STATE', `customer ${customer.value.id} owes nothing outside disputes`, 'id');
  const currency = target.currency ?? (currencies.length === 1 ? currencies[0]! : null);
  if (!currency) return fail('VALIDATION_FAILED', `currency: the customer owes in ${currencies.join(' and ')}; name one`, 'currency');
  if (!currencies.includes(currency)) return fail('VALIDATION_FAILED', `currency: the customer owes nothing in ${currency} (owes in ${currencies.join(', ')})`, 'currency');
  return ok({ customerId: customer.value.id, invoiceId: null, currency, invoices: open.filter((i) => i.currency === currency) });
}

/** The codes to pay what is owed by transfer, each with the reference it quotes; a failure names the field at fault. */
export async function transferQrFor(q: Queryable, orgId: string, target: QrTarget): Promise<Result<TransferQrAnswer>> {
  const o = await owed(q, orgId, target);
  if (!o.ok) return o;
  const { customerId, invoiceId, currency, invoices } = o.value;
  const customer = await getCustomer(q, orgId, customerId);
  const settings = await getTransferSettings(q, orgId);
  const amount = invoices.reduce((a, i) => a + i.balance, 0);
  const view = transferView(settings, currency, invoices.map((i) => i.number), customer.ok ? customer.value.external_id : null, 'en', amount);
  const accounts = (view?.accounts ?? []).filter((a) => a.qr && (!target.accountId || a.id === target.accountId))
    .map((a) => ({ id: a.id, kind: a.kind, label: a.label, reference: a.reference, ...a.qr! }));
  if (target.accountId && !accounts.length) {
    return fail('NOT_FOUND', `account_id: no account ${target.accountId} in ${currency} that a QR code can carry`, 'account_id');
  }
  if (!accounts.length) {
    return fail('INVALID_STATE', `currency: no bank transfer account in ${currency} carries a QR code (a sepa account in EUR, or a br_pix account in BRL with its city)`, 'currency');
  }
  return ok({ customer_id: customerId, invoice_id: invoiceId, currency, amount, accounts });
}
