// The dispatcher: due messages pass the compliance gate in the transaction that marks them sending, then are rendered and sent.
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { emitMessageEvent } from '../events/index.ts';
import { checkContacts, lintMessage, recordContact, suppress, DEFAULT_POLICY, type ContactDecision, type GatePolicy, type Purpose } from '../compliance/index.ts';
import { renderMessage, templateTags, type RenderedMessage } from '../messaging/index.ts';
import type { Tone } from '../strategy/index.ts';
import { adaptersFor, type Adapters } from './adapters.ts';
import { cachedCostRates } from './cost-store.ts';
import { messageCost } from './costs.ts';
import { fallbackAfterBlock, fireFallback } from './fallback.ts';
import { admitBatch, spaced, takeSlot } from './pace.ts';
import { messageContext, type MessageRow } from './context.ts';
import { backoffMs, claimDue, enqueueDue, markHanded, markSending, setStatus, staleSending } from './queue.ts';
import { eachLimited } from './parallel.ts';

export interface DispatchDeps {
  db: Db;
  now: () => Date;
  /** One adapter set, or a source choosing each org's own providers (the sandbox where it has none). */
  adapters: Adapters;
  /** How far ahead rate-limited sends are timed in one pass (the rest wait for a later pass); 20 s by default. */
  paceHorizonMs?: number;
  /** The public URL links in messages point to. */
  publicUrl: string;
  /** COBRO_SECRET_KEY, to open the org's gateway credentials for the payment links messages carry. */
  secretKey?: string;
  policy?: GatePolicy;
  maxAttempts?: number;
  batchSize?: number;
  /** Messages rendered, sent and recorded at once (8 by default); each holds one database connection while it records. */
  concurrency?: number;
}

export interface DispatchReport { enqueued: number; sent: number; deferred: number; blocked: number; failed: number; cancelled: number; retried: number }

const REMINDER: Purpose = { kind: 'collection', tags: [], whatsappFormat: 'template' };

/** The gate's decision on each message, in order: one batched check per org, each message allowed counting for the next. */
async function decideAll(tx: Queryable, ms: readonly MessageRow[], now: Date, policy: GatePolicy): Promise<(ContactDecision | null)[]> {
  const out: (ContactDecision | null)[] = ms.map(() => null);
  const byOrg = new Map<string, number[]>();
  ms.forEach((m, i) => byOrg.set(m.org_id, [...(byOrg.get(m.org_id) ?? []), i]));
  for (const [orgId, idx] of byOrg) {
    const rs = await checkContacts(tx, orgId, idx.map((i) => {
      const m = ms[i]!;
      return { customerId: m.customer_id, channel: m.channel, purpose: { ...REMINDER, tags: m.template ? templateTags(m.template) : [] }, actionId: m.action_id,
        ...(m.address ? { address: m.address } : {}) };
    }), now, policy);
    idx.forEach((i, k) => { const r = rs[k]; out[i] = r?.ok ? r.value : null; });
  }
  return out;
}

/** Claims due messages and asks the gate about them, in one transaction; returns those allowed, now marked sending. */
async function gateBatch(deps: DispatchDeps, now: Date, report: DispatchReport): Promise<{ claimed: number; allowed: MessageRow[] }> {
  return deps.db.transaction(async (tx) => {
    const claimed = await claimDue(tx, now, deps.batchSize ?? 200);
    const live: MessageRow[] = [];
    for (const m of claimed) {
      if (m.action_status === 'cancelled' || m.action_status === 'skipped') {
        await setStatus(tx, m.id, 'cancelled', now, { reason: `the action was ${m.action_status}` });
        report.cancelled++;
      } else live.push(m);
    }
    const decisions = await decideAll(tx, live, now, deps.policy ?? DEFAULT_POLICY);
    const allowed: MessageRow[] = [];
    for (const [i, m] of live.entries()) {
      const d = decisions[i];
      if (!d || d.kind === 'block') {
        await setStatus(tx, m.id, 'blocked', now, { reason: d?.kind === 'block' ? `${d.reason.code}: ${d.reason.message}` : 'the customer is gone' });
        if (d?.kind === 'block' && fallbackAfterBlock(d.reason.code)) await fireFallback(tx, m, `${d.reason.code}: ${d.reason.message}`, now);
        report.blocked++;
      } else if (d.kind === 'defer') {
        await setStatus(tx, m.id, 'deferred', now, { reason: `${d.reason.code}: ${d.reason.message}`, nextAttemptAt: d.until });
        report.deferred++;
      } else {
        allowed.push({ ...m, attempts: m.attempts + 1 });
      }
    }
    await markSending(tx, allowed.map((m) => m.id), now);
    return { claimed: claimed.length, allowed };
  });
}

