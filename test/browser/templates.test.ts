// The org's own template texts in Chromium: a manager's text the lints refuse is not saved and the page names the field and
// rule; a good one is saved (version 1), listed, and removed back to the shipped text; a viewer reads the page only.
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

async function openTemplates(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Templates' }).click();
  await p.getByRole('heading', { name: 'Settings · Templates', level: 1 }).waitFor();
}
const listed = () => s.api<{ data: { template: string; channel: string; tone: string; version: number; body: string }[] }>('/v1/templates/custom');

describe('the org\'s own template texts in a browser', () => {
  it('refuses a text asking for card data, naming the field and rule; saves a good one, lists it and removes it', async () => {
    await openTemplates(page);
    await page.getByLabel('Template', { exact: true }).selectOption('due-today');
    await page.getByLabel('Channel', { exact: true }).selectOption('sms');
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: envíe el número de tarjeta y el CVV para pagar {{total_due}}.');
    await page.getByRole('button', { name: 'Save text' }).click();
    const refused = (await page.getByRole('alert').textContent()) ?? '';
    assert.match(refused, /Not saved \(body\)/);
    assert.match(refused, /PCI-1/);
    assert.deepEqual((await listed()).data, []);

    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: TEXTO PROPIO, hoy vence {{total_due}}.');
    await page.getByRole('button', { name: 'Save text' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved, version 1.' }).waitFor();
    const table = page.getByRole('table', { name: 'Your texts' });
    await table.getByRole('cell', { name: 'due-today' }).waitFor();
    assert.deepEqual((await listed()).data.map((r) => [r.template, r.channel, r.version]), [['due-today', 'sms', 1]]);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-templates.png'), fullPage: true });

    page.once('dialog', (d) => void d.accept());
    await table.getByRole('button', { name: 'Remove' }).click();
    await table.getByRole('cell', { name: 'due-today' }).waitFor({ state: 'detached' });
    assert.deepEqual((await listed()).data, []);
  });

  it('saves a text for any tone, listed with tone any', async () => {
    await openTemplates(page);
    await page.getByLabel('Template', { exact: true }).selectOption('due-today');
    await page.getByLabel('Channel', { exact: true }).selectOption('sms');
    await page.getByLabel('Tone', { exact: true }).selectOption({ label: 'any (every tone without its own text)' });
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: PARA TODO TONO, hoy vence {{total_due}}.');
    await page.getByRole('button', { name: 'Save text' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved, version 1.' }).waitFor();
    const table = page.getByRole('table', { name: 'Your texts' });
    await table.getByRole('cell', { name: 'any', exact: true }).waitFor();
    assert.deepEqual((await listed()).data.map((r) => [r.template, r.channel, r.tone, r.version]), [['due-today', 'sms', 'any', 1]]);
    page.once('dialog', (d) => void d.accept());
    await table.getByRole('button', { name: 'Remove' }).click();
    await table.getByRole('cell', { name: 'due-today' }).waitFor({ state: 'detached' });
  });

  it('saves a template of the org\'s own (org-...), which a strategy step may then choose', async () => {
    await openTemplates(page);
    await page.getByLabel('Or a template of your own (id org-...)').fill('org-gentle-nudge');
    await page.getByLabel('Channel', { exact: true }).selectOption('email');
    await page.getByLabel('Tone', { exact: true }).selectOption('firm');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page.getByLabel('Subject', { exact: true }).fill('A gentle nudge: {{total_due}}');
    await page.getByLabel('Text', { exact: true }).fill('OWN TEMPLATE: {{total_due}} is open.\n\n{{invoice_list}}');
    await page.getByRole('button', { name: 'Save text' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved, version 1.' }).waitFor();
    assert.deepEqual((await listed()).data.map((r) => [r.template, r.channel, r.tone]), [['org-gentle-nudge', 'email', 'firm']]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
    await page.locator('[data-strategy="smb-default"]').getByRole('link', { name: 'B2B / SMB: five steps' }).click();
    await page.getByTestId('timeline').locator('li[data-step="after-3"] button').first().click();
    const template = page.getByRole('form', { name: 'Step' }).getByLabel('Template');
    await template.locator('option[value="org-gentle-nudge"]').waitFor({ state: 'attached' });
  });

  it('shows a viewer the page without letting them save', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openTemplates(viewer);
    await viewer.getByText('You can see these settings').waitFor();
    assert.equal(await viewer.getByRole('button', { name: 'Save text' }).isDisabled(), true);
  });
});
