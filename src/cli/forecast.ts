// `cobro forecast [--as-of DATE] [--store] [--compare AS_OF] [--schedule [off|daily|weekly]] [--learn] [--json]`: expected
// collections per week for the next 13 weeks (stored only with --store), a stored forecast beside what came in, how often
// the worker stores one by itself, and the unscored heuristic learned on demand.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { dateInZone, isCalendarDate } from '../domain/dates.ts';
import { compareForecast, getForecastSettings, heuristicSource, heuristicText, heuristicUsed, learnHeuristicNow, makeForecast, setForecastSchedule, storeForecast,
  type Comparison, type Forecast, type ForecastSettings } from '../forecast/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';

function date(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('use the form YYYY-MM-DD');
  return v;
}

export function forecastText(f: Forecast): string {
  const parts = f.currencies.map((c) => `${c.currency}: expected ${money(c.expected_total, c.currency)} over 13 weeks\n\n` + table(c.weeks.map((w) => ({
    week: w.week, from: w.from, to: w.to, expected: money(w.expected, c.currency), '10th pct': money(w.low, c.currency), '90th pct': money(w.high, c.currency),
    invoices: money(w.from_invoices, c.currency), promises: money(w.from_promises, c.currency), instalments: money(w.from_instalments, c.currency) })),
  ['week', 'from', 'to', 'expected', '10th pct', '90th pct', 'invoices', 'promises', 'instalments']));
  const head = `Cash forecast as of ${f.as_of} (${f.stored ? `stored as ${f.id}` : 'not stored'}; method ${f.method}; ${f.invoices.scored} scored and ${f.invoices.unscored} unscored open invoices; kept-promise rate ${(f.kept_rate * 100).toFixed(1)}%; `
    + `unscored heuristic ${heuristicUsed(f.heuristic)})`;
  return [head, ...f.notes.map((n) => `note: ${n}`), ...(parts.length ? parts : ['nothing expected: no open invoice, promise or instalment'])].join('\n\n') + '\n';
}

export function comparisonText(c: Comparison): string {
  const parts = c.currencies.map((x) => `${x.currency}\n\n` + table(x.weeks.map((w) => ({ week: w.week, from: w.from, to: w.to,
    expected: money(w.expected, x.currency), range: `${money(w.low, x.currency)} - ${money(w.high, x.currency)}`,
    actual: w.actual === null ? 'not over' : money(w.actual, x.currency), 'in range': w.within_range === null ? '-' : w.within_range ? 'yes' : 'no' })),
  ['week', 'from', 'to', 'expected', 'range', 'actual', 'in range']));
  return [`Forecast ${c.forecast_id} as of ${c.as_of} (made ${c.made_at}) against payments received through ${c.through}`, ...parts].join('\n\n') + '\n';
}

export function settingsText(s: ForecastSettings): string {
  return `The worker stores a forecast ${s.schedule === 'off' ? 'never (schedule off)' : s.schedule === 'daily' ? 'daily, as of each yesterday' : 'weekly, as of each Sunday'}${s.schedule_default ? ' (the default)' : ''}; `
    + `the unscored heuristic was ${s.heuristic_learned_as_of ? `last learned as of ${s.heuristic_learned_as_of}` : 'not learned yet (the fixed table)'}\n`;
}

interface ForecastOptions { asOf?: string; store?: boolean; compare?: string; schedule?: string | true; learn?: boolean; json?: boolean; org?: string }

export function registerForecast(program: Command, config: Config): void {
  program.command('forecast').description('expected collections per week for the next 13 weeks per currency, from scores, promises and plans, with a 10th-90th percentile range; --store keeps it to compare later')
    .option('--as-of <date>', 'forecast from the day after this one (default: today)', date)
    .option('--store', 'store the forecast, to compare later with what came in (--compare)')
    .option('--compare <date>', 'show the forecast stored as of this day beside the payments that came in', date)
    .option('--schedule [when]', 'show how often the worker stores a forecast by itself, or set it: off, daily or weekly (the default)')
    .option('--learn', 'learn the heuristic for unscored invoices from the org\'s history now, as the worker does daily (as of yesterday, or --as-of)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: ForecastOptions) => withOrg(config, o.org, async (db, org) => {
      const today = dateInZone(new Date(), org.default_timezone);
      if (o.learn) {
        const r = await learnHeuristicNow(db, org, 'cli', o.asOf, new Date());
        if (!r.ok) throw new Error(`--as-of ${r.error.message}`);
        process.stdout.write(o.json ? `${JSON.stringify({ ...r.value, source: heuristicSource(r.value) }, null, 2)}\n` : `Unscored heuristic ${heuristicText(r.value)}\n`);
        return;
      }
      if (o.schedule !== undefined) {
        const s = o.schedule === true ? await getForecastSettings(db, org.id) : await setForecastSchedule(db, org.id, 'cli', o.schedule, new Date())
          .then((r) => { if (!r.ok) throw new Error(`--schedule ${r.error.message}`); return r.value; });
        process.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : settingsText(s));
        return;
      }
      if (o.compare) {
        const r = await compareForecast(db, org.id, o.compare, today);
        if (!r.ok) throw new Error(r.error.message);
        process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : comparisonText(r.value));
        return;
      }
      const f = o.store ? await storeForecast(db, org.id, o.asOf ?? today, new Date()) : await makeForecast(db, org.id, o.asOf ?? today, new Date());
      process.stdout.write(o.json ? `${JSON.stringify(f, null, 2)}\n` : forecastText(f));
    }));
}
