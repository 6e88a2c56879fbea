// The worker loop: every interval, judge promises and plans, open and close cases from the ledger, run the tick, and dispatch what is due;
// beside it, the IMAP mailboxes' own loop (mailbox/idle.ts) keeps what it reads in the inbox for the next round.
import { asSystem, withNoOrg, withOrg, type Db } from '../db/index.ts';
import { listOrgs, type Org } from '../orgs/index.ts';
import { runTick, syncRound } from '../engine/index.ts';
import { evaluateArrangements, gatewayRound, mpReleaseRound } from '../payments/index.ts';
import { dispatchOnce } from './dispatch.ts';
import { scoringRound } from '../scoring/index.ts';
import { forecastRound } from '../forecast/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { retentionRound } from '../compliance/index.ts';
import { deliverWebhooks } from './webhooks.ts';
import { eventRetentionRound } from './event-retention.ts';
import { statisticsRound } from './planner-statistics.ts';
import type { EgressPolicy } from '../channels/index.ts';
import type { Adapters } from './adapters.ts';
import { processInbound } from './inbound/process.ts';
import { fetchAttachments } from './inbound/attachment-fetch.ts';
import { readStoredMessages } from './inbound/mailgun-message.ts';
import { fetchBilledCosts } from './billed-costs.ts';
import { maskSentCodes } from './inbound/call-code-rest.ts';
import type { AgentRuntime } from '../agent/index.ts';
import { pruneTokens } from './inbound/store.ts';
import { startMailboxes } from './mailbox/idle.ts';

export interface WorkerOptions {
  db: Db;
  now: () => Date;
  intervalMs: number;
  messaging: { adapters: Adapters; publicUrl: string };
  /** COBRO_SECRET_KEY, to open the gateways' credentials for the gateway round. */
  secretKey?: string;
  log: { info(o: object, msg: string): void; error(o: object, msg: string): void };
  /** Scores open invoices once a day (`cobro serve` turns it on; tests of other rounds leave it off). */
  scoring?: boolean;
  /** Stores a forecast per period of the org's schedule and learns its heuristic daily (`cobro serve` turns it on). */
  forecasting?: boolean;
  /** Aborted when the process stops: no new org, tick batch or step is started, what is in flight finishes. */
  signal?: AbortSignal;
  /** The agent's optional LLM endpoint (from the configuration). */
  agent?: AgentRuntime;
  /** COBRO_EGRESS_ALLOW, for event webhook deliveries; unset reaches public addresses only. */
  egress?: EgressPolicy;
  /** COBRO_MAILBOX_CONNECTIONS: the most IMAP mailboxes connected at once (the mailbox loop's default when unset). */
  mailboxConnections?: number;
  /** COBRO_EVENT_RETENTION_DAYS (90 unless set). */
  eventRetentionDays?: number;
  /**
   * Milliseconds of the machine's own time, for housekeeping paced by how long the process has run rather than by the
   * business clock (`now`, which a simulation moves by days a round): the planner statistics' cadence on PGlite.
   * performance.now() unless a test sets it.
   */
  elapsedMs?: () => number;
}

/**
 * One round for every org; an error in one org is logged and does not stop the others. Each org's work runs as that org
 * (row-level security); what spans orgs (the list of orgs, the dispatch queue, sweeps, event deliveries) says so with asSystem,
 * and anything else runs as no org.
 */
export function workOnce(o: Omit<WorkerOptions, 'intervalMs'>): Promise<void> {
  return withNoOrg(() => round(o));
}

async function round(o: Omit<WorkerOptions, 'intervalMs'>): Promise<void> {
  const now = o.now();
  for (const org of await asSystem('the worker goes through every org', () => listOrgs(o.db))) {
    if (o.signal?.aborted) return;
    await withOrg(org.id, () => orgRound(o, org, now));
    if (o.signal?.aborted) return;
  }
  if (o.signal?.aborted) return;
  await asSystem('webhook tokens of every org are pruned in one sweep', () => pruneTokens(o.db, now))
    .catch((err: unknown) => o.log.error({ err }, 'pruning webhook tokens failed'));
  // integrators' event webhooks of every org, after the round's facts are written
  const hooks = await asSystem('event deliveries of every org are claimed from one queue', () => deliverWebhooks({ db: o.db, now: o.now,
    ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) })).catch((err: unknown) => { o.log.error({ err }, 'webhook deliveries failed'); return null; });
  if (hooks?.attempted) o.log.info({ webhooks: hooks }, 'webhook deliveries');
  await eventRetentionRound(o, now);
  // the quiet point of the round, its work done: on PGlite (no autovacuum) the planner's statistics of the tables that moved
  if (!o.signal?.aborted) await statisticsRound(o, o.elapsedMs?.() ?? performance.now());
}

