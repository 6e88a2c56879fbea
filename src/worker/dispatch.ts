// The dispatcher: due messages pass the compliance gate in the transaction that marks them sending, then are rendered and sent.
import type { EgressPolicy } from '../channels/index.ts';
import type { Db, Queryable } from '../db/index.ts';
import { lintMessage, suppress, type ContactDecision, type GatePolicy } from '../compliance/index.ts';
import { ownTextUsed, renderMessage, templateTags, type OrgTexts, type RenderedMessage } from '../messaging/index.ts';
import { agentReplies, renderAgentReply } from '../agent/index.ts';
import { openWhatsappWindows } from './whatsapp-window.ts';
import type { Tone } from '../strategy/index.ts';
import { adaptersFor, isAdapterSource, type AdapterSet, type Adapters } from './adapters.ts';
import type { ChannelAdapter } from '../channels/index.ts';
import { costRatesNow } from './cost-store.ts';
import { messageCost } from './costs.ts';
import { fallbackAfterBlock, fireFallback } from './fallback.ts';
import { admitBatch, spaced, takeSlot } from './pace.ts';
import { messageContexts, type MessageRow } from './context.ts';
import { decideAll } from './dispatch-gate.ts';
import { orgTextsOf } from '../org-templates/index.ts';
import { dispatchWriters, type DispatchWriters, type OrgTextUsed, type Progress, type SentRecord } from './record.ts';
import { backoffMs, claimDue, enqueueDue, markSending, setStatus, staleSending, type Claimed } from './queue.ts';

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
  /** The operator's egress policy (COBRO_EGRESS_ALLOW), for the org's gateway `api_base` its payment links call. */
  egress?: EgressPolicy;
  /** The gate policy for every org; without it each org's own (cobro's defaults for an org that set none). */
  policy?: GatePolicy;
  maxAttempts?: number;
  batchSize?: number;
  /**
   * Provider calls in flight at once per channel (by default SEND_CONCURRENCY's for each channel); their database writes
   * are batched, so this holds no connections. A crash leaves at most this many sends uncertain per channel.
   */
  concurrency?: number;
  /** Once aborted (the process is stopping), no further batch is claimed; the batch in hand is sent and recorded. */
  signal?: AbortSignal;
}

export interface DispatchReport { enqueued: number; sent: number; deferred: number; blocked: number; failed: number; cancelled: number; retried: number }

/**
 * Provider calls in flight at once per channel when none is given. The HTTP providers (Twilio's SMS and voice, WhatsApp)
 * answer each call on a keep-alive connection of its own, so more senders mean more sends recorded per database write
 * (128: 0.079 statements and 0.022 transactions per SMS, against 0.118 and 0.041 with 32); email goes through an SMTP
 * pool of a few connections, where more senders would only queue on it.
 */
export const SEND_CONCURRENCY: Readonly<Record<MessageRow['channel'], number>> = { email: 32, sms: 128, whatsapp: 128, voice: 128 };

/** Claims due messages and asks the gate about them, in one transaction; returns those allowed, now marked sending. */
async function gateBatch(deps: DispatchDeps, now: Date, report: DispatchReport): Promise<{ claimed: number; allowed: MessageRow[] }> {
  return deps.db.transaction(async (tx) => {
    const claimed = await claimDue(tx, now, deps.batchSize ?? 200);
    const live: Claimed[] = [];
    for (const m of claimed) {
      if (m.action_status === 'cancelled' || m.action_status === 'skipped') {
        await setStatus(tx, m.id, 'cancelled', now, { reason: `the action was ${m.action_status}` });
        report.cancelled++;
      } else live.push(m);
    }
    // without a policy given, each org's own (cobro's defaults for an org that set none)
    const decisions = await decideAll(tx, live, now, deps.policy);
    const allowed: MessageRow[] = [];
    const at: string[] = [];
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
        at.push(m.row_at);
      }
    }
    await markSending(tx, allowed.map((m) => m.id), now, at);
    return { claimed: claimed.length, allowed };
  });
}

const orgTextsFor = (texts: Map<string, OrgTexts>, orgId: string) => { const t = texts.get(orgId); return t ? { orgTexts: t } : {}; };

/** A message ready to go: its context loaded, rendered and linted; the org's text it uses, if any (recorded with the send). */
interface Ready { m: MessageRow; address: string; rendered: RenderedMessage; country: string | undefined; orgText: OrgTextUsed | null }

