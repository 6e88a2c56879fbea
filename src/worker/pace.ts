// Per-provider-account rate limits in the dispatcher: send slots taken in the database (so every worker process shares
// them) right before each provider call, the wait on a timer (no busy-waiting), and what does not fit in the horizon put back.
import type { Db } from '../db/index.ts';
import { reserveSlots, type ChannelAdapter, type SlotGrant } from '../channels/index.ts';
import { setStatus } from './queue.ts';

/** How far ahead a pass reserves slots: a message waits at most this long in `sending` before its turn. */
export const PACE_HORIZON_MS = 20_000;

/**
 * Takes up to `wanted` slots of the account, one short transaction whatever their number. The clock is read once the
 * account's row is locked: a sender that read it before waiting for the lock could come after one that read it later,
 * and find the horizon already spent (its `now` behind the slots that sender took).
 */
export async function reserveAccountSlots(db: Db, account: string, perSecond: number, wanted: number, clock: () => Date, horizonMs: number): Promise<SlotGrant> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO provider_rate_slots (account, next_slot_at) VALUES ($1, $2) ON CONFLICT (account) DO NOTHING', [account, clock()]);
    const [row] = await tx.query<{ next_slot_at: string }>('SELECT next_slot_at FROM provider_rate_slots WHERE account = $1 FOR UPDATE', [account]);
    const g = reserveSlots(row ? Date.parse(row.next_slot_at) : null, clock().getTime(), wanted, perSecond, horizonMs);
    if (g.granted > 0) await tx.query('UPDATE provider_rate_slots SET next_slot_at = $2 WHERE account = $1', [account, new Date(Math.ceil(g.nextSlotAt))]);
    return g;
  });
}

export interface PaceItem<M> { message: M; adapter: ChannelAdapter }

/**
 * Admits the batch's rate-limited messages that fit in the horizon of their account's free slots (read, not taken:
 * each send takes its own slot right before the call, so a late send never bunches with the next). The rest go back
 * to `deferred` (attempts restored) until the account's next free slot.
 */
export async function admitBatch<M extends { id: string; attempts: number }>(
  deps: { db: Db; now: () => Date; paceHorizonMs?: number }, items: PaceItem<M>[], passNow: Date,
): Promise<{ admitted: PaceItem<M>[]; deferred: number }> {
  const admitted: PaceItem<M>[] = [];
  const byAccount = new Map<string, PaceItem<M>[]>();
  for (const it of items) {
    const account = it.adapter.rate?.account;
    if (!account) admitted.push(it);
    else if (byAccount.has(account)) byAccount.get(account)!.push(it);
    else byAccount.set(account, [it]);
  }
  let deferred = 0;
  for (const [account, group] of byAccount) {
    const perSecond = group[0]!.adapter.rate!.perSecond;
    const [row] = await deps.db.query<{ next_slot_at: string }>('SELECT next_slot_at FROM provider_rate_slots WHERE account = $1', [account]);
    const g = reserveSlots(row ? Date.parse(row.next_slot_at) : null, deps.now().getTime(), group.length, perSecond, deps.paceHorizonMs ?? PACE_HORIZON_MS);
    admitted.push(...group.slice(0, g.granted));
    for (const it of group.slice(g.granted)) {
      await deferForRate(deps.db, it.message, account, perSecond, g.nextSlotAt, passNow);
      deferred++;
    }
  }
  return { admitted, deferred };
}

async function deferForRate(db: Db, m: { id: string; attempts: number }, account: string, perSecond: number, at: number, passNow: Date): Promise<void> {
  await setStatus(db, m.id, 'deferred', passNow, { reason: `RATE_LIMITED: ${account} takes ${perSecond} a second`,
    nextAttemptAt: new Date(Math.ceil(at)), attempts: m.attempts - 1 });
}

/**
 * Right before the provider call: takes the account's next slot and waits for it on a timer. False when another sender
 * took the slots up to the horizon meanwhile: the message is then put back to wait, not sent.
 */
export async function takeSlot(deps: { db: Db; now: () => Date; paceHorizonMs?: number }, adapter: ChannelAdapter,
  m: { id: string; attempts: number }, passNow: Date): Promise<boolean> {
  if (!adapter.rate) return true;
  const { account, perSecond } = adapter.rate;
  const g = await reserveAccountSlots(deps.db, account, perSecond, 1, deps.now, deps.paceHorizonMs ?? PACE_HORIZON_MS);
  if (g.granted === 0) {
    await deferForRate(deps.db, m, account, perSecond, g.nextSlotAt, passNow);
    return false;
  }
  await untilSlot(deps.now, g.firstAt);
  return true;
}

const accounts = new Map<string, { turn: Promise<void>; last: number }>();

/**
 * The last guard, at the provider call itself: in this process, calls to one account start a full interval apart in
 * real time, one after the other, even when an earlier send was late for its slot (a cold connection, a slow write).
 */
export async function spaced<T>(adapter: ChannelAdapter, call: () => Promise<T>): Promise<T> {
  if (!adapter.rate) return call();
  const { account, perSecond } = adapter.rate;
  const state = accounts.get(account) ?? { turn: Promise.resolve(), last: -Infinity };
  accounts.set(account, state);
  let done!: () => void;
  const mine = new Promise<void>((resolve) => { done = resolve; });
  const before = state.turn;
  state.turn = before.then(() => mine);
  await before;
  const wait = state.last + 1000 / perSecond - Date.now();
  if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(wait)));
  state.last = Date.now();
  // the call starts now, in this same turn; the next caller's interval counts from here
  try { return call(); } finally { done(); }
}

/** Waits, on a timer, until the slot's instant on the dispatcher's clock. */
export async function untilSlot(now: () => Date, at: number): Promise<void> {
  const wait = at - now().getTime();
  if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(wait)));
}
