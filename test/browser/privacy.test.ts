// The data-subject requests page in Chromium: an admin records an erasure request for a debtor in Spain and sees it due in
// GDPR's month with the days left, extends it (a date past the law's limit is refused naming `until`), fulfils an access
// request and gets the export as a file (the one whose hash the request keeps), rectifies a field (a bad email refused naming
// `changes.email`), sees an overdue request first and marked, refuses it, finds the requests on the customer's page, and
// erases; a manager reads the list with nothing to press, and a viewer is told the requests are for admins and managers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/orgs/index.ts';
import { addMonths } from '../../src/compliance/rights/requests.ts';
import { gdprRule, requestRuleFor } from '../../src/compliance/rights/request-rules.ts';
import { dateInZone } from '../../src/domain/dates.ts';
import { ARTIFACTS, PASSWORD, TEST_PASSWORD_COST, serve, squash, type Served } from './support.ts';

let s: Served;
let page: Page;
let lucia: { id: string; name: string };
let us: { id: string; name: string };

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${s.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}
const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const shown = (ymd: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
const todayUtc = () => new Date().toISOString().slice(0, 10);
/** A request's day is the debtor's own: Lucía's in Madrid. */
const todayInMadrid = () => dateInZone(new Date(), 'Europe/Madrid');
/** Lucía's GDPR request of today as the API dates it: on the controller's calendar (the org's, else Spain's). */
async function gdprDates(): Promise<{ due: string; limit: string }> {
  const [org] = await s.db.query<{ country: string | null }>('SELECT o.country FROM customers c JOIN orgs o ON o.id = c.org_id WHERE c.id = $1', [lucia.id]);
  const today = todayInMadrid();
  const rule = requestRuleFor('ES', null, today, org?.country ?? null);
  const due = rule.due(today, 'erasure');
  const at = (r: typeof rule) => { const l = r.extensionLimit(due, today, 'erasure', today); if (!l.ok) throw new Error(l.error.message); return l.value; };
  return { due, limit: at(rule) };
}
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const requestRow = (customer: string, kind: string) => page.getByRole('row').filter({ hasText: customer }).filter({ hasText: kind });
const request = async (id: string) => (await s.db.query<{ status: string; extended_to: string | null; outcome: { export?: { sha256: string } } | null }>(
  `SELECT status, to_char(extended_to, 'YYYY-MM-DD') AS extended_to, outcome FROM data_requests WHERE id = $1`, [id]))[0];
const selectedId = () => page.locator('.privacy-detail').getAttribute('data-request');

async function record(customer: string, kind: string, receivedAt?: string) {
  const form = page.getByRole('form', { name: 'Record a request' });
  await form.getByLabel('Customer (external id, name, or id)').fill(customer);
  await form.getByLabel('Kind').selectOption({ label: kind });
  if (receivedAt) await form.getByLabel('Received at').fill(receivedAt);
  await form.getByLabel('Who asked').fill('Lucía Ortega, by email from her address on file');
  await form.getByLabel('How their identity was checked').fill('answered the security questions on a call back');
  await form.getByRole('button', { name: 'Record the request' }).click();
  await page.getByRole('status').filter({ hasText: 'Request recorded' }).waitFor();
}

before(async () => {
  s = await serve(10);
  lucia = await post('/v1/customers', { external_id: 'PRIV-ES-1', name: 'Lucía Ortega Brand', country: 'ES', timezone: 'Europe/Madrid', email: 'lucia@example.es', language: 'es' });
  const [demo] = await s.db.query<{ id: string; name: string; org_id: string }>(`SELECT id, name, org_id FROM customers WHERE country = 'US' AND region <> 'CA' ORDER BY id LIMIT 1`);
  assert.ok(demo, 'a demo customer in a US state with no request statute configured');
  us = demo;
  const m = await createUser(s.db, demo.org_id, { email: 'manager@test.cobro', role: 'manager', password: PASSWORD, mustChangePassword: false, passwordCost: TEST_PASSWORD_COST });
  assert.ok(m.ok);
  page = await s.newPage();
});
after(async () => { await s?.close(); });

describe('data-subject requests in a browser', () => {
  it('records an erasure request for a debtor in Spain, due in GDPR\'s month with the days left', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Data requests' }).click();
    await page.getByRole('heading', { name: 'Data-subject requests', level: 1 }).waitFor();
    await record('PRIV-ES-1', 'Erasure');
    const { due } = await gdprDates();
    await page.getByRole('status').filter({ hasText: `Request recorded: answer by ${shown(due)} (GDPR art. 12(3)).` }).waitFor();
    const row = requestRow(lucia.name, 'Erasure');
    await row.waitFor();
    assert.match(squash(await row.textContent()), new RegExp(`GDPR.*${shown(due)}.*${daysFrom(todayUtc(), due)} days left.*Open`));
    await page.getByRole('heading', { name: `Erasure request of ${lucia.name}` }).waitFor();
  });

  it('extends it within the law, refusing a date past GDPR\'s limit and naming the field', async () => {
    const id = (await selectedId())!;
    const { due, limit } = await gdprDates();
    await page.getByLabel('Reason given to the person').fill('the ledgers of 2019 are archived off site');
    assert.match(squash(await page.locator('label[for="priv-until"]').textContent()), new RegExp(`${shown(limit)} at the latest`));
    await page.getByLabel('New due date').fill(addMonths(due, 3));
    await page.getByRole('button', { name: 'Extend the request' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(squash(await alert.textContent()), new RegExp(`until: GDPR art\\. 12\\(3\\) allows an extension to ${limit} at the latest`));
    assert.equal(await page.getByLabel('New due date').getAttribute('aria-invalid'), 'true');
    assert.equal((await request(id))?.status, 'open', 'nothing changed');

    await page.getByLabel('New due date').fill('');
    await page.getByRole('button', { name: 'Extend the request' }).click();
    await page.getByRole('status').filter({ hasText: `Extended: answer by ${shown(limit)}.` }).waitFor();
    assert.deepEqual([(await request(id))?.status, (await request(id))?.extended_to], ['extended', limit]);
    const row = requestRow(lucia.name, 'Erasure').filter({ hasText: `${shown(limit)} (extended)` });
    await row.waitFor(); // the list reloads after the answer
    assert.match(squash(await row.textContent()), new RegExp(`${daysFrom(todayUtc(), limit)} days left.*Extended`));
    await page.getByText('Extended already: the law allows one extension.').waitFor();
  });

  it('fulfils an access request and downloads the export whose hash the request keeps', async () => {
    await record('PRIV-ES-1', 'Access (export)');
    await page.getByRole('heading', { name: `Access (export) request of ${lucia.name}` }).waitFor();
    const id = (await selectedId())!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fulfil and download the export' }).click()]);
    assert.equal(download.suggestedFilename(), `export-${lucia.id}-${id}.json`);
    const text = await readFile((await download.path())!, 'utf8');
    const data = JSON.parse(text) as { customer: { name: string; email: string }; data_requests: unknown[]; exported_at: string };
    assert.deepEqual([data.customer.name, data.customer.email, data.data_requests.length], [lucia.name, 'lucia@example.es', 2]);
    await page.getByRole('status').filter({ hasText: `Fulfilled: the export was saved as export-${lucia.id}-${id}.json.` }).waitFor();
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download it again' }).click()]);
    assert.equal(await readFile((await again.path())!, 'utf8'), text, 'the same file, without asking the API again');
    const kept = await request(id);
    assert.equal(kept?.status, 'fulfilled');
    assert.equal(createHash('sha256').update(JSON.stringify(data)).digest('hex'), kept?.outcome?.export?.sha256, 'the file is the export the request answered with');
    // the notice shows as the API answers; the request is read again after it
    const detail = page.locator('.privacy-detail');
    await detail.getByText(/Export given/).waitFor();
    assert.match(squash(await detail.textContent()), /Fulfilled.*Export given \(SHA-256 [0-9a-f]{12}…, \d+ rows\)/);
  });

  it('rectifies the customer\'s email, refusing a bad one naming the field', async () => {
    await record('PRIV-ES-1', 'Rectification');
    const email = page.getByLabel('Email', { exact: true });
    await email.fill('lucia at example');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(squash(await alert.textContent()), /changes\.email: .*not an email address/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    await email.fill('lucia.ortega@example.es');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await page.getByRole('status').filter({ hasText: 'Corrected: Email.' }).waitFor();
    assert.equal((await s.api<{ email: string }>(`/v1/customers/${lucia.id}`)).email, 'lucia.ortega@example.es');
  });

  it('puts an overdue request first and marks it; a law with no extension offers none; refusal keeps the reason', async () => {
    const received = addMonths(todayUtc(), -2);
    await record(us.id, 'Access (export)', `${received}T10:00`);
    await page.getByRole('row').filter({ hasText: us.name }).waitFor(); // the list reloads after the recording
    const first = page.getByRole('row').nth(1);
    assert.match(squash(await first.textContent()), new RegExp(`${us.name}.*COBRO.*${daysFrom(addMonths(received, 1), todayUtc())} days overdue.*Open Overdue`));
    assert.equal(await first.locator('.is-overdue').count(), 1);
    // cobro's own month (no statute configured outside California in the US) has no extension: the form is not offered
    assert.match(squash(await page.getByTestId('no-extension').textContent()), new RegExp(`cannot be extended \\(no statute configured.*\\): the answer is due by ${shown(addMonths(received, 1))}`));
    assert.equal(await page.getByRole('button', { name: 'Extend the request' }).count(), 0);
    await shot(page, 'privacy');
    await page.getByLabel('Reason the person is given').fill('the requester could not prove who they are');
    await page.getByRole('button', { name: 'Refuse the request' }).click();
    await page.getByRole('status').filter({ hasText: 'Request refused.' }).waitFor();
    const detail = page.locator('.privacy-detail');
    await detail.getByText('Refused: the requester could not prove who they are').waitFor(); // read again after the notice
    assert.match(squash(await detail.textContent()), /Refused: the requester could not prove who they are/);
  });

  it('lists a customer\'s requests on the customer\'s page and leads to them', async () => {
    await page.goto(`${s.url}/customers/${lucia.id}`);
    const section = page.getByTestId('customer-requests');
    await section.getByRole('link', { name: 'Rectification' }).waitFor();
    assert.match(squash(await section.textContent()), /Erasure Extended.*Access \(export\) Fulfilled.*Rectification Fulfilled|Rectification Fulfilled.*Access \(export\) Fulfilled.*Erasure Extended/);
    await section.getByRole('link', { name: 'Answer or record one' }).click();
    await page.getByRole('heading', { name: `Requests of ${lucia.name}` }).waitFor();
    assert.equal(await page.getByLabel('Customer (external id, name, or id)').inputValue(), lucia.id);
    await requestRow(lucia.name, 'Rectification').waitFor();
    assert.equal(await page.getByRole('table').getByRole('row').count(), 4, 'a header and her three requests');
  });

  it('erases the customer for the erasure request once confirmed', async () => {
    await requestRow(lucia.name, 'Erasure').getByRole('button', { name: /^Show/ }).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Erase the customer' }).click();
    await page.getByRole('status').filter({ hasText: 'Erased: the request is fulfilled.' }).waitFor();
    const [c] = await s.db.query<{ name: string; erased_at: unknown }>('SELECT name, erased_at FROM customers WHERE id = $1', [lucia.id]);
    assert.ok(c?.erased_at, 'erased');
    assert.notEqual(c?.name, lucia.name);
  });

  it('gives a manager the list with nothing to press, and tells a viewer the requests are for admins and managers', async () => {
    const manager = await s.newPage();
    await s.signIn(manager, 'manager@test.cobro');
    await manager.goto(`${s.url}/privacy`);
    await manager.getByTestId('read-only').waitFor();
    await manager.getByRole('row').filter({ hasText: us.name }).getByRole('button', { name: /^Show/ }).click();
    await manager.locator('.privacy-detail').waitFor();
    for (const name of ['Record the request', 'Extend the request', 'Refuse the request', 'Fulfil and download the export', 'Erase the customer']) {
      assert.equal(await manager.getByRole('button', { name }).count(), 0, `${name} is not offered`);
    }
    await manager.getByLabel('Language').selectOption('es');
    await manager.getByRole('heading', { name: 'Solicitudes de los titulares de datos', level: 1 }).waitFor();
    assert.match(squash(await manager.getByRole('row').filter({ hasText: us.name }).textContent()), /Acceso \(exportación\).*Denegada/);
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/privacy`);
    await viewer.getByTestId('managers-only').waitFor();
    assert.equal(await viewer.locator('main').getByRole('button').count(), 0, 'nothing to press');
    assert.equal(await viewer.getByRole('table').count(), 0);
    await viewer.goto(`${s.url}/customers/${us.id}`);
    await viewer.getByRole('heading', { name: us.name, level: 1 }).waitFor();
    assert.equal(await viewer.getByTestId('customer-requests').count(), 0);
  });

  it('offers the latest date the API allows, past a Spanish holiday that a count of weekends alone would miss', async () => {
    // received Tuesday 8 September 2026, due Thursday 8 October; two months on is Tuesday 8 December, the Immaculate
    // Conception, a national holiday in Spain (the controller is in Mexico, so the debtor's calendar): the 9th
    const marta = await post<{ id: string; name: string }>('/v1/customers',
      { external_id: 'PRIV-ES-2', name: 'Marta Ruiz Brand', country: 'ES', timezone: 'Europe/Madrid', language: 'es' });
    const r = await post<{ id: string; due_on: string; extension_limit: string | null }>('/v1/privacy/requests', { customer_id: marta.id, kind: 'access',
      received_at: '2026-09-08T10:00:00Z', requester: 'Marta Ruiz, by letter', identity_check: 'signed copy of her national id' });
    assert.deepEqual([r.due_on, r.extension_limit], ['2026-10-08', '2026-12-09']);
    const weekendsOnly = gdprRule(null).extensionLimit(r.due_on, r.due_on, 'access', '2026-09-08');
    assert.deepEqual(weekendsOnly, { ok: true, value: '2026-12-08' }, 'the count the form used to make differs');

    await page.goto(`${s.url}/privacy`);
    await page.getByRole('row').filter({ hasText: marta.name }).getByRole('button', { name: /^Show/ }).click();
    await page.getByRole('heading', { name: `Access (export) request of ${marta.name}` }).waitFor();
    const hint = page.locator('label[for="priv-until"]');
    assert.doesNotMatch(squash(await hint.textContent()), /at the latest/, 'told today, after the due date: no date offered');
    await page.getByLabel('Person told on').fill('2026-10-01');
    await hint.filter({ hasText: `${shown('2026-12-09')} at the latest` }).waitFor();
    await page.getByLabel('Reason given to the person').fill('the ledgers of 2019 are archived off site');
    await page.getByRole('button', { name: 'Extend the request' }).click();
    await page.getByRole('status').filter({ hasText: `Extended: answer by ${shown('2026-12-09')}.` }).waitFor();
    assert.equal((await s.api<{ extended_to: string }>(`/v1/privacy/requests/${r.id}`)).extended_to, '2026-12-09');
  });
});
