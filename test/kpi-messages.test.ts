// Contact, recovery and cost KPIs on random messages, replies, promises and payments of orgs in the zones furthest from
// UTC (14 hours ahead, 12 behind), sent at instants whose day there is not their day in UTC, with calls logged by people,
// keys pressed in calls and portal visits (and rows that look like them but are not): the figures equal the same
// worked out here from the raw rows, message by message and payment by payment, for periods ending on those days. The
// contact and cost figures read the messages' stored rows per UTC day (customer_messages_daily, migration 051): after
// rounds of random changes (statuses, sending instants, costs, customers, channels and templates changed; messages
// deleted, written before their action; actions moved to another step or deleted, in one statement or several) the
// figures still equal the raw rows', `cobro totals check` finds nothing, and `repair` puts back rows damaged by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from './support/db.ts';
import { aCustomer, aPayment } from './support/factories.ts';
import { createOrg } from '../src/orgs/index.ts';
import { contactKpis } from '../src/kpi/contact.ts';
import { recoveryKpis } from '../src/kpi/recovery.ts';
import { ratio } from '../src/kpi/ratio.ts';
import { addDays, type CalendarDate } from '../src/domain/dates.ts';
import type { Db } from '../src/db/index.ts';
import { checkLedgerTotals, rebuildLedgerTotals } from '../src/ledger/index.ts';
import { dice } from './support/random-ledger.ts';
import { recordAudit } from '../src/audit/index.ts';
import { round2 } from '../src/kpi/ratio.ts';

const SEED = Number(process.env.KPI_MESSAGES_SEED ?? 20260317);
const { rnd, int, pick } = dice(SEED);
const day = (offset: number): CalendarDate => addDays('2026-03-01', offset);
const at = (offset: number) => `${day(offset)}T${String(int(0, 23)).padStart(2, '0')}:${pick(['00', '30', '59'])}:00.000Z`;

let db: Db;
after(async () => { await db?.close(); });

interface Msg {
  id: string; customer: string; channel: string; template: string | null; strategy: string | null; step: string | null; status: string;
  sent_at: string | null; cost: number | null; currency: string | null;
}
interface Pay { id: string; customer: string; currency: string; date: string; amount: number; reversed_at: string | null }
interface Call { id: string; customer: string; at: string; answered: boolean }
interface World {
  org: string; tz: string; customers: string[]; msgs: Msg[]; pays: Pay[]; replies: { customer: string; channel: string; at: string }[]; promised: { customer: string; at: string }[];
  /** Calls logged by people; keys pressed (the call's message id, which may be no voice message, or deleted later); portal visits. */
  calls: Call[]; keys: { message: string; at: string }[]; visits: { id: string; customer: string; at: string }[];
}

