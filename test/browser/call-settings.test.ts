// Settings · Channels and credentials in Chromium: the settings of calls the debtor makes (GET/PUT /v1/calls/settings)
// show cobro's defaults, a change is kept after a reload and through the API, a value out of range is refused by the API
// and shown at its field, the form speaks Spanish, and a viewer reads the settings but cannot change them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, servedSignedIn } from './support.ts';

const served = servedSignedIn(3);

interface Settings { code_attempts: number; code_minutes: number; ring_seconds: number; speech_threshold: number; machine_detection: boolean }

async function openChannels(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
  await p.getByRole('heading', { name: 'Calls the debtor makes', level: 2 }).waitFor();
}

describe('the settings of calls the debtor makes in a browser', () => {
  it('shows the defaults, saves a change a reload keeps, and shows a refused value at its field', async () => {
    const { s, page } = served;
    await openChannels(page);
    const ring = page.getByLabel('Seconds the person\'s phone rings');
    const attempts = page.getByLabel('Wrong codes before the code is void');
    assert.equal(await ring.inputValue(), '20');
    assert.equal(await attempts.inputValue(), '3');
    assert.equal(await page.getByLabel('Minutes to type the code').inputValue(), '10');
    assert.equal(await page.locator('#cs-ring_seconds-hint').textContent(), 'From 5 to 120 (default 20).');
    assert.equal(await page.getByLabel('Seconds the person has to press 1').inputValue(), '6');
    assert.equal(await page.getByLabel('Speech confidence needed on a call').inputValue(), '0.5');
    const detection = page.getByLabel('Tell a person who did not press 1 from a voicemail (Twilio\'s answering machine detection)');
    assert.equal(await detection.isChecked(), false, 'off by default: Twilio bills it');
    await detection.check();
    await page.getByLabel('Speech confidence needed on a call').fill('0.65');
    await ring.fill('40');
    await attempts.fill('2');
    await page.getByRole('button', { name: 'Save call settings' }).click();
    await page.getByRole('region', { name: 'Calls the debtor makes' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await s.api<Settings>('/v1/calls/settings').then((v) => [v.code_attempts, v.code_minutes, v.ring_seconds, v.speech_threshold, v.machine_detection]),
      [2, 10, 40, 0.65, true]);
    await page.reload();
    await page.getByRole('heading', { name: 'Calls the debtor makes', level: 2 }).waitFor();
    assert.equal(await ring.inputValue(), '40');

    const minutes = page.getByLabel('Minutes to type the code');
    await minutes.fill('90');
    await page.getByRole('button', { name: 'Save call settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Minutes to type the code was not saved: code_minutes' }).waitFor();
    assert.equal(await minutes.getAttribute('aria-invalid'), 'true');
    assert.equal(await ring.getAttribute('aria-invalid'), null, 'only the refused field is marked');
    await page.getByRole('region', { name: 'Calls the debtor makes' }).screenshot({ path: join(ARTIFACTS, 'settings-calls.png') });
    assert.equal((await s.api<Settings>('/v1/calls/settings')).code_minutes, 10, 'nothing saved');
  });

  it('speaks Spanish when the user does', async () => {
    const { page } = served;
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await page.getByRole('heading', { name: 'Llamadas que hace el deudor', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Segundos que suena el teléfono de la persona').inputValue(), '40');
    await page.getByRole('button', { name: 'Guardar la configuración de llamadas' }).waitFor();
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  });

  it('lets a viewer read the settings but not change them', async () => {
    const { s } = served;
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openChannels(viewer);
    assert.equal(await viewer.getByLabel('Seconds the person\'s phone rings').inputValue(), '40');
    assert.equal(await viewer.getByLabel('Seconds the person\'s phone rings').isDisabled(), true);
    assert.equal(await viewer.getByRole('button', { name: 'Save call settings' }).isDisabled(), true);
    assert.equal(await viewer.getByLabel('Tell a person who did not press 1 from a voicemail (Twilio\'s answering machine detection)').isDisabled(), true);
    await viewer.context().close();
  });
});
