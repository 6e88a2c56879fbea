// Strategies (versioned) and segments (ordered) in the database, with the defaults seeded lazily per org.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { DEFAULT_SEGMENTS, DEFAULT_STRATEGIES } from './defaults.ts';
import { SegmentListSchema, type Segment } from './segment.ts';
import { parseStrategy, type Strategy } from './strategy.ts';

export interface StoredStrategy {
  id: string;
  version: number;
  name: string;
  active: boolean;
  created_at: string;
  definition: Strategy;
}

const STRATEGY_COLUMNS = 'id, version, name, active, created_at, definition';

/** Seeds the default strategies and segments into an org that has none; safe from two processes at once. */
export async function ensureDefaults(q: Queryable, orgId: string): Promise<void> {
  const [row] = await q.query<{ s: boolean; g: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM strategies WHERE org_id = $1) AS s, EXISTS (SELECT 1 FROM segments WHERE org_id = $1) AS g`, [orgId]);
  if (!row?.s) {
    await q.query(
      `INSERT INTO strategies (org_id, id, version, name, definition, active)
       SELECT $1, x.id, x.version, x.name, x.definition, true
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, version int, name text, definition jsonb)
       ON CONFLICT DO NOTHING`,
      [orgId, JSON.stringify(DEFAULT_STRATEGIES.map((s) => ({ id: s.id, version: s.version, name: s.name, definition: s })))]);
  }
  if (!row?.g) await writeSegments(q, orgId, DEFAULT_SEGMENTS, true);
}

async function writeSegments(q: Queryable, orgId: string, segments: readonly Segment[], onlyIfEmpty: boolean): Promise<void> {
  if (!onlyIfEmpty) await q.query('DELETE FROM segments WHERE org_id = $1', [orgId]);
  await q.query(
    `INSERT INTO segments (org_id, id, position, name, strategy_id, rule)
     SELECT $1, x.id, x.position, x.name, x.strategy_id, x.rule
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, position int, name text, strategy_id text, rule jsonb)
     ON CONFLICT DO NOTHING`,
    [orgId, JSON.stringify(segments.map((s, i) => ({ id: s.id, position: i + 1, name: s.name, strategy_id: s.strategyId, rule: s.when })))]);
}

/** Every version of every strategy, newest version first within each id. */
export async function listStrategies(q: Queryable, orgId: string, opts: { activeOnly?: boolean } = {}): Promise<StoredStrategy[]> {
  await ensureDefaults(q, orgId);
  return q.query<StoredStrategy>(
    `SELECT ${STRATEGY_COLUMNS} FROM strategies WHERE org_id = $1 ${opts.activeOnly ? 'AND active' : ''}
     ORDER BY id, version DESC`, [orgId]);
}

/** The active version of each strategy, for planning; the defaults when the org has none stored (no write). */
export async function activeStrategies(q: Queryable, orgId: string): Promise<Map<string, Strategy>> {
  const rows = await q.query<{ definition: Strategy }>('SELECT definition FROM strategies WHERE org_id = $1 AND active', [orgId]);
  const list = rows.length > 0 ? rows.map((r) => r.definition) : [...DEFAULT_STRATEGIES];
  return new Map(list.map((s) => [s.id, s]));
}

/** One strategy: the version asked, or the active one (else the newest). */
export async function getStrategy(q: Queryable, orgId: string, id: string, version?: number): Promise<Result<StoredStrategy>> {
  await ensureDefaults(q, orgId);
  const rows = await q.query<StoredStrategy>(
    `SELECT ${STRATEGY_COLUMNS} FROM strategies WHERE org_id = $1 AND id = $2 AND ($3::int IS NULL OR version = $3)
     ORDER BY active DESC, version DESC LIMIT 1`, [orgId, id, version ?? null]);
  return rows[0] ? ok(rows[0]) : fail('NOT_FOUND', `no strategy ${id}${version ? ` version ${version}` : ''}`, 'id');
}

/**
 * Saves a new version of a strategy (the next number after the newest stored), inactive unless asked:
 * cases keep planning with the active version until another is activated.
 */
export async function createStrategyVersion(
  q: Queryable, orgId: string, input: unknown, opts: { activate?: boolean; check?: ActivationCheck } = {},
): Promise<Result<StoredStrategy>> {
  await ensureDefaults(q, orgId);
  const idOf = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '';
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`strategy:${orgId}:${idOf}`]);
  const [last] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM strategies WHERE org_id = $1 AND id = $2', [orgId, idOf]);
  const version = (last?.v ?? 0) + 1;
  const parsed = parseStrategy({ ...(input as object), version });
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  await q.query(
    `INSERT INTO strategies (org_id, id, version, name, definition, active) VALUES ($1,$2,$3,$4,$5,false)`,
    [orgId, s.id, s.version, s.name, JSON.stringify(s)]);
  if (opts.activate || version === 1) return activateStrategy(q, orgId, s.id, s.version, opts.check);
  return getStrategy(q, orgId, s.id, s.version);
}

/** What must hold before a version is made active (the texts its steps send pass the template lints); a failure refuses it. */
export type ActivationCheck = (q: Queryable, orgId: string, s: Strategy) => Promise<Result<unknown>>;

/** Makes one version the active one of its strategy, once `check` (if given) passes. */
export async function activateStrategy(q: Queryable, orgId: string, id: string, version: number, check?: ActivationCheck): Promise<Result<StoredStrategy>> {
  const found = await getStrategy(q, orgId, id, version);
  if (!found.ok) return found;
  if (check) {
    const checked = await check(q, orgId, found.value.definition);
    if (!checked.ok) return checked;
  }
  await q.query('UPDATE strategies SET active = false WHERE org_id = $1 AND id = $2 AND active AND version <> $3', [orgId, id, version]);
  await q.query('UPDATE strategies SET active = true WHERE org_id = $1 AND id = $2 AND version = $3', [orgId, id, version]);
  return getStrategy(q, orgId, id, version);
}

/** The segments in order; the defaults when the org has none stored (no write). */
export async function loadSegments(q: Queryable, orgId: string): Promise<Segment[]> {
  const rows = await q.query<{ id: string; name: string; strategy_id: string; rule: Segment['when'] }>(
    'SELECT id, name, strategy_id, rule FROM segments WHERE org_id = $1 ORDER BY position', [orgId]);
  if (rows.length === 0) return [...DEFAULT_SEGMENTS];
  return rows.map((r) => ({ id: r.id, name: r.name, strategyId: r.strategy_id, when: r.rule }));
}

export async function listSegments(q: Queryable, orgId: string): Promise<Segment[]> {
  await ensureDefaults(q, orgId);
  return loadSegments(q, orgId);
}

/**
 * The checks an ordered list of segments must pass before it is stored or simulated: the list's schema, ids that do not
 * repeat, at least one segment, and every segment naming one of the active strategies `known`. A refusal names the field
 * as `N.field` (the segment's index), after `prefix` (`segments.` for a simulation's body).
 */
export function checkSegments(input: unknown, known: ReadonlySet<string>, prefix = ''): Result<Segment[]> {
  const parsed = SegmentListSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.join('.') ?? '';
    return fail('VALIDATION_FAILED', first?.message ?? 'invalid segments', path ? `${prefix}${path}` : prefix.replace(/\.$/, '') || undefined);
  }
  if (parsed.data.length === 0) return fail('VALIDATION_FAILED', 'at least one segment is needed', 'segments');
  const unknown = parsed.data.findIndex((s) => !known.has(s.strategyId));
  if (unknown >= 0) return fail('VALIDATION_FAILED', `no active strategy ${parsed.data[unknown]!.strategyId}`, `${prefix}${unknown}.strategyId`);
  return ok(parsed.data);
}

/** Replaces the ordered list; every segment must name a strategy the org has. */
export async function replaceSegments(q: Queryable, orgId: string, input: unknown): Promise<Result<Segment[]>> {
  await ensureDefaults(q, orgId);
  const known = new Set((await q.query<{ id: string }>('SELECT DISTINCT id FROM strategies WHERE org_id = $1 AND active', [orgId])).map((r) => r.id));
  const checked = checkSegments(input, known);
  if (!checked.ok) return checked;
  await writeSegments(q, orgId, checked.value, false);
  return ok(await loadSegments(q, orgId));
}
