// Settings and audit in Chromium: an admin adds a webhook endpoint (secret shown once), sets a channel credential (marked
// set, never echoed), tightens the contact policy (and chooses country readings) and finds that change in the audit search; a
// viewer reads settings only; the calendars page shows a region's own holidays.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, readUntil, serve, type Served } from './support.ts';

let s: Served;
let page: Page;
before(async () => {
  s = await serve(20);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await s?.close(); });

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const SIGNING_SECRET = 'browser-test-signing-secret-7391';

async function openSettings(p: Page, sub: string) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: sub }).click();
  await p.getByRole('heading', { name: `Settings · ${sub}`, level: 1 }).waitFor();
}

describe('settings and audit in a browser', () => {
  it('adds a webhook endpoint and shows its signing secret once', async () => {
    await openSettings(page, 'Webhooks');
    await page.getByLabel('URL', { exact: true }).fill('https://hooks.example.test/cobro');
    await page.getByLabel('invoice.paid').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('secret').textContent()) ?? '';
    assert.match(secret, /^whsec_[\w-]{16,}$/);
    await shot(page, 'settings-webhooks');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('table', { name: 'Webhook endpoints' }).getByText('https://hooks.example.test/cobro').waitFor();
    assert.equal(await page.getByTestId('secret').count(), 0);
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
    const listed = await s.api<{ data: { url: string; enabled: boolean; event_types: string[] }[] }>('/v1/webhook-endpoints');
    assert.deepEqual(listed.data.map((e) => [e.url, e.enabled, e.event_types]), [['https://hooks.example.test/cobro', true, ['invoice.paid']]]);
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
  });

  it('sets a channel credential and marks it set without echoing it', async () => {
    await openSettings(page, 'Channels and credentials');
    await page.getByLabel('Provider', { exact: true }).selectOption('webhook');
    await page.getByLabel('url', { exact: true }).fill('https://relay.example.test/send');
    await page.getByLabel('signing_secret', { exact: true }).fill(SIGNING_SECRET);
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByText('The credentials of webhook are saved.').waitFor();
    await page.getByTestId('secrets-webhook').getByText('set (…7391)').waitFor();
    assert.equal(await page.getByLabel('signing_secret', { exact: true }).inputValue(), '', 'the field is emptied');
    assert.ok(!(await page.content()).includes(SIGNING_SECRET), 'the secret is not on the page');
    await shot(page, 'settings-channels');
  });

  it('tightens the contact policy, and finds the change in the audit search', async () => {
    await openSettings(page, 'Contact policy');
    await page.getByLabel('Email per week').fill('2');
    // a country reading: the admin opens Mexican weekends and chooses Colombia's lenient weekly reading
    await page.getByLabel('Contact on weekends').check();
    await page.getByLabel('After the first contact').selectOption('lenient');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const policy = await s.api<{ policy: { caps: Record<string, { per_week: number }>; countries: { mx: { contact_on_weekends: boolean }; co: { weekly_reading: string } } } }>(
      '/v1/compliance/policy');
    assert.equal(policy.policy.caps.email?.per_week, 2);
    assert.deepEqual([policy.policy.countries.mx.contact_on_weekends, policy.policy.countries.co.weekly_reading], [true, 'lenient']);
    await shot(page, 'settings-compliance');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    await page.getByLabel('Action').fill('compliance.');
    await page.waitForURL(/action=compliance\./);
    const rows = page.getByRole('table', { name: 'Audit' }).locator('tbody tr');
    await rows.filter({ hasText: 'compliance.policy_updated' }).first().waitFor();
    // the unfiltered list held that row too, and the URL changes before the list is read again: wait for the filtered one
    const isFiltered = (a: string[]) => a.length > 0 && a.every((x) => x.startsWith('compliance.'));
    const actions = await readUntil(() => rows.locator('td:nth-child(4)').allTextContents(), isFiltered);
    assert.ok(isFiltered(actions), actions.join());
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.searchParams.has('action'));
    await page.getByLabel('Words').fill('hooks.example.test');
    await page.waitForURL((u) => u.searchParams.get('q') === 'hooks.example.test');
    await rows.filter({ hasText: 'webhook' }).first().waitFor();
    await shot(page, 'audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'audit.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    assert.match(csv, /hooks\.example\.test/);
    assert.ok(!csv.includes('compliance.policy_updated'), 'the export holds what the filters select');
  });

  it('gives a viewer the settings to read, with no change enabled', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    for (const sub of ['Organisation', 'Contact policy', 'Business calendars']) {
      await openSettings(viewer, sub);
      await viewer.getByText('You can see these settings; managers and admins change them.').waitFor();
      await viewer.locator('main form').first().waitFor();
      assert.equal(await viewer.locator('main form button:enabled, main form input:enabled, main form select:enabled').count(), 0, sub);
    }
    assert.equal(await viewer.getByLabel('Email per week').count(), 0, 'on the calendars page now');
    await openSettings(viewer, 'Contact policy');
    assert.equal(await viewer.getByLabel('Email per week').inputValue(), '2');
    assert.equal(await viewer.getByLabel('After the first contact').inputValue(), 'lenient', 'the country readings as saved, read only');
    await shot(viewer, 'settings-viewer');
    for (const sub of ['Channels and credentials', 'Webhooks']) {
      await openSettings(viewer, sub);
      await viewer.getByText('Only admins see and change this.').waitFor();
      // the forms a viewer sees there are the calls' settings and the limits on reply files (every role reads them), with nothing enabled
      const callForm = viewer.locator('main section[aria-labelledby="cs-title"] form');
      const fileForm = viewer.locator('main section[aria-labelledby="rf-title"] form');
      if (sub === 'Channels and credentials') { await callForm.waitFor(); await fileForm.waitFor(); }
      assert.equal(await viewer.locator('main form').count(), sub === 'Channels and credentials' ? 2 : 0, sub);
      assert.equal(await viewer.locator('main form button:enabled, main form input:enabled, main form select:enabled').count(), 0, sub);
    }
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await viewer.getByText('The audit log is open to managers and admins.').waitFor();
  });

  it('shows a region\'s own holidays beside the national ones', async () => {
    await openSettings(page, 'Business calendars');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Country').selectOption('BR');
    const table = page.getByRole('table', { name: 'Public holidays' });
    await table.getByText('Tiradentes').waitFor();
    assert.equal(await table.getByText('Revolução Constitucionalista').count(), 0, 'not a national day');
    await page.getByLabel('Region').selectOption('SP');
    await table.getByText('Revolução Constitucionalista').waitFor();
    assert.match(await table.getByRole('row').filter({ hasText: 'Revolução Constitucionalista' }).innerText(), /BR-SP only/);
    assert.equal(await table.getByRole('row').filter({ hasText: 'Tiradentes' }).getByText('only').count(), 0, 'national days unmarked');
    await page.getByLabel('Country').selectOption('MX');
    await table.getByText('Día de la Independencia').waitFor();
    assert.equal(await page.getByLabel('Region').count(), 0, 'Mexico: no region keeps days of its own');
  });
});
