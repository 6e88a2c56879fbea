// `cobro simulate`, `cobro run`, `cobro strategies`, `cobro segments`, `cobro cases` and `cobro tasks`: the engine from the terminal.
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { byPriority, completeTask, listCases, listTasks, runTick, simulate, syncCases } from '../engine/index.ts';
import { checkStrategyTemplates } from '../org-templates/index.ts';
import { activateStrategy, createStrategyVersion, listSegments, listStrategies, replaceSegments } from '../strategy/index.ts';
import type { Result } from '../domain/result.ts';
import { inTransaction } from '../db/index.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
const unwrap = <T>(r: Result<T>): T => { if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`); return r.value; };
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export async function simulateCommand(config: Config,
  o: { from: string; to: string; strategy?: string; version?: number; segments?: boolean; segmentsFile?: string; json?: boolean; org?: string }): Promise<void> {
  if (o.segments && !o.strategy) throw new Error('--segments needs --strategy');
  // the list `cobro segments --set` takes (or PUT /v1/segments' body), run in place of the stored segments and not saved
  const given = o.segmentsFile ? segmentsFromFile(o.segmentsFile) : undefined;
  await withOrg(config, o.org, async (db, org) => {
    const r = unwrap(await simulate(db, org.id, { from: o.from, to: o.to, ...(o.strategy ? { strategyId: o.strategy } : {}),
      ...(o.version ? { version: o.version } : {}), customers: o.segments ? 'segments' : 'all', ...(given ? { segments: given } : {}),
      // as the API: a segments' run from today on starts from today's open cases
      openCases: Boolean(o.segments) && o.from >= new Date().toISOString().slice(0, 10) }));
    if (o.json) return print(r);
    const whose = given ? `the segments of ${o.segmentsFile} (not saved)` : 'the org\'s segments';
    const who = !r.strategy_id ? (given ? `, customers assigned by ${whose}` : '') : o.segments ? `, only the customers ${whose} put on ${r.strategy_id}: ${r.customers.count} (${
      Object.entries(r.customers.by_segment).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'})` : `, every customer on ${r.strategy_id}`;
    const bands = Object.entries(r.customers.by_band).map(([k, v]) => `${k}: ${v}`).join(', ');
    const banded = r.customers.bands_as_of ? `; risk bands of ${r.customers.bands_as_of} (${bands || 'none planned'})` : '; no risk scores (no riskBand condition holds)';
    process.stdout.write(`Simulation ${r.from} to ${r.to} (${org.name})${who}${banded}: nothing is sent or written\n\n`);
    process.stdout.write(`${table(r.actions.map((a) => ({ date: a.date, customer: a.customer, invoices: a.invoices.join(' '), step: `${a.strategy_id}/${a.step_id}`,
      channels: a.channels.join('+') || a.kind, template: a.template ?? '' })), ['date', 'customer', 'invoices', 'step', 'channels', 'template'])}\n\n`);
    process.stdout.write(`Per day\n\n${table(r.days.filter((d) => d.actions + d.skipped + d.opened + d.closed > 0).map((d) => ({
      date: d.date, actions: d.actions, tasks: d.tasks, skipped: d.skipped, opened: d.opened, closed: d.closed, open_cases: d.open_cases,
      steps: Object.entries(d.by_step).map(([k, v]) => `${k}:${v}`).join(' ') })), ['date', 'actions', 'tasks', 'skipped', 'opened', 'closed', 'open_cases', 'steps'])}\n`);
    process.stdout.write(`\n${r.actions.length} actions over ${r.days.length} days\n`);
  });
}

/** The segments list of a file: a JSON list, or an object with it under `data` (PUT /v1/segments' body). */
function segmentsFromFile(file: string): unknown {
  let v: unknown;
  try { v = readJson(file); } catch (e) { throw new Error(`--segments-file ${file}: ${(e as Error).message}`); }
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'data' in v ? (v as { data: unknown }).data : v;
}

