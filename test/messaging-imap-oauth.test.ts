// The IMAP mailbox logging in with OAuth2 (SASL XOAUTH2, as Gmail and Microsoft 365 take it) against the loopback IMAP
// server, which checks the payload byte for byte: a stored access token (with and without SASL-IR), a refused one (the
// error continuation answered with an empty line, a recorded IMAP_AUTH_FAILED that shows no token), and one got from a
// refresh token at a loopback token endpoint: the grant as posted, the token cached until shortly before it expires, a
// token the server refuses forgotten and got again, and an endpoint's refusal recorded without the refresh token or secret.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { mailboxState, pollMailbox } from '../src/worker/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';
import { tokenServer, type TokenServer } from './support/oauth-token-server.ts';
import { replyMail } from './support/mailbox-mail.ts';
import { connect, inboxOf } from './support/messaging.ts';
import { testDb } from './support/db.ts';

const USER = 'cobranza@sol.example';
const STORED = 'ya29.a0AfB_stored-token-0001';
let db: Db;
let plain: ImapServer;
let withIr: ImapServer;
let tokens: TokenServer;
let clock = new Date('2026-03-10T17:00:00Z');
const tick = (ms = 2 * 60_000) => (clock = new Date(clock.getTime() + ms));
const settings = (imap: ImapServer, over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: imap.port, secure: false, user: USER,
  auth: 'oauth2', timeout_seconds: 5, ...over });
const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
let mails = 0;
const aReply = (imap: ImapServer) => imap.add(replyMail({ id: `<oauth-${++mails}@mail.cliente.example>`, from: 'ana@cliente.example', inReplyTo: '<none@sol.example>',
  text: 'Les pago el viernes.', quoted: '' }));
const logins = (imap: ImapServer) => imap.commands.filter((c) => / (AUTHENTICATE|LOGIN) /i.test(c)).map((c) => c.replace(/^\S+ /, ''));

