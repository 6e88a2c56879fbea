// A Server-Sent Events reader for tests: opens a stream over HTTP, collects its events (comments counted apart) and
// waits for one that matches, failing with what it got when none comes in time.
import http from 'node:http';

export interface SseEvent { event: string; id: string | null; data: unknown }

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  /** Comment lines (heartbeats) seen so far. */
  comments: number;
  closed: boolean;
  /** The first event (from `from` on) that matches, waiting at most `ms`. */
  next(match: (e: SseEvent) => boolean, ms?: number, from?: number): Promise<SseEvent>;
  /** Resolves once the server ended the stream, failing after `ms`. */
  ended(ms?: number): Promise<void>;
  /** The body, for an answer that is not a stream (an error's JSON). */
  body(): string;
  close(): void;
}

export function openSse(base: string, path: string, headers: Record<string, string>): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      let raw = '';
      const waiters = new Set<() => void>();
      const wake = () => { for (const w of [...waiters]) w(); };
      const s: SseStream = {
        status: res.statusCode ?? 0, headers: res.headers, events: [], comments: 0, closed: false,
        next(match, ms = 5_000, from = 0) {
          return new Promise((ok, fail) => {
            const look = () => {
              const found = s.events.slice(from).find(match);
              if (found) { waiters.delete(look); clearTimeout(timer); ok(found); }
            };
            const timer = setTimeout(() => { waiters.delete(look); fail(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(s.events)}`)); }, ms);
            waiters.add(look);
            look();
          });
        },
        ended(ms = 5_000) {
          return new Promise((ok, fail) => {
            const look = () => { if (s.closed) { waiters.delete(look); clearTimeout(timer); ok(); } };
            const timer = setTimeout(() => { waiters.delete(look); fail(new Error(`the stream stayed open ${ms} ms; got ${JSON.stringify(s.events)}`)); }, ms);
            waiters.add(look);
            look();
          });
        },
        body: () => raw,
        close: () => { req.destroy(); },
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const e: { event: string; id: string | null; data: string[] } = { event: 'message', id: null, data: [] };
          let comment = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) { comment = true; continue; }
            const [field, ...rest] = line.split(': ');
            const value = rest.join(': ');
            if (field === 'event') e.event = value;
            else if (field === 'id') e.id = value;
            else if (field === 'data') e.data.push(value);
          }
          if (comment && e.data.length === 0) s.comments += 1;
          else if (e.data.length > 0) s.events.push({ event: e.event, id: e.id, data: JSON.parse(e.data.join('\n')) as unknown });
        }
        wake();
      });
      res.on('close', () => { s.closed = true; wake(); });
      resolve(s);
    });
    req.on('error', reject);
  });
}
