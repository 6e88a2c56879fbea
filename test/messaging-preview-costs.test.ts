// Template preview and message costs, through the API: a step rendered for a real customer exactly as it would go out
// (subject, HTML, text and unsubscribe headers; SMS segments and warning; WhatsApp parameters) with nothing sent, recorded
// or asked of the gate; each message priced per channel and country when sent, and summed per customer. The same through
// the CLI: test/messaging-preview-costs-cli.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { countSegments } from '../src/messaging/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

let t: TestApi;
let debtor: Awaited<ReturnType<typeof aDebtor>>;
before(async () => {
  t = await testApi(() => new Date('2026-03-10T17:00:00Z'));
  debtor = await aDebtor(t.db, t.org, { name: 'Abarrotes Norte', email: 'pagos@norte.example', phone: '+5215512399001', whatsapp: '+5215512399001' },
    ['email', 'sms', 'whatsapp']);
});
after(async () => { await t.close(); });

const preview = (body: Record<string, unknown>, key = t.keys.collector) =>
  t.app.inject({ method: 'POST', url: '/v1/templates/preview', headers: bearer(key), payload: { customer_id: debtor.customer.id, ...body } });
const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE customer_id = $1`, [debtor.customer.id]))[0]!.n;

describe('template preview', () => {
  it('renders the step\'s email for the customer, in their language with their invoices, and sends and records nothing', async () => {
    const r = await preview({ step: 'after-7', channel: 'email' });
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json();
    assert.deepEqual([p.template, p.tone, p.strategy_id, p.address, p.message.language], ['overdue-late-fee-warning', 'firm', 'smb-default', 'pagos@norte.example', 'es']);
    assert.ok(p.message.subject.length > 0);
    assert.match(p.message.text, new RegExp(debtor.invoice.number));
    assert.match(p.message.html, new RegExp(debtor.invoice.number));
    assert.match(p.message.headers['List-Unsubscribe'], /^<https:\/\/.+\/u\/.+>$/);
    assert.equal(p.message.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.equal(p.gate, 'not asked: a preview is not a contact');
    assert.deepEqual([await count('messages'), await count('gate_decisions'), await count('contact_events')], [0, 0, 0]);
  });

  it('counts the SMS segments and warns as the dispatcher would, and lists WhatsApp\'s template parameters in order', async () => {
    const sms = (await preview({ step: 'after-7', channel: 'sms' })).json();
    const counted = countSegments(sms.message.text);
    assert.deepEqual(sms.message.segments, counted);
    assert.equal(sms.message.warnings.length > 0, counted.segments > 3);
    assert.equal(sms.cost.units, counted.segments);
    const wa = (await preview({ step: 'after-7', channel: 'whatsapp' })).json();
    assert.equal(wa.message.mode, 'template');
    assert.ok(wa.message.template.parameters.length > 0);
    for (const param of wa.message.template.parameters) assert.ok(wa.message.preview.includes(param), param);
  });

  it('takes another language or tone, and a template id instead of a step; refuses an unknown step or customer', async () => {
    const pt = (await preview({ step: 'due-today', channel: 'sms', language: 'pt-BR', tone: 'friendly' })).json();
    assert.deepEqual([pt.template, pt.step, pt.tone, pt.message.language], ['due-today', null, 'friendly', 'pt-BR']);
    const bad = await preview({ step: 'no-such-step', channel: 'email' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [404, 'step']);
    assert.equal((await preview({ step: 'after-7', channel: 'email', customer_id: 'cus_nobody' })).statusCode, 404);
    assert.equal((await preview({ step: 'after-7', channel: 'email' }, t.otherKey)).statusCode, 404, 'another org\'s customer');
  });
});

describe('template preview for a viewer', () => {
  /** Rows of every table that has an org_id, for this org: a preview must change none. */
  const orgRowCounts = async () => {
    const tables = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' AND table_schema = current_schema() ORDER BY table_name`);
    const out: Record<string, number> = {};
    for (const { table_name: name } of tables) {
      out[name] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}" WHERE org_id = $1`, [t.org]))[0]!.n;
    }
    return out;
  };

  it('renders the step for a viewer (who reads the customer already) and writes nothing anywhere in the org', async () => {
    const before = await orgRowCounts();
    assert.ok(Object.keys(before).length > 20, 'the tables with an org_id were found');
    const r = await preview({ step: 'after-7', channel: 'email', language: 'en' }, t.keys.viewer);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().message.language, 'en');
    assert.match(r.json().message.text, new RegExp(debtor.invoice.number));
    assert.deepEqual(await orgRowCounts(), before);
    const write = await t.app.inject({ method: 'POST', url: '/v1/simulations', headers: bearer(t.keys.viewer), payload: { from: '2026-03-10', to: '2026-03-11' } });
    assert.equal(write.statusCode, 403, 'other POSTs stay closed to viewers');
  });
});

describe('message costs', () => {
  it('prices each message when sent with the org\'s rates (SMS per segment), shows it on /v1/messages and sums it per customer', async () => {
    const put = (key: string, rates: unknown) => t.app.inject({ method: 'PUT', url: '/v1/message-costs/rates', headers: bearer(key), payload: { rates } });
    assert.equal((await put(t.keys.viewer, { email: { MX: 2_500 } })).statusCode, 403);
    const bad = await put(t.keys.manager, { sms: { MX: -1 } });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'rates.sms.MX']);
    const ok = await put(t.keys.manager, { email: { MX: 2_500 }, sms: { MX: 30_000 } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().rates.email.MX, ok.json().rates.sms.MX, ok.json().rates.email['*']], [2_500, 30_000, 100]);
    const action = await aSend(t.db, t.org, debtor, ['email', 'sms']);
    await dispatchOnce({ db: t.db, now: () => new Date('2026-03-10T17:00:00Z'), adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const sent = await messagesOf(t.db, action);
    const sms = sent.find((m) => m.channel === 'sms')!;
    const segments = (await t.db.query<{ n: number }>(`SELECT (content->'segments'->>'segments')::int AS n FROM messages WHERE id = $1`, [sms.id]))[0]!.n;
    assert.deepEqual(sent.map((m) => [m.channel, m.cost_micros, m.cost_currency]).sort(), [['email', 2_500, 'USD'], ['sms', 30_000 * segments, 'USD']]);
    const listed = (await t.app.inject({ method: 'GET', url: `/v1/messages?customer_id=${debtor.customer.id}`, headers: bearer(t.keys.viewer) })).json().data;
    assert.ok(listed.some((m: { cost_micros: number }) => m.cost_micros === 2_500));
    const report = (await t.app.inject({ method: 'GET', url: `/v1/message-costs?customer_id=${debtor.customer.external_id}`, headers: bearer(t.keys.viewer) })).json().data;
    assert.deepEqual(report, [{ customer_id: debtor.customer.id, customer_name: 'Abarrotes Norte', currency: 'USD', messages: 2, billed: 0, estimated: 2,
      by_channel: { email: 2_500, sms: 30_000 * segments }, cost_micros: 2_500 + 30_000 * segments, cost_minor: Math.round((2_500 + 30_000 * segments) / 10_000) }]);
  });
});
