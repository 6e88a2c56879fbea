// The one door every outbound contact goes through: load the debtor, ask the gate, record the decision.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { decideContact } from '../gate.ts';
import type { ContactDecision } from '../decision.ts';
import { DEFAULT_POLICY, type GatePolicy } from '../policy.ts';
import type { Purpose } from '../types.ts';
import type { LedgerChannel } from './channels.ts';
import { gateInputs } from './debtor.ts';

export interface ContactRequest {
  customerId: string;
  channel: LedgerChannel;
  purpose: Purpose;
  /** A number or address other than the customer's own on that channel. */
  address?: string;
  /** The outbox action this decision is for. */
  actionId?: string;
}

/**
 * Decides whether the customer may be contacted now on the channel, and records the decision with its reason.
 * Call it in the same transaction that marks a message as sending, so balance, dispute and opt-outs are read then.
 */
export async function checkContact(
  q: Queryable, orgId: string, req: ContactRequest, now: Date, policy: GatePolicy = DEFAULT_POLICY,
): Promise<Result<ContactDecision>> {
  const inputs = await gateInputs(q, orgId, req.customerId, req.channel, now, req.address);
  if (!inputs) return fail('NOT_FOUND', `no customer ${req.customerId}`, 'customer_id');
  const decision = decideContact(inputs.debtor, inputs.debt, inputs.target, req.purpose, inputs.history, now, policy);
  const reason = decision.kind === 'allow' ? null : decision.reason;
  await q.query(
    `INSERT INTO gate_decisions (id, org_id, customer_id, action_id, channel, address, decision, reason_code, rule, message, defer_until, packs, at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [newId('decision'), orgId, req.customerId, req.actionId ?? null, req.channel, inputs.target.address || null, decision.kind,
      reason?.code ?? null, reason?.rule ?? null, reason?.message ?? null, decision.kind === 'defer' ? decision.until : null,
      [...decision.packs], now]);
  return ok(decision);
}

export interface DecisionRow {
  id: string; customer_id: string; action_id: string | null; channel: string; address: string | null; decision: string;
  reason_code: string | null; rule: string | null; message: string | null; defer_until: string | null; packs: string[]; at: string;
}

export async function listDecisions(q: Queryable, orgId: string, customerId: string, limit = 200): Promise<DecisionRow[]> {
  return q.query<DecisionRow>(`SELECT id, customer_id, action_id, channel, address, decision, reason_code, rule, message, defer_until, packs, at
    FROM gate_decisions WHERE org_id = $1 AND customer_id = $2 ORDER BY at DESC, id DESC LIMIT $3`, [orgId, customerId, limit]);
}
