// The org's priors as of a day counted in SQL, so a score run in slices of customers still pulls every customer towards
// the whole org's late shares. Mirrors load.ts and Priors: settled = the last day money came in, else the day the
// invoice last changed; a customer with no country takes its first invoice's (by id) that names one.
import type { Db } from '../db/index.ts';
import { INVOICE_COUNTRY_SQL, withoutJit } from './load.ts';
import { Priors, priorsFromCounts, type PriorCounts, type PriorsAt } from './priors.ts';

interface Row { month: number; country: string | null; n: number; late: number; days_late: number; vs_due: number }

/** Closed invoices with the day they were settled, their month of issue and whether written off. */
const SETTLED_CTES = `WITH closed AS (
    SELECT i.id, i.customer_id, i.issue_date, i.due_date, i.status = 'written_off' AS written_off, i.updated_at::date AS updated_on
    FROM invoices i JOIN customers cu ON cu.id = i.customer_id AND cu.org_id = $1
    WHERE i.org_id = $1 AND NOT i.cancelled AND i.status IN ('paid', 'written_off')
  ), paid AS (
    SELECT a.invoice_id, max(p.date) AS d FROM closed c JOIN allocations a ON a.invoice_id = c.id JOIN payments p ON p.id = a.payment_id
    WHERE a.org_id = $1 AND a.reversed_at IS NULL AND p.reversed_at IS NULL GROUP BY a.invoice_id
  ), adjusted AS (
    SELECT ad.invoice_id, max(ad.date) AS d FROM closed c JOIN adjustments ad ON ad.invoice_id = c.id
    WHERE ad.org_id = $1 AND ad.reversed_at IS NULL GROUP BY ad.invoice_id
  ), settled AS (
    SELECT c.customer_id, extract(month FROM c.issue_date)::int AS month, c.written_off,
      coalesce(greatest(paid.d, adjusted.d), c.updated_on) AS settled_on, c.due_date
    FROM closed c LEFT JOIN paid ON paid.invoice_id = c.id LEFT JOIN adjusted ON adjusted.invoice_id = c.id`;

/** Each customer's rows of `counted` with its country (its own, else its first invoice's by id that names one). */
const withCountry = (counted: string) => `with_country AS (
    SELECT pc.*, coalesce(cu.country, (SELECT ${INVOICE_COUNTRY_SQL} FROM invoices fi
      WHERE fi.org_id = $1 AND fi.customer_id = cu.id AND NOT fi.cancelled AND ${INVOICE_COUNTRY_SQL} <> '' ORDER BY fi.id LIMIT 1)) AS country
    FROM ${counted} pc JOIN customers cu ON cu.id = pc.customer_id
  )`;

export const PRIORS_SQL = `${SETTLED_CTES}
  ), per_customer AS (
    SELECT customer_id, month, count(*) FILTER (WHERE settled_on < $2::date) AS n,
      count(*) FILTER (WHERE settled_on < $2::date AND (settled_on > due_date OR written_off)) AS late,
      coalesce(sum(greatest(0, settled_on - due_date)) FILTER (WHERE settled_on < $2::date), 0) AS days_late,
      coalesce(sum(settled_on - due_date) FILTER (WHERE settled_on < $2::date), 0) AS vs_due
    FROM settled GROUP BY customer_id, month
  ), ${withCountry('per_customer')}
  SELECT month, country, sum(n)::float8 AS n, sum(late)::float8 AS late, sum(days_late)::float8 AS days_late, sum(vs_due)::float8 AS vs_due
  FROM with_country GROUP BY month, country`;

/** Invoices settled per day, month of issue and country, every day (a group settled only on or after a day still counts as present). */
const SETTLED_DAYS_SQL = `${SETTLED_CTES}
  ), per_day AS (
    SELECT customer_id, month, settled_on, count(*) AS n, count(*) FILTER (WHERE settled_on > due_date OR written_off) AS late,
      sum(greatest(0, settled_on - due_date)) AS days_late, sum(settled_on - due_date) AS vs_due
    FROM settled GROUP BY customer_id, month, settled_on
  ), ${withCountry('per_day')}
  SELECT settled_on - date '1970-01-01' AS day, month, country, sum(n)::float8 AS n, sum(late)::float8 AS late,
    sum(days_late)::float8 AS days_late, sum(vs_due)::float8 AS vs_due
  FROM with_country GROUP BY settled_on, month, country ORDER BY settled_on`;

const add = (a: PriorCounts, r: Row): void => { a.n += r.n; a.late += r.late; a.daysLate += r.days_late; a.vsDue += r.vs_due; };
const zero = (): PriorCounts => ({ n: 0, late: 0, daysLate: 0, vsDue: 0 });

/** The priors at the start of `asOf` (YYYY-MM-DD), equal to `new Priors(loadPortfolio(...)).at(day)`. */
export async function priorsInDb(db: Db, org: string, asOf: string): Promise<PriorsAt> {
  const all = zero();
  const months = new Map<number, PriorCounts>();
  const countries = new Map<string, PriorCounts>();
  const rows = await withoutJit(db, (q) => q.query<Row>(PRIORS_SQL, [org, asOf]));
  for (const r of rows) {
    add(all, r);
    let m = months.get(r.month);
    if (!m) months.set(r.month, m = zero());
    add(m, r);
    if (r.country === null) continue;
    let c = countries.get(r.country);
    if (!c) countries.set(r.country, c = zero());
    add(c, r);
  }
  return priorsFromCounts(all, months, countries);
}

/** The priors for any day, from the org's settled invoices counted per day in SQL: as `new Priors(loadPortfolio(...))`. */
export async function priorsByDayInDb(db: Db, org: string): Promise<Priors> {
  const rows = await withoutJit(db, (q) => q.query<Row & { day: number }>(SETTLED_DAYS_SQL, [org]));
  return new Priors(rows.map((r) => ({ day: Number(r.day), month: r.month, country: r.country, n: r.n, late: r.late, daysLate: r.days_late, vsDue: r.vs_due })));
}
