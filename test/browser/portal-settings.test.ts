// Settings · Debtor portal in Chromium: an admin sees cobro's defaults, changes the second factor, the link lifetime and
// the confirmations, finds them kept after a reload (and through the API); the idle window's hint names the longest
// session in force; a session too short is refused by the API, shown at its field and named; the confirmation of what
// staff record is turned off on its own; the page speaks Spanish; a viewer reads the settings but cannot change them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, servedSignedIn, squash } from './support.ts';

const served = servedSignedIn(5);

interface Settings { second_factor: string; link_days: number; session_minutes: number; session_max_hours: number; confirmations: boolean; debtor_cancels_plan: boolean; updated_by: string | null }

async function openPortalSettings(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Debtor portal' }).click();
  await p.getByRole('heading', { name: 'Settings · Debtor portal', level: 1 }).waitFor();
}

describe('the debtor portal settings in a browser', () => {
  it('shows the defaults, saves a change that a reload keeps, and shows a refused value at its field', async () => {
    const { s, page } = served;
    await openPortalSettings(page);
    await page.getByText('cobro\'s defaults: nobody has changed them yet.').waitFor();
    assert.equal(await page.getByLabel('Second factor').inputValue(), 'none');
    assert.equal(await page.getByLabel('Link lifetime (days)').inputValue(), '30');
    assert.equal(await page.getByLabel('Idle time before the session ends (minutes)').inputValue(), '60');
    assert.equal(await page.getByLabel('Longest session, however active (hours)').inputValue(), '12');
    assert.equal(await page.getByText('From 1 to 168').count(), 1, 'the cap\'s range beside it');
    const idleHint = page.locator('#ps-session_minutes-hint');
    assert.match(squash(await idleHint.textContent()), /^From 5 to 1,440Each time the debtor opens a page or acts in the portal after the second factor, .* up to the longest session, however active \(now 12 h\)\.$/);
    assert.equal(await page.getByLabel('Idle time before the session ends (minutes)').getAttribute('aria-describedby'), 'ps-session_minutes-hint', 'the hint read with the field');
    assert.equal(await page.getByLabel('Confirm to the debtor by email or SMS what they arrange in the portal').isChecked(), true);
    assert.equal(await page.getByLabel('The debtor may cancel their instalment plan').isChecked(), true);

    await page.getByLabel('Second factor').selectOption('postcode');
    await page.getByLabel('Link lifetime (days)').fill('14');
    await page.getByLabel('Longest session, however active (hours)').fill('8');
    await page.getByLabel('Confirm to the debtor by email or SMS what they arrange in the portal').uncheck();
    await page.getByRole('button', { name: 'Save portal settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Settings · Debtor portal', level: 1 }).waitFor();
    await page.getByTestId('portal-settings-updated').filter({ hasText: 'Last changed' }).waitFor();
    assert.equal(await page.getByLabel('Second factor').inputValue(), 'postcode');
    assert.equal(await page.getByLabel('Link lifetime (days)').inputValue(), '14');
    assert.equal(await page.getByLabel('Longest session, however active (hours)').inputValue(), '8');
    await idleHint.filter({ hasText: '(now 8 h)' }).waitFor(); // the cap in force, as saved
    assert.equal(await page.getByLabel('Confirm to the debtor by email or SMS what they arrange in the portal').isChecked(), false);
    const kept = await s.api<Settings>('/v1/portal/settings');
    assert.deepEqual([kept.second_factor, kept.link_days, kept.session_max_hours, kept.confirmations, kept.debtor_cancels_plan], ['postcode', 14, 8, false, true]);

    const cap = page.getByLabel('Longest session, however active (hours)');
    await cap.fill('169');
    await page.getByRole('button', { name: 'Save portal settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Longest session, however active (hours) was not saved: session_max_hours:' }).waitFor();
    assert.equal(await cap.getAttribute('aria-invalid'), 'true');
    await cap.fill('8');
    assert.match(kept.updated_by ?? '', /^user:/);

    const session = page.getByLabel('Idle time before the session ends (minutes)');
    await session.fill('2');
    await page.getByRole('button', { name: 'Save portal settings' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Idle time before the session ends (minutes) was not saved: session_minutes:' }).waitFor();
    assert.equal(await session.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Link lifetime (days)').getAttribute('aria-invalid'), null, 'only the refused field is marked');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-portal.png'), fullPage: true });
    assert.equal((await s.api<Settings>('/v1/portal/settings')).session_minutes, 60, 'nothing saved');
    await session.fill('45');
    await page.getByRole('button', { name: 'Save portal settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await alert.count(), 0);
    assert.equal((await s.api<Settings>('/v1/portal/settings')).session_minutes, 45);
  });

  it('turns off the written confirmation of what staff record, kept after a reload and through the API', async () => {
    const { s, page } = served;
    const staff = page.getByLabel('Confirm to the debtor in writing the promises, more time and plans your team records for them');
    assert.equal(await staff.isChecked(), true, 'on by default');
    await staff.uncheck();
    await page.getByRole('button', { name: 'Save confirmations setting' }).click();
    await page.getByRole('region', { name: 'Confirmations of what staff record' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal((await s.api<{ staff_arrangements: boolean }>('/v1/confirmations/settings')).staff_arrangements, false);
    await page.reload();
    await page.getByRole('heading', { name: 'Confirmations of what staff record', level: 2 }).waitFor();
    assert.equal(await staff.isChecked(), false);
    assert.equal((await s.api<{ confirmations: boolean }>('/v1/portal/settings')).confirmations, false, 'the portal\'s own switch is apart');
  });

  it('speaks Spanish when the user does', async () => {
    const { page } = served;
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await page.getByRole('heading', { name: 'Portal del deudor', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Vigencia del enlace (días)').inputValue(), '14');
    assert.equal(await page.getByLabel('Sesión más larga, aunque haya actividad (horas)').inputValue(), '8');
    assert.equal(await page.getByLabel('Inactividad antes de que termine la sesión (minutos)').inputValue(), '45');
    await page.locator('#ps-session_minutes-hint').filter({ hasText: 'hasta la sesión más larga, aunque haya actividad (ahora 8 h).' }).waitFor();
    await page.getByRole('button', { name: 'Guardar ajustes del portal' }).waitFor();
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  });

  it('lets a viewer read the settings but not change them', async () => {
    const { s } = served;
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openPortalSettings(viewer);
    await viewer.getByText('You can see these settings; only admins change them.').waitFor();
    assert.equal(await viewer.getByLabel('Link lifetime (days)').inputValue(), '14');
    assert.equal(await viewer.getByLabel('Link lifetime (days)').isDisabled(), true);
    assert.equal(await viewer.getByRole('button', { name: 'Save portal settings' }).isDisabled(), true);
    assert.equal(await viewer.getByLabel('Confirm to the debtor in writing the promises, more time and plans your team records for them').isDisabled(), true);
    await viewer.context().close();
  });
});
