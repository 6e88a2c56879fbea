// telling a gateway's payout on the bank statement (many card payments, already recorded through the gateway's
// webhooks, settled as one transfer net of fees) from a customer's payment. A credit is a payout when its counterparty
// name or remittance text names a gateway the org uses together with payout wording or a payout id; a gateway's name
// alone ("Stripe Bakery", a refund from Stripe) is not enough.

export const PAYOUT_GATEWAYS = ['stripe', 'mercadopago', 'paypal', 'adyen'] as const;
export type PayoutGateway = (typeof PAYOUT_GATEWAYS)[number];

interface GatewayPattern {
  label: string;
  /** The gateway as banks write its name (its legal entities, its descriptor). */
  names: RegExp;
  /** Wording only this gateway's payouts use, besides the common words below. */
  wording: RegExp | null;
  /** A payout's own id, as the gateway puts it in the transfer's reference. */
  payoutId: RegExp | null;
}

/** The name patterns per gateway (case-insensitive, whole words). */
export const GATEWAY_PATTERNS: Record<PayoutGateway, GatewayPattern> = {
  // STRIPE PAYMENTS EUROPE LTD, STRIPE PAYMENTS UK LTD, STRIPE, INC.; a payout's id is po_...
  stripe: { label: 'Stripe', names: /\bstripe\b/i, wording: null, payoutId: /\bpo_[A-Za-z0-9]{1,64}\b/ },
  // MERCADO PAGO, MERCADOPAGO.COM REPRESENTACOES LTDA; a withdrawal (retiro, saque) of the account's money
  mercadopago: { label: 'Mercado Pago', names: /\bmercado\s?pago\b/i, wording: /\b(retiro|saque|retirada)\b/i, payoutId: null },
  // PAYPAL (EUROPE) S.A R.L. ET CIE S.C.A; its withdrawals read PAYPAL TRANSFER
  paypal: { label: 'PayPal', names: /\bpay\s?pal\b/i, wording: /\btransfer\b/i, payoutId: null },
  // ADYEN N.V.; a settlement batch
  adyen: { label: 'Adyen', names: /\badyen\b/i, wording: /\bbatch\b/i, payoutId: /\bbatch\s?(?:no\.?\s?)?\d{1,9}\b/i },
};

/** Words of any gateway's payout, in the languages of the statements cobro reads. */
const PAYOUT_WORDS = /\b(pay-?outs?|settlements?|auszahlung|versement|liquidaci[oó]n|repasse|uitbetaling)\b/i;
/** A gateway's line with these words and no payout id is a refund, a dispute, a fee: left to matching and a person. */
const NOT_A_PAYOUT = /\b(refunds?|reembolso|devoluci[oó]n|estorno|erstattung|r[uü]ckerstattung|chargebacks?|disputes?|reversal)\b/i;

export interface PayoutLineText {
  counterparty_name: string | null;
  remittance_text: string | null;
  structured_reference: string | null;
  end_to_end_id: string | null;
}

/**
 * How a line was tied to its payout: its own text (these rules), the amount and date of a payout the gateway reported,
 * a person, or (a debit) giving back a payout that failed. Only 'reported' lines go back to matching when that payout
 * did not arrive.
 */
export type PayoutBasis = 'text' | 'reported' | 'person' | 'return';

export interface RecognisedPayout {
  gateway: PayoutGateway;
  payout_id: string | null;
  reasons: string[];
  /** 'text' when absent. */
  basis?: PayoutBasis;
}

/** The gateway payout this credit is, among the gateways given (those the org uses), or null. */
export function recognisePayout(line: PayoutLineText, gateways: readonly PayoutGateway[]): RecognisedPayout | null {
  const name = line.counterparty_name ?? '';
  const text = line.remittance_text ?? '';
  const refs = [text, line.structured_reference ?? '', line.end_to_end_id ?? ''].join(' ');
  for (const gateway of gateways) {
    const g = GATEWAY_PATTERNS[gateway];
    const named = g.names.test(name) ? `the counterparty ${JSON.stringify(name)} is ${g.label}`
      : g.names.test(text) ? `the remittance text names ${g.label}` : null;
    if (!named) continue;
    const id = g.payoutId ? refs.match(g.payoutId)?.[0] ?? null : null;
    const words = `${name} ${text}`;
    const wording = PAYOUT_WORDS.exec(words)?.[0] ?? (g.wording ? g.wording.exec(words)?.[0] ?? null : null);
    if (!id && (!wording || NOT_A_PAYOUT.test(words))) continue;
    return { gateway, payout_id: id, reasons: [named, ...(id ? [`${g.label} payout id ${id}`] : []),
      ...(wording ? [`the line says ${JSON.stringify(wording)}`] : [])] };
  }
  return null;
}

/**
 * What in a credit of a reported payout's amount and date ties it to that payout: the gateway's name, the payout's id or
 * its statement descriptor on the line. Null when nothing does: the amount and date alone would take a customer's
 * transfer of the same sum (its invoice left unpaid and reminded) for the payout, so such a line is matched as before.
 */
export function reportedPayoutEvidence(line: PayoutLineText, gateway: PayoutGateway, payoutId: string, descriptor: string | null): string | null {
  const g = GATEWAY_PATTERNS[gateway];
  const name = line.counterparty_name ?? '';
  const refs = [line.remittance_text ?? '', line.structured_reference ?? '', line.end_to_end_id ?? ''].join(' ');
  if (g.names.test(name) || g.names.test(refs)) return `the line names ${g.label}`;
  const id = new RegExp(`(^|[^A-Za-z0-9_])${payoutId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);
  if (id.test(refs)) return `the line names the payout ${payoutId}`;
  const d = descriptor?.trim().toLowerCase();
  if (d && `${name} ${refs}`.toLowerCase().includes(d)) return `the line carries the payout's descriptor ${JSON.stringify(descriptor)}`;
  return null;
}

export interface ReportedRow extends PayoutLineText { id: string; gateway: PayoutGateway; payout_id: string; descriptor: string | null }

/**
 * Lines paired with reported payouts, the rows nearest in date first: each line given to one payout and each payout to
 * one line, when the line names the gateway, the payout or its descriptor (reportedPayoutEvidence).
 */
export function pairReported<R extends ReportedRow>(rows: R[]): { row: R; evidence: string; label: string }[] {
  const lines = new Set<string>();
  const payouts = new Set<string>();
  return rows.flatMap((row) => {
    const key = `${row.gateway}/${row.payout_id}`;
    if (lines.has(row.id) || payouts.has(key)) return [];
    const evidence = reportedPayoutEvidence(row, row.gateway, row.payout_id, row.descriptor);
    if (!evidence) return [];
    lines.add(row.id);
    payouts.add(key);
    return [{ row, evidence, label: GATEWAY_PATTERNS[row.gateway]?.label ?? row.gateway }];
  });
}

/** A cheap first pass in SQL: lines whose name or text holds one of these (ILIKE) may be payouts. */
export const GATEWAY_LIKE: Record<PayoutGateway, string[]> = {
  stripe: ['%stripe%'], mercadopago: ['%mercado%pago%'], paypal: ['%pay%pal%'], adyen: ['%adyen%'],
};