const localDay = (instant: string, tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

async function seed(tz: string): Promise<World> {
  const org = (await createOrg(db, { name: `KPI messages ${tz}`, defaultTimezone: tz })).id;
  const customers: string[] = [];
  for (let k = 0; k < 8; k++) customers.push((await aCustomer(db, org)).id);
  const w: World = { org, tz, customers, msgs: [], pays: [], replies: [], promised: [], calls: [], keys: [], visits: [] };
  for (let k = 0; k < 120; k++) await aMessage(w, `msg_${org}_${String(k).padStart(3, '0')}`, rnd() < 0.1);
  await touches(w);
  for (let k = 0; k < 12; k++) {
    const r = { customer: pick(customers), channel: pick(['email', 'sms', 'whatsapp']), at: at(int(0, 40)) };
    w.replies.push(r);
    await db.query(
      `INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
       VALUES ($1, $2, $3, $4, 'test', $1, 'x', 'hello', $5, $5)`, [`inb_${org}_${k}`, org, r.customer, r.channel, r.at]);
  }
  for (let k = 0; k < 6; k++) {
    const p = { customer: pick(customers), at: at(int(0, 40)) };
    w.promised.push(p);
    await db.query(
      `INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at)
       VALUES ($1, $2, $3, 1000, 'USD', '2026-03-01', '2026-04-30', 0, 'collector', 'test', 'replaced', null, $4)`, [`prm_${org}_${k}`, org, p.customer, p.at]);
  }
  for (let k = 0; k < 40; k++) {
    const currency = pick(['USD', 'EUR']);
    const p = await aPayment(db, org, { customer_id: pick(customers), currency, amount: int(1, 50) * 100, date: day(int(0, 40)), allocations: [] });
    const reversed = rnd() < 0.2 ? at(int(0, 45)) : null;
    if (reversed) await db.query('UPDATE payments SET reversed_at = $2 WHERE id = $1', [p.id, reversed]);
    w.pays.push({ id: p.id, customer: p.customer_id!, currency, date: p.date, amount: p.amount, reversed_at: reversed });
  }
  return w;
}

/** Calls logged on the customers' cases, keys pressed in calls, portal visits; and a call received, a key of another org and a staff view, which count as none. */
async function touches(w: World) {
  for (const c of w.customers) {
    await db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ($1, $2, $3, 'open', '2026-01-01T00:00:00Z')`, [`case_${c}`, w.org, c]);
  }
  for (let k = 0; k < 16; k++) {
    const outcome = pick(['right_party', 'promise', 'refused', 'wrong_number', 'no_answer']);
    const call = { id: `evt_${w.org}_${k}`, customer: pick(w.customers), at: at(int(0, 40)), answered: ['right_party', 'promise', 'refused'].includes(outcome) };
    const contact = call.answered ? 'conversation' : 'unanswered';
    await db.query(`INSERT INTO case_events (id, org_id, case_id, at, kind, reason, data) VALUES ($1, $2, $3, $4, $5, 'call', $6)`,
      [call.id, w.org, `case_${call.customer}`, call.at, k < 15 ? 'call_logged' : 'call_received', JSON.stringify({ outcome, contact })]);
    if (k < 15) w.calls.push(call);
  }
  for (let k = 0; k < 16; k++) {
    const key = { message: `msg_${w.org}_${String(int(0, 119)).padStart(3, '0')}`, at: at(int(0, 40)) };
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, event) VALUES ($1, $2, 'twilio', $1, $3, '', 'processed', $4)`,
      [`inb_key_${w.org}_${k}`, k < 15 ? w.org : 'org_other', key.at, JSON.stringify({ type: 'keypress', providerMessageId: key.message, digits: String(k % 3) })]);
    if (k < 15) w.keys.push(key);
  }
  for (let k = 0; k < 12; k++) {
    const visit = { id: '', customer: pick(w.customers), at: at(int(0, 40)) };
    const actor = k < 11 ? `portal:lnk_${k}` : 'user:staff';
    await recordAudit(db, { orgId: w.org, actor, action: 'portal.viewed', entity: 'customer', entityId: visit.customer, data: {} }, new Date(visit.at));
    visit.id = (await db.query<{ id: string }>(`SELECT id FROM audit_log WHERE org_id = $1 AND actor = $2`, [w.org, actor]))[0]!.id;
    if (k < 11) w.visits.push(visit);
  }
}

const STATUSES = ['sent', 'delivered', 'read', 'failed', 'bounced', 'queued'] as const;

async function anAction(org: string, id: string, customer: string, channel: string, template: string | null) {
  await db.query(
    `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
       template, scheduled_for, status, reason, created_at, updated_at)
     VALUES ($1, $2, 'case_x', $3, $1, $4, 1, $5, 1, 'message', ARRAY[$6], $7, '2026-03-01', 'sent', 'due', now(), now())`,
    [id, org, customer, pick(['str', 'str_b']), pick(['s1', 's2']), channel, template]);
}

/** A message and its action; `actionAfter`: the action written after the message (which counts on no step till then). */
async function aMessage(w: World, id: string, actionAfter: boolean) {
  const customer = pick(w.customers);
  const [channel, template] = [pick(['email', 'sms', 'whatsapp', 'voice']), pick(['t1', 't2', 't3', null])];
  const status = pick(STATUSES);
  const cost = rnd() < 0.8 ? int(1, 9) * 1000 : null;
  if (!actionAfter) await anAction(w.org, `act_${id}`, customer, channel, template);
  await db.query(
    `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at,
       cost_micros, cost_currency, provider, provider_message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now(), now(), $8, $9, $10, 'twilio', $1)`,
    [id, w.org, `act_${id}`, customer, channel, template, status, status === 'queued' ? null : at(int(0, 40)), cost,
      cost === null ? pick([null, 'USD']) : pick(['USD', 'USD', 'EUR'])]);
  if (actionAfter) await anAction(w.org, `act_${id}`, customer, channel, template);
}

