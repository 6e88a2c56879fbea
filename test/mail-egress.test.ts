// The mail servers an org names by host (the SMTP relay, the IMAP mailbox) cannot reach private networks (SSRF), as for
// the HTTP ones: a host that is, or resolves to, a private, loopback or link-local address is refused when saved (the
// API here; the CLI in test/egress-cli.test.ts), naming settings.host; when connecting, the host is resolved, every
// address checked, and the socket connects to a checked address (nothing sent otherwise), TLS still verified against the
// host's name; COBRO_EGRESS_ALLOW lets chosen ones through. Names resolve through a resolver the test injects (the policy's `resolve`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { parseEgressAllow, smtpAdapter, STRICT_EGRESS, type EgressPolicy } from '../src/channels/index.ts';
import { openMailbox, type ImapConfig } from '../src/channels/imap.ts';
import { renderMessage, sampleContext } from '../src/messaging/index.ts';
import { mailboxState, pollMailbox, sandboxAdapters, vaultAdapters } from '../src/worker/index.ts';
import { putCredentials, vaultKey } from '../src/vault/index.ts';
import { smtpSink, type SmtpSink } from './support/providers/smtp.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { CERT, KEY, MAIL_NAME, tlsFront, type TlsFront } from './support/mail-tls.ts';

const now = () => new Date('2026-03-15T12:00:00Z');
const DNS: Record<string, string[]> = {
  'metadata.evil.example': ['169.254.169.254'], 'intranet.evil.example': ['10.1.2.3'],
  // a name with a public and a private address: refused for the private one
  'mixed.evil.example': ['93.184.216.34', '10.9.9.9'],
  'smtp.example.com': ['93.184.216.34'], 'imap.example.com': ['93.184.216.34'],
  [MAIL_NAME]: ['127.0.0.1'], 'relay.corp.example': ['127.0.0.1'],
};
const resolve = async (host: string): Promise<LookupAddress[]> => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const strict: EgressPolicy = { ...STRICT_EGRESS, resolve };
const allowing = (list: string): EgressPolicy => ({ ...parseEgressAllow(list), resolve });

const SMTP = (host: string) => ({ settings: { host, port: 587, from: 'Cobranza <cobranza@sol.example>', user: 'cobranza' }, secrets: { password: 'clave-smtp-1234' } });
const IMAP = (host: string) => ({ settings: { host, user: 'cobranza@sol.example' }, secrets: { password: 'clave-imap-1234' } });
const email = (() => {
  const r = renderMessage({ templateId: 'due-today', channel: 'email', tone: 'friendly', context: sampleContext('es') });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

describe('SMTP and IMAP hosts, when saved', () => {
  let strictApi: TestApi;
  let allowingApi: TestApi;
  before(async () => { strictApi = await testApi(now, { egress: strict }); allowingApi = await testApi(now, { egress: allowing('127.0.0.1/32,relay.corp.example') }); });
  after(async () => { await strictApi.close(); await allowingApi.close(); });
  const put = (api: TestApi, provider: string, payload: Record<string, unknown>) =>
    api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });

  it('refuses a host that is, or resolves to, a loopback, private, link-local or mapped address, naming settings.host', async () => {
    const hosts = ['127.0.0.1', '169.254.169.254', '10.0.0.5', '::1', '[::ffff:192.168.0.1]', '0x7f.1', '2130706433',
      'metadata.evil.example', 'intranet.evil.example', 'mixed.evil.example'];
    for (const [provider, payload] of [['smtp', SMTP], ['imap', IMAP]] as const) {
      for (const host of hosts) {
        const res = await put(strictApi, provider, payload(host));
        assert.equal(res.statusCode, 400, `${provider} ${host}: ${res.body}`);
        const e = res.json<{ error: { field: string; message: string } }>().error;
        assert.equal(e.field, 'settings.host');
        assert.match(e.message, /^settings\.host: .* address .*COBRO_EGRESS_ALLOW/);
        if (/evil/.test(host)) assert.match(e.message, new RegExp(`^settings\\.host: ${host.replace(/\./g, '\\.')} resolves to `));
      }
      const public_ = await put(strictApi, provider, payload(`${provider}.example.com`));
      assert.equal(public_.statusCode, 200, `${provider}: a public host is kept (${public_.body})`);
    }
  });

  it('keeps what the operator allows (COBRO_EGRESS_ALLOW), and nothing more', async () => {
    for (const [provider, payload] of [['smtp', SMTP], ['imap', IMAP]] as const) {
      assert.equal((await put(allowingApi, provider, payload('127.0.0.1'))).statusCode, 200);
      assert.equal((await put(allowingApi, provider, payload('relay.corp.example'))).statusCode, 200);
      assert.equal((await put(allowingApi, provider, payload('10.0.0.5'))).statusCode, 400);
      assert.equal((await put(allowingApi, provider, payload('intranet.evil.example'))).statusCode, 400);
    }
  });
});

