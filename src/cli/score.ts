// `cobro score backtest|run|train|models|list|bands`: risk scores from the terminal.
import { closeSync, openSync, writeSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { dateInZone, isCalendarDate } from '../domain/dates.ts';
import { backtestInDb, latestScores, listModels, predictionsCsvHeader, predictionsCsvLines, runScoring, trainAndSave, activeModel, MODEL_KINDS, bandThresholds,
  setBandThresholds, type BacktestSummary, type PredictionRow } from '../scoring/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { money, table } from './output.ts';

function date(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('use the form YYYY-MM-DD');
  return v;
}
const json = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
const kindOption = () => new Option('--model <kind>', 'auto picks trees or logistic regression by held-out Brier score').choices(['auto', ...MODEL_KINDS]).default('auto');
const disputesOption = () => new Option('--undated-disputes <how>', 'dispute flags with no date (imported states): known when the invoice is scored, or left out')
  .choices(['known', 'unknown']).default('known');

/** Writes the predictions to a CSV file page by page, the file made with the first page (none when nothing is scored). */
function predictionsFile(path: string): { write: (rows: PredictionRow[]) => void; close: () => void } {
  let fd: number | null = null;
  return {
    write: (rows) => {
      if (fd === null) { fd = openSync(path, 'w'); writeSync(fd, predictionsCsvHeader()); }
      writeSync(fd, predictionsCsvLines(rows));
    },
    close: () => { if (fd !== null) closeSync(fd); },
  };
}

function printBacktest(r: BacktestSummary, out?: string): void {
  const lines = [
    `Backtest as of ${r.as_of}: ${r.model} trained on ${r.training.rows} invoices (${r.training.late} late) known before then`,
    `Scored ${r.scored} invoices issued from ${r.as_of} on, each as of its issue day (${r.late} paid late)`,
    '',
    table([
      { model: r.model, AUC: r.auc.toFixed(4), Brier: r.brier.toFixed(4) },
      { model: r.baseline.name, AUC: r.baseline.auc.toFixed(4), Brier: r.baseline.brier.toFixed(4) },
    ], ['model', 'AUC', 'Brier']),
    '',
    `Log loss ${r.log_loss}; expected days late off by ${r.days_late_mae} days on average`,
    `Undated dispute flags: ${r.undated_disputes === 'known' ? 'taken as known when the invoice is scored' : 'left out for the invoice scored'}`,
    '',
    'Calibration by decile',
    table(r.calibration.map((b) => ({ decile: b.decile, invoices: b.count, predicted: b.predicted.toFixed(3), 'paid late': b.observed.toFixed(3),
      range: `${b.min.toFixed(3)}-${b.max.toFixed(3)}` })), ['decile', 'invoices', 'predicted', 'paid late', 'range']),
  ];
  if (out) lines.push('', `Predictions written to ${out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerScore(program: Command, config: Config): void {
  const score = program.command('score').description('risk scores: probability of paying late, expected days late and recovery, with reasons');

  score.command('backtest').description('train on what was known before a day and score the invoices issued from it on, beside the past-late-share baseline')
    .requiredOption('--as-of <date>', 'the cut-off day (YYYY-MM-DD)', date).option('--out <file>', 'write the predictions to this CSV file')
    .addOption(kindOption()).addOption(disputesOption()).option('--json', 'print JSON (without the predictions)').option('--org <id>', 'org to work in')
    .action((o: { asOf: string; out?: string; model: 'auto'; undatedDisputes: 'known' | 'unknown'; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const file = o.out ? predictionsFile(o.out) : null;
        let r: BacktestSummary;
        try {
          r = await backtestInDb(db, org.id, { asOf: o.asOf, today: dateInZone(new Date(), org.default_timezone), kind: o.model, undatedDisputes: o.undatedDisputes },
            file?.write);
        } finally { file?.close(); }
        if (!r.scored) throw new Error(`no invoice issued on or after ${o.asOf} has a known outcome yet`);
        if (o.json) json({ ...r, ...(o.out ? { predictions_file: o.out } : {}) }); else printBacktest(r, o.out);
      }));

  score.command('run').description('score every open invoice with the active model (training one first when there is none) and store the scores')
    .option('--as-of <date>', 'the day to score as of (default: today)', date).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { asOf?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await runScoring(db, org.id, o.asOf ?? dateInZone(new Date(), org.default_timezone), new Date());
      if (o.json) json(r);
      else process.stdout.write(`Scored ${r.invoices} open invoices as of ${r.as_of} with model v${r.model.version} (${r.model.kind}, trained as of ${r.model.trained_as_of})${r.trained ? ', trained now' : ''} in ${r.seconds} s\n`);
    }));

  score.command('train').description('train a new model version on the history known before a day and make it the active one')
    .option('--as-of <date>', 'train on what was known before this day (default: today)', date).addOption(kindOption()).addOption(disputesOption())
    .option('--if-older-than <days>', 'only when the active model was trained this many days before or more (for a schedule)', (v) => {
      const n = Number(v); if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number'); return n;
    }).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { asOf?: string; model: 'auto'; undatedDisputes: 'known' | 'unknown'; ifOlderThan?: number; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const asOf = o.asOf ?? dateInZone(new Date(), org.default_timezone);
        const active = await activeModel(db, org.id);
        if (o.ifOlderThan !== undefined && active && (Date.parse(asOf) - Date.parse(active.trained_as_of)) / 86_400_000 < o.ifOlderThan) {
          if (o.json) json({ trained: false, active: { ...active, model: undefined } });
          else process.stdout.write(`model v${active.version} was trained as of ${active.trained_as_of}: not retrained\n`);
          return;
        }
        const v = await trainAndSave(db, org.id, asOf, new Date(), { kind: o.model, undatedDisputes: o.undatedDisputes });
        if (o.json) json({ trained: true, model: v });
        else process.stdout.write(`model v${v.version}: ${v.kind}, trained on ${v.evaluation.rows} invoices known before ${v.trained_as_of}; ${v.evaluation.reason}\n`);
      }));

  const probability = (v: string) => { const n = Number(v); if (!Number.isFinite(n)) throw new InvalidArgumentError('a probability, such as 0.3'); return n; };
  score.command('bands').description('show or change the thresholds that cut customers\' risk into low, medium and high (applied from the next run)')
    .option('--medium-from <p>', 'a probability of paying late from this one on is medium risk', probability)
    .option('--high-from <p>', 'from this one on, high risk', probability).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { mediumFrom?: number; highFrom?: number; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      let t = await bandThresholds(db, org.id);
      if (o.mediumFrom !== undefined || o.highFrom !== undefined) {
        const r = await setBandThresholds(db, org.id, 'cli', { ...(o.mediumFrom !== undefined ? { medium_from: o.mediumFrom } : {}),
          ...(o.highFrom !== undefined ? { high_from: o.highFrom } : {}) }, new Date());
        if (!r.ok) throw new Error(`${r.error.field ? `--${r.error.field.replace('_', '-')}: ` : ''}${r.error.message}`);
        t = r.value;
      }
      if (o.json) json(t);
      else process.stdout.write(`low below ${t.medium_from}, medium from ${t.medium_from}, high from ${t.high_from} (probability of paying late)\n`);
    }));

  score.command('models').description('model versions with their evaluation').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const models = await listModels(db, org.id);
      if (o.json) { json(models); return; }
      process.stdout.write(`${table(models.map((m) => ({ version: m.version, active: m.active ? 'yes' : '', kind: m.kind, 'trained as of': m.trained_as_of,
        rows: m.evaluation.rows, candidates: m.evaluation.candidates.map((c) => `${c.kind} AUC ${c.auc ?? '-'} Brier ${c.brier ?? '-'}`).join('; ') })),
      ['version', 'active', 'kind', 'trained as of', 'rows', 'candidates'])}\n`);
    }));

  score.command('list').description('the latest run\'s scores, riskiest first').option('--customer <id>', 'one customer (id or external id)')
    .option('--limit <n>', 'how many', (v) => Number(v), 20).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; limit: number; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const r = await latestScores(db, org.id, { limit: o.limit, ...(customerId ? { customerId } : {}) });
      if (o.json) { json(r); return; }
      if (!r.run) { process.stdout.write('no scores yet: run `cobro score run`\n'); return; }
      process.stdout.write(`Scores as of ${r.run.as_of}\n\n${table(r.data.map((s) => ({ invoice: s.number, customer: s.customer_id, balance: money(s.balance, s.currency),
        'p(late)': s.probability_late.toFixed(2), 'days late': s.expected_days_late.toFixed(1), recovery: money(s.expected_recovery, s.currency),
        reasons: s.reasons.map((x) => x.text).join('; ') })), ['invoice', 'customer', 'balance', 'p(late)', 'days late', 'recovery', 'reasons'])}\n`);
    }));
}
