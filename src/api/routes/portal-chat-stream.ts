// GET /portal/api/chat/stream: the debtor's open chat gets the answers as they are recorded, as Server-Sent Events. The
// portal's door (link token, second factor, rate limits) checks the opening; the stream then follows its one customer
// through the database's notifications (src/portal/chat-push.ts), resumes after the Last-Event-ID the page sends, says it
// is alive at each heartbeat, where it also checks the link and session again, and closes once either is over (at once
// when a link ends or the debtor signs out: those notify too, and each notification's read checks them first).
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withOrg } from '../../db/index.ts';
import { chatPush, chatSlots, portalChatSince, portalStreamEnd, portalStreamKey, streamFrom, type ChatSlot, type PortalAccess, type StreamEnd, type StreamFlags,
  type StreamFrom } from '../../portal/index.ts';
import { chatCursorText } from '../../agent/index.ts';
import type { ApiDeps, ChatStreamLimits } from '../context.ts';
import { readCookie } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';

export const CHAT_STREAM_DEFAULTS: ChatStreamLimits = { heartbeatMs: 20_000, perSession: 3, overall: 1_000 };
/** The second factor's session cookie (src/api/routes/portal.ts sets it). */
const SESSION_COOKIE = 'cobro_portal';
/** How long the page waits before it opens the stream again after a cut (the SSE `retry` field). */
const RETRY_MS = 3_000;
/** The longest Last-Event-ID or `after` read (a cursor is at most 200 characters, src/agent/chat-lines.ts). */
const MAX_CURSOR = 256;

/** How long a stream's slot is held past its last renewal: two heartbeats and a second of slack for a loaded process. */
export const leaseMs = (heartbeatMs: number) => 2 * heartbeatMs + 1_000;

