// Training without the ledger in memory: the rows to learn from are chosen in SQL (the same even spread over the history
// that dataset.ts draws in memory, so the same ledger gives the same rows and the same model), the org's late shares are
// counted per day in SQL, and the chosen rows' customers are read a page at a time for their features. Memory is that of
// the sample (at most MAX_TRAINING_ROWS rows) and one page of customers, whatever the org's size.
import type { Db } from '../db/index.ts';
import { fromDayNumber } from '../domain/dates.ts';
import { FEATURE_COUNT, type UndatedDisputes } from './types.ts';
import { emptyTrainingSet, featureRows, setRow, type Item, type TrainingSet } from './dataset.ts';
import { outcomeAt } from './labels.ts';
import { ahead, customerPages, withoutJit } from './load.ts';
import { priorsByDayInDb } from './priors-db.ts';
import type { Priors } from './priors.ts';
import type { Outcome } from './types.ts';
import { MAX_TRAINING_ROWS, trainOn, type Evaluation, type TrainOptions } from './train.ts';
import type { ScoringModel } from './model.ts';

/** Customers read at a time for the sample's features (on PostgreSQL a page of 20,000 took 1.7 s, one of 5,000 0.9 s). */
export const SAMPLE_PAGE_CUSTOMERS = 10_000;

/**
 * The invoices whose outcome was known at the start of $2 (issued before it, and due or settled before it: labels.ts), of
 * customers of the org, not cancelled. Past $3 of them, the j-th of $3 by (issue day, customer, invoice id) at
 * floor(j * n / $3) in double precision, as dataset.ts takes them; the invoice id is compared byte by byte, as JavaScript
 * sorts a customer's invoices. Returned by customer, in the order customers are read.
 */
export const SAMPLE_SQL = `WITH known AS (
    SELECT i.id, i.customer_id, i.issue_date FROM invoices i JOIN customers cu ON cu.id = i.customer_id AND cu.org_id = $1
    WHERE i.org_id = $1 AND NOT i.cancelled AND i.issue_date < $2::date AND (i.due_date < $2::date
      OR (i.status IN ('paid', 'written_off') AND coalesce(greatest(
        (SELECT max(p.date) FROM allocations a JOIN payments p ON p.id = a.payment_id
          WHERE a.invoice_id = i.id AND a.org_id = $1 AND a.reversed_at IS NULL AND p.reversed_at IS NULL),
        (SELECT max(ad.date) FROM adjustments ad WHERE ad.invoice_id = i.id AND ad.org_id = $1 AND ad.reversed_at IS NULL)),
        i.updated_at::date) < $2::date))
  ), total AS (SELECT count(*)::float8 AS n FROM known
  ), ranked AS (
    SELECT id, customer_id, row_number() OVER (ORDER BY issue_date, customer_id, id COLLATE "C") - 1 AS r FROM known
  ), picks AS (
    SELECT floor(j::float8 * ((SELECT n FROM total) / $3::float8))::bigint AS r FROM generate_series(0, $3::int - 1) j
    WHERE (SELECT n FROM total) > $3::float8
  )
  SELECT k.id, k.customer_id FROM ranked k
  WHERE (SELECT n FROM total) <= $3::float8 OR k.r IN (SELECT r FROM picks)
  ORDER BY k.customer_id`;

/**
 * The training set drawn in the database, with the org's priors for every day: rows in the order dataset.ts gives them
 * (by customer, then by issue day and id), featured page by page while the next page is read.
 */
export async function trainingSetInDb(db: Db, org: string, cutoff: number, undated: UndatedDisputes, max = MAX_TRAINING_ROWS,
  page = SAMPLE_PAGE_CUSTOMERS): Promise<{ ts: TrainingSet; priors: Priors }> {
  const counting = ahead(priorsByDayInDb(db, org));
  const sample = await withoutJit(db, (q) => q.query<{ id: string; customer_id: string }>(SAMPLE_SQL, [org, fromDayNumber(cutoff), max]));
  const picked = new Map<string, Set<string>>();
  for (const r of sample) {
    let s = picked.get(r.customer_id);
    if (!s) picked.set(r.customer_id, s = new Set());
    s.add(r.id);
  }
  const pages = customerPages(db, org, [...picked.keys()], page);
  const priors = await counting;
  const ts = emptyTrainingSet(sample.length);
  let n = 0;
  for await (const p of pages) {
    const items: Item[] = [];
    const outcomes: Outcome[] = [];
    for (const cust of p.customers) {
      const mine = picked.get(cust.id);
      for (const inv of cust.invoices) {
        if (inv.issue >= cutoff) break;
        const outcome = mine?.has(inv.id) ? outcomeAt(inv, cutoff) : null;
        // an invoice changed between the sample's query and its page's is left out rather than learnt wrongly
        if (outcome) { items.push({ inv, cust, day: inv.issue }); outcomes.push(outcome); }
      }
    }
    ts.x.data.set(featureRows(items, priors, undated).x.data, n * FEATURE_COUNT);
    items.forEach((it, k) => setRow(ts, n + k, it.inv.issue, outcomes[k]!));
    n += items.length;
  }
  return { ts: n === sample.length ? ts : cut(ts, n), priors };
}

/** The first n rows of a training set. */
function cut(ts: TrainingSet, n: number): TrainingSet {
  const out = emptyTrainingSet(n);
  out.x.data.set(ts.x.data.subarray(0, n * FEATURE_COUNT));
  for (const k of ['issue', 'late', 'daysLate', 'censored', 'recovered'] as const) out[k].set(ts[k].subarray(0, n) as never);
  return out;
}

/** As `trainModel(await loadPortfolio(db, org), cutoff, opts)`, without the ledger in memory. */
export async function trainInDb(db: Db, org: string, cutoff: number, opts: TrainOptions = {}, page = SAMPLE_PAGE_CUSTOMERS):
  Promise<{ model: ScoringModel; evaluation: Evaluation }> {
  const { ts, priors } = await trainingSetInDb(db, org, cutoff, opts.undatedDisputes ?? 'known', MAX_TRAINING_ROWS, page);
  return trainOn(ts, priors.at(cutoff).lateShare, cutoff, opts);
}