/** A date runs at noon UTC (the same calendar day from UTC-12 to UTC+11); an ISO instant runs then. */
export function tickInstant(asOf: string | undefined): Date {
  if (!asOf) return new Date();
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T12:00:00Z` : asOf);
  if (Number.isNaN(at.getTime())) throw new Error('--as-of: use YYYY-MM-DD or an ISO 8601 instant');
  return at;
}

export async function runCommand(config: Config, o: { asOf?: string; dryRun?: boolean; json?: boolean; org?: string }): Promise<void> {
  const now = tickInstant(o.asOf);
  await withOrg(config, o.org, async (db, org) => {
    // a dry run writes nothing, so it does not open cases from the ledger either: it plans the cases already open
    const sync = o.dryRun ? null : await db.transaction((tx) => syncCases(tx, org.id, now));
    const r = await runTick(db, { orgId: org.id, now, dryRun: Boolean(o.dryRun), collect: Boolean(o.json) });
    if (o.json) return print({ sync, ...r });
    if (sync) process.stdout.write(`cases: ${sync.opened} opened, ${sync.reopened} reopened, ${sync.closed} closed, ${sync.refreshed} to re-plan\n`);
    process.stdout.write(`${o.dryRun ? 'dry run (nothing written) ' : ''}tick at ${r.now}: ${r.cases} cases due, ${r.planned} actions planned, `
      + `${r.skipped} steps skipped, ${r.cancelled} cancelled, ${r.tasks} tasks, ${r.closed} cases closed in ${r.ms} ms\n`);
    if (o.dryRun && r.actions.length) {
      process.stdout.write(`\n${table(r.actions.map((a) => ({ case: a.caseId, step: a.stepId, date: a.scheduledFor, invoices: a.invoices.map((i) => i.number).join(' ') })),
        ['case', 'step', 'date', 'invoices'])}\n`);
    }
  });
}

export async function strategiesCommand(config: Config, o: { add?: string; activate?: string; show?: string; json?: boolean; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    if (o.add) {
      const file = o.add;
      const s = unwrap(await inTransaction(db, (tx) => createStrategyVersion(tx, org.id, readJson(file), { check: checkStrategyTemplates })));
      process.stdout.write(`saved ${s.id} version ${s.version}${s.active ? ' (active)' : '; activate it with --activate ' + `${s.id}@${s.version}`}\n`);
      return;
    }
    if (o.activate) {
      const [id = '', version = ''] = o.activate.split('@');
      const s = unwrap(await inTransaction(db, (tx) => activateStrategy(tx, org.id, id, Number(version), checkStrategyTemplates)));
      process.stdout.write(`${s.id} version ${s.version} is active\n`);
      return;
    }
    const all = await listStrategies(db, org.id);
    if (o.show) return print(all.find((s) => s.id === o.show && s.active)?.definition ?? unwrap({ ok: false, error: { code: 'NOT_FOUND', message: `no strategy ${o.show}` } }));
    if (o.json) return print(all);
    process.stdout.write(`${table(all.map((s) => ({ id: s.id, version: s.version, active: s.active ? 'yes' : '', name: s.name,
      steps: s.definition.steps.map((x) => x.id).join(' ') })), ['id', 'version', 'active', 'name', 'steps'])}\n`);
  });
}

export async function segmentsCommand(config: Config, o: { set?: string; json?: boolean; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    const file = o.set;
    const segments = file ? unwrap(await db.transaction((tx) => replaceSegments(tx, org.id, readJson(file)))) : await listSegments(db, org.id);
    if (o.json) return print(segments);
    process.stdout.write(`${table(segments.map((s, i) => ({ '#': i + 1, id: s.id, name: s.name, strategy: s.strategyId,
      when: JSON.stringify(s.when) })), ['#', 'id', 'name', 'strategy', 'when'])}\n`);
  });
}

export async function casesCommand(config: Config, o: { status?: string; strategy?: string; limit: number; json?: boolean; org?: string }): Promise<void> {
  if (o.status && o.status !== 'open' && o.status !== 'closed') throw new Error('--status: open or closed');
  await withOrg(config, o.org, async (db, org) => {
    const page = await listCases(db, org.id, { limit: o.limit, ...(o.status ? { status: o.status as 'open' | 'closed' } : {}),
      ...(o.strategy ? { strategy_id: o.strategy } : {}) });
    if (o.json) return print(page);
    process.stdout.write(`${table(page.data.map((c) => ({ id: c.id, customer: c.customer_name, status: c.status, strategy: c.strategy_id ?? '',
      step: c.current_step_id ?? '', cycle: c.cycle, next: c.next_action_at ?? '', stop: c.stop_code ?? '' })),
    ['id', 'customer', 'status', 'strategy', 'step', 'cycle', 'next', 'stop'])}\n`);
    if (page.has_more) process.stdout.write(`(more: raise --limit or use the API's cursor)\n`);
  });
}

export async function tasksCommand(config: Config, o: { status: string; complete?: string; outcome?: string; limit: number; json?: boolean; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    if (o.complete) {
      const id = o.complete;
      const t = unwrap(await db.transaction((tx) => completeTask(tx, org.id, 'cli', id, o.outcome ?? null, new Date())));
      return o.json ? print(t) : void process.stdout.write(`task ${t.id} done\n`);
    }
    if (!['open', 'done', 'cancelled'].includes(o.status)) throw new Error('--status: open, done or cancelled');
    const page = await listTasks(db, org.id, { limit: o.limit, status: o.status as 'open' | 'done' | 'cancelled' });
    if (o.json) return print(page);
    process.stdout.write(`${table([...page.data].sort(byPriority).map((t) => ({ id: t.id, priority: t.priority, kind: t.kind, due: t.due_date,
      customer: t.customer_name, note: t.note ?? '' })), ['id', 'priority', 'kind', 'due', 'customer', 'note'])}\n`);
  });
}
