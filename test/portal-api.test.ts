// The debtor portal's API: links made by staff, refused when missing, tampered, expired or withdrawn; one debtor never
// reaching another's data; the second factor with its attempt limit; and each action landing where the API's would.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkContact } from '../src/compliance/index.ts';
import { portalLinkFor, openPortalToken } from '../src/portal/index.ts';
import { messageContext } from '../src/worker/context.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';

const start = new Date('2026-03-15T12:00:00Z');
let clock = start;
let t: TestApi;
let stripe: FakeStripe;
before(async () => {
  t = await testApi(() => clock);
  stripe = await fakeStripe({ secretKey: 'sk_test_portal1', webhookSecret: 'whsec_portal1', now: () => clock });
});
after(async () => { await stripe.close(); await t.close(); });

const staff = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown, key = t.keys.admin) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });
const portal = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie?: string) =>
  t.app.inject({ method, url, headers: { 'x-portal-token': token, ...(cookie ? { cookie } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });

/** The cookie the portal sets for a payment link's return path, as the browser sends it back there. */
const returnCookie = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;

let n = 0;
async function debtor(over: Record<string, unknown> = {}, invoices: [number, string][] = [[120_000, '2026-03-01']]) {
  n += 1;
  const c = await staff('POST', '/v1/customers', { name: `Deudor ${n}`, email: `deudor${n}@example.com`, phone: '+13125550101', country: 'US',
    region: 'IL', timezone: 'America/Chicago', language: 'es', ...over });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const ids: string[] = [];
  for (const [i, [amount, due]] of invoices.entries()) {
    const r = await staff('POST', '/v1/invoices', { customer_id: id, number: `P${n}-${i + 1}`, currency: 'USD', amount, issue_date: '2026-01-15', due_date: due });
    assert.equal(r.statusCode, 201, r.body);
    ids.push(r.json().id as string);
  }
  const link = await staff('POST', `/v1/customers/${id}/portal-link`, {});
  assert.equal(link.statusCode, 201, link.body);
  return { id, invoices: ids, token: link.json().token as string, linkId: link.json().id as string, url: link.json().url as string };
}

describe('portal links', () => {
  it('are made by staff with a URL under /p/, not by viewers, and not for another org\'s customer', async () => {
    const d = await debtor();
    assert.match(d.url, /^http:\/\/localhost:3000\/p\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    assert.equal((await staff('POST', `/v1/customers/${d.id}/portal-link`, {}, t.keys.viewer)).statusCode, 403);
    assert.equal((await staff('POST', `/v1/customers/${d.id}/portal-link`, {}, t.otherKey)).statusCode, 404);
    const list = await staff('GET', `/v1/customers/${d.id}/portal-links`);
    assert.deepEqual(list.json().data.map((l: { id: string }) => l.id), [d.linkId]);
    assert.ok(!list.body.includes(d.token.split('.')[0]!), 'tokens are not listed');
  });

  it('are refused when missing, malformed, tampered, expired or withdrawn', async () => {
    const d = await debtor();
    const none = await t.app.inject({ method: 'GET', url: '/portal/api/account' });
    assert.deepEqual([none.statusCode, none.json().error.field], [401, 'token']);
    const flipped = `${d.token.slice(0, -1)}${d.token.endsWith('A') ? 'B' : 'A'}`;
    const tampered = await portal(flipped, 'GET', '/portal/api/account');
    assert.deepEqual([tampered.statusCode, tampered.json().error.field], [401, 'token']);
    assert.equal((await portal('nonsense', 'GET', '/portal/api/account')).statusCode, 401);
    clock = new Date(start.getTime() + 31 * 86_400_000);
    const expired = await portal(d.token, 'GET', '/portal/api/account');
    clock = start;
    assert.deepEqual([expired.statusCode, expired.json().error.field], [401, 'expires_at']);
    assert.equal((await portal(d.token, 'GET', '/portal/api/account')).statusCode, 200);
    assert.equal((await staff('POST', `/v1/portal-links/${d.linkId}/revoke`, {}, t.otherKey)).statusCode, 404);
    assert.equal((await staff('POST', `/v1/portal-links/${d.linkId}/revoke`, {})).statusCode, 200);
    const withdrawn = await portal(d.token, 'GET', '/portal/api/account');
    assert.deepEqual([withdrawn.statusCode, withdrawn.json().error.field], [401, 'token']);
  });

  it('in messages: one link shared while it has half its life to run, then a new one', async () => {
    const d = await debtor();
    const who = { orgId: t.org, customerId: d.id };
    const first = await portalLinkFor(t.db, who, start, 'https://cobro.example');
    assert.equal(await portalLinkFor(t.db, who, new Date(start.getTime() + 10 * 86_400_000), 'https://cobro.example'), first);
    const later = await portalLinkFor(t.db, who, new Date(start.getTime() + 16 * 86_400_000), 'https://cobro.example');
    assert.notEqual(later, first);
    const opened = await openPortalToken(t.db, first.split('/p/')[1]!, start);
    assert.ok(opened.ok && opened.value.customerId === d.id && opened.value.orgId === t.org);
  });

  it('are what a message links to (and, with no gateway connected, its payment link too)', async () => {
    const d = await debtor();
    const row = { id: 'msg_test', org_id: t.org, action_id: 'act_none', case_id: null, customer_id: d.id, channel: 'email' as const, template: null,
      tone: null, address: null, attempts: 0 };
    const made = await messageContext(t.db, row, start, 'http://cobro.example');
    const links = made?.context.links;
    assert.match(links?.portal ?? '', /^https:\/\/cobro\.example\/p\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    assert.equal(links?.payment, links?.portal);
    const opened = await openPortalToken(t.db, links!.portal!.split('/p/')[1]!, start);
    assert.ok(opened.ok && opened.value.customerId === d.id);
  });
});

describe('what the debtor sees', () => {
  it('shows their own open invoices, totals, days overdue and language, and nothing of another debtor', async () => {
    const a = await debtor({}, [[120_000, '2026-03-01'], [30_000, '2026-04-01']]);
    const b = await debtor({ language: 'pt-BR', country: 'BR', timezone: 'America/Sao_Paulo' }, [[77_700, '2026-02-01']]);
    const r = await portal(a.token, 'GET', '/portal/api/account');
    assert.equal(r.statusCode, 200, r.body);
    const acc = r.json();
    assert.deepEqual([acc.language, acc.locale, acc.today, acc.org.name], ['es', 'es-US', '2026-03-15', 'Main']);
    assert.deepEqual(acc.invoices.map((i: { id: string; days_overdue: number }) => [i.id, i.days_overdue]), [[a.invoices[0], 14], [a.invoices[1], 0]]);
    assert.deepEqual(acc.totals, [{ currency: 'USD', balance: 150_000, overdue: 120_000 }]);
    assert.ok(!r.body.includes(b.invoices[0]!) && !r.body.includes('77700'));
    const theirs = (await portal(b.token, 'GET', '/portal/api/account')).json();
    assert.deepEqual([theirs.language, theirs.invoices.length, theirs.invoices[0].id], ['pt-BR', 1, b.invoices[0]]);
    // another debtor's invoice cannot be downloaded, paid, disputed or named in any other way
    assert.equal((await portal(a.token, 'GET', `/portal/api/invoices/${b.invoices[0]}/statement`)).statusCode, 404);
    const dispute = await portal(a.token, 'POST', '/portal/api/disputes', { reason: 'not_mine', invoice_ids: [b.invoices[0]] });
    assert.deepEqual([dispute.statusCode, dispute.json().error.field], [404, 'invoice_ids[0]']);
    assert.equal((await staff('GET', `/v1/invoices/${b.invoices[0]}`)).json().status, 'open');
  });

  it('downloads the statement and one invoice as HTML in the debtor\'s language', async () => {
    const a = await debtor({}, [[120_000, '2026-03-01'], [30_000, '2026-04-01']]);
    const s = await portal(a.token, 'GET', '/portal/api/statement');
    assert.equal(s.statusCode, 200);
    assert.match(String(s.headers['content-disposition']), /^attachment; filename="statement-2026-03-15\.html"$/);
    assert.match(s.body, /<html lang="es">/);
    assert.match(s.body, /Estado de cuenta/);
    assert.ok(s.body.includes(`P${n}-1`) && s.body.includes(`P${n}-2`));
    const one = await portal(a.token, 'GET', `/portal/api/invoices/${a.invoices[1]}/statement`);
    assert.ok(one.statusCode === 200 && one.body.includes(`P${n}-2`) && !one.body.includes(`P${n}-1<`));
  });
});

describe('the second factor', () => {
  it('is asked when the org wants it, counts wrong answers, locks, and opens a session for that debtor only', async () => {
    assert.equal((await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode' }, t.keys.manager)).statusCode, 403);
    const set = await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode', factor_max_failures: 3 });
    assert.deepEqual([set.statusCode, set.json().second_factor, set.json().link_days], [200, 'postcode', 30]);
    try {
      const a = await debtor({ metadata: { postcode: '60601-1234' } });
      const b = await debtor({ metadata: { postcode: '94105' } });
      const info = await portal(a.token, 'GET', '/portal/api/link');
      assert.deepEqual([info.json().second_factor, info.json().verified], ['postcode', false]);
      assert.ok(!info.body.includes('Deudor'), 'nothing about the debtor before the answer');
      const blocked = await portal(a.token, 'GET', '/portal/api/account');
      assert.deepEqual([blocked.statusCode, blocked.json().error.field], [403, 'second_factor']);
      const wrong = await portal(a.token, 'POST', '/portal/api/verify', { answer: '94105' });
      assert.deepEqual([wrong.statusCode, wrong.json().error.field], [401, 'answer']);
      assert.match(wrong.json().error.message, /2 tries left/);
      const right = await portal(a.token, 'POST', '/portal/api/verify', { answer: '60601 1234' });
      assert.equal(right.statusCode, 200, right.body);
      const cookie = String(right.headers['set-cookie']).split(';')[0]!;
      assert.match(String(right.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
      assert.equal((await portal(a.token, 'GET', '/portal/api/account', undefined, cookie)).statusCode, 200);
      assert.equal((await portal(b.token, 'GET', '/portal/api/account', undefined, cookie)).statusCode, 403, 'a session is one debtor\'s');
      for (const _ of [1, 2]) assert.equal((await portal(b.token, 'POST', '/portal/api/verify', { answer: '00000' })).statusCode, 401);
      const locked = await portal(b.token, 'POST', '/portal/api/verify', { answer: '00000' });
      assert.deepEqual([locked.statusCode, locked.json().error.code], [429, 'RATE_LIMITED']);
      assert.equal((await portal(b.token, 'POST', '/portal/api/verify', { answer: '94105' })).statusCode, 429, 'even the right answer waits');
      clock = new Date(start.getTime() + 16 * 60_000);
      assert.equal((await portal(b.token, 'POST', '/portal/api/verify', { answer: '94105' })).statusCode, 200);
      const missing = await debtor();
      const none = await portal(missing.token, 'POST', '/portal/api/verify', { answer: '12345' });
      assert.deepEqual([none.statusCode, none.json().error.field], [409, 'second_factor']);
    } finally {
      clock = start;
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none' });
    }
  });
});

describe('what the debtor does', () => {
  it('pays the whole or a part through the org\'s gateway, coming back to the portal; says so when there is none', async () => {
    const a = await debtor();
    const none = await portal(a.token, 'POST', '/portal/api/pay', {});
    assert.deepEqual([none.statusCode, none.json().error.field], [409, 'provider']);
    assert.match(none.json().error.message, /does not take payments online/);
    assert.equal((await portal(a.token, 'GET', '/portal/api/account')).json().online_payment, false);
    await stripe.connect(t.db, t.org);
    const whole = await portal(a.token, 'POST', '/portal/api/pay', {});
    assert.equal(whole.statusCode, 201, whole.body);
    assert.ok(whole.json().url.startsWith(`${stripe.url}/c/pay/`));
    assert.equal(whole.json().amount, 120_000);
    const sent = stripe.created.at(-1)!.form;
    assert.equal(sent['success_url'], `http://localhost:3000/p/return/${whole.json().id}?payment=success`, 'the portal\'s token is not given to the provider');
    const back = await t.app.inject({ method: 'GET', url: `/p/return/${whole.json().id}?payment=success`, headers: { cookie: returnCookie(whole) } });
    assert.deepEqual([back.statusCode, back.headers.location], [303, `/p/${a.token}?payment=success`]);
    assert.equal(sent['metadata[cobro_customer_id]'], a.id);
    const part = await portal(a.token, 'POST', '/portal/api/pay', { amount: 20_000 });
    assert.deepEqual([part.statusCode, part.json().amount], [201, 20_000]);
    const over = await portal(a.token, 'POST', '/portal/api/pay', { amount: 999_999 });
    assert.deepEqual([over.statusCode, over.json().error.field], [400, 'amount']);
    const other = await debtor();
    const theirs = await portal(a.token, 'POST', '/portal/api/pay', { invoice_ids: [other.invoices[0]] });
    assert.deepEqual([theirs.statusCode, theirs.json().error.field], [404, 'invoice_ids[0]']);
    const links = (await staff('GET', `/v1/payment-links?customer_id=${a.id}`)).json().data;
    assert.equal(links.length, 2);
  });

  it('promises a date within the limits, recorded from the portal', async () => {
    const a = await debtor();
    const late = await portal(a.token, 'POST', '/portal/api/promises', { amount: 120_000, currency: 'USD', due_date: '2026-05-30' });
    assert.deepEqual([late.statusCode, late.json().error.field], [400, 'due_date']);
    const bad = await portal(a.token, 'POST', '/portal/api/promises', { amount: 'lots', currency: 'USD', due_date: '2026-03-20' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'amount']);
    const r = await portal(a.token, 'POST', '/portal/api/promises', { amount: 60_000, currency: 'USD', due_date: '2026-03-20' });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().source, r.json().channel, r.json().actor], ['portal', 'portal', `portal:${a.linkId}`]);
    assert.equal((await staff('GET', `/v1/cases/${a.id}`)).json().stop_code, 'promise_active');
    assert.equal((await portal(a.token, 'GET', '/portal/api/account')).json().promise.amount, 60_000);
  });

  it('lists the plans the limits allow and chooses one', async () => {
    const a = await debtor();
    const opts = await portal(a.token, 'GET', '/portal/api/plans/options');
    assert.equal(opts.statusCode, 200, opts.body);
    const options = opts.json().data as { count: number; frequency: string; total: number; down_payment: number }[];
    assert.ok(options.length > 0 && options.every((o) => o.count <= 6 && o.total === 120_000));
    const pick = options.find((o) => o.frequency === 'monthly' && o.count === 3)!;
    const r = await portal(a.token, 'POST', '/portal/api/plans', { instalments: 3, frequency: 'monthly' });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().source, r.json().down_payment, r.json().instalments.length], ['portal', pick.down_payment, 4]);
    const again = await portal(a.token, 'GET', '/portal/api/plans/options');
    assert.equal(again.statusCode, 409);
    assert.equal((await portal(a.token, 'GET', '/portal/api/account')).json().plan.id, r.json().id);
    const tooMany = await portal((await debtor()).token, 'POST', '/portal/api/plans', { instalments: 12, frequency: 'monthly' });
    assert.deepEqual([tooMany.statusCode, tooMany.json().error.field], [400, 'instalments']);
  });

  it('asks for more time within the limits', async () => {
    const a = await debtor();
    const far = await portal(a.token, 'POST', '/portal/api/extensions', { days: 30 });
    assert.deepEqual([far.statusCode, far.json().error.field], [400, 'days']);
    const r = await portal(a.token, 'POST', '/portal/api/extensions', { days: 7, reason: 'cobro el día 22' });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().source, r.json().new_due_date], ['portal', '2026-03-22']);
  });

  it('opens a dispute with a reason and an attachment, which pauses contact and goes to the worklist', async () => {
    const a = await debtor({}, [[120_000, '2026-03-01'], [30_000, '2026-04-01']]);
    const receipt = Buffer.from('%PDF-1.4\nreceipt\n%%EOF');
    const wrongType = await portal(a.token, 'POST', '/portal/api/disputes', { reason: 'already_paid', attachment: { filename: 'r.pdf', content_type: 'image/png',
      data_base64: receipt.toString('base64') } });
    assert.deepEqual([wrongType.statusCode, wrongType.json().error.field], [400, 'attachment.content_type']);
    const r = await portal(a.token, 'POST', '/portal/api/disputes', { reason: 'already_paid', text: 'Pagué por transferencia', invoice_ids: [a.invoices[0]],
      attachment: { filename: 'recibo.pdf', content_type: 'application/pdf', data_base64: receipt.toString('base64') } });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().source, r.json().amount, r.json().attachment.filename], ['portal', 120_000, 'recibo.pdf']);
    assert.equal((await staff('GET', `/v1/invoices/${a.invoices[0]}`)).json().status, 'disputed');
    const file = await staff('GET', `/v1/disputes/${r.json().id}/attachment`);
    assert.deepEqual(file.rawPayload, receipt);
    const tasks = (await staff('GET', `/v1/tasks?customer_id=${a.id}`)).json().data;
    assert.ok(tasks.some((x: { id: string }) => x.id === r.json().task_id));
    const acc = (await portal(a.token, 'GET', '/portal/api/account')).json();
    assert.deepEqual([acc.disputes.length, acc.totals[0].balance], [1, 30_000]);
  });

  it('stops a channel at once for the contact gate, with source portal, and turns it back on', async () => {
    const a = await debtor();
    const tuesday = new Date('2026-03-17T15:00:00Z');
    const before = await portal(a.token, 'GET', '/portal/api/contact');
    assert.deepEqual(before.json().channels.map((c: { channel: string; address: string }) => [c.channel, c.address]),
      [['email', `d•••@example.com`], ['sms', '••• 0101'], ['whatsapp', '••• 0101'], ['voice', '••• 0101']]);
    const off = await portal(a.token, 'PUT', '/portal/api/contact', { channels: { sms: false }, preferred_channel: 'email' });
    assert.equal(off.statusCode, 200, off.body);
    assert.deepEqual(off.json().channels.find((c: { channel: string }) => c.channel === 'sms'), { channel: 'sms', address: '••• 0101', stopped: true, can_resume: true });
    assert.equal(off.json().preferred_channel, 'email');
    const sms = await checkContact(t.db, t.org, { customerId: a.id, channel: 'sms', purpose: { kind: 'collection', tags: [] } }, tuesday);
    assert.ok(sms.ok && sms.value.kind === 'block' && sms.value.reason.code === 'OPTED_OUT');
    const sup = (await staff('GET', `/v1/customers/${a.id}/suppressions`)).json();
    assert.ok(JSON.stringify(sup).includes('"source":"portal"'));
    const bad = await portal(a.token, 'PUT', '/portal/api/contact', { channels: { fax: false } });
    assert.equal(bad.statusCode, 400);
    const on = await portal(a.token, 'PUT', '/portal/api/contact', { channels: { sms: true } });
    assert.equal(on.json().channels.find((c: { channel: string }) => c.channel === 'sms').stopped, false);
    const again = await checkContact(t.db, t.org, { customerId: a.id, channel: 'sms', purpose: { kind: 'collection', tags: [] } }, tuesday);
    assert.ok(again.ok && !(again.value.kind === 'block' && again.value.reason.code === 'OPTED_OUT'));
  });
});
