// A missed call in Chromium: a demo debtor with an open case calls the org's number and nobody answers (Twilio's incoming
// call and its "Call status changes" callback, signed as Twilio signs them, posted to the served app and processed by the
// worker's inbound round); the collector opens the case and finds the missed call on its timeline, in English and in
// Spanish, and the one call-back task it made among the case's open tasks, which opens with its note, the gate's word on
// calling now and the call form. The note's wording is the worker's (checked against the API, not against a sentence).
// A number no customer has calls too: its call-back task is the organisation's, and the worklist's dialog for it shows the
// number to call back as a tel: link (the number is in the task's `caller`, not in its note).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { twilioSignature } from '../../src/compliance/index.ts';
import { processInbound } from '../../src/worker/index.ts';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';
import { demoDebtorWithPhone, type DemoDebtor } from './demo-debtor.ts';

const ACCOUNT = `AC${'b2'.repeat(16)}`;
const TOKEN = 'browser-missed-call-token-7';
const ORG_NUMBER = '+15550002222';

interface Task { id: string; kind: string; note: string | null; status: string }

let s: Served;
let page: Page;
let debtor: DemoDebtor;

async function send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<void> {
  const r = await fetch(`${s.url}${path}`, { method, headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(r.ok, `${path}: ${r.status} ${await r.text()}`);
}

/** A Twilio callback as Twilio posts it: form-encoded, signed over the URL the org registered (the server's public URL, http://localhost here). */
async function twilioPosts(kind: 'incoming' | 'voice', fields: Record<string, string>): Promise<void> {
  const path = `/webhooks/twilio/${debtor.org}/${kind}`;
  const all = { AccountSid: ACCOUNT, Direction: 'inbound', ApiVersion: '2010-04-01', To: ORG_NUMBER, ...fields };
  const r = await fetch(`${s.url}${path}`, { method: 'POST', body: new URLSearchParams(all).toString(), headers: {
    'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `http://localhost${path}`, all),
    'i-twilio-idempotency-token': randomBytes(8).toString('hex') } });
  assert.equal(r.status, 200, `${kind}: ${await r.text()}`);
}

/** A call from `from` that nobody answers, as Twilio reports it, and the worker's inbound round that records it. */
async function unansweredCall(from: string): Promise<void> {
  const callSid = `CA${randomBytes(16).toString('hex')}`;
  await twilioPosts('incoming', { CallSid: callSid, CallStatus: 'ringing', From: from });
  await twilioPosts('voice', { CallSid: callSid, CallStatus: 'no-answer', CallDuration: '0', From: from });
  const round = await processInbound(s.db, debtor.org, new Date());
  assert.equal(round.failed, 0, JSON.stringify(round));
}

const openTasks = async () => (await s.api<{ data: Task[] }>(`/v1/tasks?case_id=${debtor.caseId}&status=open&limit=100`)).data;

before(async () => {
  s = await serve(8);
  await send('POST', '/v1/ticks', {}); // opens the demo's cases
  await send('PUT', '/v1/providers/twilio', { settings: { account_sid: ACCOUNT, voice_from: ORG_NUMBER, sms_from: ORG_NUMBER }, secrets: { auth_token: TOKEN } });
  debtor = await demoDebtorWithPhone(s);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await s?.close(); });

describe('a missed call on the case view in a browser', () => {
  it('shows a known caller\'s unanswered call on the case\'s timeline and its call-back task, which opens ready to call back', async () => {
    const before = new Set((await openTasks()).map((t) => t.id));
    await unansweredCall(debtor.phone);
    const added = (await openTasks()).filter((t) => !before.has(t.id));
    assert.deepEqual(added.map((t) => t.kind), ['call'], 'one call-back task, a call');
    const task = added[0]!;
    assert.ok(task.note, 'a note says what happened');

    await page.goto(`${s.url}/cases/${debtor.caseId}`);
    const missed = page.getByTestId('timeline').locator('li[data-kind="call_missed"]');
    await missed.waitFor();
    assert.equal(await missed.count(), 1, 'one missed call on the timeline');
    assert.match(squash(await missed.textContent()), /Missed call — Not answered: call them back/);

    // among the case's open tasks, a link to the call-back with its note; opened, the task is the case's current one
    const link = page.locator(`a[href="/cases/${debtor.caseId}?task=${task.id}"]`);
    const listed = page.locator('li', { has: link });
    await listed.waitFor();
    assert.equal(squash(await link.textContent()), 'Call');
    assert.ok(squash(await listed.textContent()).includes(squash(task.note)), 'listed with its note');
    await page.screenshot({ path: join(ARTIFACTS, 'case-missed-call.png'), fullPage: true });
    await link.click();
    const current = page.getByTestId('current-task');
    await current.getByText('Call', { exact: true }).waitFor();
    assert.ok(squash(await page.locator('section.task-panel').textContent()).includes(squash(task.note)), 'the note of the task opened');
    // a call task offers to ask the gate whether a call may be made now, and the form to log the call back
    await page.getByRole('button', { name: 'May I call now?' }).click();
    await page.getByTestId('gate-answer').waitFor();
    await page.getByRole('button', { name: 'Log the call' }).waitFor();

    // the timeline line in Spanish
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    try {
      await missed.filter({ hasText: 'Llamada perdida' }).waitFor();
      assert.match(squash(await missed.textContent()), /Llamada perdida — No contestada: devuelva la llamada/);
    } finally {
      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    }
  });

  it('shows an unknown caller\'s number in the worklist\'s dialog of the organisation\'s call-back task, as a tel: link', async () => {
    const stranger = '+15557770142'; // no demo customer's: the task below is the organisation's, not on a customer's case
    await unansweredCall(stranger);
    const ahead = addDays(dateInZone(new Date(), 'UTC'), 2);
    const list = await s.api<{ data: { id: string; case_id: string | null; customer_id: string | null; kind: string; note: string | null; caller?: string | null }[] }>(
      `/v1/worklist?scope=all&date=${ahead}`);
    const org = list.data.filter((i) => i.caller === stranger);
    assert.deepEqual(org.map((i) => [i.kind, i.case_id, i.customer_id]), [['call', null, null]], 'one org-level call-back task (no case, no customer) with the number');
    assert.ok(org[0]!.note && !org[0]!.note.includes(stranger), 'the number is not in the note');

    await page.goto(`${s.url}/worklist?date=${ahead}&scope=all`);
    const row = page.getByRole('table', { name: 'Worklist' }).locator('tbody tr').filter({ hasText: squash(org[0]!.note) });
    await row.getByRole('button', { name: 'Organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'A task of the organisation' });
    const number = dialog.getByTestId('org-task-caller');
    await number.waitFor();
    assert.equal(squash(await number.textContent()), stranger);
    assert.equal(await number.getAttribute('href'), `tel:${stranger}`);
    assert.match(squash(await dialog.textContent()), /Number to call back: \+15557770142/);
    await page.screenshot({ path: join(ARTIFACTS, 'worklist-unknown-caller.png'), fullPage: true });
  });
});
