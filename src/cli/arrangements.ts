// `cobro limits`, `cobro promises add|list|report|cancel`, `cobro plans preview|create|list|options|cancel`, `cobro disputes
// open|list|resolve`, `cobro extensions add`, `cobro discounts offer|list` and `cobro arrangements evaluate`: arrangements
// with debtors from the terminal. Amounts are typed in major units (12.50) of the currency, which defaults to the one the
// customer owes most in.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { ok, parseMajorAmount, type Result } from '../domain/index.ts';
import {
  createPlan, createPromise, evaluateArrangements, getLimits, listDiscountOffers, listDisputes, listPlans, listPromises,
  offerDiscount, openDispute, owedByCurrency, planOptions, previewPlan, promiseReport, requestExtension, resolveDispute, setLimits,
  type DisputeReason, type Frequency, type PlanRequest,
} from '../payments/index.ts';
import { confirmStaffArrangement, getConfirmationSettings, setConfirmationSettings, staffCancelPlan, staffCancelPromise, type Confirmation, type StaffCancel } from '../portal/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { money, table } from './output.ts';

const print = (v: unknown): void => { process.stdout.write(`${JSON.stringify(v, null, 2)}\n`); };
const say = (s: string): void => { process.stdout.write(`${s}\n`); };
const unwrap = <T>(r: Result<T>): T => { if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`); return r.value; };
const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.txt': 'text/plain' };

/** `--confirm yes|no` as the request's flag; absent, the org's setting decides. */
function confirmFlag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v !== 'yes' && v !== 'no') throw new Error('--confirm: yes or no');
  return v === 'yes';
}

const CONFIRM_HELP = 'confirm it to the customer in writing, yes or no (default: the org\'s setting, `cobro confirmations settings`)';
const confirmed = (c: Confirmation) => (c.message_id ? `; confirmation ${c.message_id} queued` : `; no confirmation: ${c.skipped ?? ''}`);

/** The currency named, or the one the customer owes most in. */
async function currencyOf(db: Db, orgId: string, customerId: string, given?: string): Promise<string> {
  if (given) return given.toUpperCase();
  const [main] = await owedByCurrency(db, orgId, customerId);
  if (!main) throw new Error('the customer owes nothing on undisputed invoices');
  return main.currency;
}

function minor(text: string, currency: string, option: string): number {
  const p = parseMajorAmount(text, currency);
  if (!p.ok) throw new Error(`${option}: ${p.reason}`);
  return p.minor;
}

type StaffCancelCommand = (q: Queryable, orgId: string, actor: string, id: string, opts: StaffCancel, now: Date) => Promise<Result<{ id: string; confirmation: Confirmation }>>;

/** `cobro promises cancel` and `cobro plans cancel`: confirmed to the customer as the org's setting and --confirm say. */
function registerCancel(c: Command, config: Config, what: 'promise' | 'plan', cancel: StaffCancelCommand): void {
  c.argument('<id>', `${what} id`).option('--reason <text>', 'why (kept, not sent to the customer)').option('--confirm <yes|no>', CONFIRM_HELP)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { reason?: string; confirm?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const confirm = confirmFlag(o.confirm);
      const r = unwrap(await inTransaction(db, (tx) => cancel(tx, org.id, 'cli', id, { reason: o.reason, confirm }, new Date())));
      if (o.json) return print(r);
      say(`${what} ${r.id} cancelled${confirmed(r.confirmation)}`);
    }));
}

function registerPromises(program: Command, config: Config): void {
  const p = program.command('promises').description('promises to pay: judged kept, partly kept or broken the day after their date + grace');
  p.command('add').description('record a promise (within the negotiation limits); reminders stop until its date + grace')
    .requiredOption('--customer <id>', 'customer id or external id').requiredOption('--amount <major>', 'amount, e.g. 250.00')
    .requiredOption('--date <date>', 'the date promised (YYYY-MM-DD)').option('--currency <ccy>', 'currency (default: the one most is owed in)')
    .option('--channel <name>', 'where it was made (phone, whatsapp, email ...)').option('--confirm <yes|no>', CONFIRM_HELP).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; amount: string; date: string; currency?: string; channel?: string; confirm?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = await customerIdOf(db, org.id, o.customer);
      const currency = await currencyOf(db, org.id, customerId, o.currency);
      const confirm = confirmFlag(o.confirm);
      const now = new Date();
      const r = unwrap(await inTransaction(db, async (tx) => {
        const made = await createPromise(tx, org.id, 'cli', { customerId, amount: minor(o.amount, currency, '--amount'), currency,
          dueDate: o.date, source: 'collector', ...(o.channel ? { channel: o.channel } : {}) }, now);
        return made.ok ? ok({ ...made.value, confirmation: await confirmStaffArrangement(tx, org.id, 'cli', { kind: 'promise', promise: made.value }, { confirm }, now) }) : made;
      }));
      if (o.json) return print(r);
      say(`promise ${r.id}: ${money(r.amount, r.currency)} ${r.currency} by ${r.due_date} (judged after ${r.grace_days} day${r.grace_days === 1 ? '' : 's'} of grace)${confirmed(r.confirmation)}`);
    }));
  p.command('list').description('promises, newest first').option('--customer <id>', 'one customer').option('--status <status>', 'pending, kept, partly_kept, broken, replaced')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; status?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listPromises(db, org.id, { ...(customerId ? { customerId } : {}), ...(o.status ? { status: o.status as 'pending' } : {}) });
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ id: r.id, customer: r.customer_id, kind: r.kind, amount: `${money(r.amount, r.currency)} ${r.currency}`, date: r.due_date,
        status: r.status, paid: r.paid === null ? '' : money(r.paid, r.currency), source: r.channel ?? r.source })),
      ['id', 'customer', 'kind', 'amount', 'date', 'status', 'paid', 'source']));
    }));
  registerCancel(p.command('cancel').description('cancel a pending promise or extension: the case returns to its strategy'), config, 'promise', staffCancelPromise);
  p.command('report').description('kept-promise rate per channel and per collector, for promises falling due in a period')
    .requiredOption('--from <date>', 'first day').requiredOption('--to <date>', 'last day').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { from: string; to: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await promiseReport(db, org.id, o.from, o.to);
      if (o.json) return print(r);
      const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
      const cols = ['promises', 'kept', 'partly_kept', 'broken', 'pending', 'kept_rate'];
      say(`Promises due ${o.from} to ${o.to}: ${r.total.promises}, kept ${pct(r.total.kept_rate)}\n`);
      say(table(r.by_channel.map((x) => ({ ...x, kept_rate: pct(x.kept_rate) })), ['channel', ...cols]));
      if (r.by_collector.length) say(`\n${table(r.by_collector.map((x) => ({ ...x, kept_rate: pct(x.kept_rate) })), ['collector', ...cols])}`);
    }));
}

interface PlanOpts { customer: string; instalments: string; down?: string; frequency?: string; first?: string; currency?: string; confirm?: string; json?: boolean; org?: string }

function registerPlans(program: Command, config: Config): void {
  const p = program.command('plans').description('instalment plans within the negotiation limits');
  const request = async (db: Db, orgId: string, o: PlanOpts): Promise<PlanRequest> => {
    const customerId = await customerIdOf(db, orgId, o.customer);
    const currency = await currencyOf(db, orgId, customerId, o.currency);
    return { customerId, instalments: Number(o.instalments), currency, source: 'collector', ...(o.down ? { downPayment: minor(o.down, currency, '--down') } : {}),
      ...(o.frequency ? { frequency: o.frequency as Frequency } : {}), ...(o.first ? { firstDueDate: o.first } : {}) };
  };
  const schedule = (rows: { seq: number; due_date: string; amount: number; interest: number }[], currency: string) =>
    table(rows.map((i) => ({ '#': i.seq === 0 ? 'down' : i.seq, due: i.due_date, amount: money(i.amount, currency), interest: money(i.interest, currency) })), ['#', 'due', 'amount', 'interest']);
  const withPlanOptions = (c: Command) => c.requiredOption('--customer <id>', 'customer id or external id').requiredOption('--instalments <n>', 'instalments after the down payment')
    .option('--down <major>', 'down payment (default: the minimum)').option('--frequency <f>', 'weekly, biweekly or monthly').option('--first <date>', 'first instalment date')
    .option('--currency <ccy>', 'currency').option('--json', 'print JSON').option('--org <id>', 'org to work in');
  withPlanOptions(p.command('preview').description('the schedule a plan would have; nothing is saved'))
    .action((o: PlanOpts) => withOrg(config, o.org, async (db, org) => {
      const s = unwrap(await previewPlan(db, org.id, await request(db, org.id, o), new Date()));
      if (o.json) return print(s);
      say(`${money(s.total, s.currency)} ${s.currency}${s.interest ? ` (interest ${money(s.interest, s.currency)})` : ''}, ${s.frequency}\n`);
      say(schedule(s.instalments.map((i) => ({ ...i, due_date: i.dueDate })), s.currency));
    }));
  withPlanOptions(p.command('create').description('create the plan; reminders of each instalment replace the strategy while it is kept'))
    .option('--confirm <yes|no>', CONFIRM_HELP)
    .action((o: PlanOpts) => withOrg(config, o.org, async (db, org) => {
      const req = await request(db, org.id, o);
      const confirm = confirmFlag(o.confirm);
      const now = new Date();
      const plan = unwrap(await inTransaction(db, async (tx) => {
        const made = await createPlan(tx, org.id, 'cli', req, now);
        return made.ok ? ok({ ...made.value, confirmation: await confirmStaffArrangement(tx, org.id, 'cli', { kind: 'plan', plan: made.value }, { confirm }, now) }) : made;
      }));
      if (o.json) return print(plan);
      say(`plan ${plan.id}: ${money(plan.total, plan.currency)} ${plan.currency}${confirmed(plan.confirmation)}\n`);
      say(schedule(plan.instalments, plan.currency));
    }));
  p.command('options').description('the plans the portal offers this customer').requiredOption('--customer <id>', 'customer id or external id')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const options = unwrap(await planOptions(db, org.id, await customerIdOf(db, org.id, o.customer), new Date()));
      if (o.json) return print(options);
      say(table(options.map((x) => ({ count: x.count, frequency: x.frequency, down: money(x.downPayment, x.currency),
        instalment: money(x.instalments[x.instalments.length - 1]!.amount, x.currency), last: x.lastDueDate, total: money(x.total, x.currency) })),
      ['count', 'frequency', 'down', 'instalment', 'last', 'total']));
    }));
  p.command('list').description('plans with what is paid').option('--customer <id>', 'one customer').option('--status <s>', 'active, completed, broken, cancelled')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; status?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listPlans(db, org.id, { ...(customerId ? { customerId } : {}), ...(o.status ? { status: o.status as 'active' } : {}) });
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ id: r.id, customer: r.customer_id, status: r.status, total: `${money(r.total, r.currency)} ${r.currency}`, paid: money(r.paid, r.currency),
        instalments: `${r.instalments.filter((i) => i.paid).length}/${r.instalments.length}`, next: r.instalments.find((i) => !i.paid)?.due_date ?? '' })),
      ['id', 'customer', 'status', 'total', 'paid', 'instalments', 'next']));
    }));
  registerCancel(p.command('cancel').description('cancel an active plan: paid instalments stay paid, the case returns to its strategy'), config, 'plan', staffCancelPlan);
}

function registerDisputes(program: Command, config: Config): void {
  const d = program.command('disputes').description('disputes: contact pauses on the disputed invoices until resolved');
  d.command('open').description('open a dispute and put a review task on the worklist').requiredOption('--customer <id>', 'customer id or external id')
    .requiredOption('--reason <r>', 'not_mine, wrong_amount, already_paid, goods_or_service, duplicate or other')
    .option('--invoices <list>', 'comma-separated invoice numbers or ids (default: every open invoice)').option('--text <text>', 'what the debtor says')
    .option('--attachment <file>', 'PDF, PNG, JPEG, GIF, WebP or text, at most 5 MB').option('--type <mime>', 'the attachment\'s type (default: from its extension)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; reason: string; invoices?: string; text?: string; attachment?: string; type?: string; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const customerId = await customerIdOf(db, org.id, o.customer);
        const attachment = o.attachment ? { filename: basename(o.attachment), data: readFileSync(o.attachment),
          contentType: o.type ?? TYPES[extname(o.attachment).toLowerCase()] ?? 'application/octet-stream' } : undefined;
        const r = unwrap(await inTransaction(db, (tx) => openDispute(tx, org.id, 'cli', { customerId, reason: o.reason as DisputeReason, source: 'collector',
          invoiceIds: o.invoices ? o.invoices.split(',').map((s) => s.trim()).filter(Boolean) : [], ...(o.text ? { text: o.text } : {}),
          ...(attachment ? { attachment } : {}) }, new Date())));
        if (o.json) return print(r);
        say(`dispute ${r.id} on ${money(r.amount, r.currency)} ${r.currency} (${r.invoice_ids.length} invoice${r.invoice_ids.length === 1 ? '' : 's'}); review task ${r.task_id}`);
      }));
  d.command('list').description('disputes, newest first').option('--status <s>', 'open, valid or invalid').option('--customer <id>', 'one customer')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { status?: string; customer?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listDisputes(db, org.id, { ...(o.status ? { status: o.status as 'open' } : {}), ...(customerId ? { customerId } : {}) });
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ id: r.id, customer: r.customer_id, reason: r.reason, amount: `${money(r.amount, r.currency)} ${r.currency}`, status: r.status,
        attachment: r.attachment?.filename ?? '', opened: r.created_at.slice(0, 10) })), ['id', 'customer', 'reason', 'amount', 'status', 'attachment', 'opened']));
    }));
  d.command('resolve').description('valid: a credit note for the disputed amount; invalid: the invoices are undisputed and contact resumes')
    .argument('<id>', 'dispute id').requiredOption('--outcome <o>', 'valid or invalid').option('--note <text>', 'why').option('--org <id>', 'org to work in')
    .action((id: string, o: { outcome: string; note?: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (o.outcome !== 'valid' && o.outcome !== 'invalid') throw new Error('--outcome: valid or invalid');
      const outcome = o.outcome;
      const r = unwrap(await inTransaction(db, (tx) => resolveDispute(tx, org.id, 'cli', id, { outcome, ...(o.note ? { note: o.note } : {}) }, new Date())));
      say(`dispute ${r.id} resolved ${r.status}${r.credit_note_ids.length ? `: credit notes ${r.credit_note_ids.join(', ')}` : ''}`);
    }));
}

function registerOthers(program: Command, config: Config): void {
  program.command('limits').description('the negotiation limits; --set changes the settings in a JSON file (the others keep their values)')
    .option('--set <file>', 'JSON object of settings').option('--replace', 'with --set: start again from the defaults').option('--org <id>', 'org to work in')
    .action((o: { set?: string; replace?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const file = o.set;
      print(file ? unwrap(await inTransaction(db, (tx) => setLimits(tx, org.id, 'cli', JSON.parse(readFileSync(file, 'utf8')), new Date(), Boolean(o.replace))))
        : await getLimits(db, org.id));
    }));
  program.command('extensions').description('more time for a customer').command('add')
    .description('give more time: a promise of the whole balance by the oldest due date (or today) plus the days')
    .requiredOption('--customer <id>', 'customer id or external id').requiredOption('--days <n>', 'days').option('--reason <text>', 'why')
    .option('--confirm <yes|no>', CONFIRM_HELP).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; days: string; reason?: string; confirm?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = await customerIdOf(db, org.id, o.customer);
      const confirm = confirmFlag(o.confirm);
      const now = new Date();
      const x = unwrap(await inTransaction(db, async (tx) => {
        const made = await requestExtension(tx, org.id, 'cli', { customerId, days: Number(o.days), source: 'collector', ...(o.reason ? { reason: o.reason } : {}) }, now);
        if (!made.ok) return made;
        const confirmation: Confirmation = made.value.promise
          ? await confirmStaffArrangement(tx, org.id, 'cli', { kind: 'extension', promise: made.value.promise }, { confirm }, now)
          : { message_id: null, skipped: 'the extension made no promise to confirm' };
        return ok({ ...made.value, confirmation });
      }));
      if (o.json) return print(x);
      say(`extension ${x.id}: pay by ${x.new_due_date} (promise ${x.promise_id})${confirmed(x.confirmation)}`);
    }));
  program.command('confirmations').description('written confirmations to debtors').command('settings')
    .description('whether the promises, extensions and plans staff record, and their cancellations, are confirmed to the customer (each command\'s --confirm may say otherwise)')
    .option('--staff <yes|no>', 'confirm staff\'s arrangements by default').option('--org <id>', 'org to work in')
    .action((o: { staff?: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (o.staff !== undefined && o.staff !== 'yes' && o.staff !== 'no') throw new Error('--staff: yes or no');
      print(o.staff ? unwrap(await inTransaction(db, async (tx) => ok(await setConfirmationSettings(tx, org.id, 'cli', { staff_arrangements: o.staff === 'yes' }, new Date()))))
        : await getConfirmationSettings(db, org.id));
    }));
  const discounts = program.command('discounts').description('prompt-payment discounts');
  discounts.command('offer').description('offer a discount if the rest is paid by a date').requiredOption('--customer <id>', 'customer id or external id')
    .requiredOption('--percent <p>', 'discount in percent, e.g. 2.5').requiredOption('--pay-by <date>', 'the date').option('--currency <ccy>', 'currency')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; percent: string; payBy: string; currency?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = await customerIdOf(db, org.id, o.customer);
      const bp = Math.round(Number(o.percent) * 100);
      if (!Number.isFinite(bp)) throw new Error('--percent: a number');
      const r = unwrap(await inTransaction(db, (tx) => offerDiscount(tx, org.id, 'cli', { customerId, basisPoints: bp, payBy: o.payBy, source: 'collector',
        ...(o.currency ? { currency: o.currency.toUpperCase() } : {}) }, new Date())));
      if (o.json) return print(r);
      say(`discount ${r.id}: ${money(r.discount, r.currency)} off if ${money(r.pay_amount, r.currency)} ${r.currency} is paid by ${r.pay_by}`);
    }));
  discounts.command('list').description('discount offers').option('--customer <id>', 'one customer').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      print(await listDiscountOffers(db, org.id, o.customer ? await customerIdOf(db, org.id, o.customer) : undefined));
    }));
  program.command('arrangements').description('promises, plans and discounts over time').command('evaluate')
    .description('judge due promises and plans and apply earned discounts now (the worker does it every round)').option('--org <id>', 'org to work in')
    .action((o: { org?: string }) => withOrg(config, o.org, async (db, org) => print(await evaluateArrangements(db, org.id, new Date()))));
}

export function registerArrangements(program: Command, config: Config): void {
  registerOthers(program, config);
  registerPromises(program, config);
  registerPlans(program, config);
  registerDisputes(program, config);
}
