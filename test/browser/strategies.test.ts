// The strategy editor in Chromium: an admin opens a strategy, adds a step on the timeline, previews its message in Spanish
// and English, simulates 30 days and sees the new step's messages counted against the active version, activates the draft;
// a viewer reads the same strategy (and previews its messages) with nothing to change; the admin edits the org's segments
// (errors shown by field) and a step's condition and actions of every kind; then adds a step on an event, switches steps
// between a day and an event, sees a refused trigger at its field, saves and simulates, then simulates unsaved segment edits.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

interface Stored { id: string; version: number; active: boolean; definition: { steps: { id: string; name?: string; trigger: { on: string; days?: number; hours?: number } }[] } }

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

    // the simulation runs the draft unsaved and counts what it would send next to version 1; no version is stored
    await page.getByRole('button', { name: 'Simulate 30 days' }).click();
    const row = page.getByTestId('sim-by-step').locator('tr[data-step="day-10"]');
    await row.waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: 'Saved as version' }).count(), 0);
    assert.deepEqual((await s.api<{ data: Stored[] }>('/v1/strategies')).data.filter((x) => x.id === 'smb-default').map((x) => x.version), [1],
      'simulating stores no version');
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
    // the demo org has no risk scores: the panel says a risk band condition holds for no one in the run
    assert.equal(squash(await page.getByTestId('sim-bands').textContent()), 'No risk scores yet: a risk band condition holds for no one.');
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
    assert.ok(await form.getByTestId('step-trigger').getByLabel('When it runs').isDisabled(), 'no switching the trigger');
    assert.equal(await viewer.getByTestId('add-step').count(), 0, 'no adding a step on a day or an event');
    assert.equal(await form.getByRole('button', { name: 'Remove step' }).count(), 0);
    assert.equal(await form.getByLabel('Template').inputValue(), 'overdue-formal');
    // the preview writes nothing, so a viewer has it too: the step's message in Spanish, then in Portuguese by SMS
    const preview = viewer.getByTestId('step-preview');
    await preview.locator('[data-testid="preview-message"][data-channel="email"]').waitFor();
    await preview.getByLabel('Language').selectOption('pt-BR');
    await preview.locator('[data-testid="preview-message"][data-language="pt-BR"]').waitFor();
    assert.match(squash(await preview.getByTestId('preview-message').textContent()), /\bFatura\b/);
    // the segments are there to read, with nothing to change
    const segments = viewer.getByTestId('segments');
    await segments.locator('li[data-segment="everyone-else"]').waitFor();
    for (const name of ['Save segments', 'Add segment', 'Move up', 'Remove segment', 'Add a condition']) assert.equal(await viewer.getByRole('button', { name }).count(), 0, name);
    assert.ok(await segments.locator('li[data-segment="always-pays"]').getByLabel('Name').isDisabled());
    assert.equal(await segments.getByLabel('Add a rule').count(), 0);
    await shot(viewer, 'strategy-viewer');
    await viewer.close();
  });

  it('edits the org\'s segments: a bad rule is refused beside its field, then saved in its place', async () => {
    await page.goto(`${s.url}/strategies/smb-default`);
    const segments = page.getByTestId('segments');
    await segments.locator('li[data-segment="everyone-else"]').waitFor();
    const order = () => segments.locator('li.segment').evaluateAll((li) => li.map((x) => x.getAttribute('data-segment')));
    assert.deepEqual(await order(), ['always-pays', 'consumers', 'everyone-else']);
    await segments.getByRole('button', { name: 'Add segment' }).click();
    assert.deepEqual(await order(), ['always-pays', 'consumers', 'segment-4', 'everyone-else'], 'added before the catch-all');
    const added = segments.locator('li.segment').nth(2);
    await added.getByLabel('Name').fill('Large and late');
    await added.getByLabel('Id').fill('large-late');
    await added.getByLabel('Strategy').selectOption({ label: 'Consumer: early collections' });
    await added.getByLabel('Add a rule').selectOption({ label: 'Days past due' });
    await added.getByLabel('Days past due: at least').fill('30');
    await added.getByLabel('Days past due: at most').fill('10');
    await added.getByLabel('Add a rule').selectOption({ label: 'Balance above' });
    await added.getByLabel('Balance above: amount').fill('5000');
    await segments.getByRole('button', { name: 'Save segments' }).click();
    await added.locator('li[data-criterion="daysPastDue"]').getByRole('alert').filter({ hasText: 'min must not exceed max' }).waitFor();
    await shot(page, 'strategy-segments-error');
    await added.getByLabel('Days past due: at most').fill('90');
    // an id another segment has is refused at the id (the store's check, after the schema's)
    await added.getByLabel('Id').fill('consumers');
    await segments.getByRole('button', { name: 'Save segments' }).click();
    await added.getByRole('alert').filter({ hasText: 'segment id "consumers" repeats' }).waitFor();
    await added.getByLabel('Id').fill('large-late');
    await added.getByRole('button', { name: 'Move up' }).click();
    await segments.getByRole('button', { name: 'Save segments' }).click();
    await segments.getByRole('status').filter({ hasText: 'Segments saved (4).' }).waitFor();
    assert.deepEqual(await order(), ['always-pays', 'large-late', 'consumers', 'everyone-else']);
    const stored = await s.api<{ data: { id: string; name: string; strategyId: string; when: unknown }[] }>('/v1/segments');
    assert.deepEqual(stored.data.map((x) => x.id), ['always-pays', 'large-late', 'consumers', 'everyone-else']);
    assert.deepEqual(stored.data[1], { id: 'large-late', name: 'Large and late', strategyId: 'consumer-early',
      when: { daysPastDue: { min: 30, max: 90 }, balanceAbove: { amount: 500_000, currency: 'MXN' } } });
    await shot(page, 'strategy-segments');
  });

  it('edits a step\'s condition and its task, adds a charge to it, and adds a step of each other kind', async () => {
    await page.goto(`${s.url}/strategies/smb-default`);
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li[data-step="after-15"] button').click();
    const form = page.getByRole('form', { name: 'Step' });
    const task = form.getByRole('group', { name: 'Action 1: Task for a person' });
    await task.getByLabel('Task', { exact: true }).selectOption('review');
    await task.getByLabel('Priority').selectOption('urgent');
    await task.getByLabel('Note for the person').fill('Check the account before calling.');
    const condition = form.getByTestId('step-condition');
    await condition.getByRole('button', { name: 'Add a condition' }).click();
    await condition.getByLabel('Add a rule').selectOption({ label: 'Risk band' });
    await condition.getByRole('group', { name: 'Risk band' }).getByLabel('Medium').check();
    await form.getByLabel('New action').selectOption({ label: 'Charge' });
    await form.getByRole('button', { name: 'Add action' }).click();
    const charge = form.getByRole('group', { name: 'Action 2: Charge' });
    await charge.getByLabel('Computed as').selectOption('percentage');
    await charge.getByLabel('Basis points (1% = 100)').fill('200');

    // one new step of each kind besides a message (the first test added one that sends)
    const add = async (day: number, kind: string) => {
      await page.getByLabel('Day of the new step').fill(String(day));
      await page.getByLabel('What it does').selectOption({ label: kind });
      await page.getByRole('button', { name: 'Add step' }).click();
      await timeline.locator(`li[data-step="day-${day}"] button[aria-pressed="true"]`).waitFor();
    };
    await add(12, 'Charge');
    await form.getByLabel('Amount', { exact: true }).fill('250');
    await form.getByLabel('Currency').fill('ZZZ');
    await add(18, 'Task for a person');
    await form.getByLabel('Task', { exact: true }).selectOption('negotiate');
    await add(20, 'Pause');
    await form.getByLabel('Pause for days').fill('10');
    await add(25, 'Escalate');
    await form.getByLabel('Escalate to').selectOption('legal');
    // a currency cobro does not know is refused, and the step that has it is opened
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'an ISO 4217 currency cobro knows' }).waitFor();
    await timeline.locator('li[data-step="day-12"] button[aria-pressed="true"]').waitFor();
    await form.getByLabel('Currency').fill('MXN');
    await shot(page, 'strategy-step-kinds');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 3 (not active).' }).waitFor();

    const v3 = await s.api<{ definition: { steps: { id: string; condition?: unknown; actions: unknown[] }[] } }>('/v1/strategies/smb-default?version=3');
    const byId = new Map(v3.definition.steps.map((x) => [x.id, x]));
    assert.deepEqual(byId.get('after-15')?.condition, { riskBand: ['medium', 'high'] });
    assert.deepEqual(byId.get('after-15')?.actions, [
      { type: 'task', task: 'review', priority: 'urgent', note: 'Check the account before calling.' },
      { type: 'charge', charge: 'late_fee', rule: { kind: 'percentage', basisPoints: 200 } },
    ]);
    assert.deepEqual(byId.get('day-12')?.actions, [{ type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: { amount: 25_000, currency: 'MXN' } } }]);
    assert.deepEqual(byId.get('day-18')?.actions, [{ type: 'task', task: 'negotiate', priority: 'normal' }]);
    assert.deepEqual(byId.get('day-20')?.actions, [{ type: 'pause', days: 10 }]);
    assert.deepEqual(byId.get('day-25')?.actions, [{ type: 'escalate', to: 'legal' }]);
    assert.equal((await s.api<{ version: number }>('/v1/strategies/smb-default')).version, 2, 'saved, not activated');
  });

  it('adds a step on an event, switches steps between a day and an event, and shows a refused trigger at its field', async () => {
    await page.goto(`${s.url}/strategies/smb-default`);
    const timeline = page.getByTestId('timeline');
    const events = page.getByTestId('timeline-events');
    const days = () => timeline.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-step')));
    const onEvents = () => events.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-step')));
    await timeline.locator('li[data-step="day-10"]').waitFor();
    assert.deepEqual(await onEvents(), ['promise-broken', 'instalment-missed']);

    // a message when there is no reply for 72 hours (the default)
    const adder = page.getByTestId('add-step');
    await adder.getByLabel('When it runs').selectOption({ label: 'No reply' });
    assert.equal(await adder.getByLabel('Day of the new step').count(), 0, 'an event step has no day');
    assert.equal(await adder.getByLabel('Hours after the last message without a reply').inputValue(), '72');
    await adder.getByLabel('What it does').selectOption({ label: 'Send a message' });
    await adder.getByTestId('new-step-help').filter({ hasText: '72 hours after the last message sent, when the debtor has not replied since.' }).waitFor();
    await adder.getByRole('button', { name: 'Add step' }).click();
    await events.locator('li[data-step="no-reply"] button[aria-pressed="true"]').filter({ hasText: 'No reply in 72 hours' }).waitFor();
    const form = page.getByRole('form', { name: 'Step' });
    const trigger = form.getByTestId('step-trigger');
    assert.equal(await trigger.getByLabel('When it runs').inputValue(), 'no_reply');
    assert.equal(await form.getByLabel('Template').inputValue(), 'overdue-formal', 'a template that goes by email, as the new message does');
    // the event step's message previews like any other
    await page.getByTestId('step-preview').locator('[data-testid="preview-message"][data-channel="email"]').waitFor();
    // an hour count the API refuses (the step's name, the editor's own, follows it)
    await trigger.getByLabel('Hours after the last message without a reply').fill('0');
    assert.equal(await form.getByLabel('Name').inputValue(), 'No reply in 0 hours');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Step "No reply in 0 hours" was not accepted: see the field marked.' }).waitFor();
    const hoursError = squash(await trigger.getByRole('alert').textContent());
    assert.match(hoursError, />=\s*1|greater than or equal to 1|too small/i, hoursError);
    await shot(page, 'strategy-event-error');
    await trigger.getByLabel('Hours after the last message without a reply').fill('48');
    assert.equal(await trigger.getByRole('alert').count(), 0, 'the message goes once the step is changed');

    // a day step becomes a step on a broken promise: it leaves the timeline for the events, with its name
    await timeline.locator('li[data-step="after-7"] button').click();
    await trigger.getByLabel('When it runs').selectOption({ label: 'A promise is broken' });
    await events.locator('li[data-step="after-7"] button[aria-pressed="true"]').filter({ hasText: 'A promise is broken' }).waitFor();
    assert.deepEqual(await days(), ['before-3', 'due-day', 'after-3', 'day-10', 'after-15']);
    assert.equal(await form.getByLabel('Name').inputValue(), '7 days late, late fee warning');
    await trigger.getByText('The day after a promised date passes without the promise kept.').waitFor();

    // an event step becomes a day step on the first free day after the due date, then moves; a taken day is refused at the field
    await events.locator('li[data-step="instalment-missed"] button').click();
    await trigger.getByLabel('When it runs').selectOption({ label: 'Days from the due date' });
    await timeline.locator('li[data-step="instalment-missed"] button[aria-pressed="true"]').filter({ hasText: 'Day 1' }).waitFor();
    assert.deepEqual(await days(), ['before-3', 'due-day', 'instalment-missed', 'after-3', 'day-10', 'after-15']);
    await trigger.getByLabel('Days from the due date (negative is before)').fill('3');
    await trigger.getByRole('alert').filter({ hasText: 'Another step is already on day 3.' }).waitFor();
    await trigger.getByLabel('Days from the due date (negative is before)').fill('5');
    assert.deepEqual(await days(), ['before-3', 'due-day', 'after-3', 'instalment-missed', 'day-10', 'after-15']);
    assert.deepEqual(await onEvents(), ['after-7', 'promise-broken', 'no-reply'], 'event steps keep the order of the draft');
    await shot(page, 'strategy-event-steps');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 4 (not active).' }).waitFor();
    const v4 = await s.api<Stored>('/v1/strategies/smb-default?version=4');
    const byId = new Map(v4.definition.steps.map((x) => [x.id, x]));
    assert.deepEqual(byId.get('no-reply')?.trigger, { on: 'no_reply', hours: 48 });
    assert.deepEqual(byId.get('after-7')?.trigger, { on: 'promise_broken' });
    assert.deepEqual(byId.get('instalment-missed')?.trigger, { on: 'days', days: 5 });
    assert.equal(byId.get('instalment-missed')?.name, 'Instalment missed');

    // the simulation runs the saved draft: the step now on day 5 counted against the active version, where it waits for an event
    await page.getByRole('button', { name: 'Simulate 30 days' }).click();
    const row = page.getByTestId('sim-by-step').locator('tr[data-step="instalment-missed"]');
    await row.waitFor();
    assert.equal(await row.locator('td[data-version="active"]').textContent(), '0');
    assert.ok(Number(await row.locator('td[data-version="draft"]').textContent()) > 0, 'a day step on day 5 sends in the next 30 days');
    assert.equal((await s.api<Stored>('/v1/strategies/smb-default')).version, 2, 'saved and simulated, not activated');
    assert.equal(await page.getByTestId('sim-unsaved-segments').count(), 0, 'the saved segments: no word of unsaved ones');
    assert.match(await page.getByTestId('sim-customers').getAttribute('title') ?? '', /the org's segments put on smb-default/);

    // with the segments changed and not saved (everyone else now on gentle), the simulation runs with the edited list and says so
    const segments = page.getByTestId('segments');
    await segments.locator('li[data-segment="everyone-else"]').getByLabel('Strategy').selectOption('gentle');
    await segments.getByTestId('segments-unsaved').waitFor();
    assert.equal(await page.getByTestId('simulation').count(), 0, 'a segment edit clears the simulation it made stale');
    await page.getByRole('button', { name: 'Simulate 30 days' }).click();
    await page.getByTestId('sim-unsaved-segments').filter({ hasText: 'Simulated with your unsaved segments' }).waitFor();
    assert.match(await page.getByTestId('sim-customers').getAttribute('title') ?? '', /no segment given sends customers to smb-default/);
    await shot(page, 'strategy-simulation-unsaved-segments');
    const stored = await s.api<{ data: { id: string; strategyId: string }[] }>('/v1/segments');
    assert.equal(stored.data.find((x) => x.id === 'everyone-else')?.strategyId, 'smb-default', 'the simulation stored nothing');
    assert.equal((await s.api<Stored>('/v1/strategies/smb-default')).version, 2);
  });
});
