// Contact, recovery and cost KPIs on random messages, replies, promises and payments of orgs in the zones furthest from
// UTC (14 hours ahead, 12 behind), sent at instants whose day there is not their day in UTC: the figures equal the same
// worked out here from the raw rows, message by message and payment by payment, for periods ending on those days.
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
import { random } from '../src/domain/random.ts';

const SEED = Number(process.env.KPI_MESSAGES_SEED ?? 20260317);
const rnd = random(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const day = (offset: number): CalendarDate => addDays('2026-03-01', offset);
const at = (offset: number) => `${day(offset)}T${String(int(0, 23)).padStart(2, '0')}:${pick(['00', '30', '59'])}:00.000Z`;

let db: Db;
after(async () => { await db?.close(); });

interface Msg { id: string; customer: string; channel: string; template: string; step: string; status: string; sent_at: string | null; cost: number | null }
interface Pay { id: string; customer: string; currency: string; date: string; amount: number; reversed_at: string | null }
interface World { org: string; tz: string; msgs: Msg[]; pays: Pay[]; replies: { customer: string; channel: string; at: string }[]; promised: { customer: string; at: string }[] }

const localDay = (instant: string, tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

async function seed(tz: string): Promise<World> {
  const org = (await createOrg(db, { name: `KPI messages ${tz}`, defaultTimezone: tz })).id;
  const customers: string[] = [];
  for (let k = 0; k < 8; k++) customers.push((await aCustomer(db, org)).id);
  const w: World = { org, tz, msgs: [], pays: [], replies: [], promised: [] };
  for (let k = 0; k < 120; k++) {
    const m: Msg = { id: `msg_${org}_${String(k).padStart(3, '0')}`, customer: pick(customers), channel: pick(['email', 'sms', 'whatsapp', 'voice']),
      template: pick(['t1', 't2', 't3']), step: pick(['s1', 's2']), status: pick(['sent', 'delivered', 'read', 'failed', 'bounced', 'queued']),
      sent_at: null, cost: rnd() < 0.8 ? int(1, 9) * 1000 : null };
    if (m.status !== 'queued') m.sent_at = at(int(0, 40));
    w.msgs.push(m);
    await db.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, scheduled_for, status, reason, created_at, updated_at)
       VALUES ($1, $2, 'case_x', $3, $1, 'str', 1, $4, 1, 'message', ARRAY[$5], $6, '2026-03-01', 'sent', 'due', now(), now())`,
      [`act_${m.id}`, org, m.customer, m.step, m.channel, m.template]);
    await db.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at,
         cost_micros, cost_currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now(), now(), $8, $9, $10)`,
      [m.id, org, `act_${m.id}`, m.customer, m.channel, m.template, m.status, m.sent_at, m.cost, m.cost === null ? null : 'USD']);
  }
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

function contactsFromRows(w: World, from: string, to: string) {
  const inPeriod = (instant: string) => { const d = localDay(instant, w.tz); return d >= from && d <= to; };
  const replied = w.replies.filter((r) => inPeriod(r.at));
  const sent = w.msgs.filter((m) => m.sent_at && inPeriod(m.sent_at)).map((m) => ({ ...m,
    delivered: ['delivered', 'read'].includes(m.status), failed: ['failed', 'bounced'].includes(m.status),
    reached: ['delivered', 'read'].includes(m.status) || replied.some((r) => r.customer === m.customer && r.channel === m.channel) }));
  const distinct = (xs: { customer: string }[]) => new Set(xs.map((x) => x.customer)).size;
  const channels = [...new Set(sent.map((m) => m.channel))].sort();
  const engaged = new Set([...replied.map((r) => r.customer), ...w.promised.filter((p) => inPeriod(p.at)).map((p) => p.customer)]);
  const accounts = [...new Set(sent.map((m) => m.customer))];
  const reached = accounts.filter((c) => sent.some((m) => m.customer === c && m.reached) || replied.some((r) => r.customer === c)).length;
  const rightParty = accounts.filter((c) => engaged.has(c)).length;
  return {
    accounts_attempted: accounts.length, accounts_reached: reached, accounts_right_party: rightParty,
    contact_rate: ratio(reached, accounts.length), right_party_rate: ratio(rightParty, accounts.length), replies: replied.length,
    by_channel: channels.map((channel) => {
      const ms = sent.filter((m) => m.channel === channel);
      const attempted = distinct(ms);
      const reachedHere = distinct(ms.filter((m) => m.reached));
      return { channel, messages: ms.length, delivered: ms.filter((m) => m.delivered).length, failed: ms.filter((m) => m.failed).length,
        accounts_attempted: attempted, accounts_reached: reachedHere, contact_rate: ratio(reachedHere, attempted) };
    }),
  };
}

/** Per channel: messages, cost (micros and accounts) and what was credited to it, from the raw rows. */
function recoveryFromRows(w: World, from: string, to: string, currency: string | null, windowDays: number) {
  const d = (instant: string) => localDay(instant, w.tz);
  const sent = w.msgs.filter((m) => m.sent_at && d(m.sent_at) >= from && d(m.sent_at) <= to);
  const pays = w.pays.filter((p) => p.date >= from && p.date <= to && (!currency || p.currency === currency) && (!p.reversed_at || d(p.reversed_at) > to));
  const credited = pays.map((p) => {
    const candidates = w.msgs.filter((m) => m.customer === p.customer && m.sent_at && ['sent', 'delivered', 'read'].includes(m.status)
      && d(m.sent_at) >= addDays(p.date, -windowDays) && d(m.sent_at) <= p.date);
    candidates.sort((a, b) => (a.sent_at! < b.sent_at! ? 1 : a.sent_at! > b.sent_at! ? -1 : a.id < b.id ? 1 : -1));
    return { p, m: candidates[0] };
  });
  const sum = (xs: typeof credited) => {
    const by = new Map<string, { currency: string; amount: number; payments: number }>();
    for (const { p } of xs) { const t = by.get(p.currency) ?? { currency: p.currency, amount: 0, payments: 0 }; t.amount += p.amount; t.payments += 1; by.set(p.currency, t); }
    return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  };
  const channels = [...new Set([...sent.map((m) => m.channel), ...credited.flatMap((c) => (c.m ? [c.m.channel] : []))])].sort();
  return {
    by_channel: channels.map((channel) => {
      const ms = sent.filter((m) => m.channel === channel);
      const costed = ms.filter((m) => m.cost !== null);
      return { channel, messages: ms.length,
        cost: costed.length ? [{ currency: 'USD', micros: costed.reduce((s, m) => s + m.cost!, 0), accounts: new Set(costed.map((m) => m.customer)).size }] : [],
        recovered: sum(credited.filter((c) => c.m?.channel === channel)) };
    }),
    unattributed: sum(credited.filter((c) => !c.m)),
    total: sum(credited),
  };
}

describe('contact, recovery and cost on random rows in the zones furthest from UTC', () => {
  let worlds: World[] = [];
  before(async () => {
    db = await testDb();
    worlds = [await seed('Pacific/Kiritimati'), await seed('Etc/GMT+12')];
  });

  it('equal the figures of the raw rows for periods of every length', async () => {
    for (const w of worlds) {
      for (let k = 0; k < 8; k++) {
        const [a, b] = [int(0, 40), int(0, 40)].sort((x, y) => x - y) as [number, number];
        const [from, to] = [day(a), day(b)];
        const label = `seed ${SEED}, ${w.tz}, ${from}..${to}`;
        assert.deepEqual(await contactKpis(db, w.org, { from, to }, w.tz), contactsFromRows(w, from, to), `${label}: contact`);
        for (const currency of [null, 'EUR']) {
          const windowDays = pick([0, 3, 7]);
          const r = await recoveryKpis(db, w.org, { from, to }, w.tz, currency, windowDays);
          const got = {
            by_channel: r.by_channel.map((x) => ({ channel: x.channel, messages: x.messages,
              cost: x.cost.map((c) => ({ currency: c.currency, micros: c.micros, accounts: c.accounts })), recovered: x.recovered })),
            unattributed: r.unattributed, total: r.total.recovered,
          };
          assert.deepEqual(got, recoveryFromRows(w, from, to, currency, windowDays), `${label}, ${currency ?? 'all'}, ${windowDays} days: recovery`);
        }
      }
    }
  });
});
