// Rotating a webhook signing secret in Chromium (WH-5): an admin connects Stripe, adds a new signing secret under its
// credentials (both shown by their last characters only, the old one accepted until a time), then retires the old one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, type Served } from './support.ts';

let s: Served;
let page: Page;
before(async () => {
  s = await serve(5);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await s?.close(); });

const OLD = 'whsec_browserold0001';
const NEW = 'whsec_browsernew0002';

describe('webhook secret rotation in a browser', () => {
  it('adds a new signing secret while the old stays accepted, then retires the old one, never showing either', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
    await page.getByLabel('Provider', { exact: true }).selectOption('stripe');
    await page.getByLabel('secret_key', { exact: true }).fill('sk_test_browser4242');
    await page.getByLabel('webhook_secret', { exact: true }).fill(OLD);
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByText('The credentials of stripe are saved.').waitFor();
    const panel = page.getByRole('region', { name: 'Webhook signing secrets of stripe' });
    await panel.getByLabel('New signing secret').fill(NEW);
    await panel.getByLabel('Keep the old one accepted for (hours)').fill('24');
    await panel.getByRole('button', { name: 'Add the new secret' }).click();
    await panel.getByText('The new secret is in force; the old one is still accepted.').waitFor();
    const rows = panel.getByTestId('webhook-secrets').getByRole('row');
    await rows.filter({ hasText: 'Replaced' }).filter({ hasText: '…0001' }).filter({ hasText: 'accepted' }).waitFor();
    await rows.filter({ hasText: 'In force' }).filter({ hasText: '…0002' }).waitFor();
    assert.equal(await panel.getByLabel('New signing secret').inputValue(), '', 'the field is emptied');
    const html = await page.content();
    assert.ok(!html.includes(OLD) && !html.includes(NEW), 'no secret on the page');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-webhook-secrets.png'), fullPage: true });
    page.once('dialog', (d) => void d.accept());
    await rows.filter({ hasText: 'Replaced' }).getByRole('button', { name: 'Retire' }).click();
    await panel.getByText('The replaced secret is retired.').waitFor();
    await rows.filter({ hasText: 'Replaced' }).filter({ hasText: 'retired' }).waitFor();
    const listed = await s.api<{ secrets: { role: string; state: string }[] }>('/v1/providers/stripe/webhook-secrets');
    assert.deepEqual(listed.secrets.map((x) => [x.role, x.state]), [['current', 'active'], ['previous', 'retired']]);
  });
});
