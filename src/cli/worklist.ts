// `cobro worklist`, `cobro assign` and `cobro case call|note|pause|resume|escalate|strategy|message|callback`: the
// collectors' worklist and what they do on a case, from the terminal. Amounts are typed in major units (12.50).
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { parseMajorAmount, type Result } from '../domain/index.ts';
import { addCaseNote, changeCaseStrategy, pauseCase, requestMessage, resumeCase, TASK_KINDS } from '../engine/index.ts';
import type { Channel } from '../messaging/index.ts';
import type { Tone } from '../strategy/index.ts';
import { checkOneOffTemplate } from '../org-templates/index.ts';
import { findUserByEmail } from '../orgs/index.ts';
import { ACTIONS, addTask, CALL_OUTCOMES, escalate, getPrioritySettings, handOver, logCall, SCOPES, setPrioritySettings, worklist, type CallOutcome,
  type PrioritySettings, type Scope } from '../tasks/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';
import { registerPrioritiesLearn } from './priorities-learn.ts';

const print = (v: unknown): void => { process.stdout.write(`${JSON.stringify(v, null, 2)}\n`); };
const say = (s: string): void => { process.stdout.write(`${s}\n`); };
const unwrap = <T>(r: Result<T>): T => { if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`); return r.value; };
const ACTOR = 'cli';

async function userId(db: Db, orgId: string, email: string): Promise<string> {
  const u = await findUserByEmail(db, orgId, email);
  if (!u) throw new Error(`no user ${email}`);
  return u.id;
}

const collect = (v: string, all: string[]): string[] => [...all, v];

/** `call=0.2` pairs into an object; a value that does not read is refused, naming the option. */
function pairs(list: string[], option: string, read: (value: string, key: string) => number): Record<string, number> {
  return Object.fromEntries(list.map((p) => {
    const [k, v] = p.split('=');
    const n = k && v ? read(v, k) : NaN;
    if (!k || !v || !Number.isFinite(n)) throw new Error(`${option}: use KEY=VALUE with a number (got "${p}")`);
    return [option === '--minute-cost' ? k.toUpperCase() : k, n];
  }));
}

function minorOf(major: string, currency: string): number {
  const p = parseMajorAmount(major, currency.toUpperCase());
  if (!p.ok) throw new Error(`--minute-cost: ${p.reason}`);
  return p.minor;
}

function settingsText(s: PrioritySettings): string {
  return `${table(ACTIONS.map((a) => ({ action: a, lift: `${Math.round(s.lift[a] * 1000) / 10}%`, minutes: s.minutes[a] })), ['action', 'lift', 'minutes'])}\n`
    + `a collector's minute: ${Object.entries(s.minute_cost).map(([c, m]) => `${money(m, c)} ${c}`).join(', ')}`;
}

