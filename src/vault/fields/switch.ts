// Turning an org's field encryption on or off and rotating its data key: each changes the settings in one transaction,
// then a re-encryption job walks the customers in batches (one transaction each, its cursor saved), so it can resume.
import type { Db, Queryable } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { isSealed, sealedUnder } from './envelope.ts';
import { addDataKey, createFieldSettings, masterKeyId } from './keyring.ts';
import { CONTACT_FIELDS, openOne, sealerFor, SEALED_METADATA_KEYS, type Sealer } from './customer-fields.ts';
import { copyBatch, COPY_STEPS } from './copies-job.ts';

export interface JobCounts { rows: number; values: number; batches: number; done: boolean }

const needMaster = () => masterKeyId() === null
  ? fail<never>('INVALID_STATE', 'field encryption needs a master key kept outside the database: set COBRO_FIELD_KEY') : null;

/** Turns encryption on (a first data key and index key are made) or off, and marks the re-encryption job to run. */
export async function setFieldEncryption(q: Queryable, orgId: string, actor: string, enabled: boolean, now: Date): Promise<Result<{ enabled: boolean; active_version: number | null }>> {
  const [cur] = await q.query<{ enabled: boolean; active_version: number | null }>(
    'SELECT enabled, active_version FROM field_encryption WHERE org_id = $1 FOR UPDATE', [orgId]);
  if (enabled) {
    const missing = needMaster();
    if (missing) return missing;
    if (!cur) await createFieldSettings(q, orgId, actor, now);
  } else if (!cur) return ok({ enabled: false, active_version: null });
  let version = cur?.active_version ?? null;
  if (enabled && version === null) version = await addDataKey(q, orgId, now);
  await q.query(`UPDATE field_encryption SET enabled = $2, active_version = $3, job = $4, job_cursor = NULL, updated_at = $5, updated_by = $6
    WHERE org_id = $1`, [orgId, enabled, version, enabled ? 'seal' : 'open', now, actor]);
  await recordAudit(q, { orgId, actor, action: enabled ? 'field_encryption.enabled' : 'field_encryption.disabled', entity: 'org', entityId: orgId,
    data: { active_version: version } }, now);
  return ok({ enabled, active_version: version });
}

/** A new data key version becomes the active one; the job then re-seals every value under it. */
export async function rotateDataKey(q: Queryable, orgId: string, actor: string, now: Date): Promise<Result<{ active_version: number }>> {
  const missing = needMaster();
  if (missing) return missing;
  const [cur] = await q.query<{ enabled: boolean }>('SELECT enabled FROM field_encryption WHERE org_id = $1 FOR UPDATE', [orgId]);
  if (!cur?.enabled) return fail('INVALID_STATE', 'field encryption is off for this org: turn it on before rotating its key');
  const version = await addDataKey(q, orgId, now);
  await q.query(`UPDATE field_encryption SET active_version = $2, job = 'seal', job_cursor = NULL, updated_at = $3, updated_by = $4 WHERE org_id = $1`,
    [orgId, version, now, actor]);
  await recordAudit(q, { orgId, actor, action: 'field_encryption.rotated', entity: 'org', entityId: orgId, data: { active_version: version } }, now);
  return ok({ active_version: version });
}

interface CustomerRow { id: string; email: string | null; phone: string | null; whatsapp: string | null; metadata: Record<string, unknown> }

async function plain(q: Queryable, orgId: string, column: string, customerId: string, v: string): Promise<string> {
  return isSealed(v) ? openOne(q, orgId, column, customerId, v) : v;
}

/** Stored as the job wants it: in the clear when opening; when sealing, under the active version in the row-bound format (v1 values are re-sealed). */
const current = (s: Sealer | null, v: string) => (s ? sealedUnder(v, s.version, true) : !isSealed(v));

