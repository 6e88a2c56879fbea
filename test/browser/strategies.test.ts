// The strategy editor in Chromium: an admin opens a strategy, adds a step on the timeline, previews its message in Spanish
// and English, simulates 30 days and sees the new step's messages counted against the active version, activates the draft;
// a viewer reads the same strategy with nothing to change.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

interface Stored { id: string; version: number; active: boolean; definition: { steps: { id: string; trigger: { on: string; days?: number } }[] } }

let s: Served;
let page: Page;

before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the strategy editor in a browser', () => {
  it('editing a strategy with preview and simulation', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Strategies' }).click();
    await page.getByRole('heading', { name: 'Strategies', level: 1 }).waitFor();
    await page.locator('[data-strategy="smb-default"]').getByRole('link', { name: 'B2B / SMB: five steps' }).click();
    await page.getByRole('heading', { name: /B2B \/ SMB: five steps · Version 1/, level: 1 }).waitFor();
    const timeline = page.getByTestId('timeline');
    assert.deepEqual(await timeline.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-step'))),
      ['before-3', 'due-day', 'after-3', 'after-7', 'after-15']);

    // a step already on day 7 is refused; day 10 is added between after-7 and after-15
    await page.getByLabel('Day of the new step').fill('7');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('alert').filter({ hasText: 'Another step is already on day 7.' }).waitFor();
    await page.getByLabel('Day of the new step').fill('10');
    await page.getByRole('button', { name: 'Add step' }).click();
    await timeline.locator('li[data-step="day-10"] button[aria-pressed="true"]').waitFor();
    assert.deepEqual(await timeline.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-step'))),
      ['before-3', 'due-day', 'after-3', 'after-7', 'day-10', 'after-15']);
    const form = page.getByRole('form', { name: 'Step' });
    await form.getByLabel('Tone').selectOption('firm');
    await form.getByRole('group', { name: 'Fallback when a channel cannot reach the debtor' }).getByLabel('Voice call').check();

    // live preview of the new step for the first customer, in Spanish then English, on email
    const preview = page.getByTestId('step-preview');
    await preview.getByLabel('Language').selectOption('es');
    const message = preview.getByTestId('preview-message');
    await preview.locator('[data-testid="preview-message"][data-language="es"][data-channel="email"]').waitFor();
    const spanish = squash(await message.textContent());
    await shot(page, 'strategy-editor');
    await preview.getByLabel('Language').selectOption('en');
    await preview.locator('[data-testid="preview-message"][data-language="en"]').waitFor();
    const english = squash(await message.textContent());
    assert.ok(spanish.length > 20 && english.length > 20, `${spanish} / ${english}`);
    assert.notEqual(spanish, english);
    assert.match(english, /\bInvoice\b/);
    assert.match(spanish, /\bFactura\b/);
    await preview.getByLabel('Channel').selectOption('voice');
    await preview.locator('[data-testid="preview-message"][data-channel="voice"]').waitFor();

    // the simulation saves the draft as version 2 (inactive) and counts what it would send next to version 1
    await page.getByRole('button', { name: 'Simulate 30 days' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2 (not active).' }).waitFor();
    const row = page.getByTestId('sim-by-step').locator('tr[data-step="day-10"]');
    await row.waitFor();
    const draftCount = Number(await row.locator('td[data-version="draft"]').textContent());
    assert.equal(await row.locator('td[data-version="active"]').textContent(), '0');
    assert.ok(draftCount > 0, 'the new step sends something in the next 30 days');
    assert.ok(await page.getByTestId('sim-sample').locator('li[data-step="day-10"]').count() > 0);
    assert.ok(await page.getByTestId('sim-by-day').locator('tbody tr').count() > 0);
    // only the customers the segments put on smb-default, counted by segment (the same for both versions)
    const taken = squash(await page.getByTestId('sim-customers').textContent());
    const m = /^Customers: (\d+) \(active version: (\d+)\) · by segment: (.+)$/.exec(taken);
    assert.ok(m?.[3] && Number(m[1]) > 0 && m[1] === m[2], taken);
    assert.equal(m[3].split(', ').reduce((n, x) => n + Number(x.split(': ')[1]), 0), Number(m[1]), taken);
    assert.equal((await s.api<Stored>('/v1/strategies/smb-default')).version, 1, 'still version 1 until activated');
    await shot(page, 'strategy-simulation');

    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 is active' }).waitFor();
    const active = await s.api<Stored>('/v1/strategies/smb-default');
    assert.deepEqual([active.version, active.active], [2, true]);
    assert.ok(active.definition.steps.some((x) => x.id === 'day-10' && x.trigger.days === 10));
  });

  it('gives a viewer the strategy to read, with nothing to change', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/strategies/smb-default`);
    await viewer.getByRole('heading', { name: /Version 2/, level: 1 }).waitFor();
    await viewer.getByText('You can read this strategy; managers and admins change it.').waitFor();
    for (const name of ['Activate', 'Simulate 30 days', 'Add step', 'Save draft']) assert.equal(await viewer.getByRole('button', { name }).count(), 0, name);
    await viewer.getByTestId('timeline').locator('li[data-step="day-10"] button').click();
    const form = viewer.getByRole('form', { name: 'Step' });
    assert.ok(await form.getByLabel('Tone').isDisabled());
    assert.equal(await form.getByRole('button', { name: 'Remove step' }).count(), 0);
    assert.equal(await form.getByLabel('Template').inputValue(), 'overdue-formal');
    assert.equal(await viewer.getByTestId('step-preview').count(), 0, 'the preview API is not open to viewers');
    await shot(viewer, 'strategy-viewer');
  });
});
