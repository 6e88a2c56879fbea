// Experiments in the database: create (checking both versions exist), list, stop, and the running ones for planning.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { getStrategy, type Strategy } from '../strategy/index.ts';
import { armOf } from './assign.ts';

export interface Experiment {
  id: string; name: string; strategy_id: string; champion_version: number; challenger_version: number; share: number;
  min_per_arm: number; started_on: CalendarDate; status: 'running' | 'stopped'; created_at: string; stopped_at: string | null;
}

export interface NewExperiment { name: string; strategy_id: string; champion_version: number; challenger_version: number; share: number; min_per_arm?: number }

const COLUMNS = `id, name, strategy_id, champion_version, challenger_version, share, min_per_arm, started_on::text AS started_on, status, created_at, stopped_at`;

export async function createExperiment(q: Queryable, org: string, x: NewExperiment, today: CalendarDate, now: Date): Promise<Result<Experiment>> {
  if (x.champion_version === x.challenger_version) return fail('VALIDATION_FAILED', 'challenger_version must differ from champion_version', 'challenger_version');
  if (!(x.share > 0 && x.share < 1)) return fail('VALIDATION_FAILED', 'share must be above 0 and below 1', 'share');
  for (const [field, v] of [['champion_version', x.champion_version], ['challenger_version', x.challenger_version]] as const) {
    const s = await getStrategy(q, org, x.strategy_id, v);
    if (!s.ok) return fail('NOT_FOUND', `no strategy ${x.strategy_id} version ${v}`, field);
  }
  const [running] = await q.query<{ id: string }>(`SELECT id FROM experiments WHERE org_id = $1 AND strategy_id = $2 AND status = 'running'`, [org, x.strategy_id]);
  if (running) return fail('CONFLICT', `experiment ${running.id} is already running on strategy ${x.strategy_id}; stop it first`, 'strategy_id');
  const [row] = await q.query<Experiment>(`INSERT INTO experiments (id, org_id, name, strategy_id, champion_version, challenger_version, share, min_per_arm, started_on, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
  [newId('experiment', now.getTime()), org, x.name, x.strategy_id, x.champion_version, x.challenger_version, x.share, x.min_per_arm ?? 30, today, now.toISOString()]);
  return ok(row!);
}

export async function listExperiments(q: Queryable, org: string): Promise<Experiment[]> {
  return q.query<Experiment>(`SELECT ${COLUMNS} FROM experiments WHERE org_id = $1 ORDER BY created_at DESC, id DESC`, [org]);
}

export async function getExperiment(q: Queryable, org: string, id: string): Promise<Result<Experiment>> {
  const [row] = await q.query<Experiment>(`SELECT ${COLUMNS} FROM experiments WHERE org_id = $1 AND id = $2`, [org, id]);
  return row ? ok(row) : fail('NOT_FOUND', `no experiment ${id}`, 'id');
}

export async function stopExperiment(q: Queryable, org: string, id: string, now: Date): Promise<Result<Experiment>> {
  const [row] = await q.query<Experiment>(`UPDATE experiments SET status = 'stopped', stopped_at = $3 WHERE org_id = $1 AND id = $2 AND status = 'running'
    RETURNING ${COLUMNS}`, [org, id, now.toISOString()]);
  return row ? ok(row) : fail('NOT_FOUND', `no running experiment ${id}`, 'id');
}

/** Picks the version a customer is planned with under a strategy: the arm's when an experiment runs on it. */
export type ArmVersion = (strategyId: string, customerId: string) => Strategy | undefined;

/** The org's running experiments as an ArmVersion for the engine; undefined when none runs. */
export async function experimentVersions(q: Queryable, org: string): Promise<ArmVersion | undefined> {
  const rows = await q.query<{ id: string; strategy_id: string; share: number; champion: Strategy; challenger: Strategy }>(
    `SELECT e.id, e.strategy_id, e.share, a.definition AS champion, b.definition AS challenger FROM experiments e
     JOIN strategies a ON a.org_id = e.org_id AND a.id = e.strategy_id AND a.version = e.champion_version
     JOIN strategies b ON b.org_id = e.org_id AND b.id = e.strategy_id AND b.version = e.challenger_version
     WHERE e.org_id = $1 AND e.status = 'running'`, [org]);
  if (rows.length === 0) return undefined;
  const byStrategy = new Map(rows.map((r) => [r.strategy_id, r]));
  return (strategyId, customerId) => {
    const e = byStrategy.get(strategyId);
    if (!e) return undefined;
    return armOf(e.id, customerId, Number(e.share)) === 'challenger' ? e.challenger : e.champion;
  };
}
