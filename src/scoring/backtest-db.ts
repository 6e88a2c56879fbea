// The backtest without the ledger in memory: trained as train-db.ts trains (its sample drawn in SQL, the org's late shares
// counted per day in SQL), then only the customers with an invoice issued from the cut-off on are read, a page at a time,
// the next page read while this one is scored. Memory is the training sample, one page of customers and a few numbers per
// invoice scored (the figures need them all); the predictions go to a callback page by page instead of being kept.
import type { Db } from '../db/index.ts';
import { dayNumber, fromDayNumber } from '../domain/dates.ts';
import type { Item } from './dataset.ts';
import type { Outcome } from './types.ts';
import { ahead, customerPages, withoutJit } from './load.ts';
import { SAMPLE_PAGE_CUSTOMERS, trainingSetInDb } from './train-db.ts';
import { MAX_TRAINING_ROWS, trainOn } from './train.ts';
import { scoredInvoices, Tally, trainOptions, type BacktestOptions, type BacktestSummary, type PredictionRow } from './backtest.ts';

/**
 * The org's customers with an invoice issued on or after $2 whose outcome may be known by the end of $3 (due by then, or
 * settled), in the order customers are read (by id). Which of their invoices are scored is decided on the facts read.
 */
export const BACKTEST_CUSTOMERS_SQL = `SELECT DISTINCT i.customer_id AS id FROM invoices i JOIN customers cu ON cu.id = i.customer_id AND cu.org_id = $1
  WHERE i.org_id = $1 AND NOT i.cancelled AND i.issue_date >= $2::date
    AND (i.due_date <= $3::date OR i.status IN ('paid', 'written_off'))
  ORDER BY i.customer_id`;

/**
 * As `backtest(await loadPortfolio(db, org), o)`, without the ledger in memory: the same figures, and the same predictions
 * in the same order handed to `each` page by page (none are made when it is left out).
 */
export async function backtestInDb(db: Db, org: string, o: BacktestOptions, each?: (rows: PredictionRow[]) => void | Promise<void>,
  page = SAMPLE_PAGE_CUSTOMERS): Promise<BacktestSummary> {
  const cutoff = dayNumber(o.asOf);
  const today = dayNumber(o.today);
  const listing = ahead(withoutJit(db, (q) => q.query<{ id: string }>(BACKTEST_CUSTOMERS_SQL, [org, fromDayNumber(cutoff), fromDayNumber(today)])));
  const opts = trainOptions(o);
  const { ts, priors } = await trainingSetInDb(db, org, cutoff, opts.undatedDisputes ?? 'known', MAX_TRAINING_ROWS, page);
  const { model, evaluation } = trainOn(ts, priors.at(cutoff).lateShare, cutoff, opts);
  const tally = new Tally();
  for await (const p of customerPages(db, org, (await listing).map((r) => r.id), page)) {
    const items: Item[] = [];
    const outcomes: Outcome[] = [];
    for (const cust of p.customers) scoredInvoices(cust, cutoff, today, items, outcomes);
    const rows = tally.score(items, outcomes, priors, model, each !== undefined);
    if (each && rows.length) await each(rows);
  }
  return tally.summary(o, model, evaluation);
}
