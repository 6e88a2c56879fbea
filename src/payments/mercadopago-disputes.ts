// Which of a Mercado Pago payment's disputes a reading speaks of (pure). A payment can be charged back more than once (a
// first chargeback decided, then a new one): each is a dispute of its own. The payment's first dispute is cobro's
// `chargeback:<payment id>`, as every Mercado Pago dispute was before, whether its payment's status opened it (a mediation,
// or a chargeback before its notification was read) or its chargeback's notification did; a chargeback read once that one
// belongs to another chargeback, or has closed, opens `chargeback:<payment id>:<chargeback id>`. The payment's status tells
// one state at a time, so a reading of the payment (no chargeback id) speaks of the dispute open now, or of the only one;
// once the payment has had a second dispute, a closed one is history that no reading changes.
import type { DisputeFacts } from './gateways/index.ts';
import type { HeldState } from './webhooks-decide.ts';

type Held = HeldState['disputes'];

/** cobro's id of a Mercado Pago payment's first dispute. */
export const mercadoPagoFirstDispute = (paymentRef: string): string => `chargeback:${paymentRef}`;

/** The payment's Mercado Pago disputes: the first, then the others in the order of their chargebacks' ids. */
function ofPayment(disputes: Held, first: string): string[] {
  return Object.keys(disputes).filter((k) => k === first || k.startsWith(`${first}:`))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** The dispute a chargeback read speaks of: its own, the one its payment's status opened awaiting its id, else a new one. */
function chargebackTarget(disputes: Held, mine: string[], d: DisputeFacts & { caseId: string }, first: string): string {
  const own = mine.find((k) => disputes[k]!.caseId === d.caseId);
  if (own) return own;
  const unlinked = mine.find((k) => !disputes[k]!.caseId && disputes[k]!.status === 'open')
    // read late, once the dispute its payment's status opened had closed already: that one is given its chargeback's id
    ?? (d.status !== 'open' && mine.length === 1 && !disputes[mine[0]!]!.caseId ? mine[0] : undefined);
  return unlinked ?? `${first}:${d.caseId}`;
}

/** The id under which the reading's dispute is applied; null when it changes none of the payment's disputes. */
export function mercadoPagoDisputeId(disputes: Held, paymentRef: string, d: DisputeFacts): string | null {
  const first = mercadoPagoFirstDispute(paymentRef);
  const mine = ofPayment(disputes, first);
  if (mine.length === 0) return first;
  const target = d.caseId ? chargebackTarget(disputes, mine, { ...d, caseId: d.caseId }, first)
    : mine.filter((k) => disputes[k]!.status === 'open').at(-1) ?? (mine.length === 1 ? mine[0] : undefined);
  if (!target) return null;
  const was = disputes[target];
  return was && was.status !== 'open' && mine.length > 1 ? null : target;
}
