// A promise, more time, a plan or a cancellation made in the debtor portal is confirmed to the debtor in writing: one
// message, in their language, money and dates, on the channel that reaches them, through the compliance gate (which
// blocks it for a debtor who stopped contact, and defers it out of hours); none when the org turned confirmations off
// or the same form was sent twice. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { syncCases } from '../src/engine/index.ts';
import { createPortalLink } from '../src/portal/index.ts';
import { setComplianceSettings } from '../src/compliance/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

// Tuesday 17 March 2026, 16:00 UTC: 10:00 in Mexico City, 13:00 in São Paulo (the Monday is a Mexican public holiday)
let now = new Date('2026-03-17T16:00:00Z');
let t: TestApi;
const adapters = sandboxAdapters();
before(async () => {
  t = await testApi(() => now);
  await setComplianceSettings(t.db, t.org, 'test', { company_address: 'Av. Paulista 1000, São Paulo - SP', company_tax_id: '12.345.678/0001-95' }, now);
});
after(async () => { await t.close(); });

/** A request to the API with these headers: staff's API key, or a debtor's portal token. */
const call = (headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const asStaff = (method: 'GET' | 'PUT', url: string, payload?: object) => call(bearer(t.keys.admin), method, url, payload);
const asDebtor = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => call({ 'x-portal-token': token }, method, url, payload);

let made = 0;
interface Debtor { id: string; token: string }
/** A debtor owing one overdue invoice, with their portal link's token. */
async function aDebtor(over: { language: string; country: string; region?: string; timezone: string; currency: string; amount: number; email?: string | null;
  phone?: string; preferred_channel?: 'email' | 'sms' }): Promise<Debtor> {
  made += 1;
  const { currency, amount, email, ...rest } = over;
  const c = await aCustomer(t.db, t.org, { name: `Confirm ${made}`, ...(email === null ? {} : { email: email ?? `confirm${made}@example.com` }), ...rest });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: `CF-${made}`, currency, amount, issue_date: '2026-02-01', due_date: '2026-03-01' });
  const link = await createPortalLink(t.db, t.org, 'test', c.id, 'staff', now);
  assert.ok(link.ok);
  await syncCases(t.db, t.org, now);
  return { id: c.id, token: link.value.token };
}
const mexican = (over: { email?: string | null; phone?: string; preferred_channel?: 'email' | 'sms' } = {}) =>
  aDebtor({ language: 'es', country: 'MX', timezone: 'America/Mexico_City', currency: 'MXN', amount: 90_000, ...over });

interface Confirmation { id: string; template: string; channel: string; status: string; reason: string | null; next_attempt_at: string | null;
  content: Record<string, unknown> }
/** The customer's portal confirmations, oldest first. */
const confirmations = (customerId: string) => t.db.query<Confirmation>(
  `SELECT id, template, channel, status, reason, next_attempt_at, content FROM messages WHERE org_id = $1 AND customer_id = $2 AND template LIKE 'portal-%'
   ORDER BY created_at, id`, [t.org, customerId]);
