// The stored contacts behind strategy performance (customer_contacts_daily of migration 048; since 106 the `contacts`
// of customer_messages_daily) on random messages: sent at
// instants near midnight in UTC and in zones 30 and 45 minutes off the hour (Kathmandu, St John's, Chatham) as often as
// anywhere, in one statement or several; statuses changed (failed, queued again, sent, delivered, read), sends backdated
// or moved later, messages moved to another customer and deleted, actions moved to another version, deleted, and written
// after their messages. After each round the contacts and customers contacted per version equal the count here from the
// raw rows by each message's day in the org's zone; `cobro totals check` finds nothing, and `repair` puts back rows
// damaged by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer } from './support/factories.ts';
import { checkLedgerTotals, rebuildLedgerTotals } from '../src/ledger/index.ts';
import { strategyPerformance } from '../src/dashboard/strategies.ts';
import type { CalendarDate } from '../src/domain/dates.ts';
import type { Db } from '../src/db/index.ts';
import { dice } from './support/random-ledger.ts';

let db: Db;
let org: string;
const SEED = Number(process.env.CONTACTS_SEED ?? 20260317);

const { rnd, int, pick, day } = dice(SEED);
const VERSIONS = [['str_a', 1], ['str_a', 2], ['str_b', 1]] as const;
const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'bounced', 'cancelled'] as const;
const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const;
const ZONES = ['UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'] as const;
// local midnights in UTC minutes of the day: Kathmandu +5:45, St John's -3:30 (-2:30 in summer), Chatham +12:45 (+13:45)
const EDGES = [0, 1095, 210, 150, 675, 615];

/** An instant on a day of five months: near a zone's midnight (a minute either side or on it) half the time. */
function instant(): string {
  const minute = rnd() < 0.5 ? pick(EDGES) + int(-1, 1) : int(0, 1439);
  return new Date(Date.parse(`${day(int(0, 150))}T00:00:00Z`) + minute * 60_000 + int(0, 59) * 1000).toISOString();
}

type Contacts = { strategy_id: string; version: number; contacts: number; customers_contacted: number }[];

/** Per version: messages sent, delivered or read whose sending day in `zone` is within from..to, and their customers. */
async function contactsFromRows(from: CalendarDate, to: CalendarDate, zone: string): Promise<Contacts> {
  const rows = await db.query<{ customer_id: string; status: string; local: string | null; strategy_id: string; strategy_version: number }>(
    `SELECT m.customer_id, m.status, (m.sent_at AT TIME ZONE $2)::date::text AS local, a.strategy_id, a.strategy_version
     FROM messages m JOIN actions a ON a.id = m.action_id WHERE m.org_id = $1`, [org, zone]);
  const out = new Map<string, { strategy_id: string; version: number; contacts: number; customers: Set<string> }>();
  for (const r of rows) {
    if (!['sent', 'delivered', 'read'].includes(r.status) || r.local === null || r.local < from || r.local > to) continue;
    const key = `${r.strategy_id} ${r.strategy_version}`;
    const v = out.get(key) ?? { strategy_id: r.strategy_id, version: r.strategy_version, contacts: 0, customers: new Set<string>() };
    out.set(key, v);
    v.contacts += 1;
    v.customers.add(r.customer_id);
  }
  return [...out.values()].map((v) => ({ strategy_id: v.strategy_id, version: v.version, contacts: v.contacts, customers_contacted: v.customers.size }))
    .sort((a, b) => a.strategy_id.localeCompare(b.strategy_id) || b.version - a.version);
}

async function assertAgree(round: string) {
  const periods = [['2026-01-01', '2026-05-31'], ['2026-02-14', '2026-03-15'], ['2026-03-08', '2026-03-08'], ['2026-03-07', '2026-03-09'],
    [day(int(0, 150)), day(int(0, 150))]] as const;
  for (const zone of ZONES) {
    for (const [a, b] of periods) {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const got = (await strategyPerformance(db, org, from, to, zone, null))
        .filter((v) => v.contacts > 0).map((v) => ({ strategy_id: v.strategy_id, version: v.version, contacts: v.contacts, customers_contacted: v.customers_contacted }));
      assert.deepEqual(got, await contactsFromRows(from, to, zone), `seed ${SEED}, ${round}: contacts ${from}..${to} in ${zone}`);
    }
  }
  assert.deepEqual(await checkLedgerTotals(db, org), [], `seed ${SEED}, ${round}: stored totals`);
}

const customers: string[] = [];
const actions: string[] = [];
let serial = 0;

async function anAction(id = `act_${++serial}`): Promise<string> {
  const [strategy, version] = pick(VERSIONS);
  const customer = pick(customers);
  await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind,
      channels, scheduled_for, status, reason, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $1, $5, $6, 's1', 1, 'message', '{email}', '2026-01-01', 'sent', 'due', now(), now())`,
    [id, org, `case_${customer}`, customer, strategy, version]);
  actions.push(id);
  return id;
}

/** `n` messages in one statement, on actions of `actionIds` (or new ones), each sent or not at a random instant. */
async function someMessages(n: number, actionIds?: string[]) {
  const rows = [];
  for (let k = 0; k < n; k++) {
    const status = pick(STATUSES);
    const sent = status === 'queued' || (status === 'failed' && rnd() < 0.5) ? null : instant();
    rows.push({ id: `msg_${++serial}`, action: actionIds?.[k] ?? pick(actions), channel: pick(CHANNELS), customer: pick(customers), status, sent });
  }
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, created_at, updated_at, sent_at)
    SELECT r.id, $1, r.action, r.customer, r.channel, r.status, now(), now(), now(), r.sent::timestamptz
    FROM jsonb_to_recordset($2::jsonb) AS r(id text, action text, customer text, channel text, status text, sent text)
    ON CONFLICT (org_id, action_id, channel) DO NOTHING`, [org, JSON.stringify(rows)]);
}

