// Adyen's dispute notifications (docs.adyen.com, "Dispute webhooks") read into a dispute's facts. Every event of one dispute
// carries the dispute's own pspReference, and originalReference names the disputed payment. NOTIFICATION_OF_CHARGEBACK
// opens the defence period (additionalData.defensePeriodEndsAt) and takes no money yet; CHARGEBACK debits it (a chargeback
// Adyen says can no longer be defended, or was accepted, is lost; otherwise it is still open); CHARGEBACK_REVERSED and
// PREARBITRATION_WON give it back; SECOND_CHARGEBACK, PREARBITRATION_LOST and DISPUTE_DEFENSE_PERIOD_ENDED leave it taken.
// REQUEST_FOR_INFORMATION (an inquiry) and NOTIFICATION_OF_FRAUD take nothing; INFORMATION_SUPPLIED (the defence sent) is a
// stage that changes no money; ISSUER_RESPONSE_TIMEFRAME_EXPIRED (the issuer accepted the defence or did not answer it in
// time, disputeStatus Won) settles it in the merchant's favour. The references each notification carries (merchantReference,
// the payment's: cobro's link id; additionalData.modificationMerchantReferences, comma-separated; additionalData.shopperReference)
// name the link, an invoice or a customer before the payment itself is recorded.
import { field } from './http.ts';
import type { DisputeFacts } from './types.ts';

type Reading = Pick<DisputeFacts, 'status' | 'held' | 'kind'>;

const EVENTS: Record<string, Reading | undefined> = {
  NOTIFICATION_OF_CHARGEBACK: { status: 'open', held: false },
  DISPUTE_OPENED_WITH_CHARGEBACK: { status: 'open', held: false },
  REQUEST_FOR_INFORMATION: { status: 'open', held: false, kind: 'inquiry' },
  NOTIFICATION_OF_FRAUD: { status: 'open', held: false, kind: 'fraud' },
  INFORMATION_SUPPLIED: { status: 'open', held: false },
  CHARGEBACK: { status: 'open' },
  CHARGEBACK_REVERSED: { status: 'won' },
  PREARBITRATION_WON: { status: 'won' },
  SECOND_CHARGEBACK: { status: 'lost' },
  PREARBITRATION_LOST: { status: 'lost' },
  DISPUTE_DEFENSE_PERIOD_ENDED: { status: 'lost' },
  ISSUER_RESPONSE_TIMEFRAME_EXPIRED: { status: 'won' },
};

/** Adyen's disputeStatus values after which a chargeback is not defended any more: the money stays with the shopper. */
const OVER = new Set(['Lost', 'Accepted', 'Expired']);

/** The additionalData value of a dispute notification, as Adyen sends them: strings. */
const extra = (item: unknown, name: string): string | undefined => {
  const v = field(field(item, 'additionalData', 'object'), name, 'string');
  return v && v.trim() !== '' ? v.trim() : undefined;
};

/** Why, in Adyen's words: the item's reason text and the scheme's reason code (chargeback, RFI or fraud notice). */
function reasonOf(item: unknown, kind: Reading['kind']): string | undefined {
  const prefix = kind === 'inquiry' ? 'rfi' : kind === 'fraud' ? 'nof' : 'chargeback';
  const code = extra(item, `${prefix}ReasonCode`);
  const scheme = extra(item, `${prefix}SchemeCode`);
  const text = field(item, 'reason', 'string')?.trim() || undefined;
  const coded = code ? `${scheme ? `${scheme} ` : ''}${code}` : undefined;
  if (text && coded) return `${text} (${coded})`;
  return text ?? coded;
}

/**
 * The merchant's references a notification carries, each once: merchantReference, then modificationMerchantReferences,
 * then additionalData.shopperReference (the merchant's id of the shopper, sent when the webhook is set to include it).
 */
export function adyenReferences(item: unknown): string[] {
  const own = field(item, 'merchantReference', 'string') ?? '';
  const others = (extra(item, 'modificationMerchantReferences') ?? '').split(',');
  return [...new Set([own, ...others, extra(item, 'shopperReference') ?? ''].map((r) => r.trim()).filter((r) => r !== '' && r.length <= 200))];
}

/** A dispute notification's facts (its amount already in cobro's minor units), or null for an event code that is not one. */
export function adyenDisputeFacts(item: unknown, eventCode: string, disputePsp: string, amount: number): DisputeFacts | null {
  const reading = EVENTS[eventCode];
  if (!reading) return null;
  let status = reading.status;
  if (eventCode === 'CHARGEBACK' && (OVER.has(extra(item, 'disputeStatus') ?? '') || extra(item, 'defendable') === 'false')) status = 'lost';
  const reason = reasonOf(item, reading.kind);
  const ends = extra(item, 'defensePeriodEndsAt');
  const at = field(item, 'eventDate', 'string');
  return {
    id: disputePsp, amount, status, ...(reading.held === false ? { held: false } : {}), ...(reading.kind ? { kind: reading.kind } : {}),
    ...(reason ? { reason } : {}), ...(ends && !Number.isNaN(Date.parse(ends)) ? { respondBy: new Date(ends).toISOString() } : {}),
    ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at).toISOString() } : {}),
    ...(eventCode === 'ISSUER_RESPONSE_TIMEFRAME_EXPIRED' ? { settledBy: 'issuer_timeout' as const } : {}),
  };
}
