// The worker's event retention sweep: events of every org past COBRO_EVENT_RETENTION_DAYS deleted, a bounded batch a round.
import { asSystem, type Db } from '../db/index.ts';
import { EVENT_RETENTION_DAYS, purgeEvents } from '../events/index.ts';

export interface EventRetentionDeps {
  db: Db;
  log: { info(o: object, msg: string): void; error(o: object, msg: string): void };
  /** COBRO_EVENT_RETENTION_DAYS (90 unless set). */
  eventRetentionDays?: number;
}

/** Deletes the oldest events past the retention (at most ten batches of 1,000); failures are logged, the round goes on. */
export async function eventRetentionRound(o: EventRetentionDeps, now: Date): Promise<void> {
  const r = await asSystem('old events of every org are deleted in one sweep', () => purgeEvents(o.db, o.eventRetentionDays ?? EVENT_RETENTION_DAYS, now))
    .catch((err: unknown) => { o.log.error({ err }, 'event retention failed'); return null; });
  if (r?.events) o.log.info({ event_retention: r }, 'old events deleted');
}