/** Loads the batch's contexts at once, then renders and lints each message; what cannot go is recorded as failed or blocked. */
async function prepareBatch(deps: DispatchDeps, ms: readonly MessageRow[], now: Date, report: DispatchReport): Promise<Ready[]> {
  const { db } = deps;
  const built = await messageContexts(db, ms, now, deps.publicUrl, deps.secretKey, deps.egress ? { egress: deps.egress } : {});
  const agent = await agentReplies(db, ms, now);
  const windows = await openWhatsappWindows(db, ms, now);
  // the orgs' own template texts, one statement per batch
  const texts = await orgTextsOf(db, ms.map((m) => m.org_id));
  const ready: Ready[] = [];
  for (const [i, m] of ms.entries()) {
    const b = built[i];
    if (!b?.address) {
      await setStatus(db, m.id, 'failed', now, { reason: `the customer has no ${m.channel} address` });
      await fireFallback(db, m, `no ${m.channel} address`, now);
      report.failed++;
      continue;
    }
    const reply = agent.get(m.id);
    const input = { templateId: m.template ?? '', channel: m.channel, tone: (m.tone ?? 'friendly') as Tone, context: b.context, ...orgTextsFor(texts, m.org_id),
      ...(windows.has(m.id) ? { whatsappWindowOpen: true } : {}) };
    const rendered = reply ? renderAgentReply(reply, m.channel, b.context) : renderMessage(input);
    if (!rendered.ok) {
      await setStatus(db, m.id, 'failed', now, { reason: `rendering: ${rendered.error.message}` });
      await fireFallback(db, m, `rendering: ${rendered.error.message}`, now);
      report.failed++;
      continue;
    }
    // the template lints on the message as it would go out: the debtor's place, the org's legal identity
    const problems = lintMessage({ language: rendered.value.language, channel: m.channel, tags: m.template ? templateTags(m.template) : [],
      context: b.context, message: rendered.value });
    if (problems.length > 0) {
      await setStatus(db, m.id, 'blocked', now, { reason: problems.map((p) => `${p.rule}: ${p.message}`).join('; ') });
      report.blocked++;
      continue;
    }
    const own = reply ? undefined : ownTextUsed(input, rendered.value.language);
    ready.push({ m, address: b.address, rendered: rendered.value, country: b.context.customer.country,
      orgText: own ? { tone: own.tone, version: own.text.version ?? null, versionId: own.text.versionId ?? null } : null });
  }
  return ready;
}

/**
 * Sends one message already handed over and returns its record, or records what went wrong (uncertain, deferred for a
 * retry, failed with its fallback and the provider's verdict on the contact) and returns nothing.
 */
async function sendOne(deps: DispatchDeps, adapter: ChannelAdapter, r: Ready, now: Date, report: DispatchReport): Promise<SentRecord | null> {
  const { db } = deps;
  const { m, address: to, rendered } = r;
  const call = () => adapter.send({ to, rendered,
    refs: { orgId: m.org_id, actionId: m.action_id, ...(m.case_id ? { caseId: m.case_id } : {}) } }, { idempotencyKey: m.id });
  // (spaced() only for a rate-limited account: its turn is a promise more per message)
  const result = await (adapter.rate ? spaced(adapter, call) : call());
  if (result.ok) {
    const rates = costRatesNow(db, m.org_id);
    const cost = messageCost(rates instanceof Promise ? await rates : rates, m.channel, r.country, rendered);
    return { message: m, address: to, rendered, receipt: result.receipt, ...(cost ? { cost } : {}), ...(r.orgText ? { orgText: r.orgText } : {}) };
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
      await suppress(db, m.org_id, `provider:${adapter.provider}`, m.customer_id, { scope: 'address', channel: m.channel, address: to,
        reason: `${adapter.provider} says the ${m.channel} contact is ${e.contact} (${e.code})`, source: 'provider' }, now);
    }
    report.failed++;
  }
  return null;
}

/** The senders of a pass, kept from batch to batch. */
interface SendPool {
  /** Queues a batch's admitted messages; resolves once every message fed so far is taken by a sender (rejects once one failed). */
  feed(ready: readonly Ready[]): Promise<void>;
  /** Lets the senders finish: each records its last send; resolves once all have stopped (rejects with the first failure). */
  flush(): Promise<void>;
}