before(async () => {
  db = await testDb();
  plain = await imapServer({ user: USER, password: 'no-password-here', capabilities: ['AUTH=XOAUTH2'], tokens: [STORED] });
  withIr = await imapServer({ user: USER, password: 'no-password-here', capabilities: ['AUTH=XOAUTH2', 'SASL-IR'], tokens: [STORED] });
  tokens = await tokenServer({ refreshToken: '1//0g-refresh-token-secret', clientId: 'cobro-client.apps.example', clientSecret: 'GOCSPX-client-secret',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access', expiresIn: 3600, issued: (t) => { plain.tokens.add(t); } });
});
after(async () => { await plain.close(); await withIr.close(); await tokens.close(); await db.close(); });

describe('XOAUTH2 login to the mailbox', () => {
  it('logs in with a stored access token, with the payload sent after the continuation or on the command line (SASL-IR)', async () => {
    for (const imap of [plain, withIr]) {
      const org = await anOrg(`Token ${imap.port}`);
      await connect(db, org, 'imap', settings(imap), { access_token: STORED });
      aReply(imap);
      const polled = await pollMailbox({ db }, org, tick(), { force: true });
      assert.deepEqual([polled?.error, polled?.read, polled?.stored], [undefined, 1, 1]);
      assert.deepEqual(logins(imap), ['AUTHENTICATE XOAUTH2' + (imap === withIr ? ' [sasl]' : '')], 'XOAUTH2, never LOGIN');
      assert.equal((await inboxOf(db, org)).length, 1);
      imap.commands.length = 0;
    }
  });

  it('records a refused token as IMAP_AUTH_FAILED, having answered the error continuation with an empty line, and shows no token', async () => {
    const org = await anOrg('Revocado');
    const revoked = 'ya29.a0AfB_revoked-token-9999';
    await connect(db, org, 'imap', settings(plain), { access_token: revoked });
    const saslBefore = plain.saslAnswers.length;
    const polled = await pollMailbox({ db }, org, tick(), { force: true });
    assert.equal(polled?.error?.code, 'IMAP_AUTH_FAILED');
    assert.match(polled?.error?.message ?? '', /refused the XOAUTH2 login of cobranza@sol\.example: Invalid credentials \(Failure\) \(the access token is expired, revoked, or lacks the mailbox scope\)/);
    assert.deepEqual(plain.saslAnswers.slice(saslBefore), [''], 'the empty line the error continuation asks for');
    const state = await mailboxState(db, org);
    assert.deepEqual([state?.last_error_code, state?.failures, state?.mode], ['IMAP_AUTH_FAILED', 1, 'poll']);
    assert.ok(!JSON.stringify(state).includes(revoked) && !JSON.stringify(polled).includes(revoked));
  });

  it('gets an access token from the refresh token, keeps it until shortly before it expires, and gets another when the server refuses it', async () => {
    const org = await anOrg('Refresco');
    await connect(db, org, 'imap', settings(plain, { token_url: tokens.url, client_id: 'cobro-client.apps.example',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' }), { refresh_token: '1//0g-refresh-token-secret', client_secret: 'GOCSPX-client-secret' });
    aReply(plain);
    const first = await pollMailbox({ db }, org, tick(), { force: true });
    assert.deepEqual([first?.error, first?.read], [undefined, 1]);
    assert.deepEqual(tokens.requests, [{ grant_type: 'refresh_token', refresh_token: '1//0g-refresh-token-secret', client_id: 'cobro-client.apps.example',
      client_secret: 'GOCSPX-client-secret', scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' }]);
    assert.deepEqual(tokens.contentTypes, ['application/x-www-form-urlencoded']);
    // cached: 58 more minutes on the clock is still before expiry less its margin
    assert.equal((await pollMailbox({ db }, org, tick(58 * 60_000), { force: true }))?.error, undefined);
    assert.equal(tokens.requests.length, 1, 'the cached token is used');
    // past expires_in less the margin (3600 s - 60 s): a new one
    assert.equal((await pollMailbox({ db }, org, tick(90_000), { force: true }))?.error, undefined);
    assert.equal(tokens.requests.length, 2, 'refreshed before it expires');
    // the server revokes every token it gave: the cached one is refused, forgotten, and the next poll gets another
    for (const t of [...plain.tokens]) if (t !== STORED) plain.tokens.delete(t);
    const refused = await pollMailbox({ db }, org, tick(), { force: true });
    assert.equal(refused?.error?.code, 'IMAP_AUTH_FAILED');
    assert.equal(tokens.requests.length, 2);
    aReply(plain);
    const again = await pollMailbox({ db }, org, tick(), { force: true });
    assert.deepEqual([again?.error, again?.read, tokens.requests.length], [undefined, 1, 3]);
    assert.equal((await mailboxState(db, org))?.last_error, null);
  });

  it('records a refresh the endpoint refuses as IMAP_OAUTH_FAILED, with its error words and neither the refresh token nor the secret', async () => {
    const org = await anOrg('Concedido no');
    await connect(db, org, 'imap', settings(plain, { token_url: tokens.url, client_id: 'cobro-client.apps.example',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' }), { refresh_token: '1//0g-revoked-refresh', client_secret: 'GOCSPX-client-secret' });
    const polled = await pollMailbox({ db }, org, tick(), { force: true });
    assert.equal(polled?.error?.code, 'IMAP_OAUTH_FAILED');
    assert.match(polled?.error?.message ?? '', /127\.0\.0\.1:\d+ refused the refresh token of client cobro-client\.apps\.example \(HTTP 400, invalid_grant: Token has been expired or revoked\.\)/);
    const state = JSON.stringify(await mailboxState(db, org));
    assert.match(state, /IMAP_OAUTH_FAILED/);
    for (const s of ['1//0g-revoked-refresh', 'GOCSPX-client-secret']) assert.ok(!state.includes(s) && !JSON.stringify(polled).includes(s), s);
  });
});
