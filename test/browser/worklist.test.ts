// The worklist and the case view in Chromium: a collector works a task end to end (open the case, log a call with a promise,
// see it in the timeline, complete the task), and a viewer reads the same pages with nothing to change, in English and Spanish.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/orgs/index.ts';
import { addDays, dateInZone } from '../../src/domain/dates.ts';
import { exponentOf } from '../../src/domain/money.ts';
import { ARTIFACTS, moneyText, PASSWORD, serve, squash, TEST_PASSWORD_COST, type Served } from './support.ts';

interface Item { id: string; case_id: string; customer_id: string; customer_name: string; kind: string; currency: string | null; overdue_amount: number; due_date: string }

let s: Served;
let page: Page;
let item: Item;
const ahead = addDays(dateInZone(new Date(), 'UTC'), 7);

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${s.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

before(async () => {
  s = await serve();
  const me = await s.api<{ org: { id: string } }>('/v1/me');
  const collector = await createUser(s.db, me.org.id, { email: 'collector@test.cobro', role: 'collector', password: PASSWORD, mustChangePassword: false, name: 'Carla Cobradora', passwordCost: TEST_PASSWORD_COST });
  if (!collector.ok) throw new Error(collector.error.message);
  // the worker ticks every day: a tick now (which opens the cases), then one for each day of the coming week (16:00 UTC,
  // working hours in every demo zone) make the tasks whatever weekend or holiday today is where the debtors are (on a
  // Saturday a call step waits for Monday)
  await post('/v1/ticks', {});
  const today = dateInZone(new Date(), 'UTC');
  for (let d = 1; d <= 7; d++) await post('/v1/ticks', { as_of: `${addDays(today, d)}T16:00:00Z` });
  // a week ahead holds every task those ticks made
  const list = await s.api<{ data: Item[] }>(`/v1/worklist?scope=all&date=${ahead}`);
  const found = list.data.find((i) => i.kind === 'call' && i.currency && i.overdue_amount > 0);
  assert.ok(found, `a call task with a past-due balance among ${list.data.length}`);
  item = found;
  await post(`/v1/tasks/${item.id}/assign`, { user_id: collector.value.user.id });
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const major = (amount: number, currency: string) => (amount / 10 ** exponentOf(currency)).toFixed(exponentOf(currency));

describe('the worklist in a browser', () => {
  it('shows a collector their task first, with the reason it is there', async () => {
    await s.signIn(page, 'collector@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('heading', { name: 'Worklist', level: 1 }).waitFor();
    await page.getByLabel('Due by').fill(ahead);
    await page.waitForURL(/date=/);
    const first = page.getByRole('table', { name: 'Worklist' }).locator('tbody tr').first();
    await first.getByRole('link', { name: item.customer_name }).waitFor();
    assert.equal(await page.locator('[data-task-link]').count(), 1, 'a collector sees only the task assigned to them');
    assert.match(squash(await first.textContent()), /past due on \d+ invoices?, the oldest \d+ days\..*No risk score yet: ranked by balance and days past due\./);
    assert.match(squash(await page.getByTestId('worklist-basis').textContent()), /No risk scores yet/);
    await shot(page, 'worklist');
  });

  it('opens the case from the keyboard and shows the task, the balances, the contact channels and the timeline', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), item.customer_name);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: item.customer_name, level: 1 }).waitFor();
    await page.getByTestId('current-task').waitFor();
    await page.getByTestId('balances').locator('.figure-value').first().waitFor();
    await page.getByTestId('contact-channels').locator('tr[data-channel="email"]').waitFor();
    await page.getByTestId('timeline').locator('li').first().waitFor();
    await shot(page, 'case');
  });

  it('logs a call with a promise and shows the promise in the timeline', async () => {
    await page.getByLabel('Promise to pay').check();
    await page.getByLabel('Amount').first().fill(major(item.overdue_amount, item.currency!));
    await page.getByLabel('Note on the call').fill('pays by transfer on Friday');
    // the org confirms staff's arrangements by default: the box is checked, and the promise is confirmed to the customer
    assert.equal(await page.getByLabel('Send the customer a confirmation (email, SMS, WhatsApp or a call, as they prefer)').first().isChecked(), true);
    await page.getByRole('button', { name: 'Log the call' }).click();
    await page.getByRole('status').filter({ hasText: 'Call logged.' }).waitFor();
    const promise = page.getByTestId('timeline').locator('li[data-kind="promise_made"]');
    await promise.waitFor();
    const call = page.getByTestId('timeline').locator('li[data-kind="call_logged"]').first();
    assert.match(squash(await call.textContent()), /Call — Promise to pay · by Carla Cobradora/);
    assert.match(squash(await call.textContent()), /pays by transfer on Friday/);
    const promises = await s.api<{ data: { amount: number; source: string; channel: string; status: string }[] }>(`/v1/promises?customer_id=${item.customer_id}`);
    assert.deepEqual([promises.data[0]?.amount, promises.data[0]?.source, promises.data[0]?.channel], [item.overdue_amount, 'collector', 'phone']);
    const messages = await s.api<{ data: { template: string | null }[] }>(`/v1/messages?customer_id=${item.customer_id}`);
    assert.ok(messages.data.some((m) => m.template === 'portal-promise-confirmed'), JSON.stringify(messages.data.map((m) => m.template)));
    await shot(page, 'case-promise');
  });

  it('previews a one-off message for the customer and queues it for the gate, never sending it itself', async () => {
    await page.getByText('Send a message', { exact: true }).click();
    await page.getByLabel('Channel', { exact: true }).selectOption('email');
    await page.getByLabel('Template').selectOption('overdue-formal');
    await page.getByRole('button', { name: 'Preview' }).click();
    assert.match(squash(await page.getByTestId('message-preview').textContent()), new RegExp(item.customer_name.split(' ')[0]!));
    await page.getByRole('button', { name: 'Send through the gate' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued: the compliance gate decides at send time' }).waitFor();
    const messages = await s.api<{ data: { template: string }[] }>(`/v1/messages?customer_id=${item.customer_id}`);
    assert.equal(messages.data.filter((m) => m.template === 'overdue-formal').length, 0, 'queued in the outbox, not sent by the page');
  });

  it('offers the org\'s own templates for a one-off message on the channels it wrote them for, and queues one', async () => {
    const put = await fetch(`${s.url}/v1/templates/custom/org-browser-note/email/any/en`, { method: 'PUT',
      headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Our own note {{total_due}}', body: '{{company_name}}: OUR OWN NOTE, {{total_due}} past due.' }) });
    assert.equal(put.status, 200, await put.text());
    await page.reload();
    await page.getByText('Send a message', { exact: true }).click();
    await page.getByLabel('Channel', { exact: true }).selectOption('email');
    await page.getByLabel('Template').selectOption('org-browser-note');
    await page.getByRole('button', { name: 'Preview' }).click();
    assert.match(squash(await page.getByTestId('message-preview').textContent()), /OUR OWN NOTE/);
    await page.getByRole('button', { name: 'Send through the gate' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued: the compliance gate decides at send time' }).waitFor();
  });

  it('shows in the timeline the org\'s wording a sent message was built from', async () => {
    // the gate decides by the real clock here (often outside the contact hours), so the dispatched message is recorded as sent
    // the way the dispatcher records a send of the org's text: the version it was built from named (test/org-templates-sent
    // sends one through the dispatcher and checks the timeline entry the API gives)
    const dispatched = await fetch(`${s.url}/v1/dispatch`, { method: 'POST', headers: { authorization: `Bearer ${s.key}` } });
    assert.equal(dispatched.status, 200, await dispatched.text());
    const [ours] = await s.db.query<{ id: string }>(`UPDATE messages m SET status = 'sent', sent_at = now(), template_language = 'en',
        org_template_tone = 'any', org_template_version = 1, org_template_version_id = t.version_id
      FROM org_templates t WHERE m.customer_id = $1 AND m.template = 'org-browser-note' AND t.org_id = m.org_id AND t.template = m.template
        AND t.channel = 'email' RETURNING m.id`, [item.customer_id]);
    assert.ok(ours, 'the org\'s message was queued');
    await page.reload();
    const entry = page.getByTestId('timeline').locator('li[data-kind="message_sent"]').filter({ hasText: 'org-browser-note' });
    await entry.getByRole('button', { name: "The org's wording (v1)" }).click();
    // the wording is fetched when the button opens it: its text, once there, is what is read
    await entry.getByTestId('template-wording').locator('pre').waitFor();
    assert.match(squash(await entry.getByTestId('template-wording').textContent()), /Our own note \{\{total_due\}\}.*\{\{company_name\}\}: OUR OWN NOTE, \{\{total_due\}\} past due\./);
  });

  it('completes the task and is back on the worklist without it', async () => {
    await page.getByLabel('What came of it').fill('promise for Friday');
    await page.getByRole('button', { name: 'Complete the task' }).click();
    await page.getByRole('heading', { name: 'Worklist', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Task completed.' }).waitFor();
    await page.getByLabel('Due by').fill(ahead);
    await page.getByTestId('worklist-basis').filter({ hasText: '0 tasks' }).waitFor();
    const tasks = await s.api<{ data: { id: string; status: string; outcome: string }[] }>(`/v1/tasks?case_id=${item.case_id}&status=done`);
    assert.deepEqual(tasks.data.map((x) => [x.id, x.outcome]), [[item.id, 'promise for Friday']]);
    await shot(page, 'worklist-done');
  });

  it('gives a viewer the worklist and the case to read, no buttons to change them, and a 403 when it tries', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/worklist?date=${ahead}`);
    await viewer.getByRole('heading', { name: 'Worklist', level: 1 }).waitFor();
    await viewer.locator('[data-task-link]').first().waitFor();
    assert.equal(await viewer.getByRole('combobox', { name: /^Assign the task/ }).count(), 0);
    await shot(viewer, 'worklist-viewer');
    await viewer.goto(`${s.url}/cases/${item.case_id}`);
    await viewer.getByTestId('read-only').waitFor();
    await viewer.getByTestId('timeline').locator('li[data-kind="call_logged"]').waitFor();
    for (const name of ['Log the call', 'Complete the task', 'Save the note', 'Pause the case', 'Escalate the case', 'Send through the gate']) {
      assert.equal(await viewer.getByRole('button', { name }).count(), 0, name);
    }
    const status = await viewer.evaluate(async (caseId) => {
      const me = await (await fetch('/v1/me')).json() as { csrf_token: string };
      const r = await fetch(`/v1/cases/${caseId}/notes`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cobro-csrf': me.csrf_token },
        body: JSON.stringify({ note: 'a viewer writing' }) });
      return r.status;
    }, item.case_id);
    assert.equal(status, 403);
    await shot(viewer, 'case-viewer');
    await viewer.getByLabel('Language').selectOption('es');
    await viewer.getByRole('heading', { name: 'Historial' }).waitFor();
    const balances = await s.api<{ data: { currency: string; open: number }[] }>(`/v1/customers/${item.customer_id}/balance`);
    assert.equal(squash(await viewer.getByTestId('balances').locator('.figure-value').first().textContent()),
      moneyText(balances.data[0]!.open, balances.data[0]!.currency, 'es-MX'));
    await viewer.getByTestId('timeline').locator('li[data-kind="call_logged"]').filter({ hasText: 'Llamada — Promesa de pago' }).waitFor();
    await shot(viewer, 'case-es');
    await viewer.context().close();
  });

  it('lists an org-level task (no customer, no case) as the organisation\'s, opens it in a dialog where a manager completes it; a viewer only reads it', async () => {
    const me = await s.api<{ org: { id: string } }>('/v1/me');
    // stored as the Adyen dispute on a payment cobro does not know stores it (src/payments/disputes-task.ts)
    const id = `task_orgbrowser${Date.now()}`;
    await s.db.query(`INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, note, due_date, created_at)
      VALUES ($1, $2, '', '', $3, $3, 'review', 'high', $4, $5::date, now())`,
    [id, me.org.id, 'gateway-dispute:adyen:DBROWSER1', 'A dispute at Adyen on a payment cobro does not know: dispute DBROWSER1, 70.00 EUR', dateInZone(new Date(), 'UTC')]);
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/worklist?date=${ahead}&scope=all`);
    const vrow = viewer.getByRole('table', { name: 'Worklist' }).locator('tbody tr').filter({ hasText: 'DBROWSER1' });
    await vrow.getByRole('button', { name: 'Organisation' }).click();
    const vdialog = viewer.getByRole('dialog', { name: 'A task of the organisation' });
    await vdialog.getByTestId('org-task-note').filter({ hasText: 'dispute DBROWSER1' }).waitFor();
    assert.equal(await vdialog.getByRole('button', { name: 'Complete the task' }).count(), 0, 'a viewer has nothing to change');
    await viewer.context().close();

    const manager = await s.newPage();
    await s.signIn(manager, 'admin@test.cobro');
    await manager.goto(`${s.url}/worklist?date=${ahead}&scope=all`);
    // the table's caption changes with the language: the row is found by its note
    const row = manager.locator('table tbody tr').filter({ hasText: 'DBROWSER1' });
    assert.match(squash(await row.textContent()), /Organisation.*High Review.*A dispute at Adyen on a payment cobro does not know/);
    await row.getByRole('combobox', { name: 'Assign the task for Organisation' }).waitFor();
    await manager.getByLabel('Language').selectOption('es');
    await row.getByRole('button', { name: 'Organización' }).waitFor();
    await manager.getByLabel('Idioma').selectOption('en');
    await row.getByRole('button', { name: 'Organisation' }).click();
    const dialog = manager.getByRole('dialog', { name: 'A task of the organisation' });
    await dialog.getByLabel('What came of it').fill('evidence sent at Adyen');
    await shot(manager, 'worklist-org-task');
    await dialog.getByRole('button', { name: 'Complete the task' }).click();
    await manager.getByRole('status').filter({ hasText: 'Task completed.' }).first().waitFor();
    await row.waitFor({ state: 'detached' });
    assert.equal(await manager.getByRole('dialog').count(), 0);
    const done = await s.api<{ data: { id: string; status: string; outcome: string | null }[] }>('/v1/tasks?kind=review&status=done');
    assert.deepEqual(done.data.filter((x) => x.id === id).map((x) => [x.status, x.outcome]), [['done', 'evidence sent at Adyen']]);
    await manager.context().close();
  });
});
