// Settings · Templates in Chromium: the SMS setting sms_fold (GET/PUT /v1/sms/settings) shows its default (accents left
// out when that saves segments), a change to "always keep accents" is kept after a reload and through the API, the form
// speaks Spanish, and a viewer reads it but cannot change it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, servedSignedIn } from './support.ts';

const served = servedSignedIn(3);

async function openTemplates(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Templates' }).click();
  await p.getByRole('heading', { name: 'Accents in SMS', level: 2 }).waitFor();
}

describe('the SMS accents setting in a browser', () => {
  it('shows the default, and saves "always keep accents", kept after a reload and through the API', async () => {
    const { s, page } = served;
    await openTemplates(page);
    const auto = page.getByLabel('Leave accents out when that takes fewer segments (default)');
    const never = page.getByLabel('Always keep accents');
    assert.equal(await auto.isChecked(), true);
    await never.check();
    await page.getByRole('button', { name: 'Save SMS setting' }).click();
    await page.getByRole('region', { name: 'Accents in SMS' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal((await s.api<{ sms_fold: string }>('/v1/sms/settings')).sms_fold, 'never');
    await page.reload();
    await page.getByRole('heading', { name: 'Accents in SMS', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Always keep accents').isChecked(), true);
    await page.getByRole('region', { name: 'Accents in SMS' }).screenshot({ path: join(ARTIFACTS, 'settings-sms-fold.png') });
  });

  it('speaks Spanish when the user does', async () => {
    const { page } = served;
    // the app's switch, in the header (the templates form has a Language of its own)
    await page.locator('header label.language select').selectOption('es');
    await page.getByRole('heading', { name: 'Acentos en los SMS', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Conservar siempre los acentos').isChecked(), true);
    await page.getByRole('button', { name: 'Guardar opción de SMS' }).waitFor();
    await page.locator('header label.language select').selectOption('en');
  });

  it('lets a viewer read the setting but not change it', async () => {
    const { s } = served;
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openTemplates(viewer);
    assert.equal(await viewer.getByLabel('Always keep accents').isChecked(), true);
    assert.equal(await viewer.getByLabel('Always keep accents').isDisabled(), true);
    assert.equal(await viewer.getByRole('button', { name: 'Save SMS setting' }).isDisabled(), true);
    await viewer.context().close();
  });
});