describe('SMTP hosts, when connecting', () => {
  let sink: SmtpSink;
  let front: TlsFront;
  before(async () => { sink = await smtpSink(); front = await tlsFront(sink.port); });
  after(async () => { await front.close(); await sink.close(); });

  const send = async (host: string, egress: EgressPolicy, over: Partial<Parameters<typeof smtpAdapter>[0]> = {}) => {
    const a = smtpAdapter({ host, port: sink.port, from: 'Cobranza <cobranza@sol.example>', egress, connectTimeoutMs: 5_000, ...over });
    try { return await a.send({ to: 'ana@cliente.example', rendered: email }, { idempotencyKey: `k-${host}-${Math.random()}` }); } finally { a.close(); }
  };

  it('refuses, for good and sending nothing, a host that resolves to a link-local or private address (any of its addresses), or is one', async () => {
    for (const host of ['metadata.evil.example', 'intranet.evil.example', 'mixed.evil.example', '127.0.0.1']) {
      const r = await send(host, strict);
      assert.ok(!r.ok && r.error.kind === 'permanent' && r.error.code === 'EGRESS_REFUSED', `${host}: ${JSON.stringify(r)}`);
      assert.match(r.error.message, /^egress refused: .*(link-local|private|loopback) address/);
    }
    assert.equal(sink.messages.length, 0, 'nothing reached the relay');
  });

  it('reaches a host the operator allows, by address or by name', async () => {
    const before = sink.messages.length;
    assert.ok((await send('127.0.0.1', allowing('127.0.0.1/32'))).ok);
    assert.ok((await send('relay.corp.example', allowing('relay.corp.example'))).ok);
    assert.equal(sink.messages.length, before + 2);
  });

  it('connects TLS to the checked address but verifies the certificate against the host\'s name (sent as SNI)', async () => {
    const before = sink.messages.length;
    const r = await send(MAIL_NAME, allowing('127.0.0.1/32'), { port: front.port, secure: true, ca: CERT });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(sink.messages.length, before + 1);
    assert.deepEqual(front.servernames.slice(-1), [MAIL_NAME]);
    // the check is on: the same certificate verified against the address fails
    const byAddress = await send('127.0.0.1', allowing('127.0.0.1/32'), { port: front.port, secure: true, ca: CERT });
    assert.ok(!byAddress.ok && /IP: 127\.0\.0\.1 is not in the cert's list/.test(byAddress.error.message), JSON.stringify(byAddress));
    assert.equal(sink.messages.length, before + 1);
  });

  it('upgrades by STARTTLS on the checked address, verifying the certificate against the host\'s name', async () => {
    const names: unknown[] = [];
    let got = 0;
    const relay = new SMTPServer({ key: KEY, cert: CERT, authOptional: true, logger: false, closeTimeout: 500,
      onSecure(_socket, session, cb) { names.push(session.servername); cb(); },
      onData(stream, _session, cb) { stream.resume(); stream.on('end', () => { got++; cb(); }); } });
    relay.on('error', () => undefined);
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    try {
      const port = (relay.server.address() as AddressInfo).port;
      const r = await send(MAIL_NAME, allowing('127.0.0.1/32'), { port, ca: CERT });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual([got, names], [1, [MAIL_NAME]]);
      const byAddress = await send('127.0.0.1', allowing('127.0.0.1/32'), { port, ca: CERT });
      assert.ok(!byAddress.ok && /IP: 127\.0\.0\.1 is not in the cert's list/.test(byAddress.error.message), JSON.stringify(byAddress));
      assert.equal(got, 1);
    } finally { await new Promise<void>((r) => relay.close(() => r())); }
  });

  it('an org\'s relay from the vault goes through the worker\'s policy', async () => {
    const api = await testApi(now);
    try {
      // saved without a policy (as a fixture does), then sent under the operator's
      const key = await vaultKey(api.db, undefined);
      const saved = await putCredentials(api.db, key, api.org, 'test', 'smtp', { settings: { host: 'intranet.evil.example', port: sink.port, from: 'Cobranza <c@sol.example>' }, secrets: {} }, now());
      assert.ok(saved.ok);
      const adapters = vaultAdapters({ db: api.db, publicUrl: 'https://cobro.example.com', fallback: sandboxAdapters(), egress: strict });
      try {
        const r = await (await adapters.forOrg(api.org)).email.send({ to: 'ana@cliente.example', rendered: email }, { idempotencyKey: 'k-vault' });
        assert.ok(!r.ok && r.error.code === 'EGRESS_REFUSED', JSON.stringify(r));
        assert.match(r.error.message, /intranet\.evil\.example resolves to 10\.1\.2\.3 is a private address/);
      } finally { adapters.close(); }
    } finally { await api.close(); }
  });
});

describe('IMAP hosts, when connecting', () => {
  let imap: ImapServer;
  let front: TlsFront;
  const PASSWORD = 'clave-imap-1234';
  before(async () => { imap = await imapServer({ user: 'cobranza@sol.example', password: PASSWORD }); front = await tlsFront(imap.port); });
  after(async () => { await front.close(); await imap.close(); });
  const cfg = (host: string, egress: EgressPolicy, over: Partial<ImapConfig> = {}): ImapConfig => ({ host, port: imap.port, secure: false, user: 'cobranza@sol.example',
    password: PASSWORD, mailbox: 'INBOX', timeoutMs: 5_000, maxMessageBytes: 100_000, afterRead: 'seen', egress, ...over });

  it('refuses a host that resolves to a link-local or private address, or is one, before anything is sent', async () => {
    for (const host of ['metadata.evil.example', 'intranet.evil.example', 'mixed.evil.example', '127.0.0.1', '::ffff:127.0.0.1']) {
      const r = await openMailbox(cfg(host, strict));
      assert.ok(!r.ok && r.error.code === 'EGRESS_REFUSED', `${host}: ${JSON.stringify(r)}`);
      assert.match(r.error.message, /egress refused: .*(link-local|private|loopback) address/);
    }
    assert.equal(imap.commands.length, 0, 'the server got no command');
  });

  it('opens a mailbox the operator allows, by address or by name; over TLS the certificate is verified against the name', async () => {
    for (const [host, egress, over] of [['127.0.0.1', allowing('127.0.0.1/32'), {}], ['relay.corp.example', allowing('relay.corp.example'), {}],
      [MAIL_NAME, allowing('127.0.0.1/32'), { port: front.port, secure: true, ca: CERT }]] as const) {
      const r = await openMailbox(cfg(host, egress, over));
      assert.ok(r.ok, `${host}: ${JSON.stringify(!r.ok && r.error)}`);
      await r.session.close();
    }
    assert.deepEqual(front.servernames, [MAIL_NAME]);
    // the check is on: the same certificate verified against the address fails
    const byAddress = await openMailbox(cfg('127.0.0.1', allowing('127.0.0.1/32'), { port: front.port, secure: true, ca: CERT }));
    assert.ok(!byAddress.ok && /IP: 127\.0\.0\.1 is not in the cert's list/.test(byAddress.error.message), JSON.stringify(byAddress));
  });

  it('the worker\'s poll of an org\'s mailbox, and the API\'s, record the refusal', async () => {
    const api = await testApi(now, { egress: strict });
    try {
      // saved without a policy (as a fixture does), then polled under the operator's
      const key = await vaultKey(api.db, undefined);
      assert.ok((await putCredentials(api.db, key, api.org, 'test', 'imap', { settings: { host: 'metadata.evil.example', port: imap.port, secure: false, user: 'cobranza@sol.example' }, secrets: { password: PASSWORD } }, now())).ok);
      const before = imap.commands.length;
      const polled = await pollMailbox({ db: api.db, egress: strict }, api.org, now(), { force: true });
      assert.equal(polled?.error?.code, 'EGRESS_REFUSED', JSON.stringify(polled));
      assert.equal((await mailboxState(api.db, api.org))?.last_error_code, 'EGRESS_REFUSED');
      const viaApi = await api.app.inject({ method: 'POST', url: '/v1/providers/imap/poll', headers: bearer(api.keys.admin) });
      assert.equal(viaApi.json<{ error?: { code: string } }>().error?.code, 'EGRESS_REFUSED', viaApi.body);
      assert.equal(imap.commands.length, before);
    } finally { await api.close(); }
  });
});