async function sendOne(deps: DispatchDeps, m: MessageRow, now: Date, report: DispatchReport): Promise<void> {
  const { db } = deps;
  const built = await messageContext(db, m, now, deps.publicUrl, deps.secretKey);
  if (!built?.address) {
    await setStatus(db, m.id, 'failed', now, { reason: `the customer has no ${m.channel} address` });
    await fireFallback(db, m, `no ${m.channel} address`, now);
    report.failed++;
    return;
  }
  const rendered = renderMessage({ templateId: m.template ?? '', channel: m.channel, tone: (m.tone ?? 'friendly') as Tone, context: built.context });
  if (!rendered.ok) {
    await setStatus(db, m.id, 'failed', now, { reason: `rendering: ${rendered.error.message}` });
    await fireFallback(db, m, `rendering: ${rendered.error.message}`, now);
    report.failed++;
    return;
  }
  // the template lints on the message as it would go out: the debtor's place, the org's legal identity
  const problems = lintMessage({ language: rendered.value.language, channel: m.channel, tags: m.template ? templateTags(m.template) : [],
    context: built.context, message: rendered.value });
  if (problems.length > 0) {
    await setStatus(db, m.id, 'blocked', now, { reason: problems.map((p) => `${p.rule}: ${p.message}`).join('; ') });
    report.blocked++;
    return;
  }
  const adapter = (await adaptersFor(deps.adapters, m.org_id))[m.channel];
  // a rate-limited provider account: take this message's slot and wait for it (on a timer) right before the call
  if (!(await takeSlot(deps, adapter, m, now))) { report.deferred++; return; }
  // from here a crash leaves the send uncertain; before it, the message is simply sent again after recovery
  if (!(await markHanded(db, m.id, m.attempts, now))) return;
  const to = built.address;
  const result = await spaced(adapter, () => adapter.send({ to, rendered: rendered.value,
    refs: { orgId: m.org_id, actionId: m.action_id, ...(m.case_id ? { caseId: m.case_id } : {}) } }, { idempotencyKey: m.id }));
  if (result.ok) {
    const cost = messageCost(await cachedCostRates(db, m.org_id), m.channel, built.context.customer.country, rendered.value);
    await recordSent(deps, m, built.address, rendered.value, result.receipt, now, cost);
    report.sent++;
    return;
  }
  const e = result.error;
  if (e.uncertain) {
    await setStatus(db, m.id, 'uncertain', now, { reason: `${e.code}: ${e.message} (the provider may have sent it)` });
    report.failed++;
  } else if (e.kind === 'temporary' && m.attempts < (deps.maxAttempts ?? 8)) {
    await setStatus(db, m.id, 'deferred', now, { reason: `${e.code}: ${e.message}`, nextAttemptAt: new Date(now.getTime() + (e.retryAfterMs ?? backoffMs(m.attempts))) });
    report.retried++;
  } else {
    await setStatus(db, m.id, 'failed', now, { reason: `${e.code}: ${e.message}` });
    if (e.kind === 'permanent') await fireFallback(db, m, `${e.code}: ${e.message}`, now);
    if (e.contact === 'invalid' || e.contact === 'opted_out' || e.contact === 'bounced') {
      await suppress(db, m.org_id, `provider:${adapter.provider}`, m.customer_id, { scope: 'address', channel: m.channel, address: built.address,
        reason: `${adapter.provider} says the ${m.channel} contact is ${e.contact} (${e.code})`, source: 'provider' }, now);
    }
    report.failed++;
  }
}

