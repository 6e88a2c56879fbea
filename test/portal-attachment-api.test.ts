// The debtor downloading again the file they sent with a dispute: byte for byte, under a safe name and type, never cached;
// only their own dispute and only a file they sent (the portal or the agent, as the history names it), with the token,
// the second factor and the rate limit every portal route has.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer } from '../src/api/index.ts';
import { createPortalLink } from '../src/portal/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

const now = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
after(async () => { await t.close(); });

const staff = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload ? { payload } : {}) });
const asDebtor = (token: string, method: 'GET' | 'POST', url: string, payload?: object, cookie?: string) =>
  t.app.inject({ method, url, headers: { 'x-portal-token': token, ...(cookie ? { cookie } : {}) }, ...(payload ? { payload } : {}) });
const fileOf = (id: string) => `/portal/api/disputes/${id}/attachment`;
const upload = (filename: string, content_type: string, data: Buffer) => ({ filename, content_type, data_base64: data.toString('base64') });

let made = 0;
async function debtor() {
  made += 1;
  const c = await aCustomer(t.db, t.org, { name: `File ${made}`, email: `file${made}@example.com`, country: 'US', metadata: { postcode: `6060${made}` } });
  const invoices = [];
  for (const k of [1, 2, 3]) {
    invoices.push((await anInvoice(t.db, t.org, { customer_id: c.id, number: `AT-${made}-${k}`, currency: 'USD', amount: 10_000, due_date: '2026-03-01' })).id);
  }
  const link = await createPortalLink(t.db, t.org, 'test', c.id, 'staff', now);
  assert.ok(link.ok);
  return { id: c.id, invoices, token: link.value.token };
}

const receipt = Buffer.from('%PDF-1.4\nrecibo de março\n%%EOF\n');
let a: Awaited<ReturnType<typeof debtor>>;
let b: Awaited<ReturnType<typeof debtor>>;
let mine: string;
before(async () => {
  t = await testApi(() => now);
  a = await debtor();
  b = await debtor();
  const r = await asDebtor(a.token, 'POST', '/portal/api/disputes', { reason: 'already_paid', invoice_ids: [a.invoices[0]],
    attachment: upload('recibo de março (1).pdf', 'application/pdf', receipt) });
  assert.equal(r.statusCode, 201, r.body);
  mine = r.json().id;
});

