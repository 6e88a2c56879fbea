// The handover screen in Chromium: a debtor asks the agent for a person, and an admin finds the conversation in the queue
// with its summary, takes it, corrects what the agent read, answers in their own words (queued for the gate) and hands
// the conversation back to the agent; a portal chat's handover says the answer shows on the debtor's page at once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newId } from '../../src/domain/ids.ts';
import { queueAgentTurn, runAgentTurns, setAgentSettings } from '../../src/agent/index.ts';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

let s: Served;
let page: Page;
let debtor: { id: string; name: string; org_id: string; phone: string };
let replyId: string;

before(async () => {
  s = await serve(30);
  // the tick opens the demo's cases, as the worklist test does
  const tick = await fetch(`${s.url}/v1/ticks`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(tick.status, 200, await tick.text());
  const [c] = await s.db.query<{ id: string; name: string; org_id: string; phone: string }>(
    `SELECT cu.id, cu.name, cu.org_id, cu.phone FROM customers cu JOIN cases k ON k.customer_id = cu.id AND k.status = 'open'
     WHERE cu.phone IS NOT NULL ORDER BY cu.id LIMIT 1`);
  assert.ok(c, 'a demo customer with an open case and a phone');
  debtor = c;
  const now = new Date();
  assert.ok((await setAgentSettings(s.db, c.org_id, 'test', { enabled: true }, now)).ok);
  replyId = newId('inboundMessage', now.getTime());
  await s.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', $1, $4, 'quiero hablar con una persona por favor', $5, $5)`, [replyId, c.org_id, c.id, c.phone, now]);
  await queueAgentTurn(s.db, c.org_id, { inboundId: replyId, customerId: c.id, channel: 'sms' }, now);
  assert.equal((await runAgentTurns(s.db, c.org_id, now)).decided, 1);
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the handover screen in a browser', () => {
  it('shows the handed-over conversation with its summary and what the agent read', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Handovers' }).click();
    await page.getByRole('heading', { name: 'Handovers', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Conversations handed to people' }).getByText(debtor.name).waitFor();
    await page.getByRole('heading', { name: debtor.name, level: 2 }).waitFor();
    assert.match(squash(await page.locator('.handover').textContent()), /Asked for a person/);
    assert.match(squash(await page.locator('pre.summary').textContent()), /quiero hablar con una persona/);
    const mine = page.locator('li[data-line="debtor"]').first();
    assert.match(squash(await mine.textContent()), /quiero hablar con una persona por favor.*Read as asks for a person \(\d+%\)/);
    await page.locator('li[data-line="agent"]').first().waitFor();
  });

  it('takes it, corrects the intent read, answers the debtor and hands the conversation back', async () => {
    await page.getByRole('button', { name: 'Take it' }).click();
    await page.getByRole('status').filter({ hasText: 'It is on your worklist now.' }).waitFor();
    await page.getByText('yours').waitFor();

    const line = page.locator('li[data-line="debtor"]').first();
    await line.getByLabel('Right intent').selectOption('hardship');
    await line.getByRole('button', { name: 'Correct' }).click();
    await line.getByRole('status').filter({ hasText: 'Correction kept as training data.' }).waitFor();
    const [fix] = await s.db.query<{ intent: string }>('SELECT intent FROM agent_corrections WHERE inbound_id = $1', [replyId]);
    assert.equal(fix?.intent, 'hardship');

    await page.getByLabel('Answer on SMS').fill('Hola, soy Ana de cobranza. Le llamo hoy por la tarde.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued: the compliance gate decides when it goes out.' }).waitFor();
    const person = page.locator('li[data-line="person"]');
    await person.waitFor();
    assert.match(squash(await person.textContent()), /Le llamo hoy por la tarde\..*/);
    const [queued] = await s.db.query<{ status: string; channel: string }>(
      `SELECT status, channel FROM messages WHERE customer_id = $1 AND content->'agent'->>'by' = 'person'`, [debtor.id]);
    assert.deepEqual(queued, { status: 'queued', channel: 'sms' }, 'queued for the dispatcher, which gates it');
    await shot(page, 'handovers');

    await page.getByRole('button', { name: 'Hand back to the agent' }).click();
    // the queue of open handovers is empty once it is handed back
    await page.getByText('No conversation is waiting for a person.').waitFor();
    const [task] = await s.db.query<{ status: string; outcome: string }>(
      'SELECT t.status, t.outcome FROM tasks t JOIN agent_handovers h ON h.task_id = t.id WHERE h.customer_id = $1', [debtor.id]);
    assert.deepEqual(task, { status: 'done', outcome: 'handed back to the agent' });
  });

  it('says a portal chat answer shows on the debtor\'s page at once, not through the gate', async () => {
    const [c] = await s.db.query<{ id: string; name: string }>(
      `SELECT cu.id, cu.name FROM customers cu JOIN cases k ON k.customer_id = cu.id AND k.status = 'open' WHERE cu.id <> $1 ORDER BY cu.id LIMIT 1`, [debtor.id]);
    assert.ok(c);
    const now = new Date();
    const id = newId('inboundMessage', now.getTime());
    await s.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
      VALUES ($1, $2, $3, 'portal', 'portal', $1, 'portal:ptl_test', 'quiero hablar con una persona por favor', $4, $4)`, [id, debtor.org_id, c.id, now]);
    await queueAgentTurn(s.db, debtor.org_id, { inboundId: id, customerId: c.id, channel: 'portal' }, now);
    assert.equal((await runAgentTurns(s.db, debtor.org_id, now)).decided, 1);
    await page.reload();
    await page.getByRole('list', { name: 'Conversations handed to people' }).getByText(c.name).click();
    await page.getByRole('heading', { name: c.name, level: 2 }).waitFor();
    await page.getByText('This is the portal chat: your answer shows on the debtor\'s page at once, as written.', { exact: false }).waitFor();
    assert.equal(await page.getByText('Your answer goes through the compliance gate like any message').count(), 0);
    await page.getByRole('textbox').last().fill('Hola, soy Ana. Ya reviso su cuenta.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Shown in the debtor\'s portal chat.' }).waitFor();
    const [shown] = await s.db.query<{ author: string }>('SELECT author FROM portal_chat_answers WHERE customer_id = $1 AND author = $2', [c.id, 'person']);
    assert.equal(shown?.author, 'person');
  });
});