/**
 * Sends admitted messages, each channel's with its own `concurrency` senders, each sender taking its channel's next
 * message in order. A sender records its last send in the same write that hands over its next message (one wait on the
 * database per message), so at most one of its messages is ever handed but not recorded: a crash leaves at most each
 * channel's concurrency of its sends uncertain. The senders outlive a batch: one whose channel has nothing left waits
 * for the next batch with its last send, which then goes with its first hand-over, so a batch does not start with a
 * write of hand-overs alone nor end with a tail of writes of a few records; flush() records it when the pass ends.
 */
function sendPool(deps: DispatchDeps, writers: DispatchWriters, now: Date, report: DispatchReport): SendPool {
  // once one sender fails (the database cut), the others take no further message: every sender has stopped before the
  // pass returns or throws, so no send of a batch gated earlier outlives the round (found by the fault suite's restarts)
  let failure: { error: unknown } | null = null;
  let flushing = false;
  // each channel's messages not yet taken (queue from next on), how many were ever fed, and its senders
  type Lane = { queue: Ready[]; next: number; fed: number; senders: number };
  const channels = new Map<MessageRow['channel'], Lane>();
  const running: Promise<void>[] = [];
  // senders waiting for a batch, and feeds waiting for their messages to be taken
  let wake: (() => void)[] = [];
  let taken: { check: () => boolean; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const signal = (wakeSenders: boolean) => {
    if (wakeSenders) {
      const w = wake;
      wake = [];
      for (const f of w) f();
    }
    // (asked after every message taken: the list is only rebuilt when one of its feeds is settled)
    if (taken.length > 0 && (failure || taken.some((t) => t.check()))) taken = taken.filter((t) => {
      if (failure) { t.reject(failure.error); return false; }
      if (t.check()) { t.resolve(); return false; }
      return true;
    });
  };
  const step = async (p: Progress): Promise<boolean> => {
    const handed = await writers.progress.push(p);
    if (p.sent) report.sent++;
    return handed;
  };
  const sender = async (ch: Lane) => {
    // the send made and not yet recorded: it goes with the next hand-over
    let carry: SentRecord | null = null;
    for (;;) {
      if (failure) break;
      if (ch.next >= ch.queue.length) {
        if (flushing) break;
        await new Promise<void>((resolve) => wake.push(resolve));
        continue;
      }
      const r = ch.queue[ch.next++]!;
      signal(false);
      // (a plain adapter set without an await: a promise per message for nothing)
      const adapter = (isAdapterSource(deps.adapters) ? await deps.adapters.forOrg(r.m.org_id) : deps.adapters)[r.m.channel];
      if (adapter.rate) {
        // a rate-limited provider account: the last send is recorded first, then this message's slot taken and waited for
        if (carry) await step({ sent: carry });
        carry = null;
        if (!(await takeSlot(deps, adapter, r.m, now))) { report.deferred++; continue; }
      }
      // from here a crash leaves the send uncertain; before it, the message is simply sent again after recovery
      // (two literals: a conditional spread in front of `hand` cost ~0.5 µs a message)
      const handed = await step(carry ? { sent: carry, hand: r.m } : { hand: r.m });
      carry = null;
      if (handed) carry = await sendOne(deps, adapter, r, now, report);
    }
    if (carry) await step({ sent: carry });
  };
  const start = (ch: Lane, limit: number) => {
    while (ch.senders < limit && ch.senders < ch.fed) {
      ch.senders++;
      const done = sender(ch).catch((e: unknown) => { failure ??= { error: e }; signal(true); throw e; });
      // awaited by flush(); until then its failure reaches the pass through feed() or flush()
      done.catch(() => undefined);
      running.push(done);
    }
  };
  return {
    feed(ready) {
      if (failure) return Promise.reject(failure.error);
      for (const ch of channels.values()) if (ch.next >= ch.queue.length) { ch.queue = []; ch.next = 0; }
      for (const r of ready) {
        let ch = channels.get(r.m.channel);
        if (!ch) { ch = { queue: [], next: 0, fed: 0, senders: 0 }; channels.set(r.m.channel, ch); }
        ch.queue.push(r);
        ch.fed++;
      }
      for (const [channel, ch] of channels) start(ch, Math.max(1, deps.concurrency ?? SEND_CONCURRENCY[channel]));
      const all = () => {
        for (const ch of channels.values()) if (ch.next < ch.queue.length) return false;
        return true;
      };
      const p = new Promise<void>((resolve, reject) => taken.push({ check: all, resolve, reject }));
      signal(true);
      return p;
    },
    async flush() {
      flushing = true;
      signal(true);
      const ends = await Promise.allSettled(running.splice(0));
      flushing = false;
      channels.clear();
      const first = ends.find((e) => e.status === 'rejected');
      if (first) throw first.reason;
      if (failure) throw failure.error;
    },
  };
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

/** The adapter set of each org of a batch, looked up once per org (a plain set as it is). */
async function adapterSets(a: Adapters, orgs: readonly string[]): Promise<(org: string) => AdapterSet> {
  if (!isAdapterSource(a)) return () => a;
  const sets = new Map<string, AdapterSet>();
  for (const org of new Set(orgs)) sets.set(org, await a.forOrg(org));
  return (org) => sets.get(org)!;
}

/** One pass: queue what has come due, then gate and send batch after batch until nothing is due. */
export async function dispatchOnce(deps: DispatchDeps): Promise<DispatchReport> {
  const now = deps.now();
  const report: DispatchReport = { enqueued: 0, sent: 0, deferred: 0, blocked: 0, failed: 0, cancelled: 0, retried: 0 };
  await recoverStale(deps, now);
  report.enqueued = await enqueueDue(deps.db, now);
  // each batch moves every message it claims out of the due set (sent, deferred to later, blocked or failed); the next
  // batch is prepared while this one is sent, and the one after it gated meanwhile (the gates one at a time, in order;
  // a gate counts messages still sending as contacts made)
  const writers = dispatchWriters(deps.db, now);
  const gate = () => {
    const p = gateBatch(deps, now, report);
    // awaited by the stage that takes it, or at the end of the pass
    p.catch(() => undefined);
    return p;
  };
  let gated: ReturnType<typeof gate> | null = null;
  const stage = async () => {
    const taken = gated;
    gated = null;
    // once stopping, only a batch already gated is prepared (and then sent): none is claimed
    if (!taken && deps.signal?.aborted) return { claimed: 0, ready: [] };
    const { claimed, allowed } = await (taken ?? gate());
    // not after a gate that found nothing: the next gate then starts once the sends before it are done (they may have
    // queued fallbacks)
    if (claimed > 0 && !deps.signal?.aborted) gated = gate();
    return { claimed, ready: claimed ? await prepareBatch(deps, allowed, now, report) : [] };
  };
  let next = stage();
  const pool = sendPool(deps, writers, now, report);
  // whether the stage awaited next ran beside sends: those can queue more (fallbacks), so finding nothing then is not the end
  let overlapped = false;
  try {
    for (;;) {
      const { claimed, ready } = await next;
      // the sends before are finished (and recorded) before the pass decides it is over or gates again after nothing
      if (claimed === 0) await pool.flush();
      if (claimed === 0 && !overlapped) break;
      const stopping = deps.signal?.aborted === true;
      next = stage();
      // it may fail (the database connection cut) while this batch is sending, before anything awaits it: marked handled
      // here so the process does not die of an unhandled rejection; the await above still throws it (found by the fault suite)
      next.catch(() => undefined);
      overlapped = claimed > 0 && !stopping;
      if (claimed === 0) continue;
      const byId = new Map(ready.map((r) => [r.m.id, r]));
      // per-provider-account rate limits: each send waits (on a timer) for its slot; what does not fit waits for a later pass
      const setOf = await adapterSets(deps.adapters, ready.map((r) => r.m.org_id));
      const paced = await admitBatch(deps, ready.map((r) => ({ message: r.m, adapter: setOf(r.m.org_id)[r.m.channel] })), now);
      report.deferred += paced.deferred;
      // on to the next batch once this one's messages are all taken (their sends may still be in flight)
      await pool.feed(paced.admitted.map((t) => byId.get(t.message.id)!));
    }
  } finally {
    await next.catch(() => undefined);
    await (gated as Promise<unknown> | null)?.catch(() => undefined);
    await pool.flush().catch(() => undefined);
    await writers.drain();
  }
  return report;
}
