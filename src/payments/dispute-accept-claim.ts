// Accepting a PayPal claim from cobro instead of answering it with evidence: managers and admins, once per dispute (the
// same row and lock as the evidence's submission, so a dispute is either defended or accepted, never both nor twice).
// The note is PayPal's (1 to 2,000 characters). Taken: the row is answered (answer accept_claim, PayPal's links kept),
// the evidence reminder completed and the acceptance audited; PayPal then closes the dispute for the buyer and its
// CUSTOMER.DISPUTE.RESOLVED records the money as lost, as any dispute lost. Refused or unanswered: back to draft with
// PayPal's words as the last error, audited too.
import type { Db } from '../db/index.ts';
import { inTx } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { paypalConfigFor, type GatewayAccess } from './gateways/index.ts';
import { acceptPayPalClaim, ACCEPT_NOTE_MAX } from './gateways/paypal-accept-claim.ts';
import { completeEvidenceReminder } from './dispute-evidence-reminder.ts';
import { findGatewayDispute, markEvidence, type GatewayDisputeRef } from './dispute-evidence-store.ts';
import { gatewayFailure, take } from './dispute-evidence-submit.ts';

/** Accepts the PayPal dispute's claim with the note: the dispute answered, or why not (nothing sent when refused before the call). */
export async function acceptClaim(a: GatewayAccess & { db: Db }, orgId: string, actor: string, id: string, note: string, now: Date): Promise<Result<GatewayDisputeRef>> {
  const text = note.trim();
  if (!text || text.length > ACCEPT_NOTE_MAX) return fail('VALIDATION_FAILED', `note: PayPal takes a note of 1 to ${ACCEPT_NOTE_MAX} characters (${text.length} given)`, 'note');
  const found = await findGatewayDispute(a.db, orgId, id, 'paypal');
  if (!found.ok) {
    const elsewhere = await findGatewayDispute(a.db, orgId, id);
    return elsewhere.ok ? fail('VALIDATION_FAILED', `id: dispute ${id} is at ${elsewhere.value.provider}; only a PayPal claim is accepted from cobro`, 'id') : found;
  }
  const config = await paypalConfigFor(a, orgId);
  if (!config.ok) return config;
  const taken = await take(a.db, orgId, actor, id, 'paypal', now);
  if (!taken.ok) return taken;
  const { d } = taken.value;
  let outcome: Result<{ links: string[] }>;
  try {
    const r = await acceptPayPalClaim(config.value, d.dispute_id, text, now);
    outcome = r.ok ? ok(r.value) : gatewayFailure(d, r.error);
  } catch (e) {
    outcome = fail('UNAVAILABLE', `the claim could not be accepted: ${(e as Error).message}`, 'gateway');
  }
  await inTx(a.db, async (tx) => {
    if (outcome.ok) {
      await markEvidence(tx, orgId, d, 'submitted', { at: now, actor, answer: 'accept_claim', reply: { accepted_claim: true, note: text, links: outcome.value.links } });
      await completeEvidenceReminder(tx, orgId, d, 'claim accepted at PayPal', actor, now);
    } else {
      await markEvidence(tx, orgId, d, 'draft', { at: now, error: outcome.error.message });
    }
    await recordAudit(tx, { orgId, actor, action: outcome.ok ? 'gateway.dispute_claim_accepted' : 'gateway.dispute_claim_accept_refused', entity: 'customer',
      entityId: d.customer_id, data: { provider: d.provider, dispute_id: d.dispute_id, payment_ref: d.payment_ref, ...(outcome.ok ? { note: text } : { error: outcome.error.message }) } }, now);
  });
  return outcome.ok ? ok(d) : outcome;
}
