// The mailboxes' own loop, apart from the orgs' worker rounds (a slow or silent mailbox delays only itself, bounded by its
// timeouts): every interval, each org with a mailbox connected and no read of it in flight is visited when its turn has
// come. Where the server has IDLE (RFC 2177), the connection is kept: the worker waits in IDLE, reads when the server
// announces new mail (EXISTS), issues IDLE again after idle_seconds (under the 29 minutes servers allow), holds a lease
// on the mailbox (next_poll_at, moved on every LEASE_MS / 3) so other workers leave it alone, and lets go when the
// settings change. An error closes it, is recorded, and the mailbox is polled until a later visit idles again. Stopping
// ends each IDLE (DONE, LOGOUT), lets go of its mailboxes and waits for reads in flight; a mailbox still held by a worker
// known to be gone (holder.ts) is taken over at once. At most `maxConnections` mailboxes are connected at once (slots.ts).
// Database work runs in short org scopes, never across a wait.
import { asSystem, withOrg, type Db } from '../../db/index.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { imapError } from '../../channels/imap.ts';
import { readMore, visitMailbox, type IdleHandle, type MailboxReport } from './poll.ts';
import { recordError, setMode } from './state.ts';
import { endHolder, holderGone, newHolder } from './holder.ts';
import { DEFAULT_MAILBOX_CONNECTIONS, slots } from './slots.ts';

export interface MailboxLoopOptions {
  db: Db;
  now: () => Date;
  /** How often mailboxes whose turn has come are looked for (the worker's interval); 0: only when scan() is called. */
  intervalMs: number;
  secretKey?: string;
  /** The operator's egress policy, for mailboxes' token endpoints. */
  egress?: EgressPolicy;
  log: { info(o: object, msg: string): void; error(o: object, msg: string): void };
  signal?: AbortSignal;
  /** How long an idling worker's hold on a mailbox lasts unless renewed (tests shorten it). */
  leaseMs?: number;
  /** The longest IDLE before it is issued again, below the mailbox's idle_seconds (tests shorten it). */
  maxIdleMs?: number;
  /** The most mailbox connections this loop holds at once (COBRO_MAILBOX_CONNECTIONS); DEFAULT_MAILBOX_CONNECTIONS when unset. */
  maxConnections?: number;
}

export interface MailboxLoop {
  /** Looks for mailboxes to read now; resolves when the visits it started have read (idling ones: after their first read). */
  scan(): Promise<void>;
  /** Ends every IDLE and waits for what is in flight. */
  stop(): Promise<void>;
  /** The orgs whose mailbox is held in IDLE by this loop now, the one idling longest first. */
  idling(): string[];
  /** Mailboxes waiting for a connection slot now. */
  waiting(): number;
}

const LEASE_MS = 120_000;
/** Why an IDLE ends: 'yield' gives its slot to a waiting mailbox and polls on its schedule; the others are read again at once. */
type Leave = 'stop' | 'settings' | 'yield';

function logReport(o: MailboxLoopOptions, orgId: string, r: Partial<MailboxReport> | undefined, how: string): void {
  if (r?.error) o.log.error({ org_id: orgId, mailbox: { code: r.error.code, message: r.error.message } }, `mailbox ${how} failed (recorded on the mailbox)`);
  else if (r?.read || r?.oversize) o.log.info({ org_id: orgId, mailbox: r }, `mailbox read (${how})`);
}

