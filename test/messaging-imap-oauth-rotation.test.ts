// The IMAP mailbox's OAuth2 refresh token rotated by the token endpoint (as Microsoft's and Google's may do): the new
// refresh token is stored sealed in the org's vault where the first one was, the access token is kept per connection so
// a mailbox round does not refresh while it lasts, a person's change of the credentials drops it, and a refresh refused
// because another process rotated the token first is tried once more with the token that process stored. The loopback
// token endpoint refuses every refresh token but the last it gave.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { mailboxState, pollMailbox } from '../src/worker/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { getCredentials, replaceSecret, vaultKey } from '../src/vault/index.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';
import { tokenServer, type TokenServer } from './support/oauth-token-server.ts';
import { replyMail } from './support/mailbox-mail.ts';
import { connect } from './support/messaging.ts';
import { testDb } from './support/db.ts';

const USER = 'cobranza@luna.example';
const CLIENT = 'cobro-client.apps.example';
const SECRET = 'GOCSPX-client-secret';
const FIRST = '1//0g-first-refresh-token';
let db: Db;
let imap: ImapServer;
let tokens: TokenServer;
/** What the endpoint does before answering (a test arms it to act as another process). */
let meanwhile: ((form: Record<string, string>) => Promise<void>) | undefined;
let clock = new Date('2026-03-10T17:00:00Z');
const tick = (ms = 2 * 60_000) => (clock = new Date(clock.getTime() + ms));
const settings = { host: '127.0.0.1', port: 0, secure: false, user: USER, auth: 'oauth2', timeout_seconds: 5, client_id: CLIENT, token_url: '' };
const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
let mails = 0;
const aReply = () => imap.add(replyMail({ id: `<rot-${++mails}@mail.cliente.example>`, from: 'ana@cliente.example', inReplyTo: '<none@luna.example>', text: 'Pago mañana.', quoted: '' }));
const usedTokens = () => tokens.requests.map((r) => r['refresh_token']);
const stored = async (org: string) => {
  const r = await getCredentials(db, await vaultKey(db, undefined), org, 'imap');
  assert.ok(r.ok && r.value);
  return r.value.secrets;
};
const row = async (org: string) => (await db.query<{ sealed: string; hints: Record<string, string>; updated_at: string }>(
  `SELECT sealed, hints, updated_at::text FROM provider_credentials WHERE org_id = $1 AND provider = 'imap'`, [org]))[0]!;
const connectWith = async (org: string, refreshToken: string) => {
  tokens.refreshToken = refreshToken;
  await connect(db, org, 'imap', { ...settings, port: imap.port, token_url: tokens.url }, { refresh_token: refreshToken, client_secret: SECRET });
};

before(async () => {
  db = await testDb();
  imap = await imapServer({ user: USER, password: 'no-password-here', capabilities: ['AUTH=XOAUTH2'], tokens: [] });
  tokens = await tokenServer({ refreshToken: FIRST, clientId: CLIENT, clientSecret: SECRET, expiresIn: 3600, rotate: true,
    issued: (t) => { imap.tokens.add(t); }, before: async (form) => { await meanwhile?.(form); } });
});
after(async () => { await imap.close(); await tokens.close(); await db.close(); });

