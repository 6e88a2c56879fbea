// Adds the touches the KPIs read beside messages to a schema the dashboard bench kept (--keep SCHEMA): per 30 days
// `--per-month` of them (logged calls 40%, keypresses 30% (two thirds in cobro's voice calls, a third in calls the
// debtor made), portal visits 30%) over the 60 days before 2026-03-16, and `--noise` other case events, inbox events
// and audit entries the partial indexes of migration 129 must step over. Then `bench/kpi-explain.ts --schema SCHEMA`
// times each statement of the report. Not a test. `--remove` takes them out again (to time the report without them).
// Usage: node --import tsx bench/kpi-touches-seed.ts --schema bench_x [--per-month 100000] [--noise 500000] [--remove]
import { parseArgs } from 'node:util';
import { openDb } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, 'per-month': { type: 'string', default: '100000' },
  noise: { type: 'string', default: '500000' }, remove: { type: 'boolean', default: false } } });
if (!values.schema) throw new Error('--schema SCHEMA: one the dashboard bench kept');
const perMonth = Number(values['per-month']);
const noise = Number(values.noise);
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema, ownerOutsideScopes: true });
try {
  const [org] = await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`);
  if (!org) throw new Error(`no dashboard bench org in ${values.schema}`);
  const [{ n: customers }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE org_id = $1', [org.id]) as [{ n: number }];
  const t = performance.now();
  await db.exec(`DELETE FROM case_events WHERE id LIKE 'bt_%'; DELETE FROM inbox_events WHERE id LIKE 'bt_%'; DELETE FROM audit_log WHERE id LIKE 'bt_%'`);
  if (!values.remove) {
    const total = perMonth * 2; // 60 days
    // an instant spread evenly over the 60 days before 2026-03-16 (UTC)
    const at = (n: string, of: number) => `timestamptz '2026-01-15T00:00:00Z' + (${n}::float8 / ${of}) * interval '60 days'`;
    const calls = Math.round(total * 0.4);
    await db.query(`INSERT INTO case_events (id, org_id, case_id, at, kind, reason, data)
      SELECT 'bt_c' || n, $1, 'case_' || (n % $2 + 1), ${at('n', calls)}, 'call_logged', 'call',
        jsonb_build_object('outcome', CASE WHEN n % 3 = 0 THEN 'no_answer' ELSE 'right_party' END, 'contact', CASE WHEN n % 3 = 0 THEN 'attempt' ELSE 'conversation' END)
      FROM generate_series(1, $3::int) n`, [org.id, customers, calls]);
    await db.query(`INSERT INTO case_events (id, org_id, case_id, at, kind, reason)
      SELECT 'bt_o' || n, $1, 'case_' || (n % $2 + 1), ${at('n', noise)}, 'note', 'other' FROM generate_series(1, $3::int) n`, [org.id, customers, noise]);
    // keys in cobro's calls: the voice messages get a provider id to be found by
    await db.query(`UPDATE messages SET provider = 'twilio', provider_message_id = 'CA' || id WHERE org_id = $1 AND channel = 'voice' AND provider_message_id IS NULL`, [org.id]);
    const [{ v }] = await db.query<{ v: number }>(`SELECT count(*)::int AS v FROM messages WHERE org_id = $1 AND channel = 'voice'`, [org.id]) as [{ v: number }];
    const keys = Math.round(total * 0.2);
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, event)
      WITH v AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS r FROM messages WHERE org_id = $1 AND channel = 'voice')
      SELECT 'bt_k' || n, $1, 'twilio', $1 || '/bt_k' || n, ${at('n', keys)}, '', 'processed',
        jsonb_build_object('type', 'keypress', 'providerMessageId', 'CA' || v.id, 'digits', '2')
      FROM generate_series(1, $2::int) n JOIN v ON v.r = n % $3`,
    [org.id, keys, v]);
    // calls the debtor made: the call's row (its customer kept, as applying it does) and one key in it
    const incoming = Math.round(total * 0.1);
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, event, customer_id)
      SELECT 'bt_i' || n, $1, 'twilio', $1 || '/CAin' || n || ':incoming', ${at('n', incoming)}, '', 'processed',
        jsonb_build_object('type', 'incoming_call', 'providerMessageId', 'CAin' || n), 'cus_' || (n % $2 + 1)
      FROM generate_series(1, $3::int) n`, [org.id, customers, incoming]);
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, event)
      SELECT 'bt_j' || n, $1, 'twilio', $1 || '/CAin' || n || ':gather:1', ${at('n', incoming)} + interval '20 seconds', '', 'processed',
        jsonb_build_object('type', 'keypress', 'providerMessageId', 'CAin' || n, 'digits', '3')
      FROM generate_series(1, $2::int) n`, [org.id, incoming]);
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, event)
      SELECT 'bt_d' || n, $1, 'twilio', $1 || '/bt_d' || n, ${at('n', noise)}, '', 'processed', jsonb_build_object('type', 'delivery', 'providerMessageId', 'x' || n)
      FROM generate_series(1, $2::int) n`, [org.id, noise]);
    const visits = Math.round(total * 0.3);
    await db.query(`INSERT INTO audit_log (id, org_id, seq, lane, at, actor, action, entity, entity_id, prev_hash, hash)
      SELECT 'bt_v' || n, $1, 10000000 + n, 7, ${at('n', visits)}, 'portal:lnk_' || n, 'portal.viewed', 'customer', 'cus_' || (n % $2 + 1), '', ''
      FROM generate_series(1, $3::int) n`, [org.id, customers, visits]);
    await db.query(`INSERT INTO audit_log (id, org_id, seq, lane, at, actor, action, entity, entity_id, prev_hash, hash)
      SELECT 'bt_a' || n, $1, 20000000 + n, 7, ${at('n', noise)}, 'user:x', 'invoice.updated', 'invoice', 'inv_o' || n, '', ''
      FROM generate_series(1, $2::int) n`, [org.id, noise]);
  }
  await db.exec('ANALYZE case_events; ANALYZE inbox_events; ANALYZE audit_log; ANALYZE messages');
  console.log(values.remove ? 'removed the bench touches' : `added ${perMonth * 2} touches over 60 days (${perMonth} per 30 days) and ${noise} other rows of each kind`
    + ` for ${customers} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
