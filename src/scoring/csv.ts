// The backtest's predictions as CSV: one line per invoice scored, with what really happened and the reasons.
import type { PredictionRow } from './backtest.ts';
import { csvCell } from '../domain/csv.ts';

const HEADER = ['invoice_id', 'number', 'customer', 'issue_date', 'due_date', 'probability_late', 'expected_days_late', 'baseline_late_share',
  'late', 'days_late', 'still_open', 'reasons'];

/** The file's first line, with its line end. */
export const predictionsCsvHeader = (): string => `${HEADER.join(',')}\n`;

/** The lines of these predictions, each with its line end: the header then the pages' lines make the whole file. */
export function predictionsCsvLines(rows: PredictionRow[]): string {
  let s = '';
  for (const r of rows) {
    s += `${[r.invoice_id, r.number, r.customer, r.issue_date, r.due_date, r.probability_late, r.expected_days_late,
      r.baseline_late_share, r.late, r.days_late, r.still_open, r.reasons.map((x) => x.text).join('; ')].map(csvCell).join(',')}\n`;
  }
  return s;
}

export function predictionsCsv(rows: PredictionRow[]): string {
  return predictionsCsvHeader() + predictionsCsvLines(rows);
}
