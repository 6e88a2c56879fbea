// The org's logo and company details through the API (PGlite, and PostgreSQL with DATABASE_URL): an admin sets the
// logo (PNG or JPEG, checked by its bytes), a viewer or manager may not, a GIF, an oversized file and a cut-short PNG are
// refused naming the field; the debtor's PDF and HTML statements then carry it with the company address and tax id,
// and another org's statements do not; removing it takes it off.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { readPdf } from './support/pdf.ts';
import { GIF, JPEG, png } from './support/images.ts';

let t: TestApi;
before(async () => { t = await testApi(() => new Date('2026-03-15T12:00:00Z')); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, key = t.keys.admin) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
const putLogo = (data: Buffer, key = t.keys.admin) => call('PUT', '/v1/org/logo', { logo: data.toString('base64') }, key);

async function debtor(key = t.keys.admin) {
  const c = await call('POST', '/v1/customers', { external_id: `LOGO-${Math.random().toString(36).slice(2, 8)}`, name: 'Acme Retail', country: 'US', language: 'es' }, key);
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  assert.equal((await call('POST', '/v1/invoices', { customer_id: id, number: 'L-1', currency: 'USD', amount: 10_000, issue_date: '2026-01-15', due_date: '2026-02-15' }, key)).statusCode, 201);
  const link = await call('POST', `/v1/customers/${id}/portal-link`, {}, key);
  assert.equal(link.statusCode, 201, link.body);
  return { id, token: link.json().token as string };
}

const imageObjects = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/Subtype \/Image[^]*?>>/g)].map((m) => m[0]);

describe('the org logo', () => {
  it('is set by an admin only, and refused when not a whole PNG or JPEG of at most 512 KB, naming the field', async () => {
    for (const key of [t.keys.viewer, t.keys.collector, t.keys.manager]) assert.equal((await putLogo(png(60, 20), key)).statusCode, 403);
    const whole = png(60, 20);
    for (const [data, message] of [[GIF, /PNG or JPEG/], [png(480, 480, true), /over 512 KB/], [whole.subarray(0, whole.length - 20), /cut short/]] as const) {
      const r = await putLogo(data);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.field, 'logo');
      assert.match(r.json().error.message, message);
    }
    const notBase64 = await call('PUT', '/v1/org/logo', { logo: 'not base64!' });
    assert.deepEqual([notBase64.statusCode, notBase64.json().error.field], [400, 'logo']);
    assert.equal((await call('GET', '/v1/org/logo', undefined, t.keys.viewer)).statusCode, 404);
    assert.equal((await call('DELETE', '/v1/org/logo', undefined, t.keys.viewer)).statusCode, 403);
  });

  it('heads the debtor\'s statements with the company details once set, for this org only, until removed', async () => {
    const settings = await call('PUT', '/v1/compliance/settings', { company_address: 'Av. Constitución 100, Monterrey', company_tax_id: 'CNO010101AB1' });
    assert.equal(settings.statusCode, 200, settings.body);
    const set = await putLogo(png(300, 90));
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual([set.json().content_type, set.json().width, set.json().height], ['image/png', 300, 90]);
    const info = await call('GET', '/v1/org/logo', undefined, t.keys.viewer);
    assert.deepEqual([info.statusCode, info.json().size], [200, png(300, 90).length]);
    const image = await call('GET', '/v1/org/logo/image', undefined, t.keys.viewer);
    assert.deepEqual([image.statusCode, image.headers['content-type']], [200, 'image/png']);
    assert.ok(image.rawPayload.equals(png(300, 90)));

    const a = await debtor();
    const pdf = await t.app.inject({ method: 'GET', url: '/portal/api/statement.pdf', headers: { 'x-portal-token': a.token } });
    assert.equal(pdf.statusCode, 200, pdf.body);
    const images = imageObjects(pdf.rawPayload);
    assert.equal(images.length, 1);
    assert.match(images[0] ?? '', /\/Width 300\b[^]*\/Height 90\b/);
    const text = readPdf(pdf.rawPayload).text;
    for (const part of ['Dirección:', 'Av. Constitución 100, Monterrey', 'ID fiscal:', 'CNO010101AB1']) assert.ok(text.includes(part), `"${part}" in ${text}`);
    const html = await t.app.inject({ method: 'GET', url: '/portal/api/statement', headers: { 'x-portal-token': a.token } });
    assert.ok(html.body.includes('<img class="logo" src="data:image/png;base64,') && html.body.includes('ID fiscal: CNO010101AB1'));
    // the portal page's header shows it, before the second factor too
    const header = await t.app.inject({ method: 'GET', url: '/portal/api/logo', headers: { 'x-portal-token': a.token } });
    assert.deepEqual([header.statusCode, header.headers['content-type']], [200, 'image/png']);
    assert.ok(header.rawPayload.equals(png(300, 90)));
    assert.equal((await t.app.inject({ method: 'GET', url: '/portal/api/logo' })).statusCode, 401);
    // the page learns from the link and the account whether to ask for it
    const flag = async (token: string) => Promise.all(['/portal/api/link', '/portal/api/account'].map(async (url) =>
      (await t.app.inject({ method: 'GET', url, headers: { 'x-portal-token': token } })).json<{ org: { logo: boolean } }>().org.logo));
    assert.deepEqual(await flag(a.token), [true, true]);
    const staff = await call('GET', `/v1/customers/${a.id}/statement.pdf`, undefined, t.keys.viewer);
    assert.equal(imageObjects(staff.rawPayload).length, 1);

    // another org's statement has neither
    const b = await debtor(t.otherKey);
    const theirs = await t.app.inject({ method: 'GET', url: '/portal/api/statement.pdf', headers: { 'x-portal-token': b.token } });
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.equal(imageObjects(theirs.rawPayload).length, 0);
    assert.ok(!readPdf(theirs.rawPayload).text.includes('CNO010101AB1'));
    assert.equal((await t.app.inject({ method: 'GET', url: '/portal/api/logo', headers: { 'x-portal-token': b.token } })).statusCode, 404);
    assert.deepEqual(await flag(b.token), [false, false]);

    // a JPEG replaces it; removing it takes it off
    const jpeg = await putLogo(JPEG);
    assert.deepEqual([jpeg.statusCode, jpeg.json().content_type, jpeg.json().width], [200, 'image/jpeg', 16]);
    const again = await t.app.inject({ method: 'GET', url: '/portal/api/statement.pdf', headers: { 'x-portal-token': a.token } });
    assert.match(imageObjects(again.rawPayload)[0] ?? '', /\/DCTDecode/);
    const removed = await call('DELETE', '/v1/org/logo');
    assert.deepEqual([removed.statusCode, removed.json().removed], [200, true]);
    assert.equal((await call('DELETE', '/v1/org/logo')).json().removed, false);
    const after = await t.app.inject({ method: 'GET', url: '/portal/api/statement.pdf', headers: { 'x-portal-token': a.token } });
    assert.equal(imageObjects(after.rawPayload).length, 0);
    assert.deepEqual(await flag(a.token), [false, false]);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'org.logo%' ORDER BY pos`, [t.org]);
    assert.deepEqual(audit.map((r) => r.action), ['org.logo_set', 'org.logo_set', 'org.logo_removed']);
  });
});