/** One round of random changes to the messages and their actions, some statements changing many rows at once. */
async function changes(w: World, n: number) {
  for (let k = 0; k < n; k++) {
    const ids = (await db.query<{ id: string }>('SELECT id FROM messages WHERE org_id = $1 ORDER BY id', [w.org])).map((r) => r.id);
    const id = pick(ids);
    const what = int(0, 10);
    if (what === 0) {
      const status = pick(STATUSES);
      await db.query(`UPDATE messages SET status = $2, sent_at = CASE WHEN $2 = 'queued' THEN NULL ELSE COALESCE(sent_at, $3) END WHERE id = $1`,
        [id, status, at(int(0, 40))]);
    } else if (what === 1) {
      await db.query(`UPDATE messages SET sent_at = $2 WHERE id = $1 AND sent_at IS NOT NULL`, [id, at(int(0, 40))]);
    } else if (what === 2) {
      const cost = rnd() < 0.3 ? null : int(1, 9) * 1000;
      await db.query(`UPDATE messages SET cost_micros = $2, cost_currency = $3 WHERE id = $1`, [id, cost, pick(['USD', 'EUR', null])]);
    } else if (what === 3) {
      await db.query(`UPDATE messages SET customer_id = $2 WHERE id = $1`, [id, pick(w.customers)]);
    } else if (what === 4) {
      await db.query(`UPDATE messages SET template = $2 WHERE id = $1`, [id, pick(['t1', 't2', 't3', null])]);
    } else if (what === 5 && ids.length > 60) {
      await db.query(`DELETE FROM messages WHERE id = $1`, [id]);
    } else if (what === 6) {
      await db.query(`UPDATE actions SET step_id = $2, strategy_id = $3 WHERE org_id = $1 AND id = (SELECT action_id FROM messages WHERE id = $4)`,
        [w.org, pick(['s1', 's2', 's3']), pick(['str', 'str_b']), id]);
    } else if (what === 7 && rnd() < 0.5) {
      await db.query(`DELETE FROM actions WHERE org_id = $1 AND id = (SELECT action_id FROM messages WHERE id = $2)`, [w.org, id]);
    } else if (what === 8) {
      await aMessage(w, `msg_${w.org}_n${k}_${int(0, 1e6)}`, rnd() < 0.5);
    } else if (what === 9) {
      // many rows in one statement: a read receipt for some, a delivery for others, a move of a day for the rest
      await db.query(`UPDATE messages SET status = CASE WHEN status = 'delivered' THEN 'read' WHEN status = 'sent' THEN 'delivered' ELSE status END,
        sent_at = CASE WHEN status IN ('failed', 'bounced') THEN sent_at + interval '1 day' ELSE sent_at END
        WHERE org_id = $1 AND right(id, 1) = $2`, [w.org, String(int(0, 9))]);
    } else {
      await db.query(`UPDATE actions SET step_id = CASE WHEN step_id = 's1' THEN 's2' ELSE 's1' END WHERE org_id = $1 AND right(id, 1) = $2`,
        [w.org, String(int(0, 9))]);
    }
  }
}

/** The messages as they now are, each with its action's step (none when the org has no action of its id). */
async function messagesOf(w: World): Promise<Msg[]> {
  const rows = await db.query<Omit<Msg, 'sent_at'> & { sent_at: Date | null }>(
    `SELECT m.id, m.customer_id AS customer, m.channel, m.template, a.strategy_id AS strategy, a.step_id AS step, m.status, m.sent_at,
       m.cost_micros::int AS cost, m.cost_currency AS currency
     FROM messages m LEFT JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id WHERE m.org_id = $1 ORDER BY m.id`, [w.org]);
  return rows.map((r) => ({ ...r, sent_at: r.sent_at === null ? null : new Date(r.sent_at).toISOString() }));
}