describe('a refresh token the endpoint rotates', () => {
  it('is stored sealed in the vault, and the access token is reused while it lasts, then refreshed with the stored token', async () => {
    const org = await anOrg('Rotación');
    await connectWith(org, FIRST);
    const before = await row(org);
    aReply();
    const first = await pollMailbox({ db }, org, tick(), { force: true });
    assert.deepEqual([first?.error, first?.read], [undefined, 1]);
    const second = tokens.refreshToken;
    assert.notEqual(second, FIRST);
    assert.deepEqual(await stored(org), { refresh_token: second, client_secret: SECRET }, 'the rotated token replaced the first, the secret kept');
    const after1 = await row(org);
    assert.ok(!after1.sealed.includes(second) && !after1.sealed.includes(SECRET), 'sealed, not in the clear');
    assert.equal(after1.hints['refresh_token'], `…${second.slice(-4)}`);
    assert.equal(after1.updated_at, before.updated_at, 'a rotation is not a person\'s change');
    // a round later: the token got a minute ago is used although the stored refresh token is another now
    aReply();
    assert.deepEqual([(await pollMailbox({ db }, org, tick(), { force: true }))?.error, tokens.requests.length], [undefined, 1]);
    // near its expiry (3600 s less a minute): refreshed with the stored (rotated) token, which rotates again
    assert.equal((await pollMailbox({ db }, org, tick(58 * 60_000), { force: true }))?.error, undefined);
    assert.deepEqual(usedTokens(), [FIRST, second]);
    assert.equal((await stored(org)).refresh_token, tokens.refreshToken);
    assert.equal((await mailboxState(db, org))?.last_error, null);
  });

  it('drops the cached access token when a person stores other credentials', async () => {
    const org = await anOrg('Cambio');
    await connectWith(org, '1//0g-before-the-change');
    tokens.requests.length = 0;
    assert.equal((await pollMailbox({ db }, org, tick(), { force: true }))?.error, undefined);
    await new Promise((r) => setTimeout(r, 5)); // a later updated_at than the first connect's
    await connectWith(org, '1//0g-after-the-change');
    assert.equal((await pollMailbox({ db }, org, tick(), { force: true }))?.error, undefined);
    assert.deepEqual(usedTokens(), ['1//0g-before-the-change', '1//0g-after-the-change'], 'the new credentials refreshed at once');
    assert.equal((await stored(org)).refresh_token, tokens.refreshToken);
  });

  it('tries once more with the stored token when another process rotated it first, and records a dead token once', async () => {
    const org = await anOrg('Carrera');
    await connectWith(org, '1//0g-read-by-both');
    tokens.requests.length = 0;
    // another process refreshes first: the endpoint rotates the token and that process stores the new one
    meanwhile = async (form) => {
      if (form['refresh_token'] !== '1//0g-read-by-both') return;
      meanwhile = undefined;
      tokens.refreshToken = '1//0g-rotated-by-the-other';
      const kept = await replaceSecret(db, await vaultKey(db, undefined), org, 'imap', 'refresh_token', '1//0g-read-by-both', '1//0g-rotated-by-the-other');
      assert.deepEqual(kept, { ok: true, value: 'stored' });
    };
    const polled = await pollMailbox({ db }, org, tick(), { force: true });
    assert.equal(polled?.error, undefined);
    assert.deepEqual(usedTokens(), ['1//0g-read-by-both', '1//0g-rotated-by-the-other']);
    assert.equal((await stored(org)).refresh_token, tokens.refreshToken, 'this process\'s rotation stored over the other\'s');
    // a token revoked for good: refused once, recorded, no loop
    const dead = await anOrg('Revocado');
    await connectWith(dead, '1//0g-revoked-for-good');
    tokens.refreshToken = '1//0g-something-else';
    tokens.requests.length = 0;
    const refused = await pollMailbox({ db }, dead, tick(), { force: true });
    assert.equal(refused?.error?.code, 'IMAP_OAUTH_FAILED');
    assert.deepEqual(usedTokens(), ['1//0g-revoked-for-good']);
    assert.ok(!JSON.stringify(refused).includes('1//0g-revoked-for-good'));
  });

  it('leaves a person\'s newer credentials alone when the stored token is no longer the one refreshed', async () => {
    const org = await anOrg('Persona');
    await connectWith(org, '1//0g-old-one');
    const kept = await replaceSecret(db, await vaultKey(db, undefined), org, 'imap', 'refresh_token', '1//0g-not-the-stored-one', '1//0g-rotated');
    assert.deepEqual(kept, { ok: true, value: 'changed' });
    assert.equal((await stored(org)).refresh_token, '1//0g-old-one');
  });
});
