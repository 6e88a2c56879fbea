// Single sign-on in Chromium: an admin sees the provider in Settings; the org's link shows "Sign in with Acme", the click goes through the fake provider and
// lands on the dashboard; an email domain the org does not allow comes back to the sign-in page with the reason.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, serve, TEST_PASSWORD_COST, type Served } from './support.ts';
import { fakeIdp, type FakeIdp } from '../support/fake-idp.ts';
import { createUser } from '../../src/orgs/index.ts';

let s: Served;
let idp: FakeIdp;
let org = '';
before(async () => {
  s = await serve(5);
  idp = await fakeIdp(() => new Date());
  org = (await s.api<{ org: { id: string } }>('/v1/me')).org.id;
  const r = await fetch(`${s.url}/v1/sso/settings`, { method: 'PUT', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Acme', issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret, allowed_domains: ['acme.test'] }) });
  assert.equal(r.status, 200, await r.text());
  const u = await createUser(s.db, org, { email: 'ana@acme.test', role: 'collector', password: 'browser test password', mustChangePassword: false, passwordCost: TEST_PASSWORD_COST });
  assert.ok(u.ok);
});
after(async () => { await idp?.close(); await s?.close(); });

describe('single sign-on in a browser', () => {
  it('shows admins the provider in Settings, with the redirect URI to register and the secret kept out', async () => {
    const page = await s.newPage();
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Single sign-on (OpenID Connect)' });
    await section.getByText(`${s.url}/v1/sso/callback`).waitFor();
    assert.equal(await section.getByLabel('Issuer URL').inputValue(), idp.issuer);
    assert.ok(!(await page.content()).includes(idp.clientSecret), 'the client secret is not in the page');
    await page.screenshot({ path: join(ARTIFACTS, 'sso-settings.png'), fullPage: true });
    await page.close();
  });

  it('signs in through the provider from the org\'s link', async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/?org=${org}`);
    await page.getByRole('link', { name: 'Sign in with Acme' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sso-button.png') });
    await page.getByRole('link', { name: 'Sign in with Acme' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sso-signed-in.png') });
    await page.close();
  });

  it('finds the button by the email\'s domain and explains a refused domain', async () => {
    idp.user = { email: 'ana@elsewhere.test', email_verified: true };
    const page = await s.newPage();
    await page.goto(s.url);
    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByRole('link', { name: 'Sign in with Acme' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /domain is not allowed/);
    await page.screenshot({ path: join(ARTIFACTS, 'sso-refused.png') });
    await page.close();
  });
});
