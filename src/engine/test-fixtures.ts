// Test factories for cases, customers and invoices, with defaults that can be overridden one field at a time.
import type { CaseCustomer, CaseInvoice, CaseState } from './case-state.ts';

let invoiceSeq = 0;

export function anInvoice(over: Partial<CaseInvoice> = {}): CaseInvoice {
  invoiceSeq += 1;
  return {
    id: `inv_${invoiceSeq}`,
    number: `F-${String(invoiceSeq).padStart(4, '0')}`,
    balance: { amount: 125_000, currency: 'USD' },
    dueDate: '2026-03-02',
    ...over,
  };
}

export function aCustomer(over: Partial<CaseCustomer> = {}): CaseCustomer {
  return {
    id: 'cus_1',
    timeZone: 'America/New_York',
    country: 'US',
    channels: ['email', 'sms', 'whatsapp', 'voice'],
    optedOut: [],
    tags: [],
    preferredChannel: null,
    riskBand: null,
    averageDaysLate: null,
    brokenPromises: 0,
    ...over,
  };
}

/** Overrides for a case; the customer's fields can be overridden one at a time too. */
export type CaseOverrides = Omit<Partial<CaseState>, 'customer'> & { customer?: Partial<CaseCustomer> };

export function aCase(over: CaseOverrides = {}): CaseState {
  const { customer, ...rest } = over;
  return {
    caseId: 'case_1',
    invoices: [anInvoice()],
    currentStepId: null,
    cycle: 1,
    pausedUntil: null,
    promise: null,
    plan: null,
    dispute: null,
    escalated: false,
    messages: { lastOutbound: null, lastInboundAt: null, failed: [] },
    actions: [],
    ...rest,
    customer: aCustomer(customer),
  };
}

/** An instant given as local wall-clock time in a zone, e.g. at('2026-03-05 09:00', 'Asia/Tokyo'). */
export function at(local: string, timeZone: string): Date {
  const [date = '', time = '00:00'] = local.split(' ');
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  const shown = new Date(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:00Z`);
  return new Date(guess.getTime() - (shown.getTime() - guess.getTime()));
}
