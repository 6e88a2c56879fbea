// Settings · Channels and credentials in Chromium: the limits on files debtors send with replies (GET/PUT
// /v1/replies/file-settings) show cobro's defaults, a change is kept after a reload and through the API, a value out of
// range is refused by the API and shown at its field, the form speaks Spanish, and a viewer reads the limits but cannot change them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { servedSignedIn } from './support.ts';

const served = servedSignedIn(3);

interface Limits { max_file_mb: number; fetch_timeout_seconds: number }

async function openChannels(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
  await p.getByRole('heading', { name: 'Files sent with replies', level: 2 }).waitFor();
}

describe('the limits on files sent with replies in a browser', () => {
  it('shows the defaults, saves a change a reload keeps, and shows a refused value at its field', async () => {
    const { s, page } = served;
    await openChannels(page);
    const cap = page.getByLabel('Largest file kept (MB)');
    const timeout = page.getByLabel('Seconds one download may take');
    assert.deepEqual([await cap.inputValue(), await timeout.inputValue()], ['10', '15']);
    assert.equal(await page.locator('#rf-max_file_mb-hint').textContent(), 'From 1 to 25 (default 10).');
    await cap.fill('5');
    await page.getByRole('button', { name: 'Save file limits' }).click();
    await page.getByRole('region', { name: 'Files sent with replies' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await s.api<Limits>('/v1/replies/file-settings').then((v) => [v.max_file_mb, v.fetch_timeout_seconds]), [5, 15]);
    await page.reload();
    await page.getByRole('heading', { name: 'Files sent with replies', level: 2 }).waitFor();
    assert.equal(await cap.inputValue(), '5');
    await timeout.fill('90');
    await page.getByRole('button', { name: 'Save file limits' }).click();
    await page.getByRole('alert').filter({ hasText: 'Seconds one download may take was not saved: fetch_timeout_seconds' }).waitFor();
    assert.equal(await timeout.getAttribute('aria-invalid'), 'true');
    assert.equal(await cap.getAttribute('aria-invalid'), null, 'only the refused field is marked');
    assert.equal((await s.api<Limits>('/v1/replies/file-settings')).fetch_timeout_seconds, 15, 'nothing saved');
  });

  it('speaks Spanish when the user does', async () => {
    const { page } = served;
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await page.getByRole('heading', { name: 'Archivos enviados con las respuestas', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Archivo más grande que se guarda (MB)').inputValue(), '5');
    await page.getByRole('button', { name: 'Guardar los límites de archivos' }).waitFor();
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  });

  it('lets a viewer read the limits but not change them', async () => {
    const { s } = served;
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openChannels(viewer);
    assert.equal(await viewer.getByLabel('Largest file kept (MB)').inputValue(), '5');
    assert.equal(await viewer.getByLabel('Largest file kept (MB)').isDisabled(), true);
    assert.equal(await viewer.getByRole('button', { name: 'Save file limits' }).isDisabled(), true);
  });
});
