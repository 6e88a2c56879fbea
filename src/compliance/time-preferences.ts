// Which of a debtor's stated contact times still hold once they state new ones: a newer time replaces the older ones it
// contradicts, on the channels they share, and an older one said again stays as it is. Pure: the stored times in, the
// times to keep and those replaced out.
//
// Two kinds of time: whole days ("weekdays only", "no calls on weekends", "you can call Tuesdays") and times of day, on
// every day or some ("call me after 6pm", "mornings only", "don't call me on weekdays after 5"). Only a time of the same
// kind is replaced:
// - a permission ("call me after 6pm", "mornings only", "you can call Tuesdays") says the whole of when contact is welcome,
//   so it replaces every older time of its kind on the channels it names (none named: every channel);
// - a forbiddance ("don't call me before 9", "no calls on weekdays") adds to the older ones, except where the two together
//   would leave no time in the week on a channel ("mornings only" then "don't call me in the morning"): there the older
//   times of its kind give way.
// An older time said of more channels than the newer one is kept for the others ("mornings only" then "call me after 6pm":
// mornings for texts and emails, after 6pm for calls).
import type { LedgerChannel } from './store/channels.ts';

/** A stated time as the contact profile keeps it: ISO weekdays (absent: every day), local HH:MM, channels (absent: all). */
export interface StoredTime { weekdays?: number[]; from: string; to: string; channels?: LedgerChannel[] }
/** The times one clause of a reply states, and whether it allows them ("call me after 6pm") or forbids them. */
export interface StatedTimes { allows: boolean; times: readonly StoredTime[] }

const ALL: readonly LedgerChannel[] = ['email', 'sms', 'whatsapp', 'voice'];
const WEEK = [1, 2, 3, 4, 5, 6, 7];
/** Slots the week is checked in for "no time left": a quarter of an hour. */
const SLOT = 15;

const channelsOf = (t: StoredTime): readonly LedgerChannel[] => t.channels ?? ALL;
const kindOf = (t: StoredTime) => (t.weekdays && t.from === '00:00' && t.to === '00:00' ? 'days' : 'hours');
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
export const timeKey = (t: StoredTime): string => `${(t.weekdays ?? []).join(',')}/${t.from}/${t.to}/${[...channelsOf(t)].sort().join(',')}`;

/** Whether a stored time covers a minute of a weekday (an evening span runs on to midnight). */
function covers(t: StoredTime, day: number, minute: number): boolean {
  if (t.weekdays && !t.weekdays.includes(day)) return false;
  const from = minutes(t.from), to = minutes(t.to);
  if (from === to) return from === 0;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Whether the times leave no quarter of an hour in the week on the channel. */
function leaveNoTime(times: readonly StoredTime[], channel: LedgerChannel): boolean {
  const on = times.filter((t) => channelsOf(t).includes(channel));
  return WEEK.every((day) => Array.from({ length: 1440 / SLOT }, (_, i) => i * SLOT).every((m) => on.some((t) => covers(t, day, m))));
}

/** The channels of each older time that a reply's statements take over. */
function takenOver(older: readonly StoredTime[], said: readonly StatedTimes[]): Map<StoredTime, Set<LedgerChannel>> {
  const taken = new Map<StoredTime, Set<LedgerChannel>>();
  const take = (t: StoredTime, c: LedgerChannel) => taken.set(t, (taken.get(t) ?? new Set()).add(c));
  for (const kind of ['days', 'hours'] as const) {
    const same = older.filter((t) => kindOf(t) === kind);
    const allowed = said.filter((s) => s.allows).flatMap((s) => s.times).filter((t) => kindOf(t) === kind);
    for (const c of ALL.filter((ch) => allowed.some((t) => channelsOf(t).includes(ch)))) {
      for (const t of same) if (channelsOf(t).includes(c)) take(t, c);
    }
    const forbidden = said.filter((s) => !s.allows).flatMap((s) => s.times).filter((t) => kindOf(t) === kind);
    for (const c of ALL.filter((ch) => forbidden.some((t) => channelsOf(t).includes(ch)))) {
      if (!leaveNoTime([...older, ...forbidden], c)) continue;
      for (const t of same) if (channelsOf(t).includes(c)) take(t, c);
    }
  }
  return taken;
}

/**
 * The stated times that hold after a reply: the older ones it does not replace (narrowed to the channels it leaves them),
 * then its own, each once; and the older ones replaced, as they were.
 */
export function replaceStatedTimes(older: readonly StoredTime[], said: readonly StatedTimes[]): { times: StoredTime[]; replaced: StoredTime[] } {
  const repeated = new Set(said.flatMap((s) => s.times).map(timeKey));
  const taken = takenOver(older.filter((t) => !repeated.has(timeKey(t))), said);
  const kept: StoredTime[] = [], replaced: StoredTime[] = [];
  for (const t of older) {
    const gone = taken.get(t);
    if (!gone) { kept.push(t); continue; }
    replaced.push(t);
    const left = channelsOf(t).filter((c) => !gone.has(c));
    if (left.length > 0) kept.push({ ...t, channels: left });
  }
  const times: StoredTime[] = [];
  const seen = new Set<string>();
  for (const t of [...kept, ...said.flatMap((s) => s.times)]) {
    const k = timeKey(t);
    if (!seen.has(k)) { seen.add(k); times.push(t); }
  }
  return { times, replaced };
}
