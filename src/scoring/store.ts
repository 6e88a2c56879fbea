// Model versions (one active per org, each kept with its evaluation), scoring runs, and reading the latest scores.
import type { Db, Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import type { Reason } from './types.ts';
import type { ModelKind, ScoringModel } from './model.ts';
import type { Evaluation } from './train.ts';

export interface ModelVersion {
  id: string;
  version: number;
  kind: ModelKind;
  trained_as_of: string;
  trained_at: string;
  active: boolean;
  evaluation: Evaluation;
}

/** Stores a new version and makes it the active one. */
export async function saveModel(db: Db, org: string, model: ScoringModel, evaluation: Evaluation, now: Date): Promise<ModelVersion> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT id FROM orgs WHERE id = $1 FOR UPDATE', [org]);
    const [{ next } = { next: 1 }] = await tx.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM score_models WHERE org_id = $1', [org]);
    await tx.query('UPDATE score_models SET active = false WHERE org_id = $1 AND active', [org]);
    const id = newId('scoreModel', now.getTime());
    const [row] = await tx.query<ModelVersion>(`INSERT INTO score_models (id, org_id, version, kind, trained_as_of, trained_at, model, evaluation, active)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
      RETURNING id, version, kind, trained_as_of::text, trained_at, active, evaluation`,
    [id, org, next, model.late.kind, model.trainedAsOf, now.toISOString(), JSON.stringify(model), JSON.stringify(evaluation)]);
    return row!;
  });
}

export async function activeModel(db: Queryable, org: string): Promise<(ModelVersion & { model: ScoringModel }) | null> {
  const [row] = await db.query<ModelVersion & { model: ScoringModel }>(`SELECT id, version, kind, trained_as_of::text, trained_at, active, evaluation, model
    FROM score_models WHERE org_id = $1 AND active`, [org]);
  return row ?? null;
}

export async function listModels(db: Queryable, org: string): Promise<ModelVersion[]> {
  return db.query<ModelVersion>(`SELECT id, version, kind, trained_as_of::text, trained_at, active, evaluation
    FROM score_models WHERE org_id = $1 ORDER BY version DESC`, [org]);
}

export interface ScoreRun { id: string; model_id: string; as_of: string; status: string; invoices: number; started_at: string; finished_at: string | null }

export async function startRun(db: Queryable, org: string, modelId: string, asOf: string, now: Date): Promise<string> {
  const id = newId('scoreRun', now.getTime());
  await db.query(`INSERT INTO score_runs (id, org_id, model_id, as_of, status, started_at) VALUES ($1, $2, $3, $4, 'running', $5)`,
    [id, org, modelId, asOf, now.toISOString()]);
  return id;
}

/** Marks the run done and drops the scores of all but the org's two latest finished runs. */
export async function finishRun(db: Db, org: string, runId: string, invoices: number, now: Date): Promise<void> {
  await db.query(`UPDATE score_runs SET status = 'done', invoices = $3, finished_at = $4 WHERE org_id = $1 AND id = $2`, [org, runId, invoices, now.toISOString()]);
  const old = await db.query<{ id: string }>(`SELECT id FROM score_runs WHERE org_id = $1 AND status <> 'running' AND id <> $2
    ORDER BY started_at DESC, id DESC OFFSET 1`, [org, runId]);
  if (old.length) {
    await db.query('DELETE FROM scores WHERE run_id = ANY($1::text[])', [old.map((r) => r.id)]);
    await db.query('DELETE FROM score_run_bands WHERE org_id = $1 AND run_id = ANY($2::text[])', [org, old.map((r) => r.id)]);
  }
}

export async function failRun(db: Queryable, org: string, runId: string, now: Date): Promise<void> {
  await db.query(`UPDATE score_runs SET status = 'failed', finished_at = $3 WHERE org_id = $1 AND id = $2`, [org, runId, now.toISOString()]);
  await db.query('DELETE FROM scores WHERE run_id = $1', [runId]);
  await db.query('DELETE FROM score_run_bands WHERE org_id = $1 AND run_id = $2', [org, runId]);
}

export async function latestRun(db: Queryable, org: string): Promise<ScoreRun | null> {
  const [r] = await db.query<ScoreRun>(`SELECT id, model_id, as_of::text, status, invoices, started_at, finished_at FROM score_runs
    WHERE org_id = $1 AND status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1`, [org]);
  return r ?? null;
}

export interface StoredScore {
  invoice_id: string; number: string; customer_id: string; currency: string; balance: number; probability_late: number;
  expected_days_late: number; expected_recovery: number; reasons: Reason[];
}

/** The latest run's scores, riskiest first, optionally for one customer. */
export async function latestScores(db: Queryable, org: string, o: { customerId?: string; limit: number }): Promise<{ run: ScoreRun | null; data: StoredScore[] }> {
  const run = await latestRun(db, org);
  if (!run) return { run: null, data: [] };
  const data = await db.query<StoredScore>(`SELECT s.invoice_id, i.number, s.customer_id, s.currency, s.balance,
      round(s.probability_late::numeric, 4)::float8 AS probability_late, round(s.expected_days_late::numeric, 1)::float8 AS expected_days_late,
      s.expected_recovery, s.reasons
    FROM scores s JOIN invoices i ON i.id = s.invoice_id
    WHERE s.run_id = $1 AND s.org_id = $2 AND ($3::text IS NULL OR s.customer_id = $3)
    ORDER BY s.probability_late DESC, s.expected_days_late DESC, s.invoice_id LIMIT $4`, [run.id, org, o.customerId ?? null, o.limit]);
  return { run, data };
}
