// Who holds a mailbox (imap_mailboxes.held_by): this worker's identity, and whether a holder found on a mailbox is known
// to be gone (crashed, or restarted without letting go), so that its lease need not run out before another takes over.
// Where nothing can tell (another machine), it cannot be known: the lease's timeout stays the rule.
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface Holder { place: string; pid: number; proc: string; loop: string }

/** The machine as processes on it see each other: its host name and PID namespace (another container is another place). */
function placeOf(): string {
  let ns = '';
  try { ns = readlinkSync('/proc/self/ns/pid'); } catch { /* not Linux: the host name alone */ }
  return `${hostname()}${ns ? ` ${ns}` : ''}`;
}

const PLACE = placeOf();
const PROC = randomUUID();
/** The mailbox loops running in this process now (a holder of this process not among them has stopped). */
const running = new Set<string>();

/** This machine, as a holder names it. */
export const THIS_MACHINE = PLACE;

export function newHolder(): Holder {
  const h = { place: PLACE, pid: process.pid, proc: PROC, loop: randomUUID() };
  running.add(h.loop);
  return h;
}

export function endHolder(h: Holder): void {
  running.delete(h.loop);
}

function isRunning(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * Whether the holder recorded on a mailbox is known to be gone: a loop of this process that has stopped; on embedded
 * PGlite, any other process (the data folder is opened by one process at a time); on this machine, an earlier process
 * under this process's id (a restarted container's PID 1) or a process id no longer running. Otherwise false.
 */
export function holderGone(heldBy: string | null, embedded: boolean): boolean {
  if (!heldBy) return false;
  let h: Partial<Holder>;
  try { h = JSON.parse(heldBy) as Partial<Holder>; } catch { return false; }
  if (h.proc === PROC) return !running.has(h.loop ?? '');
  if (embedded) return true;
  if (h.place !== PLACE || typeof h.pid !== 'number') return false;
  return h.pid === process.pid || !isRunning(h.pid);
}
