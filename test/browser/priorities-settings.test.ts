// Settings · Priorities in Chromium: the worklist's lifts, minutes and minute costs (GET/PUT /v1/worklist/settings), a
// change kept after a reload and through the API, a refused value shown at the field the API names, the learned lift beside
// each action's (GET .../learned) and "Apply learned lifts" (POST .../learned/apply) reloading the form, the page in
// Portuguese, and a viewer who reads it all with nothing to change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, servedSignedIn } from './support.ts';

const served = servedSignedIn(3);

interface Priorities { lift: Record<string, number>; minutes: Record<string, number>; minute_cost: Record<string, number> }
interface Learned { lifts: { action: string; status: string; matched: number }[] }

async function openPriorities(p: Page) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Priorities' }).click();
  await p.getByRole('heading', { name: 'What orders the worklist', level: 2 }).waitFor();
}

/** What the learned column should say for an action, from the API's own answer. */
function learnedText(l: Learned['lifts'][number]): string {
  return l.status === 'no_baseline' ? 'no comparable days without action' : `not enough data (${l.matched} actions)`;
}

describe('the worklist priorities in a browser', () => {
  it('shows the lifts with the learned ones, saves a change a reload keeps, and shows a refused value at its field', async () => {
    const { s, page } = served;
    await openPriorities(page);
    const callLift = page.getByLabel('Lift: Call', { exact: true });
    const negotiateLift = page.getByLabel('Lift: Negotiation', { exact: true });
    const mxn = page.getByLabel('Cost of a minute in MXN', { exact: true });
    assert.deepEqual([await callLift.inputValue(), await page.getByLabel('Minutes: Negotiation').inputValue(), await mxn.inputValue()], ['0.1', '15', '5.00']);
    // the learned column, as the API reads the org's history (three customers: too few actions to learn from)
    await page.getByRole('columnheader', { name: 'Learned from your history' }).waitFor();
    const learned = await s.api<Learned>('/v1/worklist/settings/learned');
    assert.equal(learned.lifts.filter((l) => l.status === 'estimated').length, 0, 'the seed is too small to estimate');
    for (const l of learned.lifts.slice(0, 3)) {
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: { call: 'Call', callback: 'Callback', promise_follow_up: 'Promise follow-up' }[l.action]!, exact: true }) });
      assert.equal(await row.locator('.learned').textContent(), learnedText(l), l.action);
    }

    await callLift.fill('0.12');
    await mxn.fill('4.50');
    await page.getByRole('button', { name: 'Save priorities' }).click();
    await page.getByRole('region', { name: 'What orders the worklist' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const after = await s.api<Priorities>('/v1/worklist/settings');
    assert.deepEqual([after.lift.call, after.minute_cost.MXN, after.lift.negotiate], [0.12, 450, 0.25]);
    await page.reload();
    await page.getByRole('heading', { name: 'What orders the worklist', level: 2 }).waitFor();
    assert.deepEqual([await callLift.inputValue(), await mxn.inputValue()], ['0.12', '4.50']);

    await negotiateLift.fill('2');
    await page.getByRole('button', { name: 'Save priorities' }).click();
    await page.getByRole('alert').filter({ hasText: 'Lift: Negotiation was not saved: lift.negotiate' }).waitFor();
    assert.equal(await negotiateLift.getAttribute('aria-invalid'), 'true');
    assert.equal(await callLift.getAttribute('aria-invalid'), null, 'only the refused field is marked');
    assert.equal((await s.api<Priorities>('/v1/worklist/settings')).lift.negotiate, 0.25, 'nothing saved');

    // nothing has enough data here: the answer says so and the form is read again (the refused 2 goes)
    await page.getByRole('button', { name: 'Apply learned lifts' }).click();
    await page.getByRole('status').filter({ hasText: 'No action had enough data; nothing changed.' }).waitFor();
    await page.waitForFunction(() => (document.getElementById('pri-lift-negotiate') as HTMLInputElement | null)?.value === '0.25');
    assert.equal(await callLift.inputValue(), '0.12', 'the lifts set stay');
    assert.equal(await page.getByRole('alert').count(), 0, 'the refusal goes with the value');
    assert.equal(await negotiateLift.getAttribute('aria-invalid'), null);
    await page.screenshot({ path: join(ARTIFACTS, 'priorities-settings.png'), fullPage: true });
  });

  it('speaks Portuguese when the user does', async () => {
    const { page } = served;
    const language = page.locator('label.language select');
    await language.selectOption('pt');
    await page.getByRole('heading', { name: 'O que ordena a lista de trabalho', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Efeito: Ligação', { exact: true }).inputValue(), '0.12');
    await page.getByRole('columnheader', { name: 'Aprendido com a sua história' }).waitFor();
    await page.getByRole('button', { name: 'Aplicar os efeitos aprendidos' }).waitFor();
    await language.selectOption('en');
    await page.getByRole('button', { name: 'Save priorities' }).waitFor();
  });

  it('shows an estimated lift with its interval and sample size', async () => {
    const { s } = served;
    const page = await s.newPage();
    await s.signIn(page, 'admin@test.cobro');
    // the seed is too small to estimate, so the API's answer is read and one action made estimated on its way to the page
    await page.route('**/v1/worklist/settings/learned', async (route) => {
      const real = await route.fetch();
      const body = await real.json() as Learned & { lifts: Record<string, unknown>[] };
      body.lifts = body.lifts.map((l) => (l.action === 'negotiate' ? { ...l, status: 'estimated', matched: 412, lift: 0.18, low: 0.09, high: 0.27 } : l));
      await route.fulfill({ response: real, json: body });
    });
    await openPriorities(page);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Negotiation', exact: true }) });
    await row.locator('.learned').filter({ hasText: '0.18 (95%: 0.09 to 0.27), 412 actions' }).waitFor();
    await page.close();
  });

  it('lets a viewer read the priorities and the learned lifts but not change them', async () => {
    const { s } = served;
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openPriorities(viewer);
    await viewer.getByText('You can see these settings; managers and admins change them.').waitFor();
    assert.equal(await viewer.getByLabel('Lift: Call', { exact: true }).inputValue(), '0.12');
    await viewer.locator('.learned').first().waitFor();
    assert.equal(await viewer.locator('main form button:enabled, main form input:enabled').count(), 0);
    assert.equal(await viewer.getByRole('button', { name: 'Apply learned lifts' }).isDisabled(), true);
  });
});
