// The one door every outbound contact goes through: load the debtor, ask the gate, record the decision.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { openCopies, sealerFor, storedCopy } from '../../vault/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { decideContact } from '../gate.ts';
import type { ContactDecision } from '../decision.ts';
import type { GatePolicy } from '../policy.ts';
import { orgGatePolicy } from './org-policy.ts';
import type { ContactEvent, Purpose } from '../types.ts';
import { toGateChannel, type LedgerChannel } from './channels.ts';
import { gateInputsMany } from './debtor-many.ts';
import { metrics } from '../../domain/metrics.ts';

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
  q: Queryable, orgId: string, req: ContactRequest, now: Date, policy?: GatePolicy,
): Promise<Result<ContactDecision>> {
  const [r] = await checkContacts(q, orgId, [req], now, policy);
  return r!;
}

/**
 * Decides many requests of one org in order, loading their facts at once and recording every decision in one statement.
 * Each request allowed counts as a contact made for the requests after it (the caller marks it sending in the same
 * transaction), as it would if they were checked one by one.
 */
export async function checkContacts(
  q: Queryable, orgId: string, reqs: readonly ContactRequest[], now: Date, given?: GatePolicy,
): Promise<Result<ContactDecision>[]> {
  // without a policy given, the org's own (its tighter hours, caps and quiet days; cobro's defaults when it set none)
  const policy = given ?? await orgGatePolicy(q, orgId);
  const inputs = await gateInputsMany(q, orgId, reqs, now);
  const inFlight = new Map<string, ContactEvent[]>();
  const rows: ({ id: string; address: string | null } & Record<string, unknown>)[] = [];
  const out = reqs.map((req, i): Result<ContactDecision> => {
    const facts = inputs[i];
    if (!facts) return fail('NOT_FOUND', `no customer ${req.customerId}`, 'customer_id');
    const extra = inFlight.get(req.customerId) ?? [];
    const history = extra.length ? { events: [...facts.history.events, ...extra] } : facts.history;
    const decision = decideContact(facts.debtor, facts.debt, facts.target, req.purpose, history, now, policy);
    if (decision.kind === 'allow') {
      inFlight.set(req.customerId, [...extra, { at: now, channel: toGateChannel(req.channel), direction: 'outbound', outcome: 'delivered',
        ...(req.address ? { address: req.address } : {}) }]);
    }
    const reason = decision.kind === 'allow' ? null : decision.reason;
    metrics.gateDecisions.inc({ decision: decision.kind, reason: reason?.code ?? 'none' });
    // (a column the row leaves out is null: an allowed send's row is half the JSON it was with its nulls written)
    const row: { id: string; address: string | null } & Record<string, unknown> = { id: newId('decision'), customer_id: req.customerId, channel: req.channel,
      address: facts.target.address || null, decision: decision.kind, packs: decision.packs };
    if (req.actionId !== undefined) row['action_id'] = req.actionId;
    if (reason) { row['reason_code'] = reason.code; row['rule'] = reason.rule; row['message'] = reason.message; }
    if (decision.kind === 'defer') row['defer_until'] = decision.until.toISOString();
    rows.push(row);
    return ok(decision);
  });
  if (rows.length) {
    // the address is sealed bound to its decision when the org has field encryption on
    const sealer = rows.some((r) => r.address) ? await sealerFor(q, orgId) : null;
    if (sealer) for (const r of rows) r.address = storedCopy(sealer, 'gate_decisions.address', r.id, r.address);
    await q.query(
      `INSERT INTO gate_decisions (id, org_id, customer_id, action_id, channel, address, decision, reason_code, rule, message, defer_until, packs, at)
       SELECT x.id, $1, x.customer_id, x.action_id, x.channel, x.address, x.decision, x.reason_code, x.rule, x.message, x.defer_until, x.packs, $3
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, customer_id text, action_id text, channel text, address text, decision text,
         reason_code text, rule text, message text, defer_until timestamptz, packs text[])`, [orgId, JSON.stringify(rows), now]);
  }
  return out;
}

export interface DecisionRow {
  id: string; customer_id: string; action_id: string | null; channel: string; address: string | null; decision: string;
  reason_code: string | null; rule: string | null; message: string | null; defer_until: string | null; packs: string[]; at: string;
}

export async function listDecisions(q: Queryable, orgId: string, customerId: string, limit = 200): Promise<DecisionRow[]> {
  return openCopies(q, orgId, 'gate_decisions.address', await q.query<DecisionRow>(`SELECT id, customer_id, action_id, channel, address, decision,
    reason_code, rule, message, defer_until, packs, at FROM gate_decisions WHERE org_id = $1 AND customer_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
  [orgId, customerId, limit]));
}
