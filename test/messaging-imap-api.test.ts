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
  assert.deepEqual([off.json().connected, off.json().last_polled_at], [false, null]);
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

test('only admins see or poll the mailbox', async () => {
  for (const role of Object.keys(api.keys).filter((r) => r !== 'admin')) {
    const r = await api.app.inject({ method: 'GET', url: '/v1/providers/imap/status', headers: bearer(api.keys[role as keyof typeof api.keys]) });
    assert.equal(r.statusCode, 403, role);
  }
});