const someIds = (n: number) => db.query<{ id: string }>(
  `SELECT id FROM messages WHERE org_id = $1 ORDER BY md5(id || $2) LIMIT $3`, [org, String(int(0, 1e9)), n]).then((r) => r.map((x) => x.id));

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  for (let k = 0; k < 10; k++) customers.push((await aCustomer(db, org)).id);
  for (let k = 0; k < 25; k++) await anAction();
  await someMessages(60);
});
after(async () => { await db.close(); });

async function writes(n: number) {
  for (let k = 0; k < n; k++) {
    const what = int(0, 9);
    if (what <= 1) await someMessages(int(1, 8));
    else if (what === 2) {
      // status changes of a few messages at once: sent, delivered, read, failed, queued again
      const status = pick(STATUSES);
      await db.query(`UPDATE messages SET status = $2, sent_at = CASE WHEN $2 = 'queued' THEN NULL ELSE COALESCE(sent_at, $3::timestamptz) END
        WHERE id = ANY($1)`, [await someIds(int(1, 4)), status, instant()]);
    } else if (what === 3) {
      // the sending instant backdated or moved later (a provider's own timestamp recorded afterwards)
      await db.query(`UPDATE messages SET sent_at = $2::timestamptz WHERE id = ANY($1)`, [await someIds(int(1, 3)), instant()]);
    } else if (what === 4) {
      await db.query(`UPDATE messages SET sent_at = sent_at + $2::interval WHERE id = ANY($1) AND sent_at IS NOT NULL`,
        [await someIds(int(1, 5)), `${int(-1500, 1500)} minutes`]);
    } else if (what === 5) await db.query(`UPDATE messages SET customer_id = $2 WHERE id = ANY($1)`, [await someIds(1), pick(customers)]);
    else if (what === 6 && rnd() < 0.6) await db.query(`DELETE FROM messages WHERE id = ANY($1)`, [await someIds(int(1, 3))]);
    else if (what === 7) {
      // an action moved to another version, with its messages; or all of one version moved at once
      const [strategy, version] = pick(VERSIONS);
      if (rnd() < 0.8) await db.query(`UPDATE actions SET strategy_id = $2, strategy_version = $3 WHERE id = $1`, [pick(actions), strategy, version]);
      else await db.query(`UPDATE actions SET strategy_version = $3 WHERE org_id = $1 AND strategy_id = 'str_a' AND strategy_version = $2`, [org, 3 - version, version]);
      await db.query(`UPDATE actions SET status = 'sent', updated_at = now() WHERE id = $1`, [pick(actions)]);
    } else if (what === 8 && rnd() < 0.4) {
      const gone = pick(actions);
      await db.query(`DELETE FROM actions WHERE id = $1`, [gone]);
      actions.splice(actions.indexOf(gone), 1);
    } else if (what === 9) {
      // messages written before their action
      const id = `act_late_${++serial}`;
      await someMessages(int(1, 3), [id, id, id]);
      await anAction(id);
    }
  }
}

describe('the stored contacts of strategy performance', () => {
  it('give each version the contacts and customers of the raw rows by day in the org zone after each round of writes', async () => {
    await assertAgree('as opened');
    for (let round = 1; round <= 4; round++) {
      await writes(40);
      await assertAgree(`round ${round}`);
    }
    const [n] = await db.query<{ rows: number; versions: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT (strategy_id, strategy_version))::int AS versions FROM customer_messages_daily WHERE org_id = $1 AND contacts > 0`, [org]);
    assert.ok(n!.rows > 30 && n!.versions >= 2, `contacts were written (${JSON.stringify(n)})`);
  });

  it('are found by `totals check` when damaged, and rebuilt by `totals repair`', async () => {
    const [gone] = await db.query<{ customer_id: string }>(`DELETE FROM customer_messages_daily WHERE org_id = $1
      AND ctid = (SELECT min(ctid) FROM customer_messages_daily WHERE org_id = $1 AND contacts > 0) RETURNING customer_id`, [org]);
    await db.query(`UPDATE customer_messages_daily SET contacts = contacts + 1 WHERE org_id = $1
      AND ctid = (SELECT max(ctid) FROM customer_messages_daily WHERE org_id = $1 AND contacts > 0)`, [org]);
    const diff = await checkLedgerTotals(db, org);
    assert.equal(diff.filter((d) => d.table === 'customer_messages_daily').length, 2, JSON.stringify(diff));
    assert.ok(diff.some((d) => d.key.customer_id === gone!.customer_id && d.stored === null), 'the row that went');
    assert.equal((await rebuildLedgerTotals(db, org)).fixed, diff.length);
    await assertAgree('repaired');
  });
});