function contactsFromRows(w: World, from: string, to: string) {
  const inPeriod = (instant: string) => { const d = localDay(instant, w.tz); return d >= from && d <= to; };
  const replied = w.replies.filter((r) => inPeriod(r.at));
  const calls = w.calls.filter((c) => inPeriod(c.at));
  // a key counts in a voice message still there, for the customer it now has
  const pressed = w.keys.filter((k) => inPeriod(k.at)).flatMap((k) => w.msgs.filter((m) => m.id === k.message && m.channel === 'voice').map((m) => m.customer));
  const responded = [...replied, ...pressed.map((customer) => ({ customer, channel: 'voice' })),
    ...calls.filter((c) => c.answered).map((c) => ({ customer: c.customer, channel: 'call' }))];
  const sent = [...w.msgs.filter((m) => m.sent_at && inPeriod(m.sent_at)).map((m) => ({ customer: m.customer, channel: m.channel,
    delivered: ['delivered', 'read'].includes(m.status), failed: ['failed', 'bounced'].includes(m.status) })),
  ...calls.map((c) => ({ customer: c.customer, channel: 'call', delivered: c.answered, failed: false }))]
    .map((m) => ({ ...m, reached: m.delivered || responded.some((r) => r.customer === m.customer && r.channel === m.channel) }));
  const distinct = (xs: { customer: string }[]) => new Set(xs.map((x) => x.customer)).size;
  const channels = [...new Set(sent.map((m) => m.channel))].sort();
  const engaged = new Set([...responded.map((r) => r.customer), ...w.promised.filter((p) => inPeriod(p.at)).map((p) => p.customer)]);
  const accounts = [...new Set(sent.map((m) => m.customer))];
  const reached = accounts.filter((c) => sent.some((m) => m.customer === c && m.reached) || responded.some((r) => r.customer === c)).length;
  const rightParty = accounts.filter((c) => engaged.has(c)).length;
  return {
    accounts_attempted: accounts.length, accounts_reached: reached, accounts_right_party: rightParty,
    contact_rate: ratio(reached, accounts.length), right_party_rate: ratio(rightParty, accounts.length), replies: replied.length,
    keypresses: pressed.length, contacts: sent.length, contacts_per_account: accounts.length ? round2(sent.length / accounts.length) : null,
    by_channel: channels.map((channel) => {
      const ms = sent.filter((m) => m.channel === channel);
      const attempted = distinct(ms);
      const reachedHere = distinct(ms.filter((m) => m.reached));
      return { channel, messages: ms.length, delivered: ms.filter((m) => m.delivered).length, failed: ms.filter((m) => m.failed).length,
        accounts_attempted: attempted, accounts_reached: reachedHere, contact_rate: ratio(reachedHere, attempted) };
    }),
  };
}

interface Touch { id: string; at: string; kind: 'message' | 'call' | 'visit'; channel: string; template: string | null; strategy: string | null; step: string | null }
type Amounts = { currency: string; amount: number; payments: number }[];

/**
 * Per channel, step and template: messages, cost (micros and accounts) and what was credited to it, last touch and
 * shared, from the raw rows; steps and templates through messages only.
 */