export function startMailboxes(o: MailboxLoopOptions): MailboxLoop {
  const leaseMs = o.leaseMs ?? LEASE_MS;
  const stopping = new AbortController();
  o.signal?.addEventListener('abort', () => stopping.abort());
  const holder = newHolder();
  const by = JSON.stringify(holder);
  const d = { db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) };
  /** Per org: the visit in flight (waiting for a slot, reading, or idling), what ends its IDLE, and since when it idles. */
  const busy = new Map<string, { done: Promise<void>; leave: AbortController; idleSince: number | null }>();
  /** Whether more mailboxes wait for a slot than idling ones are giving theirs up (one gives way per mailbox waiting). */
  const short = () => pool.waiting() > [...busy.values()].filter((e) => e.leave.signal.reason === 'yield').length;
  // a mailbox waiting with every slot taken: the one idling longest gives way (its IDLE ends at once)
  const pool = slots(o.maxConnections ?? DEFAULT_MAILBOX_CONNECTIONS, () => {
    if (!short()) return;
    const idlers = [...busy.values()].filter((e) => e.idleSince !== null && !e.leave.signal.aborted);
    idlers.sort((a, b) => a.idleSince! - b.idleSince!)[0]?.leave.abort('yield' satisfies Leave);
  });

  /** Holds the mailbox in IDLE until stopped, the settings change, a waiting mailbox needs its slot, or an error (recorded; the mailbox then polls). */
  const idleOn = async (orgId: string, h: IdleHandle, leave: AbortController): Promise<void> => {
    let beat: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      beat = withOrg(orgId, async () => {
        const [row] = await o.db.query<{ at: string }>(`SELECT updated_at::text AS at FROM provider_credentials WHERE org_id = $1 AND provider = 'imap'`, [orgId]);
        if (row?.at !== h.updatedAt) { leave.abort('settings' satisfies Leave); return; }
        if (!leave.signal.aborted) await setMode(o.db, orgId, 'idle', new Date(o.now().getTime() + leaseMs), by);
      }).catch((err: unknown) => o.log.error({ org_id: orgId, err }, 'mailbox lease renewal failed'));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      for (;;) {
        if (leave.signal.aborted) break;
        const woke = await h.session.waitForMail(Math.min(h.idleMs, o.maxIdleMs ?? h.idleMs), leave.signal);
        if (woke === 'stopped') break;
        const r = await withOrg(orgId, () => readMore(d, orgId, h, o.now(), leaseMs, by));
        logReport(o, orgId, r, woke === 'exists' ? 'IDLE: new mail' : 'IDLE renewed');
      }
      // let go (after a renewal in flight, which would hold it again): the next visit reads at once (with the new settings, or another worker's after a stop), or on the poll
      // schedule when the slot went to a waiting mailbox
      clearInterval(heartbeat);
      await beat;
      const next = leave.signal.reason === 'yield' ? o.now().getTime() + h.everyMs : o.now().getTime();
      await withOrg(orgId, () => setMode(o.db, orgId, 'poll', new Date(next)));
    } catch (e) {
      const error = imapError(e, h.cfg);
      logReport(o, orgId, { error }, 'IDLE');
      await withOrg(orgId, async () => { await recordError(o.db, orgId, error, o.now(), h.everyMs); await setMode(o.db, orgId, 'poll'); })
        .catch((err: unknown) => o.log.error({ org_id: orgId, err }, 'recording the mailbox error failed'));
    } finally {
      clearInterval(heartbeat);
      await h.session.close();
    }
  };

  /** Lets go of a mailbox this loop opened but will not idle on (stopping): read again at once by the next worker. */
  const letGo = (orgId: string, h: IdleHandle) => withOrg(orgId, () => setMode(o.db, orgId, 'poll', o.now()))
    .catch((err: unknown) => o.log.error({ org_id: orgId, err }, 'letting go of the mailbox failed')).finally(() => h.session.close());

  const visit = (orgId: string): { first: Promise<void>; done: Promise<void> } => {
    const leave = new AbortController();
    const onStop = () => leave.abort('stop' satisfies Leave);
    stopping.signal.addEventListener('abort', onStop);
    const entry = { done: Promise.resolve(), leave, idleSince: null as number | null };
    let give: (() => void) | null = null;
    const first = pool.take(stopping.signal).then((g) => {
      give = g;
      return g ? withOrg(orgId, () => visitMailbox(d, orgId, o.now(), { idle: { leaseMs }, by })) : null;
    }).catch((err: unknown) => { o.log.error({ org_id: orgId, err }, 'mailbox poll failed'); return null; });
    const done = first.then(async (v) => {
      logReport(o, orgId, v?.report, 'poll');
      if (!v?.idle) return;
      if (stopping.signal.aborted) { await letGo(orgId, v.idle); return; }
      entry.idleSince = Date.now();
      // a mailbox that waited meanwhile takes this slot rather than wait for the next one to free
      if (short()) leave.abort('yield' satisfies Leave);
      await idleOn(orgId, v.idle, leave);
    }).finally(() => { give?.(); busy.delete(orgId); stopping.signal.removeEventListener('abort', onStop); });
    entry.done = done;
    busy.set(orgId, entry);
    return { first: first.then(() => undefined), done };
  };

  const scan = async (): Promise<void> => {
    if (stopping.signal.aborted) return;
    const now = o.now();
    // due, or held by a worker known to be gone; the ones read longest ago first (they wait for a slot in this order)
    const orgs = await asSystem('the mailbox loop looks for every org with a mailbox connected', () =>
      o.db.query<{ org_id: string; due: boolean; held_by: string | null }>(
        `SELECT c.org_id, m.next_poll_at IS NULL OR m.next_poll_at <= $1 AS due, m.held_by
         FROM provider_credentials c LEFT JOIN imap_mailboxes m ON m.org_id = c.org_id
         WHERE c.provider = 'imap' ORDER BY m.last_polled_at NULLS FIRST, c.org_id`, [now]));
    const started = orgs.filter((r) => !busy.has(r.org_id) && (r.due || (r.held_by !== by && holderGone(r.held_by, o.db.kind === 'pglite'))))
      .map((r) => visit(r.org_id).first);
    await Promise.all(started);
  };

  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> = Promise.resolve();
  const again = () => {
    if (stopping.signal.aborted) return;
    scanning = scan().catch((err: unknown) => o.log.error({ err }, 'mailbox loop failed'))
      .finally(() => { if (!stopping.signal.aborted) timer = setTimeout(again, o.intervalMs); });
  };
  if (o.intervalMs > 0) timer = setTimeout(again, 0);

  return {
    scan,
    idling: () => [...busy].filter(([, e]) => e.idleSince !== null).sort(([, a], [, b]) => a.idleSince! - b.idleSince!).map(([org]) => org),
    waiting: () => pool.waiting(),
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await scanning;
      await Promise.all([...busy.values()].map((e) => e.done));
      endHolder(holder);
    },
  };
}