/** One Server-Sent Event: named, with its id, the data as one JSON line. */
export const sseEvent = (event: string, data: unknown, id?: string | null) =>
  `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

interface Stream { end(reason: StreamEnd | 'shutdown'): void; closed: Promise<void> }

/**
 * One open stream: its cursor (the order of the last line sent and the snapshot it was read under), its flags as last
 * sent, and one read at a time (a notification during a read reads again). `renew` keeps its slot at each heartbeat.
 */
function openStream(deps: ApiDeps, a: PortalAccess, session: string | undefined, from: StreamFrom, out: PassThrough, renew: () => Promise<boolean>) {
  let last: StreamFlags | undefined;
  let reading: Promise<void> | null = null;
  let again = false;
  let ended = false;
  const write = (text: string) => { if (!ended) out.write(text); };
  const end = (reason: StreamEnd | 'shutdown') => {
    if (ended) return;
    write(sseEvent('end', { reason }));
    ended = true;
    out.end();
  };
  const check = () => withOrg(a.orgId, () => portalStreamEnd(deps.db, a, session, deps.now()));
  const read = async () => {
    // nothing is sent once the link or session is over, even an answer recorded before
    const over = await check();
    if (over) { end(over); return; }
    const r = await withOrg(a.orgId, () => portalChatSince(deps.db, a, from, last));
    if (ended) return;
    from = r.cursor;
    last = r.flags;
    if (r.update) write(sseEvent('chat', r.update, chatCursorText(r.cursor)));
  };
  const pump = (): Promise<void> => {
    if (reading) { again = true; return reading; }
    reading = read().catch(() => { /* a failed read: the next notification or heartbeat reads again */ }).finally(() => {
      reading = null;
      if (again && !ended) { again = false; void pump(); }
    });
    return reading;
  };
  const beat = async () => {
    const over = await check().catch(() => null);
    if (over) { end(over); return; }
    // a slot lost (this process stalled past its lease and another stream took it): the page opens again and is counted again
    if (!(await renew().catch(() => true))) { end('shutdown'); return; }
    write(': alive\n\n');
  };
  return { pump, beat, end, ended: () => ended };
}

/** Registers the stream route inside the portal's routes; open streams are ended when the server closes. */
export function portalChatStreamRoute(app: FastifyInstance, deps: ApiDeps, accessOf: (req: FastifyRequest) => PortalAccess): void {
  const limits = { ...CHAT_STREAM_DEFAULTS, ...deps.chatStream };
  const push = chatPush(deps.db);
  // the streams per session are counted in the database (all API processes); the streams in all are this process's own
  // resource limit (its sockets and memory), counted here
  const slots = chatSlots(limits.perSession, leaseMs(limits.heartbeatMs));
  const open = new Set<Stream>();
  app.addHook('preClose', async () => {
    const all = [...open];
    for (const s of all) s.end('shutdown');
    // each gives its slot back before the database closes (a slot not given back lapses after two heartbeats anyway)
    await Promise.race([Promise.all(all.map((s) => s.closed)), new Promise((ok) => { setTimeout(ok, 2_000).unref(); })]);
    await push.close();
  });
  const tooMany = (reply: FastifyReply, message: string) => sendFailure(reply, { code: 'RATE_LIMITED', message, field: 'stream' });
  app.withTypeProvider<ZodTypeProvider>().get('/portal/api/chat/stream', {
    config: { public: true },
    schema: {
      tags: ['debtor portal'], security: [],
      summary: 'The chat\'s answers pushed as they are recorded (text/event-stream): `chat` events of new lines, `end` when the link or session is over',
      description: 'Each `chat` event\'s data is `{ lines, reset, agent, with_person, pending, last }` (lines after the page\'s cursor, in the order recorded; `reset`: the whole chat instead) and its id the cursor after them; '
        + 'a reconnect sends it back as Last-Event-ID (or the page names its last line, or the chat\'s `cursor`, in `after`). A comment every heartbeat. 429 with `field` `stream` past the open streams allowed per session (across API processes) or in all (on this process).',
      querystring: z.object({ after: z.string().min(1).max(MAX_CURSOR).optional() }),
      response: { ...errorResponses },
    },
  }, async (req, reply) => {
    const a = accessOf(req);
    const session = readCookie(req, SESSION_COOKIE);
    const key = portalStreamKey(a, session);
    if (open.size >= limits.overall) return tooMany(reply, 'too many open chat streams; the page asks again instead');
    const inOrg = <T>(fn: () => Promise<T>) => withOrg(a.orgId, fn);
    let slot: ChatSlot | null = await inOrg(() => slots.take(deps.db, a.orgId, key));
    if (!slot) return tooMany(reply, `at most ${limits.perSession} open chat streams per session`);
    const header = req.headers['last-event-id'];
    const from = streamFrom(typeof header === 'string' && header.length > 0 && header.length <= MAX_CURSOR ? header : req.query.after);
    const out = new PassThrough();
    const renew = async () => {
      if (slot && await inOrg(() => slots.renew(deps.db, a.orgId, key, slot!))) return true;
      slot = await inOrg(() => slots.take(deps.db, a.orgId, key));
      return slot !== null;
    };
    const s = openStream(deps, a, session, from, out, renew);
    let closed!: () => void;
    const entry: Stream = { end: s.end, closed: new Promise((ok) => { closed = ok; }) };
    open.add(entry);
    const unfollow = await push.follow(a.orgId, a.customerId, () => { void s.pump(); });
    const timer = setInterval(() => { void s.beat(); }, limits.heartbeatMs);
    timer.unref();
    let done = false;
    const close = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      unfollow();
      open.delete(entry);
      s.end('shutdown');
      const held = slot;
      void (held ? inOrg(() => slots.release(deps.db, a.orgId, key, held)).catch(() => {}) : Promise.resolve()).finally(closed);
    };
    out.on('close', close);
    req.raw.on('close', close);
    out.write(`retry: ${RETRY_MS}\n\n`);
    // what was recorded since the page's last line, then whatever the notifications bring
    void s.pump();
    // a stream, not a JSON body: sent as it is, past the typed replies' serialiser
    return (reply as FastifyReply).type('text/event-stream; charset=utf-8').header('x-accel-buffering', 'no').send(out);
  });
}
