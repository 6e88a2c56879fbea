// `cobro webhooks`: subscribe (the secret printed once), list events and their deliveries, deliver, replay, disable, delete.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { listOrgs } from '../src/orgs/index.ts';
import { aCustomer, aPayment } from './support/factories.ts';
import { webhookReceiver, type Receiver } from './support/webhook-receiver.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('cobro webhooks', () => {
  let dir = '';
  let hooks: Receiver;
  // the receiver listens on 127.0.0.1: allowed as an operator with on-premises endpoints would
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: '127.0.0.1/32' });
  const cobro = async (...args: string[]) => (await runCobro(['webhooks', ...args], env())).stdout;
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-webhooks-cli-')); await pgliteFolder(join(dir, 'data')); hooks = await webhookReceiver(() => new Date()); });
  after(async () => { await hooks.close(); rmSync(dir, { recursive: true, force: true }); });

  it('subscribes a URL, delivers a payment\'s event signed, lists its attempts, replays it, and deletes the endpoint', async () => {
    const made = JSON.parse(await cobro('add', '--url', hooks.url('/erp'), '--events', 'payment.received', '--json')) as { id: string; secret: string };
    assert.match(made.secret, /^whsec_/);
    hooks.secrets.set('/erp', made.secret);
    assert.ok(!(await cobro('list')).includes(made.secret), 'the list shows no secret');
    await assert.rejects(cobro('add', '--url', hooks.url('/x'), '--events', 'invoice.eaten'), /unknown event type "invoice\.eaten"/);
    await assert.rejects(cobro('add', '--url', 'http://10.0.0.7/hooks'), /10\.0\.0\.7 is a private address/, 'only 127.0.0.1 is allowed here');

    const db = await openDb({ dataDir: join(dir, 'data') });
    const [org] = await listOrgs(db);
    const c = await aCustomer(db, org!.id, {});
    const pay = await aPayment(db, org!.id, { customer_id: c.id, amount: 12_345 });
    await db.close();

    const events = JSON.parse(await cobro('events', '--type', 'payment.received', '--json')) as { id: string; subject: string }[];
    assert.deepEqual(events.map((e) => e.subject), [pay.id]);
    assert.match(await cobro('deliver'), /attempted 1: 1 succeeded/);
    assert.deepEqual(hooks.received.map((r) => [r.eventId, r.body.data.amount]), [[events[0]!.id, 12_345]]);
    const deliveries = JSON.parse(await cobro('deliveries', events[0]!.id, '--json')) as { status: string; attempt_log: { response_code: number }[] }[];
    assert.deepEqual(deliveries.map((d) => [d.status, d.attempt_log.map((a) => a.response_code)]), [['succeeded', [200]]]);

    assert.match(await cobro('replay', events[0]!.id), /queued 1 delivery/);
    await cobro('deliver');
    assert.equal(hooks.received.length, 2);
    assert.match(await cobro('deliveries', events[0]!.id), /\(replay\): succeeded/);

    assert.match(await cobro('update', made.id, '--disable'), /disabled/);
    await assert.rejects(cobro('replay', events[0]!.id), /no enabled endpoint/);
    assert.match(await cobro('delete', made.id), /deleted/);
    assert.match(await cobro('list'), /no webhook endpoints/);
    assert.equal(hooks.refused, 0);
  });

  it('shows how long events are kept', async () => {
    const out = (await runCobro(['webhooks', 'retention', '--json'], { ...env(), COBRO_EVENT_RETENTION_DAYS: '45' })).stdout;
    const r = JSON.parse(out) as { days: number; delete_before: string };
    assert.equal(r.days, 45);
    assert.ok(Math.abs(Date.now() - 45 * 86_400_000 - Date.parse(r.delete_before)) < 60_000);
    assert.match(await cobro('retention'), /kept 90 days \(COBRO_EVENT_RETENTION_DAYS\)/);
  });
});