function registerList(program: Command, config: Config): void {
  program.command('worklist').description('a day\'s open tasks in working order (the expected value of acting), with the reason each is there')
    .option('--date <date>', 'tasks due by this day (default: today in the org\'s time zone)')
    .addOption(new Option('--scope <scope>', 'whose tasks').choices(SCOPES.filter((s) => s !== 'mine' && s !== 'mine_and_unassigned')).default('all'))
    .option('--assignee <email>', 'one user\'s worklist').addOption(new Option('--kind <kind>', 'one kind of task').choices(TASK_KINDS))
    .option('--limit <n>', 'how many', (v) => Number(v), 100).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { date?: string; scope: Scope; assignee?: string; kind?: string; limit: number; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const now = new Date();
      const assignee = o.assignee ? await userId(db, org.id, o.assignee) : undefined;
      const w = unwrap(await worklist(db, org.id, { role: 'admin', userId: null }, { date: o.date ?? dateInZone(now, org.default_timezone), scope: o.scope,
        ...(assignee ? { assignee } : {}), ...(o.kind ? { kind: o.kind } : {}), limit: o.limit }, now));
      if (o.json) return print(w);
      say(table(w.data.map((i) => ({ '#': i.rank, score: i.score, task: i.id, action: i.action, customer: i.customer_id ? i.customer_name : '(organisation)',
        'past due': i.currency ? `${money(i.overdue_amount, i.currency)} ${i.currency}` : '', days: i.days_past_due,
        risk: i.probability_late === null ? '-' : `${Math.round(i.probability_late * 100)}%`,
        value: `${money(i.expected_value, i.value_of_acting.currency)} ${i.value_of_acting.currency}`, assigned: i.assigned_to ?? '', reason: i.reason })),
      ['#', 'score', 'task', 'action', 'customer', 'past due', 'days', 'risk', 'value', 'assigned', 'reason']));
      say(w.scored_as_of ? `risk from the scores of ${w.scored_as_of}` : 'no risk scores yet: ranked by balance and days past due (run `cobro score run`)');
    }));

  const priorities = program.command('priorities').description('what orders the worklist: lift factor and minutes per action, a collector\'s minute cost per currency; show or change')
    .option('--lift <action=share...>', `an action's lift, 0..1 (${ACTIONS.join(', ')})`, collect, [])
    .option('--minutes <action=n...>', 'the collector minutes an action takes', collect, [])
    .option('--minute-cost <currency=major...>', 'a collector\'s minute in a currency, in major units (USD=0.50)', collect, [])
    .option('--reset', 'start again from the defaults').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { lift: string[]; minutes: string[]; minuteCost: string[]; reset?: boolean; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const change = o.lift.length || o.minutes.length || o.minuteCost.length || o.reset;
      const s = change ? unwrap(await inTransaction(db, (tx) => setPrioritySettings(tx, org.id, ACTOR, {
        ...(o.lift.length ? { lift: pairs(o.lift, '--lift', Number) } : {}), ...(o.minutes.length ? { minutes: pairs(o.minutes, '--minutes', Number) } : {}),
        ...(o.minuteCost.length ? { minute_cost: pairs(o.minuteCost, '--minute-cost', minorOf) } : {}) }, new Date(), o.reset ?? false)))
        : await getPrioritySettings(db, org.id);
      if (o.json) return print(s);
      say(settingsText(s));
    }));
  registerPrioritiesLearn(priorities, config);

  program.command('assign').description('give an open task to a user (by email), or back to the unassigned with --to none')
    .argument('<task>', 'task id').requiredOption('--to <email>', 'the user\'s email, or none').option('--org <id>', 'org to work in')
    .action((task: string, o: { to: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const to = o.to === 'none' ? null : await userId(db, org.id, o.to);
      const t = unwrap(await inTransaction(db, (tx) => handOver(tx, org.id, ACTOR, task, to, new Date())));
      say(`task ${t.id} ${t.assigned_to ? `assigned to ${o.to}` : 'unassigned'}`);
    }));
}