async function orgRound(o: Omit<WorkerOptions, 'intervalMs'>, org: Org, now: Date): Promise<void> {
  try {
    // promises and plans judged first (re-planning those cases), so the tick sees them as they now stand
    await evaluateArrangements(o.db, org.id, now);
    // gateway events whose turn has come and, once a day, the re-read of recent gateway payments (recovering missed webhooks)
    const gw = await gatewayRound({ db: o.db, publicUrl: o.messaging.publicUrl, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) }, org.id, now)
      .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'gateway round failed'); return null; });
    if (gw?.check && (gw.check.recovered.length || gw.check.unmatched.length || gw.check.errors.length)) o.log.error({ org_id: org.id, gateway_check: gw.check }, 'gateway check: payments recovered, unmatched or not read');
    if (gw && (gw.approvals.captured.length || gw.approvals.recorded.length)) o.log.info({ org_id: org.id, approvals: gw.approvals }, 'approved orders captured whose approval never arrived');
    if (gw?.approvals.errors.length) o.log.error({ org_id: org.id, approvals: gw.approvals.errors }, 'orders not read at the provider (read again later)');
    if (gw?.payouts.failed) o.log.error({ org_id: org.id, payout_fetch: gw.payouts }, 'payout balance transactions not fetched (kept and retried)');
    // Mercado Pago's payouts, read from its release report: one asked for every six hours, checked until generated, then stored whole
    const mpr = await mpReleaseRound({ db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) }, org.id, now)
      .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'Mercado Pago release report round failed'); return null; });
    if (mpr?.failed) o.log.error({ org_id: org.id, mp_release: mpr }, 'Mercado Pago release report not read (kept and retried)');
    // the messages Mailgun stored (a route's store() notification names them by URL), read before their replies are applied
    const stored = await readStoredMessages({ db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) }, org.id, now)
      .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'reading Mailgun\'s stored messages failed'); return null; });
    if (stored?.posted || stored?.waiting) o.log.error({ org_id: org.id, stored_messages: stored }, 'Mailgun\'s stored messages not read (the posted fields used, or asked again later)');
    // provider events (delivery states, replies, STOP, bounces) whose turn has come, before the tick and the dispatcher read them
    const inbound = await processInbound(o.db, org.id, now, undefined, o.agent).catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'inbound round failed'); return null; });
    if (inbound?.failed) o.log.error({ org_id: org.id, inbound }, 'provider events failed (kept and retried)');
    // files debtors sent with their replies (receipts' photos, PDFs), fetched from the provider and tied to open claims
    const files = await fetchAttachments({ db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) }, org.id, now)
      .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'attachment fetch failed'); return null; });
    if (files?.failed || files?.refused) o.log.error({ org_id: org.id, attachments: files }, 'attachments refused or not fetched (see their error)');
    // what Twilio billed for the messages and calls that reached a final state, kept beside their estimates
    const billed = await fetchBilledCosts({ db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) }, org.id, now)
      .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'billed price round failed'); return null; });
    if (billed?.gave_up) o.log.info({ org_id: org.id, billed_costs: billed }, 'billed prices not got from the provider (the estimate stays)');
    await o.db.transaction((tx) => syncRound(tx, org.id, now));
    const tick = await runTick(o.db, { orgId: org.id, now, ...(o.signal ? { signal: o.signal } : {}) });
    if (o.signal?.aborted) return;
    const sent = await asSystem('the dispatcher claims due messages of every org from one queue', () => dispatchOnce({ db: o.db, now: () => now,
      ...o.messaging, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}),
      ...(o.signal ? { signal: o.signal } : {}) }));
    if (tick.cases || sent.sent || sent.deferred || sent.blocked) o.log.info({ org_id: org.id, tick: { cases: tick.cases }, dispatch: sent }, 'worker round');
    // the one-time codes of calls just sent by SMS: their stored copies masked
    await maskSentCodes(o.db, org.id, now).catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'masking sent call codes failed'); });
    // risk scores, once a day in the org's calendar (retraining a model a week old): the worklist and segments read them
    if (o.scoring) {
      await scoringRound(o.db, org.id, dateInZone(now, org.default_timezone), now)
        .catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'scoring round failed'); });
    }
    // the cash forecast, after the scores: stored once per period of the org's schedule (weekly unless set), its heuristic learned daily
    if (o.forecasting) {
      const fc = await forecastRound(o.db, org, now).catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'forecast round failed'); return null; });
      if (fc?.stored) o.log.info({ org_id: org.id, forecast: { id: fc.stored.id, period: fc.period } }, 'scheduled forecast stored');
    }
    // retention, once a day: customers past it erased, old evidence and raw provider events dropped
    const purged = await retentionRound(o.db, org.id, now).catch((err: unknown) => { o.log.error({ org_id: org.id, err }, 'retention purge failed'); return null; });
    if (purged && (purged.erased.length || purged.evidence_customers.length || purged.raw_events)) {
      o.log.info({ org_id: org.id, retention: { erased: purged.erased.length, evidence: purged.evidence_customers.length, raw_events: purged.raw_events } }, 'retention purge');
    }
  } catch (err) {
    o.log.error({ org_id: org.id, err }, 'worker round failed');
  }
}

/** Starts the loop; the returned function stops it and waits for a round in progress to end. */
export function startWorker(o: WorkerOptions): () => Promise<void> {
  const stopping = new AbortController();
  o.signal?.addEventListener('abort', () => stopping.abort());
  const run = { ...o, signal: stopping.signal };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const round = () => {
    if (stopped) return;
    running = workOnce(run).finally(() => { if (!stopped) timer = setTimeout(round, o.intervalMs); });
  };
  timer = setTimeout(round, 1000);
  // the IMAP mailboxes are read apart from the rounds (kept in IDLE where the server has it), so a slow one holds up no org
  const mailboxes = startMailboxes({ db: o.db, now: o.now, intervalMs: o.intervalMs, log: o.log, signal: stopping.signal,
    ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}),
    ...(o.mailboxConnections ? { maxConnections: o.mailboxConnections } : {}) });
  return async () => {
    stopped = true;
    stopping.abort();
    if (timer) clearTimeout(timer);
    await Promise.all([running, mailboxes.stop()]);
  };
}
