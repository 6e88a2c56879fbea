// The mailboxes' own loop, apart from the orgs' worker rounds (a slow or silent mailbox delays only itself, bounded by its
// timeouts): every interval, each org with a mailbox connected and no read of it in flight is visited when its turn has
// come. Where the server has IDLE (RFC 2177), the connection is kept: the worker waits in IDLE, reads when the server
// announces new mail (EXISTS), issues IDLE again after idle_seconds (under the 29 minutes servers allow), holds a lease
// on the mailbox (next_poll_at, moved on every LEASE_MS / 3) so other workers leave it alone, and lets go when the
// settings change. An error closes it, is recorded, and the mailbox is polled until a later visit idles again. Stopping
// ends each IDLE (DONE, LOGOUT) and waits for reads in flight. Database work runs in short org scopes, never across a wait.
import { asSystem, withOrg, type Db } from '../../db/index.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { imapError } from '../../channels/imap.ts';
import { readMore, visitMailbox, type IdleHandle, type MailboxReport } from './poll.ts';
import { recordError, setMode } from './state.ts';

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
}

export interface MailboxLoop {
  /** Looks for mailboxes to read now; resolves when the visits it started have read (idling ones: after their first read). */
  scan(): Promise<void>;
  /** Ends every IDLE and waits for what is in flight. */
  stop(): Promise<void>;
  /** The orgs whose mailbox is held in IDLE by this loop now. */
  idling(): string[];
}

const LEASE_MS = 120_000;

function logReport(o: MailboxLoopOptions, orgId: string, r: Partial<MailboxReport> | undefined, how: string): void {
  if (r?.error) o.log.error({ org_id: orgId, mailbox: { code: r.error.code, message: r.error.message } }, `mailbox ${how} failed (recorded on the mailbox)`);
  else if (r?.read || r?.oversize) o.log.info({ org_id: orgId, mailbox: r }, `mailbox read (${how})`);
}

export function startMailboxes(o: MailboxLoopOptions): MailboxLoop {
  const leaseMs = o.leaseMs ?? LEASE_MS;
  const stopping = new AbortController();
  o.signal?.addEventListener('abort', () => stopping.abort());
  const d = { db: o.db, ...(o.secretKey ? { secretKey: o.secretKey } : {}), ...(o.egress ? { egress: o.egress } : {}) };
  /** Per org: the visit in flight (and, while idling, the wait) and what ends its IDLE. */
  const busy = new Map<string, { done: Promise<void>; leave: AbortController; idle: boolean }>();

  /** Holds the mailbox in IDLE until stopped, the settings change, or an error (recorded; the mailbox then polls). */
  const idleOn = async (orgId: string, h: IdleHandle, leave: AbortController): Promise<void> => {
    const heartbeat = setInterval(() => {
      void withOrg(orgId, async () => {
        const [row] = await o.db.query<{ at: string }>(`SELECT updated_at::text AS at FROM provider_credentials WHERE org_id = $1 AND provider = 'imap'`, [orgId]);
        if (row?.at !== h.updatedAt) { leave.abort(); return; }
        await setMode(o.db, orgId, 'idle', new Date(o.now().getTime() + leaseMs));
      }).catch((err: unknown) => o.log.error({ org_id: orgId, err }, 'mailbox lease renewal failed'));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      for (;;) {
        const woke = await h.session.waitForMail(Math.min(h.idleMs, o.maxIdleMs ?? h.idleMs), leave.signal);
        if (woke === 'stopped') break;
        const r = await withOrg(orgId, () => readMore(d, orgId, h, o.now(), leaseMs));
        logReport(o, orgId, r, woke === 'exists' ? 'IDLE: new mail' : 'IDLE renewed');
      }
      // let go: the next visit (at once) reads with the new settings, or by polling
      await withOrg(orgId, () => setMode(o.db, orgId, 'poll', o.now()));
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

  const visit = (orgId: string): { first: Promise<void>; done: Promise<void> } => {
    const leave = new AbortController();
    stopping.signal.addEventListener('abort', () => leave.abort());
    const entry = { done: Promise.resolve(), leave, idle: false };
    const first = withOrg(orgId, () => visitMailbox(d, orgId, o.now(), { idle: { leaseMs } }))
      .catch((err: unknown) => { o.log.error({ org_id: orgId, err }, 'mailbox poll failed'); return null; });
    const done = first.then(async (v) => {
      logReport(o, orgId, v?.report, 'poll');
      if (!v?.idle) return;
      if (stopping.signal.aborted) { await v.idle.session.close(); return; }
      entry.idle = true;
      await idleOn(orgId, v.idle, leave);
    }).finally(() => { busy.delete(orgId); });
    entry.done = done;
    busy.set(orgId, entry);
    return { first: first.then(() => undefined), done };
  };

  const scan = async (): Promise<void> => {
    if (stopping.signal.aborted) return;
    const orgs = await asSystem('the mailbox loop looks for every org with a mailbox connected', () =>
      o.db.query<{ org_id: string }>(`SELECT org_id FROM provider_credentials WHERE provider = 'imap' ORDER BY org_id`));
    const started = orgs.filter((r) => !busy.has(r.org_id)).map((r) => visit(r.org_id).first);
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
    idling: () => [...busy].filter(([, e]) => e.idle).map(([org]) => org),
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await scanning;
      await Promise.all([...busy.values()].map((e) => e.done));
    },
  };
}