function recoveryFromRows(w: World, from: string, to: string, currency: string | null, windowDays: number) {
  const d = (instant: string) => localDay(instant, w.tz);
  const sent = w.msgs.filter((m) => m.sent_at && d(m.sent_at) >= from && d(m.sent_at) <= to);
  const pays = w.pays.filter((p) => p.date >= from && p.date <= to && (!currency || p.currency === currency) && (!p.reversed_at || d(p.reversed_at) > to));
  const touches: (Touch & { customer: string })[] = [
    ...w.msgs.filter((m) => m.sent_at && ['sent', 'delivered', 'read'].includes(m.status)).map((m) => ({ id: m.id, customer: m.customer, at: m.sent_at!,
      kind: 'message' as const, channel: m.channel, template: m.template, strategy: m.strategy, step: m.step })),
    ...w.calls.filter((c) => c.answered).map((c) => ({ id: c.id, customer: c.customer, at: c.at, kind: 'call' as const, channel: 'call', template: null, strategy: null, step: null })),
    ...w.visits.map((v) => ({ id: v.id, customer: v.customer, at: v.at, kind: 'visit' as const, channel: 'portal', template: null, strategy: null, step: null })),
  ];
  const credited = pays.map((p) => {
    const mine = touches.filter((t) => t.customer === p.customer && d(t.at) >= addDays(p.date, -windowDays) && d(t.at) <= p.date);
    mine.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
    // the k-th of n touches: floor(amount k / n) - floor(amount (k - 1) / n)
    const shares = mine.map((t, i) => ({ t, amount: Math.floor((p.amount * (i + 1)) / mine.length) - Math.floor((p.amount * i) / mine.length) }));
    return { p, last: mine[0], shares };
  });
  const add = (by: Map<string, { currency: string; amount: number; payments: Set<string> }>, p: Pay, amount: number) => {
    const t = by.get(p.currency) ?? { currency: p.currency, amount: 0, payments: new Set<string>() };
    t.amount += amount; t.payments.add(p.id); by.set(p.currency, t);
  };
  const out = (by: Map<string, { currency: string; amount: number; payments: Set<string> }>): Amounts =>
    [...by.values()].map((x) => ({ currency: x.currency, amount: x.amount, payments: x.payments.size })).sort((a, b) => a.currency.localeCompare(b.currency));
  const sum = (xs: typeof credited) => { const by = new Map(); for (const { p } of xs) add(by, p, p.amount); return out(by); };
  const fromMessage = (m: Msg): Touch => ({ id: m.id, at: m.sent_at!, kind: 'message', channel: m.channel, template: m.template, strategy: m.strategy, step: m.step });
  // a row per key of the messages sent in the period and of the touches credited, ordered as the report orders them
  const byKey = <K extends Record<string, string | null>>(keyOf: (t: Touch) => K, order: (k: K) => string, messagesOnly: boolean) => {
    const counts = (t: Touch) => !messagesOnly || t.kind === 'message';
    const keys = new Map<string, K>();
    const touched = [...credited.flatMap((c) => (c.last ? [c.last] : [])), ...credited.flatMap((c) => c.shares.map((s) => s.t))].filter(counts);
    for (const t of [...sent.map(fromMessage), ...touched]) keys.set(JSON.stringify(keyOf(t)), keyOf(t));
    return [...keys.values()].sort((x, y) => order(x).localeCompare(order(y))).map((k) => {
      const same = (t: Touch) => counts(t) && JSON.stringify(keyOf(t)) === JSON.stringify(k);
      const ms = sent.filter((m) => same(fromMessage(m)));
      const currencies = [...new Set(ms.flatMap((m) => (m.currency === null ? [] : [m.currency])))].sort((x, y) => x.localeCompare(y));
      const linear = new Map();
      for (const c of credited) for (const s of c.shares) if (same(s.t)) add(linear, c.p, s.amount);
      return { ...k, messages: ms.length,
        cost: currencies.map((c) => {
          const mine = ms.filter((m) => m.currency === c);
          return { currency: c, micros: mine.reduce((t, m) => t + (m.cost ?? 0), 0), accounts: new Set(mine.filter((m) => m.cost !== null).map((m) => m.customer)).size };
        }),
        recovered: sum(credited.filter((c) => c.last && same(c.last))), recovered_linear: out(linear) };
    });
  };
  const linearTotal = new Map();
  for (const c of credited) for (const s of c.shares) add(linearTotal, c.p, s.amount);
  return {
    by_channel: byKey((t) => ({ channel: t.channel }), (k) => k.channel ?? '', false),
    by_step: byKey((t) => ({ strategy_id: t.strategy, step_id: t.step }), (k) => `${k.strategy_id}/${k.step_id}`, true),
    by_template: byKey((t) => ({ template: t.template }), (k) => k.template ?? '', true),
    unattributed: sum(credited.filter((c) => !c.last)),
    total: sum(credited), total_linear: out(linearTotal),
  };
}

