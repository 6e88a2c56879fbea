// The portal chat's push within one process: which open chat streams follow which customer, told when an answer for that
// customer is recorded. The database says so (migration 126 NOTIFYs cobro_portal_chat with ids only, from any process
// on PostgreSQL; PGlite in this process); after a lost connection every stream is told to read again.
import type { Db } from '../db/index.ts';

export const CHAT_NOTIFY_CHANNEL = 'cobro_portal_chat';

export interface ChatPush {
  /** fn runs when the customer's chat may have a new answer; resolves to the function that stops it. */
  follow(orgId: string, customerId: string, fn: () => void): Promise<() => void>;
  /** Whether the database tells this process (false on a stand-in without LISTEN: streams then read at each heartbeat). */
  readonly live: boolean;
  close(): Promise<void>;
}

const key = (orgId: string, customerId: string) => `${orgId} ${customerId}`;

export function chatPush(db: Pick<Db, 'listen'>): ChatPush {
  const followers = new Map<string, Set<() => void>>();
  let stop: Promise<(() => Promise<void>) | null> | null = null;
  const tell = (fns: Iterable<() => void>) => {
    for (const fn of [...fns]) {
      try { fn(); } catch { /* one stream's failure leaves the others told */ }
    }
  };
  const heard = (payload: string | null) => {
    if (payload === null) { for (const set of followers.values()) tell(set); return; }
    // "<org id> <customer id> <answer id>": only that customer's streams are told
    const [orgId, customerId] = payload.split(' ');
    const set = orgId && customerId ? followers.get(key(orgId, customerId)) : undefined;
    if (set) tell(set);
  };
  return {
    live: Boolean(db.listen),
    async follow(orgId, customerId, fn) {
      const k = key(orgId, customerId);
      let set = followers.get(k);
      if (!set) { set = new Set(); followers.set(k, set); }
      set.add(fn);
      stop ??= db.listen ? db.listen(CHAT_NOTIFY_CHANNEL, heard).catch(() => { stop = null; return null; }) : Promise.resolve(null);
      await stop;
      return () => {
        set.delete(fn);
        if (set.size === 0 && followers.get(k) === set) followers.delete(k);
      };
    },
    async close() {
      followers.clear();
      const s = await stop;
      stop = null;
      await s?.().catch(() => {});
    },
  };
}
