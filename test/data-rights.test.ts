// Erasure and retention end to end: nothing personal left after erasure, the person never contacted again, the ledger and the
// audit chain intact; a live debt restricted, then erased once paid; the purge taking only what is past retention.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyReplyText, checkContact, recordConsent, recordContact, setComplianceSettings } from '../src/compliance/index.ts';
import { newId } from '../src/domain/ids.ts';
import { testOrg } from './support/db.ts';
import { purgeRetention } from '../src/compliance/index.ts';

const NOW = new Date('2026-03-10T16:00:00Z'); // Tuesday 11:00 in Chicago
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const admin = () => bearer(t.keys.admin);
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: admin() });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin() });
const check = async (customerId: string, channel: string) => (await post('/v1/contact-checks', { customer_id: customerId, channel })).json();

type Person = { name: string; email: string; phone: string; whatsapp: string };
const ANA: Person = { name: 'Ana Pereira Ximenes', email: 'ana.ximenes@example.com', phone: '+13125550123', whatsapp: '+13125550124' };
const BIA: Person = { name: 'Beatriz Ilha Araujo', email: 'bia.araujo@example.com', phone: '+13125550177', whatsapp: '+13125550178' };
/** Everything personal cobro is told about a person below, as it would appear in an export. */
const secrets = (p: Person) => [p.name, p.email, p.phone, p.whatsapp, p.phone.slice(2), 'prefers mornings', 'vip-person', `soy ${p.name}`, `form signed by ${p.name}`];

/** A customer cobro knows a lot about: contacts, metadata, a consent, a STOP, a message, a reply, gate decisions. */
async function person(who: Person, paid: boolean) {
  const { db, org } = t;
  const c = await aCustomer(db, org, { ...who, country: 'US', region: 'IL', timezone: 'America/Chicago', metadata: { note: 'prefers mornings' }, tags: ['vip-person'] });
  const inv = await anInvoice(db, org, { customer_id: c.id, amount: 20_000 });
  if (paid) await aPayment(db, org, { customer_id: c.id, amount: 20_000 });
  await recordConsent(db, org, 'test', c.id, { kind: 'automated_calls', channel: 'voice', address: who.phone, source: `form signed by ${who.name}` }, NOW);
  await applyReplyText(db, org, 'test', c.id, 'please stop texting me', { channel: 'sms', address: who.phone }, NOW);
  await checkContact(db, org, { customerId: c.id, channel: 'email', purpose: { kind: 'collection', tags: [] } }, NOW);
  await recordContact(db, org, { customerId: c.id, at: NOW, channel: 'email', direction: 'outbound', outcome: 'delivered', address: who.email });
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, address, template, status, next_attempt_at, content, created_at, updated_at, reason)
    VALUES ($1, $2, $3, $4, 'email', $5, 'due-today', 'sent', $6, $7, $6, $6, $8)`,
  [newId('message'), org, newId('action'), c.id, who.email, NOW, JSON.stringify({ subject: `Hi ${who.name}`, text: `Dear ${who.name}` }), `sent to ${who.email}`]);
  const inbox = newId('inboxEvent');
  await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status) VALUES ($1, $2, 'twilio', $3, $4, $5, 'processed')`,
    [inbox, org, `${org}/${inbox}`, NOW, `From=${encodeURIComponent(who.phone)}&Body=soy+${encodeURIComponent(who.name)}`]);
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, inbox_event_id, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', $4, $5, $6, $7, $8, $8)`, [newId('inboundMessage'), org, c.id, inbox, who.phone, `Hola, soy ${who.name}, pago el viernes`, inbox, NOW]);
  return { customer: c, invoice: inv };
}