describe('the file the debtor sent', () => {
  it('comes back byte for byte, as an attachment with a safe name, nosniff and never cached', async () => {
    const r = await asDebtor(a.token, 'GET', fileOf(mine));
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.rawPayload.equals(receipt));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['content-disposition'], 'attachment; filename="recibo de mar_o (1).pdf"; filename*=UTF-8\'\'recibo%20de%20mar%C3%A7o%20%281%29.pdf');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['cache-control']), /no-store/);
    const history = (await asDebtor(a.token, 'GET', '/portal/api/history')).json();
    assert.equal(history.disputes[0].attachment.filename, 'recibo de março (1).pdf', 'the file the history names');
  });

  it('is one the debtor sent through the agent too, sent as plain bytes when its stored type is not an upload type', async () => {
    const note = Buffer.from('paid on 2 March, ref 7781\n');
    const r = await staff('POST', '/v1/disputes', { customer_id: a.id, invoice_ids: [a.invoices[1]], reason: 'already_paid', source: 'agent',
      attachment: upload('note.txt', 'text/plain', note) });
    assert.equal(r.statusCode, 201, r.body);
    const plain = await asDebtor(a.token, 'GET', fileOf(r.json().id));
    assert.deepEqual([plain.statusCode, plain.headers['content-type'], plain.headers['content-disposition']], [200, 'text/plain', 'attachment; filename="note.txt"']);
    assert.ok(plain.rawPayload.equals(note));
    // a row from before the upload check, or written some other way: its type is not trusted
    await t.db.query(`UPDATE dispute_attachments SET content_type = 'text/html', filename = 'a"b;c.html' WHERE dispute_id = $1`, [r.json().id]);
    const odd = await asDebtor(a.token, 'GET', fileOf(r.json().id));
    assert.deepEqual([odd.statusCode, odd.headers['content-type'], odd.headers['content-disposition'], odd.headers['x-content-type-options']],
      [200, 'application/octet-stream', 'attachment; filename="a_b_c.html"', 'nosniff']);
    const staffCopy = await staff('GET', `/v1/disputes/${r.json().id}/attachment`);
    assert.deepEqual([staffCopy.statusCode, staffCopy.headers['content-type']], [200, 'application/octet-stream'], 'staff are sent it the same way');
  });

  it('is not found for another customer\'s link, a file staff attached, a dispute without a file or no dispute', async () => {
    const theirs = await asDebtor(b.token, 'GET', fileOf(mine));
    assert.deepEqual([theirs.statusCode, theirs.json().error.code, theirs.json().error.field], [404, 'NOT_FOUND', 'id']);
    const byStaff = await staff('POST', '/v1/disputes', { customer_id: a.id, invoice_ids: [a.invoices[2]], reason: 'other', source: 'collector',
      attachment: upload('call-notes.txt', 'text/plain', Buffer.from('internal: debtor sounded evasive\n')) });
    assert.equal(byStaff.statusCode, 201, byStaff.body);
    const staffFile = await asDebtor(a.token, 'GET', fileOf(byStaff.json().id));
    assert.equal(staffFile.statusCode, 404);
    assert.ok(!staffFile.body.includes('internal:'));
    assert.equal((await staff('GET', `/v1/disputes/${byStaff.json().id}/attachment`)).statusCode, 200, 'staff still have it');
    const bare = await asDebtor(b.token, 'POST', '/portal/api/disputes', { reason: 'not_mine', invoice_ids: [b.invoices[0]] });
    assert.equal(bare.statusCode, 201, bare.body);
    assert.equal((await asDebtor(b.token, 'GET', fileOf(bare.json().id))).statusCode, 404);
    assert.equal((await asDebtor(a.token, 'GET', fileOf('dsp_nothing'))).statusCode, 404);
  });

  it('needs the link\'s token, and the second factor\'s session when the org asks one', async () => {
    const none = await t.app.inject({ method: 'GET', url: fileOf(mine) });
    assert.deepEqual([none.statusCode, none.json().error.code], [401, 'UNAUTHORIZED']);
    assert.equal((await asDebtor('nonsense', 'GET', fileOf(mine))).statusCode, 401);
    assert.equal((await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode' })).statusCode, 200);
    try {
      const blocked = await asDebtor(a.token, 'GET', fileOf(mine));
      assert.deepEqual([blocked.statusCode, blocked.json().error.field], [403, 'second_factor']);
      const right = await asDebtor(a.token, 'POST', '/portal/api/verify', { answer: '60601' });
      assert.equal(right.statusCode, 200, right.body);
      const cookie = String(right.headers['set-cookie']).split(';')[0]!;
      const r = await asDebtor(a.token, 'GET', fileOf(mine), undefined, cookie);
      assert.equal(r.statusCode, 200);
      assert.ok(r.rawPayload.equals(receipt));
    } finally {
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none' });
    }
  });

  it('is counted by the portal\'s rate limit per link', async () => {
    const limited = await buildServer({ db: t.db, now: () => now }, { limits: { portalPerToken: 2, portalPerIp: 100, webhookPerIp: 100, clockMs: () => 0 } });
    try {
      const get = () => limited.inject({ method: 'GET', url: fileOf(mine), headers: { 'x-portal-token': a.token } });
      assert.deepEqual([(await get()).statusCode, (await get()).statusCode, (await get()).statusCode], [200, 200, 429]);
    } finally { await limited.close(); }
  });
});
