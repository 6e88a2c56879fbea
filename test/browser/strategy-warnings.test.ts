// The strategy editor warns about steps that run together: a second step on a broken promise shows a warning naming both
// steps and the channel both send on (in English, Spanish and Portuguese), the draft still saves (the API's warnings say
// the same), and the warning goes when the step is switched to another event.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

let s: Served;
let page: Page;

before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

describe('warnings on steps that run together, in a browser', () => {
  it('warns about two steps on a broken promise, in three languages, saves anyway, and clears when one moves', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.goto(`${s.url}/strategies/smb-default`);
    const events = page.getByTestId('timeline-events');
    await events.locator('li[data-step="promise-broken"]').waitFor();
    assert.equal(await page.getByTestId('step-warnings').count(), 0, 'one step per event: no warning');

    const adder = page.getByTestId('add-step');
    await adder.getByLabel('When it runs').selectOption({ label: 'A promise is broken' });
    await adder.getByLabel('What it does').selectOption({ label: 'Send a message' });
    await adder.getByRole('button', { name: 'Add step' }).click();
    await events.locator('li[data-step="promise-broken-2"] button[aria-pressed="true"]').waitFor();
    const warnings = page.getByTestId('step-warnings');
    const item = warnings.locator('li[data-warning="same_event"][data-steps="promise-broken promise-broken-2"]');
    await item.waitFor();
    assert.equal(squash(await item.textContent()),
      'A promise is broken: the steps "Promise broken", "A promise is broken" all run at the same time, on each occurrence, unless their conditions keep them apart.'
      + ' The debtor gets a message from each of them on Email at once (the contact caps may hold one back).');
    await page.screenshot({ path: join(ARTIFACTS, 'strategy-warnings.png'), fullPage: true });

    const language = page.locator('label.language select');
    await language.selectOption('es');
    await item.filter({ hasText: 'Se incumple una promesa: los pasos "Promise broken", "A promise is broken" se ejecutan todos a la vez' }).waitFor();
    assert.match(squash(await item.textContent()), /un mensaje de cada uno por Correo electrónico|un mensaje de cada uno por [^ ]+/);
    await language.selectOption('pt');
    await item.filter({ hasText: 'Uma promessa é quebrada: as etapas' }).waitFor();
    await language.selectOption('en');
    await warnings.getByRole('heading', { name: 'Steps that run together' }).waitFor();

    // a warning, not a refusal: the draft saves, and the API's answer carries the same warning
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2 (not active).' }).waitFor();
    await item.waitFor();

    // the new step moved to a missed instalment: the warning goes
    const form = page.getByRole('form', { name: 'Step' });
    await form.getByTestId('step-trigger').getByLabel('When it runs').selectOption({ label: 'An instalment is missed' });
    await events.locator('li[data-step="promise-broken-2"]').filter({ hasText: 'An instalment is missed' }).waitFor();
    await page.getByTestId('timeline-events').locator('li[data-step="promise-broken-2"]').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-warnings"] li[data-warning="same_event"][data-steps="promise-broken promise-broken-2"]'));
    // ...but now two steps are on a missed instalment
    await warnings.locator('li[data-warning="same_event"][data-steps="instalment-missed promise-broken-2"]').waitFor();
    await form.getByRole('button', { name: 'Remove step' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-warnings"]'));
  });
});