describe('erasure of a customer with nothing owed (EU-3)', () => {
  it('leaves nothing personal in the export, keeps the ledger and the audit chain, and never contacts the person again', async () => {
    const { customer, invoice } = await person(ANA, true);
    const SECRETS = secrets(ANA);
    const before = JSON.stringify((await get(`/v1/customers/${customer.id}/export`)).json());
    for (const s of SECRETS) assert.ok(before.includes(s), `the export held ${s} before`);

    const r = await post(`/v1/customers/${customer.id}/erasure`, {});
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().outcome, 'erased');
    assert.ok(r.json().addresses_suppressed >= 3);

    const exported = JSON.stringify((await get(`/v1/customers/${customer.id}/export`)).json());
    for (const s of SECRETS) assert.ok(!exported.includes(s), `the export still holds ${s}`);
    const raw = await t.db.query<{ body: string }>(`SELECT body FROM inbox_events WHERE org_id = $1`, [t.org]);
    assert.ok(raw.every((e) => !e.body.includes('Ana') && !e.body.includes('3125550123')));

    // the ledger's amounts stay
    const inv = (await get(`/v1/invoices/${invoice.id}`)).json();
    assert.deepEqual([inv.amount, inv.balance, inv.status], [20_000, 0, 'paid']);
    // the audit chain verifies, and holds none of the person's data
    assert.equal((await get('/v1/audit/verify')).json().ok, true);
    const log = (await t.db.query<{ data: unknown; actor: string }>('SELECT data, actor FROM audit_log WHERE org_id = $1', [t.org])).map((x) => JSON.stringify(x)).join('\n');
    for (const s of SECRETS) assert.ok(!log.includes(s), `the audit log holds ${s}`);
    assert.match(log, /customer\.erased|"request"/);

    // the erased customer, and anyone later given the same number or email, is never contacted there
    assert.equal((await check(customer.id, 'email')).kind, 'block');
    const again = await aCustomer(t.db, t.org, { name: 'Re-imported', phone: '+1 (312) 555-0123', email: 'ANA.XIMENES@example.com',
      country: 'US', region: 'IL', timezone: 'America/Chicago' });
    await anInvoice(t.db, t.org, { customer_id: again.id, amount: 5_000 });
    for (const channel of ['sms', 'email']) {
      const d = await check(again.id, channel);
      assert.deepEqual([d.kind, d.reason?.code], ['block', 'OPTED_OUT'], `${channel}: ${JSON.stringify(d)}`);
    }
    const stranger = await aCustomer(t.db, t.org, { name: 'Someone else', phone: '+13125550999', country: 'US', region: 'IL', timezone: 'America/Chicago' });
    await anInvoice(t.db, t.org, { customer_id: stranger.id, amount: 5_000 });
    assert.equal((await check(stranger.id, 'sms')).kind, 'allow');
  });
});

describe('erasure asked while a debt is open', () => {
  it('restricts processing and keeps the data; the purge erases the customer once the debt is paid', async () => {
    const { customer } = await person(BIA, false);
    const SECRETS = secrets(BIA);
    const r = (await post(`/v1/customers/${customer.id}/erasure`, {})).json();
    assert.equal(r.outcome, 'restricted');
    const d = await check(customer.id, 'email');
    assert.deepEqual([d.kind, d.reason?.code, d.reason?.rule], ['block', 'PROCESSING_RESTRICTED', 'EU-3']);
    assert.ok(JSON.stringify((await get(`/v1/customers/${customer.id}/export`)).json()).includes(BIA.email));
    const requests = (await get(`/v1/customers/${customer.id}/data-requests`)).json().data;
    assert.deepEqual(requests.map((x: { kind: string; status: string; due_on: string }) => [x.kind, x.status, x.due_on]), [['erasure', 'restricted', '2026-04-10']]);

    const dry = (await post('/v1/compliance/purge', { dry_run: true })).json();
    assert.ok(!dry.erased.includes(customer.id), 'not while the debt is open');
    await aPayment(t.db, t.org, { customer_id: customer.id, amount: 20_000 });
    const run = (await post('/v1/compliance/purge', { dry_run: false })).json();
    assert.ok(run.erased.includes(customer.id));
    const after = JSON.stringify((await get(`/v1/customers/${customer.id}/export`)).json());
    for (const s of SECRETS) assert.ok(!after.includes(s), `the export still holds ${s}`);
    const done = (await get(`/v1/customers/${customer.id}/data-requests`)).json().data;
    assert.deepEqual(done.map((x: { status: string }) => x.status), ['fulfilled']);
    assert.equal((await get('/v1/audit/verify')).json().ok, true);
  });
});

