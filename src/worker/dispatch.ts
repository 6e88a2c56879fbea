// The dispatcher: due messages pass the compliance gate in the transaction that marks them sending, then are rendered and sent.
import type { Db } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { checkContact, recordContact, suppress, DEFAULT_POLICY, type GatePolicy, type Purpose } from '../compliance/index.ts';
import { renderMessage, type RenderedMessage } from '../messaging/index.ts';
import type { Tone } from '../strategy/index.ts';
import type { AdapterSet } from './adapters.ts';
import { messageContext, type MessageRow } from './context.ts';
import { backoffMs, claimDue, enqueueDue, setStatus } from './queue.ts';

export interface DispatchDeps {
  db: Db;
  now: () => Date;
  adapters: AdapterSet;
  /** The public URL links in messages point to. */
  publicUrl: string;
  /** COBRO_SECRET_KEY, to open the org's gateway credentials for the payment links messages carry. */
  secretKey?: string;
  policy?: GatePolicy;
  maxAttempts?: number;
  batchSize?: number;
}

export interface DispatchReport { enqueued: number; sent: number; deferred: number; blocked: number; failed: number; cancelled: number; retried: number }

const REMINDER: Purpose = { kind: 'collection', tags: [], whatsappFormat: 'template' };

/** Claims due messages and asks the gate about each, in one transaction; returns those allowed, now marked sending. */
async function gateBatch(deps: DispatchDeps, now: Date, report: DispatchReport): Promise<{ claimed: number; allowed: MessageRow[] }> {
  return deps.db.transaction(async (tx) => {
    const allowed: MessageRow[] = [];
    const claimed = await claimDue(tx, now, deps.batchSize ?? 200);
    for (const m of claimed) {
      if (m.action_status === 'cancelled' || m.action_status === 'skipped') {
        await setStatus(tx, m.id, 'cancelled', now, { reason: `the action was ${m.action_status}` });
        report.cancelled++;
        continue;
      }
      const r = await checkContact(tx, m.org_id, { customerId: m.customer_id, channel: m.channel, purpose: REMINDER, actionId: m.action_id,
        ...(m.address ? { address: m.address } : {}) }, now, deps.policy ?? DEFAULT_POLICY);
      const d = r.ok ? r.value : null;
      if (!d || d.kind === 'block') {
        await setStatus(tx, m.id, 'blocked', now, { reason: d?.kind === 'block' ? `${d.reason.code}: ${d.reason.message}` : 'the customer is gone' });
        report.blocked++;
      } else if (d.kind === 'defer') {
        await setStatus(tx, m.id, 'deferred', now, { reason: `${d.reason.code}: ${d.reason.message}`, nextAttemptAt: d.until });
        report.deferred++;
      } else {
        await setStatus(tx, m.id, 'sending', now, { attempts: m.attempts + 1 });
        allowed.push({ ...m, attempts: m.attempts + 1 });
      }
    }
    return { claimed: claimed.length, allowed };
  });
}

async function sendOne(deps: DispatchDeps, m: MessageRow, now: Date, report: DispatchReport): Promise<void> {
  const { db } = deps;
  const built = await messageContext(db, m, now, deps.publicUrl, deps.secretKey);
  if (!built?.address) {
    await setStatus(db, m.id, 'failed', now, { reason: `the customer has no ${m.channel} address` });
    report.failed++;
    return;
  }
  const rendered = renderMessage({ templateId: m.template ?? '', channel: m.channel, tone: (m.tone ?? 'friendly') as Tone, context: built.context });
  if (!rendered.ok) {
    await setStatus(db, m.id, 'failed', now, { reason: `rendering: ${rendered.error.message}` });
    report.failed++;
    return;
  }
  const adapter = deps.adapters[m.channel];
  const result = await adapter.send({ to: built.address, rendered: rendered.value, refs: { orgId: m.org_id, actionId: m.action_id, ...(m.case_id ? { caseId: m.case_id } : {}) } },
    { idempotencyKey: m.id });
  if (result.ok) {
    await recordSent(deps, m, built.address, rendered.value, result.receipt, now);
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
    if (e.contact === 'invalid' || e.contact === 'opted_out' || e.contact === 'bounced') {
      await suppress(db, m.org_id, `provider:${adapter.provider}`, m.customer_id, { scope: 'address', channel: m.channel, address: built.address,
        reason: `${adapter.provider} says the ${m.channel} contact is ${e.contact} (${e.code})`, source: 'provider' }, now);
    }
    report.failed++;
  }
}

async function recordSent(
  deps: DispatchDeps, m: MessageRow, address: string, rendered: RenderedMessage,
  receipt: { provider: string; providerMessageId: string; state: string }, now: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE messages SET status = $2, provider = $3, provider_message_id = $4, address = $5, content = $6, sent_at = $7, updated_at = $7 WHERE id = $1`,
      [m.id, receipt.state === 'delivered' || receipt.state === 'read' ? receipt.state : 'sent', receipt.provider, receipt.providerMessageId,
        address, JSON.stringify(rendered), now]);
    await tx.query(`UPDATE actions SET status = 'sent', updated_at = $3 WHERE org_id = $1 AND id = $2 AND status = 'planned'`, [m.org_id, m.action_id, now]);
    await recordContact(tx, m.org_id, { customerId: m.customer_id, at: now, channel: m.channel, direction: 'outbound', outcome: 'delivered', address });
    await recordAudit(tx, { orgId: m.org_id, actor: 'dispatcher', action: 'message.sent', entity: 'customer', entityId: m.customer_id,
      data: { message: m.id, channel: m.channel, template: m.template, provider: receipt.provider } }, now);
  });
}

/**
 * Messages left 'sending' by a process that died between the provider call and the record: sent again with the
 * same key where the provider deduplicates, otherwise marked uncertain and counted, never sent twice.
 */
export async function recoverStale(deps: DispatchDeps, now: Date, staleMs = 5 * 60_000): Promise<{ requeued: number; uncertain: number }> {
  const stale = await deps.db.query<{ id: string; channel: MessageRow['channel'] }>(
    `SELECT id, channel FROM messages WHERE status = 'sending' AND updated_at < $1`, [new Date(now.getTime() - staleMs)]);
  let requeued = 0;
  for (const s of stale) {
    if (deps.adapters[s.channel].idempotentSends) {
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
    for (const m of allowed) await sendOne(deps, m, now, report);
  }
  return report;
}