async function recordSent(
  deps: DispatchDeps, m: MessageRow, address: string, rendered: RenderedMessage,
  receipt: { provider: string; providerMessageId: string; state: string }, now: Date, cost?: { micros: number; currency: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE messages SET status = $2, provider = $3, provider_message_id = $4, address = $5, content = $6, sent_at = $7, updated_at = $7,
         cost_micros = $8, cost_currency = $9 WHERE id = $1`,
      [m.id, receipt.state === 'delivered' || receipt.state === 'read' ? receipt.state : 'sent', receipt.provider, receipt.providerMessageId,
        address, JSON.stringify(rendered), now, cost?.micros ?? null, cost?.currency ?? null]);
    if (receipt.state === 'delivered') await emitMessageEvent(tx, m.id, 'message.delivered', now);
    await tx.query(`UPDATE actions SET status = 'sent', updated_at = $3 WHERE org_id = $1 AND id = $2 AND status = 'planned'`, [m.org_id, m.action_id, now]);
    await recordContact(tx, m.org_id, { customerId: m.customer_id, at: now, channel: m.channel, direction: 'outbound', outcome: 'delivered', address });
    await recordAudit(tx, { orgId: m.org_id, actor: 'dispatcher', action: 'message.sent', entity: 'customer', entityId: m.customer_id,
      data: { message: m.id, channel: m.channel, template: m.template, provider: receipt.provider } }, now);
  });
}

/**
 * Messages left 'sending' by a process that died: never handed to the provider, they are queued again (and gated again);
 * handed but not recorded, they are sent again with the same key where the provider deduplicates, otherwise marked
 * uncertain and counted, never sent twice.
 */
export async function recoverStale(deps: DispatchDeps, now: Date, staleMs = 5 * 60_000): Promise<{ requeued: number; uncertain: number }> {
  const stale = await staleSending(deps.db, now, staleMs);
  let requeued = 0;
  for (const s of stale) {
    if (!s.handed) {
      await setStatus(deps.db, s.id, 'queued', now, { reason: 'queued again: the process stopped before handing it to the provider', nextAttemptAt: now });
      requeued++;
    } else if ((await adaptersFor(deps.adapters, s.org_id))[s.channel].idempotentSends) {
      await setStatus(deps.db, s.id, 'queued', now, { reason: 'retried after an interrupted send; the provider deduplicates on its key', nextAttemptAt: now });
      requeued++;
    } else {
      await setStatus(deps.db, s.id, 'uncertain', now, { reason: 'the process stopped between sending and recording; not sent again' });
    }
  }
  return { requeued, uncertain: stale.length - requeued };
}

/** One pass: queue what has come due, then gate and send batch after batch until nothing is due. */
export async function dispatchOnce(deps: DispatchDeps): Promise<DispatchReport> {
  const now = deps.now();
  const report: DispatchReport = { enqueued: 0, sent: 0, deferred: 0, blocked: 0, failed: 0, cancelled: 0, retried: 0 };
  await recoverStale(deps, now);
  report.enqueued = await enqueueDue(deps.db, now);
  // each batch moves every message it claims out of the due set (sent, deferred to later, blocked or failed)
  for (;;) {
    const { claimed, allowed } = await gateBatch(deps, now, report);
    if (claimed === 0) break;
    // per-provider-account rate limits: each send waits (on a timer) for its slot; what does not fit waits for a later pass
    const paced = await admitBatch(deps, await Promise.all(allowed.map(async (m) => ({ message: m, adapter: (await adaptersFor(deps.adapters, m.org_id))[m.channel] }))), now);
    report.deferred += paced.deferred;
    await eachLimited(paced.admitted, deps.concurrency ?? 8, async (t) => sendOne(deps, t.message, now, report));
  }
  return report;
}