function registerCase(program: Command, config: Config): void {
  const c = program.command('case').description('work a case (by case id or customer id): calls, notes, pause, resume, escalate, strategy, one-off message, callback');
  const run = <T>(org: string | undefined, fn: (db: Queryable, orgId: string, now: Date) => Promise<Result<T>>, done: (v: T) => string) =>
    withOrg(config, org, async (db, o) => { say(done(unwrap(await inTransaction(db, (tx) => fn(tx, o.id, new Date()))))); });

  c.command('call').description('log a call: right_party, promise, refused, wrong_number or no_answer (a contact the caps count)')
    .argument('<case>').addOption(new Option('--outcome <outcome>', 'what came of it').choices(CALL_OUTCOMES).makeOptionMandatory())
    .option('--task <id>', 'the task it worked').option('--note <text>', 'a note').option('--phone <number>', 'the number dialled')
    .option('--amount <major>', 'with --outcome promise: the amount promised').option('--currency <ccy>', 'its currency').option('--by <date>', 'the date promised')
    .option('--org <id>', 'org to work in')
    .action((id: string, o: { outcome: CallOutcome; task?: string; note?: string; phone?: string; amount?: string; currency?: string; by?: string; org?: string }) => {
      let promise: { amount: number; currency: string; dueDate: string } | undefined;
      if (o.amount || o.by) {
        if (!o.amount || !o.currency || !o.by) throw new Error('a promise needs --amount, --currency and --by');
        const p = parseMajorAmount(o.amount, o.currency.toUpperCase());
        if (!p.ok) throw new Error(`--amount: ${p.reason}`);
        promise = { amount: p.minor, currency: o.currency.toUpperCase(), dueDate: o.by };
      }
      return run(o.org, (db, orgId, now) => logCall(db, orgId, ACTOR, { caseId: id, outcome: o.outcome, ...(o.task ? { taskId: o.task } : {}),
        ...(o.note ? { note: o.note } : {}), ...(o.phone ? { phone: o.phone } : {}), ...(promise ? { promise } : {}) }, now),
      (r) => `call logged on ${r.case_id}: ${r.outcome} (${r.contact})${r.promise ? `; promise ${r.promise.id} of ${money(r.promise.amount, r.promise.currency)} ${r.promise.currency} by ${r.promise.due_date}` : ''}`);
    });

  c.command('note').argument('<case>').requiredOption('--text <text>', 'the note').option('--org <id>', 'org to work in').description('write a note on the timeline')
    .action((id: string, o: { text: string; org?: string }) => run(o.org, (db, orgId, now) => addCaseNote(db, orgId, ACTOR, id, o.text, now), (r) => `note ${r.id} on ${r.case_id}`));
  c.command('pause').argument('<case>').requiredOption('--until <when>', 'an ISO instant or a day (YYYY-MM-DD)').option('--note <text>', 'why')
    .option('--org <id>', 'org to work in').description('pause contact (at most 90 days); planned actions are cancelled')
    .action((id: string, o: { until: string; note?: string; org?: string }) => run(o.org,
      (db, orgId, now) => pauseCase(db, orgId, ACTOR, id, new Date(o.until.length === 10 ? `${o.until}T00:00:00Z` : o.until), o.note ?? null, now),
      (r) => `case ${r.id} paused until ${r.paused_until}`));
  c.command('resume').argument('<case>').option('--org <id>', 'org to work in').description('lift a pause or an escalation')
    .action((id: string, o: { org?: string }) => run(o.org, (db, orgId, now) => resumeCase(db, orgId, ACTOR, id, now), (r) => `case ${r.id} resumed; next action ${r.next_action_at ?? 'none'}`));
  c.command('escalate').argument('<case>').option('--note <text>', 'why').option('--org <id>', 'org to work in')
    .description('hand the case over to people: no automatic contact, a review task for managers')
    .action((id: string, o: { note?: string; org?: string }) => run(o.org, (db, orgId, now) => escalate(db, orgId, ACTOR, id, o.note ?? null, now), (r) => `case ${r.id} escalated`));
  c.command('strategy').argument('<case>').requiredOption('--to <id>', 'an active strategy').option('--org <id>', 'org to work in')
    .description('put the case on another strategy')
    .action((id: string, o: { to: string; org?: string }) => run(o.org, (db, orgId, now) => changeCaseStrategy(db, orgId, ACTOR, id, o.to, now),
      (r) => `case ${r.id} on ${r.strategy_id} version ${r.strategy_version}`));
  c.command('message').argument('<case>').addOption(new Option('--channel <channel>', 'the channel').choices(['email', 'sms', 'whatsapp', 'voice']).makeOptionMandatory())
    .addOption(new Option('--template <id>', 'a shipped template or one of the org\'s own (org-...)').makeOptionMandatory())
    .addOption(new Option('--tone <tone>', 'the tone').choices(['friendly', 'neutral', 'formal', 'firm']).default('neutral')).option('--org <id>', 'org to work in')
    .description('queue a one-off message; the dispatcher sends it only if the compliance gate allows')
    .action((id: string, o: { channel: Channel; template: string; tone: Tone; org?: string }) => {
      return run(o.org, async (db, orgId, now) => {
        const usable = await checkOneOffTemplate(db, orgId, o.template, o.channel, o.tone);
        return usable.ok ? requestMessage(db, orgId, ACTOR, id, { channel: o.channel, template: o.template, tone: o.tone }, now) : usable;
      },
        (r) => `message queued as action ${r.action_id} for ${r.scheduled_for}; the gate decides when it is sent`);
    });
  c.command('callback').argument('<case>').requiredOption('--at <instant>', 'an ISO instant').option('--note <text>', 'what to say')
    .option('--to <email>', 'the user whose worklist gets it (default: unassigned)').option('--org <id>', 'org to work in').description('set a callback: a call task at an instant')
    .action((id: string, o: { at: string; note?: string; to?: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const to = o.to ? await userId(db, org.id, o.to) : null;
      const t = unwrap(await inTransaction(db, (tx) => addTask(tx, org.id, ACTOR, null, { caseId: id, kind: 'call', priority: 'normal', dueAt: new Date(o.at),
        assignedTo: to, ...(o.note ? { note: o.note } : {}) }, new Date())));
      say(`callback ${t.id} at ${t.due_at}${o.to ? ` for ${o.to}` : ''}`);
    }));
}

export function registerWorklist(program: Command, config: Config): void {
  registerList(program, config);
  registerCase(program, config);
}
