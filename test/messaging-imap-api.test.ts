// The IMAP mailbox through the API: connected as a provider (settings checked, the password sealed and never shown
// back), its poller's state with the last error, a poll on demand; admins only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';

let api: TestApi;
let imap: ImapServer;
before(async () => { api = await testApi(); imap = await imapServer({ user: 'cobranza@sol.example', password: 'la-clave-buena-7788' }); });
after(async () => { await imap.close(); await api.close(); });

const put = (payload: Record<string, unknown>) => api.app.inject({ method: 'PUT', url: '/v1/providers/imap', headers: bearer(api.keys.admin), payload });
const settings = () => ({ host: '127.0.0.1', port: imap.port, secure: false, user: 'cobranza@sol.example', timeout_seconds: 5 });

test('the mailbox is off until connected; moving read mail needs a folder; the password is sealed and shown as a hint', async () => {
  const off = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys.admin) });
  assert.equal(off.statusCode, 200, off.body);
  assert.deepEqual([off.json().connected, off.json().last_polled_at, off.json().mode, off.json().auth], [false, null, null, null]);
  const none = await api.app.inject({ method: 'POST', url: '/v1/providers/imap/poll', headers: bearer(api.keys.admin) });
  assert.equal(none.statusCode, 404);
  const bad = await put({ settings: { ...settings(), after_read: 'move' }, secrets: { password: 'x' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'settings.move_to');
  const ok = await put({ settings: settings(), secrets: { password: 'a-wrong-password-1234' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().hints, { password: '…1234' });
  assert.deepEqual([ok.json().settings.mailbox, ok.json().settings.after_read, ok.json().settings.poll_seconds], ['INBOX', 'seen', 60]);
  assert.ok(!ok.body.includes('a-wrong-password'));
});

test('a poll with the wrong password answers and keeps a clear error; with the right one the error clears', async () => {
  const poll = await api.app.inject({ method: 'POST', url: '/v1/providers/imap/poll', headers: bearer(api.keys.admin) });
  assert.equal(poll.statusCode, 200, poll.body);
  assert.equal(poll.json().error.code, 'IMAP_AUTH_FAILED');
  const status = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys.admin) });
  assert.deepEqual([status.json().last_error_code, status.json().failures], ['IMAP_AUTH_FAILED', 1]);
  assert.match(status.json().last_error, /refused the login of cobranza@sol\.example/);
  assert.ok(!status.body.includes('a-wrong-password'));
  assert.equal((await put({ settings: settings(), secrets: { password: 'la-clave-buena-7788' } })).statusCode, 200);
  const again = await api.app.inject({ method: 'POST', url: '/v1/providers/imap/poll', headers: bearer(api.keys.admin) });
  assert.deepEqual([again.json().polled, again.json().error], [true, undefined]);
  const fine = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys.admin) });
  assert.deepEqual([fine.json().last_error_code, fine.json().failures, fine.json().uid_validity], [null, 0, String(imap.uidValidity)]);
});

test('an OAuth2 mailbox needs a token or a refresh token with its endpoint and client; the status shows the login kind and how it is read', async () => {
  const oauth = { ...settings(), auth: 'oauth2' };
  const missing = await put({ settings: oauth, secrets: {} });
  assert.deepEqual([missing.statusCode, missing.json().error.field], [400, 'secrets.access_token']);
  const noEndpoint = await put({ settings: oauth, secrets: { refresh_token: '1//0g-refresh-0000' } });
  assert.deepEqual([noEndpoint.statusCode, noEndpoint.json().error.field], [400, 'settings.token_url']);
  const plainHttp = await put({ settings: { ...oauth, token_url: 'http://login.example.com/token', client_id: 'c' }, secrets: { refresh_token: '1//0g-refresh-0000' } });
  assert.deepEqual([plainHttp.statusCode, plainHttp.json().error.field], [400, 'settings.token_url']);
  const noPassword = await put({ settings: settings(), secrets: { access_token: 'ya29.token-only' } });
  assert.deepEqual([noPassword.statusCode, noPassword.json().error.field], [400, 'secrets.password']);
  const ok = await put({ settings: { ...oauth, token_url: 'https://oauth2.googleapis.com/token', client_id: 'cobro.apps.example' },
    secrets: { refresh_token: '1//0g-refresh-token-7788', client_secret: 'GOCSPX-secret-5566' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().hints, { refresh_token: '…7788', client_secret: '…5566' });
  assert.ok(!ok.body.includes('1//0g-refresh') && !ok.body.includes('GOCSPX'));
  const status = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys.admin) });
  // the poll of the password mailbox above left it in polling mode (this server has no IDLE)
  assert.deepEqual([status.json().auth, status.json().mode], ['oauth2', 'poll']);
  assert.equal((await put({ settings: settings(), secrets: { password: 'la-clave-buena-7788' } })).statusCode, 200);
  const back = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys.admin) });
  assert.equal(back.json().auth, 'password');
});

test('only admins see or poll the mailbox', async () => {
  for (const role of Object.keys(api.keys).filter((r) => r !== 'admin')) {
    const r = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys[role as keyof typeof api.keys]) });
    assert.equal(r.statusCode, 403, role);
  }
});