describe('contact, recovery and cost on random rows in the zones furthest from UTC', () => {
  let worlds: World[] = [];
  before(async () => {
    db = await testDb();
    worlds = [await seed('Pacific/Kiritimati'), await seed('Etc/GMT+12')];
  });

  async function assertAgree(round: string) {
    for (const w of worlds) {
      w.msgs = await messagesOf(w);
      for (let k = 0; k < 8; k++) {
        const [a, b] = [int(0, 40), int(0, 40)].sort((x, y) => x - y) as [number, number];
        const [from, to] = [day(a), day(b)];
        const label = `seed ${SEED}, ${round}, ${w.tz}, ${from}..${to}`;
        assert.deepEqual(await contactKpis(db, w.org, { from, to }, w.tz), contactsFromRows(w, from, to), `${label}: contact`);
        for (const currency of [null, 'EUR']) {
          const windowDays = pick([0, 3, 7]);
          const r = await recoveryKpis(db, w.org, { from, to }, w.tz, currency, windowDays);
          const costs = (x: { messages: number; cost: { currency: string; micros: number; accounts: number }[] }) => ({ messages: x.messages,
            cost: x.cost.map((c) => ({ currency: c.currency, micros: c.micros, accounts: c.accounts })) });
          const credit = (x: { recovered: Amounts; recovered_linear: Amounts }) => ({ recovered: x.recovered, recovered_linear: x.recovered_linear });
          const got = {
            by_channel: r.by_channel.map((x) => ({ channel: x.channel, ...costs(x), ...credit(x) })),
            by_step: r.by_step.map((x) => ({ strategy_id: x.strategy_id, step_id: x.step_id, ...costs(x), ...credit(x) })),
            by_template: r.by_template.map((x) => ({ template: x.template, ...costs(x), ...credit(x) })),
            unattributed: r.unattributed, total: r.total.recovered, total_linear: r.total.recovered_linear,
          };
          assert.deepEqual(got, recoveryFromRows(w, from, to, currency, windowDays), `${label}, ${currency ?? 'all'}, ${windowDays} days: recovery`);
        }
      }
      assert.deepEqual(await checkLedgerTotals(db, w.org), [], `seed ${SEED}, ${round}, ${w.tz}: stored totals`);
    }
  }

  it('equal the figures of the raw rows for periods of every length, after each round of changes', async () => {
    await assertAgree('as written');
    for (let round = 1; round <= 4; round++) {
      for (const w of worlds) await changes(w, 25);
      await assertAgree(`round ${round}`);
    }
    const [n] = await db.query<{ stepless: number; rows: number }>(
      `SELECT (SELECT count(*) FROM customer_messages_daily WHERE strategy_id IS NULL)::int AS stepless,
              (SELECT count(*) FROM customer_messages_daily)::int AS rows`);
    assert.ok(n!.stepless > 0 && n!.rows > 100, `the stored rows include messages with no action (${JSON.stringify(n)})`);
  });

  it('are found by `totals check` when damaged, and rebuilt by `totals repair`', async () => {
    const w = worlds[0]!;
    await db.query(`UPDATE customer_messages_daily SET micros = micros + 1 WHERE org_id = $1
      AND (day, customer_id) = (SELECT day, customer_id FROM customer_messages_daily WHERE org_id = $1 ORDER BY day, customer_id LIMIT 1)`, [w.org]);
    await db.query(`INSERT INTO customer_messages_daily (org_id, day, customer_id, channel, template, strategy_id, step_id, currency,
      messages, delivered, failed, costed, micros) VALUES ($1, '2025-12-01', $2, 'sms', NULL, NULL, NULL, NULL, 1, 0, 0, 0, 0)`, [w.org, w.customers[0]]);
    const diff = (await checkLedgerTotals(db, w.org)).filter((d) => d.table === 'customer_messages_daily');
    assert.ok(diff.length >= 2, `both damaged rows found: ${JSON.stringify(diff)}`);
    assert.equal((await rebuildLedgerTotals(db, w.org)).fixed, diff.length);
    await assertAgree('repaired');
  });
});
