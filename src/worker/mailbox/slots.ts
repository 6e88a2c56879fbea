// The cap on the mailbox connections one worker's loop holds at once: a visit takes a slot before it connects and gives it
// back when its connection closes (after its IDLE, for one kept open). Mailboxes over the cap wait first come, first
// served (the loop queues the ones read longest ago first), and each one that starts waiting while every slot is taken
// asks the loop to free one (an idling mailbox gives way and is polled until there is room again).

export interface Slots {
  /** Resolves with the function that gives the slot back, once one is free; null when `signal` aborts first. */
  take(signal: AbortSignal): Promise<(() => void) | null>;
  /** Visits waiting for a slot now. */
  waiting(): number;
  /** Slots taken now. */
  taken(): number;
}

/** The most mailbox connections a worker holds at once unless COBRO_MAILBOX_CONNECTIONS says otherwise. */
export const DEFAULT_MAILBOX_CONNECTIONS = 50;

/** `full` is called when a visit starts waiting with every slot taken. */
export function slots(max: number, full: () => void): Slots {
  if (!Number.isInteger(max) || max < 1) throw new Error(`mailbox connections: ${max} is not a whole number of at least 1`);
  let taken = 0;
  const queue: Array<(give: (() => void) | null) => void> = [];
  const giver = (): (() => void) => {
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = queue.shift();
      if (next) next(giver());
      else taken--;
    };
  };
  return {
    take(signal) {
      if (signal.aborted) return Promise.resolve(null);
      if (taken < max) { taken++; return Promise.resolve(giver()); }
      return new Promise((resolve) => {
        const wake = (give: (() => void) | null) => { signal.removeEventListener('abort', quit); resolve(give); };
        const quit = () => { const i = queue.indexOf(wake); if (i >= 0) queue.splice(i, 1); resolve(null); };
        signal.addEventListener('abort', quit, { once: true });
        queue.push(wake);
        full();
      });
    },
    waiting: () => queue.length,
    taken: () => taken,
  };
}
