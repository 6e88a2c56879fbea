// The chat's pushed answers: /portal/api/chat/stream read as Server-Sent Events through fetch (an EventSource could not
// send the link's token header), opened again after a cut with the Last-Event-ID it had. While it is down (a proxy that
// holds the stream back, a refusal) the page says so through `onLive(false)` and asks again at growing intervals.
import { TOKEN } from './api.ts';
import type { ChatLine } from './types.ts';

export interface ChatUpdate { lines: ChatLine[]; reset: boolean; agent: boolean; with_person: boolean; pending: boolean; last: string | null }

export interface StreamHandlers {
  /** A `chat` event, with its id: the cursor the stream takes up from after it. */
  onChat(u: ChatUpdate, cursor: string | null): void;
  /** The link or the second factor's session is over: the stream is not opened again. */
  onEnd(reason: string): void;
  /** True while the stream is open and speaking; false while the page must ask itself. */
  onLive(live: boolean): void;
}

/** Nothing at all within this long of opening (the server writes at once): something in between holds the stream back. */
const FIRST_BYTES_MS = 10_000;
/** No heartbeat for this long (the server sends one every 20 s): the stream is taken as cut. */
const SILENT_MS = 60_000;
const RETRY_MS = { first: 3_000, max: 60_000 } as const;

function parseBlock(block: string): { event: string; id: string | null; data: string } | null {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const at = line.indexOf(':');
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, id, data: data.join('\n') } : null;
}

/** Opens the stream after `after` (the chat's cursor as the page read it); returns the function that closes it for good. */
export function followChat(after: string | null, h: StreamHandlers): () => void {
  let last = after;
  let stopped = false;
  let delay: number = RETRY_MS.first;
  let abort: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    abort = new AbortController();
    const ctl = abort;
    let watchdog = setTimeout(() => ctl.abort(), FIRST_BYTES_MS);
    const headers: Record<string, string> = { 'x-portal-token': TOKEN, accept: 'text/event-stream' };
    if (last) headers['last-event-id'] = last;
    try {
      const r = await fetch('/portal/api/chat/stream', { headers, credentials: 'same-origin', signal: ctl.signal, cache: 'no-store' });
      if (!r.ok || !r.body || !(r.headers.get('content-type') ?? '').startsWith('text/event-stream')) throw new Error(`stream answered ${r.status}`);
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => ctl.abort(), SILENT_MS);
        h.onLive(true);
        delay = RETRY_MS.first;
        buffer += value.replace(/\r\n?/g, '\n');
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const e = parseBlock(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
          if (!e) continue;
          if (e.id) last = e.id;
          if (e.event === 'chat') h.onChat(JSON.parse(e.data) as ChatUpdate, last);
          if (e.event === 'end') {
            const reason = (JSON.parse(e.data) as { reason: string }).reason;
            // a server shutting down is opened again (another process answers); an ended link or session is not
            if (reason !== 'shutdown') { stopped = true; h.onEnd(reason); }
          }
        }
      }
    } catch {
      // refused, cut or held back: the page asks itself meanwhile
    } finally {
      clearTimeout(watchdog);
    }
    if (stopped) return;
    h.onLive(false);
    retry = setTimeout(() => { void run(); }, delay);
    delay = Math.min(delay * 2, RETRY_MS.max);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(retry);
    abort?.abort();
  };
}
