// LISTEN on PostgreSQL: one connection of its own per database handle (a pooled one would be handed to other work),
// opened at the first listener, reconnected with backoff when the server cuts it, ended with the handle.
import pg from 'pg';

type Fn = (payload: string | null) => void;

const quoted = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`channel ${JSON.stringify(channel)} is not a plain name`);
  return channel;
};

export interface PgListener {
  listen(channel: string, fn: Fn): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** `applicationName` names the connection in pg_stat_activity. */
export function pgListener(url: string, applicationName = 'cobro-listen'): PgListener {
  const channels = new Map<string, Set<Fn>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let delay = 500;

  const dispatch = (channel: string, payload: string | null) => {
    for (const fn of channels.get(channel) ?? []) {
      try { fn(payload); } catch { /* one listener's bug does not stop the others */ }
    }
  };

  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, application_name: applicationName });
    c.on('notification', (n) => dispatch(n.channel, n.payload ?? ''));
    c.on('error', () => {});
    c.on('end', () => {
      if (client !== c || closed) return;
      client = null;
      connecting = null;
      // reconnected, every listener hears null: what was notified meanwhile may be missed, so each reads again
      setTimeout(() => { void connect().then(() => { for (const ch of channels.keys()) dispatch(ch, null); }, () => {}); }, delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
    await c.connect();
    for (const ch of channels.keys()) await c.query(`LISTEN ${quoted(ch)}`);
    delay = 500;
    return c;
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= open().then((c) => {
      if (closed) { void c.end(); throw new Error('the database handle is closed'); }
      client = c;
      return c;
    }, (e: unknown) => {
      connecting = null;
      if (!closed) setTimeout(() => { void connect().then(() => { for (const ch of channels.keys()) dispatch(ch, null); }, () => {}); }, delay).unref();
      delay = Math.min(delay * 2, 30_000);
      throw e;
    });
    return connecting;
  };

  return {
    async listen(channel, fn) {
      const name = quoted(channel);
      let set = channels.get(name);
      const first = !set;
      if (!set) { set = new Set(); channels.set(name, set); }
      set.add(fn);
      const c = await connect();
      if (first && c === client) await c.query(`LISTEN ${name}`);
      return async () => {
        set.delete(fn);
        if (set.size > 0 || channels.get(name) !== set) return;
        channels.delete(name);
        await client?.query(`UNLISTEN ${name}`).catch(() => {});
      };
    },
    async close() {
      closed = true;
      channels.clear();
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
