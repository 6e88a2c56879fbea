// `cobro priorities learn`: each worklist action's lift as the org's own history shows it, beside the lift set; with
// --apply, sets those estimated with enough data (audited as a settings change).
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { inTransaction } from '../db/index.ts';
import type { Result } from '../domain/index.ts';
import { applyLearnedLifts, LEARN_DEFAULTS, learnedLifts, type LearnedLifts, type LearnRequest } from '../tasks/index.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

const say = (s: string): void => { process.stdout.write(`${s}\n`); };
const unwrap = <T>(r: Result<T>): T => { if (!r.ok) throw new Error(`${r.error.field ? `--${r.error.field}: ` : ''}${r.error.message}`); return r.value; };
const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 1000) / 10}%`);

function number(option: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${option}: a number from ${min} to ${max} (got "${v}")`);
    return n;
  };
}

function learnedText(l: LearnedLifts): string {
  return `${table(l.lifts.map((x) => ({ action: x.action, set: pct(x.current), learned: x.status === 'estimated' ? pct(x.lift) : x.status.replace(/_/g, ' '),
    '95% interval': x.low === null ? '-' : `${pct(x.low)}-${pct(x.high)}`, 'paid after': pct(x.paid_after_action), 'paid without': pct(x.paid_without_action),
    actions: x.actions, matched: x.matched, comparisons: x.comparisons })),
  ['action', 'set', 'learned', '95% interval', 'paid after', 'paid without', 'actions', 'matched', 'comparisons'])}\n`
    + `actions from ${l.since} to ${l.until}; paid = at least ${pct(l.share)} of what was past due within ${l.days} days; `
    + `at least ${l.min_actions} matched actions to estimate; ${l.comparison_days} customer-days without action compared\n`
    + `${l.note}\nminutes: ${l.minutes.note}`;
}

export function registerPrioritiesLearn(priorities: Command, config: Config): void {
  priorities.command('learn').description('each action\'s lift as the org\'s own history shows it (observational), beside the lift set; --apply sets those with enough data')
    .option('--since <date>', `first day looked at (default: ${LEARN_DEFAULTS.lookbackDays} days ago)`)
    .option('--days <n>', `days after the action a payment counts in (default ${LEARN_DEFAULTS.days})`, number('--days', 1, 90))
    .option('--share <x>', `share of what was past due that counts as paying (default ${LEARN_DEFAULTS.share})`, number('--share', 0.01, 1))
    .option('--apply', 'set the lifts estimated with enough data').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((_o: unknown, cmd: Command) => {
      // the parent's own --json and --org are read from it: commander gives a known parent option to the parent
      const o = cmd.optsWithGlobals<{ since?: string; days?: number; share?: number; apply?: boolean; json?: boolean; org?: string }>();
      if (o.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.since)) throw new Error(`--since: a day as YYYY-MM-DD (got "${o.since}")`);
      const r: LearnRequest = { ...(o.since ? { since: o.since } : {}), ...(o.days ? { days: o.days } : {}), ...(o.share ? { share: o.share } : {}) };
      return withOrg(config, o.org, async (db, org) => {
        const now = new Date();
        if (!o.apply) {
          const l = unwrap(await learnedLifts(db, org.id, r, now));
          return say(o.json ? JSON.stringify(l, null, 2) : learnedText(l));
        }
        const a = unwrap(await inTransaction(db, (tx) => applyLearnedLifts(tx, org.id, 'cli', r, now)));
        if (o.json) return say(JSON.stringify(a, null, 2));
        const set = Object.entries(a.applied);
        say(`${learnedText(a.learned)}\n${set.length ? `set: ${set.map(([k, v]) => `${k} ${pct(v)}`).join(', ')}` : 'nothing set: no lift has enough data'}`);
      });
    });
}