/** The row's new stored values under the sealer (null: in the clear), or null when nothing changes. */
async function rewrite(q: Queryable, orgId: string, s: Sealer | null, r: CustomerRow): Promise<{ values: unknown[]; n: number } | null> {
  let n = 0;
  const out: unknown[] = [];
  for (const f of Object.keys(CONTACT_FIELDS) as (keyof typeof CONTACT_FIELDS)[]) {
    const v = r[f];
    if (v === null || v === '') { out.push(v, null); continue; }
    const p = await plain(q, orgId, f, r.id, v);
    if (current(s, v)) { out.push(v, s ? s.index(CONTACT_FIELDS[f], p) : null); continue; }
    n += 1;
    out.push(s ? s.seal(f, r.id, p) : p, s ? s.index(CONTACT_FIELDS[f], p) : null);
  }
  const m = { ...r.metadata };
  for (const k of SEALED_METADATA_KEYS) {
    const v = m[k];
    if (typeof v !== 'string' || v === '') continue;
    if (current(s, v)) continue;
    const p = await plain(q, orgId, `metadata.${k}`, r.id, v);
    m[k] = s ? s.seal(`metadata.${k}`, r.id, p) : p;
    n += 1;
  }
  return n === 0 ? null : { values: [...out, JSON.stringify(m)], n };
}

/** The job's cursor: the customers step keeps the last customer id alone (as before the copies); later steps `step|id`. */
function parseCursor(c: string | null): { step: string; after: string } {
  const bar = c?.indexOf('|') ?? -1;
  return bar < 0 ? { step: 'customers', after: c ?? '' } : { step: c!.slice(0, bar), after: c!.slice(bar + 1) };
}

async function customerBatch(tx: Queryable, orgId: string, sealer: Sealer | null, after: string, limit: number) {
  const rows = await tx.query<CustomerRow>(
    `SELECT id, email, phone, whatsapp, metadata FROM customers WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3 FOR UPDATE`,
    [orgId, after, limit]);
  let [changed, values] = [0, 0];
  for (const r of rows) {
    const w = await rewrite(tx, orgId, sealer, r);
    if (!w) continue;
    await tx.query(`UPDATE customers SET email = $3, email_bidx = $4, phone = $5, phone_bidx = $6, whatsapp = $7, whatsapp_bidx = $8, metadata = $9
      WHERE org_id = $1 AND id = $2`, [orgId, r.id, ...w.values]);
    if (w.n > 0) changed += 1;
    values += w.n;
  }
  return { seen: rows.length, changed, values, last: rows[rows.length - 1]?.id ?? null };
}

/**
 * One batch of the org's pending job, in one transaction: up to batchSize rows, the customers first then each table
 * of copies (a step that ends before the batch is full hands the rest to the next); done once the last step ends.
 */
export async function runFieldBatch(db: Db, orgId: string, batchSize: number): Promise<{ rows: number; values: number; done: boolean }> {
  return db.transaction(async (tx) => {
    const [st] = await tx.query<{ job: 'seal' | 'open' | null; job_cursor: string | null }>(
      'SELECT job, job_cursor FROM field_encryption WHERE org_id = $1 FOR UPDATE', [orgId]);
    if (!st?.job) return { rows: 0, values: 0, done: true };
    const sealer = st.job === 'seal' ? await sealerFor(tx, orgId) : null;
    let { step, after } = parseCursor(st.job_cursor);
    let [left, changed, values] = [batchSize, 0, 0];
    const steps = ['customers', ...COPY_STEPS];
    while (left > 0) {
      const b = step === 'customers' ? await customerBatch(tx, orgId, sealer, after, left)
        : { ...(await copyBatch(tx, orgId, sealer, step, after, left)), values: 0 };
      changed += b.changed;
      values += step === 'customers' ? b.values : b.changed;
      left -= b.seen;
      if (left > 0 || b.seen === 0) {
        // the step ended: the next one starts from its beginning with what is left of the batch
        const next = steps[steps.indexOf(step) + 1];
        if (!next) { step = ''; break; }
        [step, after] = [next, ''];
      } else after = b.last ?? after;
    }
    const done = step === '';
    const cursor = done ? null : step === 'customers' ? after : `${step}|${after}`;
    await tx.query('UPDATE field_encryption SET job = $2, job_cursor = $3 WHERE org_id = $1', [orgId, done ? null : st.job, cursor]);
    return { rows: changed, values, done };
  });
}

/** Runs the org's pending job to the end (or for at most maxBatches), batch by batch; safe to run again after a crash. */
export async function runFieldJob(db: Db, orgId: string, o: { batchSize?: number; maxBatches?: number } = {}): Promise<JobCounts> {
  const counts: JobCounts = { rows: 0, values: 0, batches: 0, done: false };
  while (!counts.done && counts.batches < (o.maxBatches ?? Infinity)) {
    const b = await runFieldBatch(db, orgId, o.batchSize ?? 500);
    counts.batches += 1;
    counts.rows += b.rows;
    counts.values += b.values;
    counts.done = b.done;
  }
  return counts;
}