const dispatch = () => dispatchOnce({ db: t.db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
const audited = (customerId: string, action: string) => t.db.query<{ actor: string; data: Record<string, unknown> }>(
  'SELECT actor, data FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = $3', [t.org, customerId, action]);
const timeline = async (customerId: string) => (await asStaff('GET', `/v1/cases/${customerId}`)).json().timeline as { kind: string; reason: string }[];

/** The one confirmation of the customer (leaving out one withdrawn before it went), after the dispatcher's pass: sent, with its rendered email or SMS. */
async function theOneSent(customerId: string) {
  await dispatch();
  const all = (await confirmations(customerId)).filter((m) => m.status !== 'cancelled');
  assert.equal(all.length, 1, JSON.stringify(all.map((m) => [m.template, m.status, m.reason])));
  const m = all[0]!;
  assert.ok(m.status === 'sent' || m.status === 'delivered', `${m.status}: ${m.reason ?? ''}`);
  return m;
}

describe('portal confirmations', () => {
  it('confirms a promise once by email, in Spanish with Mexican money and dates; sending the same form again sends nothing more', async () => {
    const d = await mexican();
    const promise = { amount: 90_000, currency: 'MXN', due_date: '2026-03-27' };
    const r = await asDebtor(d.token, 'POST', '/portal/api/promises', promise);
    assert.equal(r.statusCode, 201, r.body);
    const again = await asDebtor(d.token, 'POST', '/portal/api/promises', promise);
    assert.equal(again.statusCode, 201, again.body);
    const m = await theOneSent(d.id);
    assert.deepEqual([m.template, m.channel, m.content.language], ['portal-promise-confirmed', 'email', 'es']);
    assert.match(String(m.content.subject), /Su promesa de pagar \$900\.00 a más tardar el 27 de marzo de 2026/);
    const text = String(m.content.text);
    assert.match(text, /pagará \$900\.00 a más tardar el 27 de marzo de 2026/);
    assert.match(text, /los recordatorios se reanudan/, 'it says what happens if the promise is missed');
    assert.match(text, /https:\/\/cobro\.example\/p\//, 'it carries the portal link');
    assert.doesNotMatch(text, /reemplaza/, 'the repeat is not a change');
    assert.match(String(m.content.html), /<html lang="es">[\s\S]*CF-\d+/);
    const skipped = await audited(d.id, 'portal.confirmation_skipped');
    assert.deepEqual(skipped.map((s) => s.data.reason), ['the same terms were sent again; the first is confirmed']);
    const [queued] = await audited(d.id, 'portal.confirmation_queued');
    assert.deepEqual([queued?.actor.startsWith('portal:'), queued?.data.message_id, queued?.data.channel], [true, m.id, 'email']);
    const kinds = (await timeline(d.id)).map((e) => e.kind);
    assert.ok(kinds.includes('confirmation_queued') && kinds.includes('message_sent'), kinds.join(', '));
  });

  it('confirms a plan by email in Brazilian Portuguese with its schedule, replacing the promise before', async () => {
    const d = await aDebtor({ language: 'pt-BR', country: 'BR', region: 'SP', timezone: 'America/Sao_Paulo', currency: 'BRL', amount: 120_000 });
    assert.equal((await asDebtor(d.token, 'POST', '/portal/api/promises', { amount: 120_000, currency: 'BRL', due_date: '2026-03-20' })).statusCode, 201);
    const options = (await asDebtor(d.token, 'GET', '/portal/api/plans/options')).json().data as { count: number; frequency: string }[];
    const three = options.find((o) => o.count === 3 && o.frequency === 'monthly');
    assert.ok(three, JSON.stringify(options));
    const r = await asDebtor(d.token, 'POST', '/portal/api/plans', { instalments: 3, frequency: 'monthly' });
    assert.equal(r.statusCode, 201, r.body);
    const plan = r.json() as { instalments: { due_date: string; amount: number }[] };
    const m = await theOneSent(d.id);
    assert.deepEqual([m.template, m.channel, m.content.language], ['portal-plan-confirmed', 'email', 'pt-BR']);
    const text = String(m.content.text);
    assert.match(text, /que substitui sua promessa anterior/);
    assert.match(text, new RegExp(`R\\$\\s1\\.200,00 em ${plan.instalments.length} parcelas`));
    assert.equal(text.split('\n').filter((l) => /^\d\. \d{1,2} de [a-zç]+ de 2026: R\$\s[\d.,]+$/.test(l)).length, plan.instalments.length, text);
    assert.match(text, /Se uma parcela não for paga, o parcelamento termina/);
    assert.match(String(m.content.html), /<th[^>]*>Parcela<\/th>/);
    const withdrawn = (await t.db.query<{ status: string }>(`SELECT status FROM messages WHERE org_id = $1 AND customer_id = $2 AND template = 'portal-promise-confirmed'`,
      [t.org, d.id]));
    assert.deepEqual(withdrawn.map((w) => w.status), ['cancelled'], 'the promise\'s confirmation, not yet sent, gave way to the plan\'s');
    // staff preview it as any template: for this customer, their active plan
    const preview = await call(bearer(t.keys.admin), 'POST', '/v1/templates/preview', { step: 'portal-plan-confirmed', customer_id: d.id, channel: 'email' });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(String(preview.json().message.text).split('\n').filter((l) => /^\d\. .*: R\$/.test(l)).length, plan.instalments.length);
  });

  it('confirms a cancellation by SMS to a debtor with no email: what is due again and that reminders resume', async () => {
    const d = await mexican({ email: null, phone: '+525512345678' });
    const p = await asDebtor(d.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'MXN', due_date: '2026-03-27' });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal((await theOneSent(d.id)).channel, 'sms');
    const c = await asDebtor(d.token, 'POST', `/portal/api/promises/${p.json().id as string}/cancel`, { confirm: true });
    assert.equal(c.statusCode, 200, c.body);
    await dispatch();
    // (both made at the same instant of the test's clock: in the order of their templates)
    const all = (await confirmations(d.id)).sort((x, y) => y.template.localeCompare(x.template));
    assert.deepEqual(all.map((m) => [m.template, m.channel, m.status === 'delivered' ? 'sent' : m.status]),
      [['portal-promise-confirmed', 'sms', 'sent'], ['portal-promise-cancelled', 'sms', 'sent']]);
    const sms = all[1]!.content;
    assert.equal(sms.language, 'es');
    assert.match(String(sms.text), /cancelamos su promesa de \$900\.00, como pidio\. \$900\.00 queda pendiente y vuelven los recordatorios/, 'folded into GSM-7: two segments, not four in UCS-2');
  });

  it('the gate blocks the confirmation of a debtor who stopped every channel, and the block is recorded', async () => {
    const d = await mexican({ phone: '+525512340000' });
    const stop = await asDebtor(d.token, 'PUT', '/portal/api/contact', { channels: { email: false, sms: false } });
    assert.equal(stop.statusCode, 200, stop.body);
    assert.equal((await asDebtor(d.token, 'POST', '/portal/api/promises', { amount: 50_000, currency: 'MXN', due_date: '2026-03-27' })).statusCode, 201);
    await dispatch();
    const all = await confirmations(d.id);
    assert.deepEqual(all.map((m) => [m.template, m.status]), [['portal-promise-confirmed', 'blocked']]);
    assert.match(all[0]!.reason ?? '', /^OPTED_OUT/);
    const blocked = (await timeline(d.id)).find((e) => e.kind === 'message_blocked');
    assert.match(blocked?.reason ?? '', /portal-promise-confirmed: blocked \(OPTED_OUT/);
  });

  it('out of the debtor\'s hours the gate defers the confirmation to the next allowed time', async () => {
    const at = now;
    try {
      now = new Date('2026-03-18T05:00:00Z'); // 23:00 on Tuesday in Mexico City
      const d = await mexican();
      assert.equal((await asDebtor(d.token, 'POST', '/portal/api/extensions', { days: 10 })).statusCode, 201);
      await dispatch();
      const [m, ...rest] = await confirmations(d.id);
      assert.deepEqual([m?.template, m?.status, rest.length], ['portal-extension-confirmed', 'deferred', 0]);
      // Mexico's contact hours on a weekday open at 07:00 local (13:00 UTC)
      assert.equal(m?.next_attempt_at ? new Date(m.next_attempt_at).toISOString() : null, '2026-03-18T13:00:00.000Z', m?.reason ?? '');
      now = new Date('2026-03-18T13:00:00Z');
      const sent = await theOneSent(d.id);
      assert.match(String(sent.content.subject), /Plazo adicional acordado/);
    } finally { now = at; }
  });

  it('sends none while the org has confirmations turned off (API and audit say so)', async () => {
    const off = await asStaff('PUT', '/v1/portal/settings', { confirmations: false });
    assert.deepEqual([off.statusCode, off.json().confirmations], [200, false]);
    try {
      const d = await mexican();
      assert.equal((await asDebtor(d.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'MXN', due_date: '2026-03-27' })).statusCode, 201);
      await dispatch();
      assert.deepEqual(await confirmations(d.id), []);
      assert.deepEqual((await audited(d.id, 'portal.confirmation_skipped')).map((s) => s.data.reason), ['the org has portal confirmations turned off']);
    } finally {
      const on = await asStaff('PUT', '/v1/portal/settings', { confirmations: true });
      assert.equal(on.json().confirmations, true);
    }
  });
});