describe('the retention purge', () => {
  it('takes only what is past retention, with Chile\'s two-year floor, and says so first on a dry run', async () => {
    const { db } = t;
    const org = await testOrg(db, 'Retention');
    await setComplianceSettings(db, org, 'test', { retention: { contact_evidence_days: 400, closed_customer_days: 400, raw_event_days: 30 } }, NOW);
    const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
    const make = async (name: string, country: string, idleDays: number, paid: boolean) => {
      const c = await aCustomer(db, org, { name, country, email: `${name.toLowerCase()}@example.com` });
      await anInvoice(db, org, { customer_id: c.id, amount: 1_000 });
      if (paid) await aPayment(db, org, { customer_id: c.id, amount: 1_000 });
      await recordContact(db, org, { customerId: c.id, at: ago(idleDays), channel: 'email', direction: 'outbound', outcome: 'delivered', address: `${name}@x` });
      for (const table of ['customers', 'invoices']) await db.query(`UPDATE ${table} SET ${table === 'customers' ? 'created_at' : 'updated_at'} = $2 WHERE ${table === 'customers' ? 'id' : 'customer_id'} = $1`, [c.id, ago(idleDays)]);
      await db.query('UPDATE payments SET created_at = $2 WHERE customer_id = $1', [c.id, ago(idleDays)]);
      return c.id;
    };
    const oldMx = await make('Oldmx', 'MX', 600, true);
    const oldCl = await make('Oldcl', 'CL', 600, true);
    const oldUs = await make('Oldus', 'US', 600, true);
    const recent = await make('Recent', 'MX', 20, true);
    const live = await make('Live', 'MX', 2000, false);
    for (const [days, status] of [[60, 'processed'], [10, 'processed'], [60, 'failed']] as const) {
      const id = newId('inboxEvent');
      await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status) VALUES ($1, $2, 'stripe', $3, $4, 'raw', $5)`,
        [id, org, `${org}/${id}`, ago(days), status]);
    }

    const dry = await purgeRetention(db, org, NOW, { dryRun: true });
    assert.deepEqual([dry.erased, dry.rows.contact_events, dry.raw_events], [[oldMx], 1, 1]);
    const untouched = await db.query<{ name: string }>('SELECT name FROM customers WHERE org_id = $1 ORDER BY name', [org]);
    assert.deepEqual(untouched.map((x) => x.name), ['Live', 'Oldcl', 'Oldmx', 'Oldus', 'Recent']);

    const run = await purgeRetention(db, org, NOW);
    assert.deepEqual(run.erased, [oldMx]);
    const names = await db.query<{ id: string; name: string }>('SELECT id, name FROM customers WHERE org_id = $1', [org]);
    const nameOf = (id: string) => names.find((x) => x.id === id)?.name;
    assert.deepEqual([oldMx, oldCl, oldUs, recent, live].map(nameOf), ['Erased customer', 'Oldcl', 'Oldus', 'Recent', 'Live']);
    const events = await db.query<{ customer_id: string }>('SELECT customer_id FROM contact_events WHERE org_id = $1', [org]);
    assert.deepEqual(events.map((e) => e.customer_id).sort(), [oldCl, oldUs, recent, live].sort());
    const bodies = await db.query<{ status: string; body: string }>('SELECT status, body FROM inbox_events WHERE org_id = $1 ORDER BY received_at, status', [org]);
    assert.deepEqual(bodies.map((b) => [b.status, b.body]), [['failed', 'raw'], ['processed', ''], ['processed', 'raw']]);
    assert.deepEqual((await purgeRetention(db, org, NOW)).erased, [], 'a second run finds nothing more');
  });
});

describe('template lints through the API', () => {
  it('passes the shipped catalogue and names template, language, channel and rule of a bad one', async () => {
    const shipped = (await get('/v1/templates/lint')).json();
    assert.deepEqual(shipped, { ok: true, findings: [] });
    const bad = await post('/v1/templates/lint', { template_id: 'settle', language: 'es',
      template: { whatsapp: '{{greeting}} pague {{total_due}} hoy con un descuento especial: {{payment_link}} Gracias.' } });
    assert.equal(bad.statusCode, 200, bad.body);
    const f = bad.json().findings[0];
    assert.deepEqual([bad.json().ok, f.template, f.language, f.channel, f.rule], [false, 'settle', 'es', 'whatsapp', 'WA-3']);
    const invalid = await post('/v1/templates/lint', { template_id: 'Bad Id', language: 'fr', template: {} });
    assert.equal(invalid.statusCode, 400);
  });
});
