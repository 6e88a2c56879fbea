// The portal chat in Chromium on a phone: the debtor types to the agent in Spanish and sends with Enter, reads its answer
// (introduced as the automated assistant) in the conversation log, and sees the promise it recorded on the portal page;
// a person's answer from the handover screen appears within seconds, pushed (the page no longer waits 15 s to ask); the
// second factor's session ending closes the stream and the page asks the second factor again; a message written in another
// tab, the person giving the chat back and a turn left unanswered (the "typing" note gone) show at once too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { handBack, listHandovers, queueAgentTurn, replyToHandover, setAgentSettings } from '../../src/agent/index.ts';
import { createPortalLink, setPortalSettings } from '../../src/portal/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { ARTIFACTS, serve, type Served } from './support.ts';

const ZONE = 'America/Mexico_City';
let s: Served;
let org: string;
let page: Page | null = null;
before(async () => {
  s = await serve(5);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
  const on = await setAgentSettings(s.db, org, 'test', { enabled: true }, new Date());
  assert.ok(on.ok);
});
after(async () => {
  await page?.context().close();
  await s?.close();
});

/** A Spanish-speaking debtor in Mexico City owing `amount` (MXN, 10 days overdue) on invoice `number`, with a portal link. */
async function debtor(fields: Parameters<typeof aCustomer>[2], number: string, amount: number) {
  const today = dateInZone(new Date(), ZONE);
  const c = await aCustomer(s.db, org, { country: 'MX', timezone: ZONE, language: 'es', ...fields });
  await anInvoice(s.db, org, { customer_id: c.id, number, currency: 'MXN', amount, issue_date: addDays(today, -40), due_date: addDays(today, -10) });
  const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
  assert.ok(link.ok);
  return { c, today, token: link.value.token };
}

/** Opens the debtor's page, asks for a person in the chat, and returns the chat's log and the open handover's id. */
async function askForPerson(p: Page, token: string, customerId: string) {
  await p.goto(`${s.url}/p/${token}`);
  const log = p.getByRole('log', { name: /Conversación con/ });
  await log.getByText('Aún no hay mensajes').waitFor();
  await p.getByLabel('Su mensaje').fill('quiero hablar con alguien');
  await p.getByLabel('Su mensaje').press('Enter');
  await log.locator('li.agent').last().waitFor();
  const h = (await listHandovers(s.db, org, { status: 'open' })).find((x) => x.customer_id === customerId);
  assert.ok(h, 'a handover is open');
  return { log, handover: h.id };
}

describe('the portal chat in a browser', () => {
  it('answers a typed promise in Spanish and shows the promise on the portal', async () => {
    const { c, today, token } = await debtor({ name: 'Rosa Chat', email: 'rosa.chat@example.mx', phone: '+525598765432' }, 'CHAT-1', 1_250_000);
    const context = await s.browser.newContext({ locale: 'es-MX', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (e) => { throw e; });
    await page.goto(`${s.url}/p/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Hola, Rosa Chat' }).waitFor();
    const log = page.getByRole('log', { name: /Conversación con/ });
    await log.getByText('Aún no hay mensajes').waitFor();
    const box = page.getByLabel('Su mensaje');
    await box.fill('le pago 12500 el viernes');
    await box.press('Enter');
    const answer = log.locator('li.agent').last();
    await answer.getByText(/registré su compromiso de pagar/).waitFor({ timeout: 30_000 });
    const said = await answer.innerText();
    assert.match(said, /Hola, le escribe el asistente automático de Browser Test\./);
    assert.match(said, /\$12,500\.00 a más tardar el viernes/);
    assert.equal(await log.locator('li.debtor').innerText().then((t) => t.includes('le pago 12500 el viernes')), true);
    assert.equal(await box.inputValue(), '', 'the box is emptied once sent');
    // the link in the answer is a button; with no gateway connected it opens the Pay section, which says so
    await answer.getByRole('button', { name: 'Ir a pagar' }).click();
    assert.equal(await page.locator('#pay-heading button').getAttribute('aria-expanded'), 'true');
    // the promise the agent recorded, on the page (the account reloads) and in the API, dated a Friday within the week
    await page.getByTestId('arrangements').getByText('Usted se comprometió a pagar').waitFor({ timeout: 30_000 });
    const promises = await s.api<{ data: { amount: number; due_date: string; source: string; channel: string }[] }>(`/v1/promises?customer_id=${c.id}`);
    assert.equal(promises.data.length, 1);
    const p = promises.data[0]!;
    assert.deepEqual([p.amount, p.source], [1_250_000, 'agent']);
    assert.equal(new Date(`${p.due_date}T12:00:00Z`).getUTCDay(), 5, 'a Friday');
    assert.ok(p.due_date >= today && p.due_date <= addDays(today, 7), `${p.due_date} within the week from ${today}`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-chat.png'), fullPage: true });
  });
  it('shows a person\'s answer within seconds, pushed as it is recorded', async () => {
    const { c, token } = await debtor({ name: 'Beto Push', email: 'beto.push@example.mx', phone: '+525598765433' }, 'CHAT-2', 300_000);
    const context = await s.browser.newContext({ locale: 'es-MX', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await context.newPage();
    p.on('pageerror', (e) => { throw e; });
    try {
      const { log, handover } = await askForPerson(p, token, c.id);
      // the stream is open once the page has read the chat; give it a moment, then a person answers from the handover screen
      await p.waitForTimeout(1_000);
      const answered = await replyToHandover(s.db, org, 'user:ana', handover, 'Hola Beto, soy Ana. Ya reviso su cuenta.', new Date());
      assert.ok(answered.ok);
      const shown = Date.now();
      // the old page asked every 15 seconds: 4 s is well under that
      await log.locator('li.person').getByText('soy Ana').waitFor({ timeout: 4_000 });
      assert.ok(Date.now() - shown < 4_000);
    } finally {
      await context.close();
    }
  });

  it('shows in one tab the message written in another, and the person giving the chat back, pushed', async () => {
    const { c, token } = await debtor({ name: 'Dora Pestañas', email: 'dora.tabs@example.mx', phone: '+525598765434' }, 'CHAT-4', 150_000);
    const context = await s.browser.newContext({ locale: 'es-MX' });
    const one = await context.newPage();
    one.on('pageerror', (e) => { throw e; });
    try {
      const { log, handover } = await askForPerson(one, token, c.id);
      const withPerson = one.getByRole('status').getByText(/Una persona de .* le responderá aquí/);
      await withPerson.waitFor();
      const two = await context.newPage();
      two.on('pageerror', (e) => { throw e; });
      await two.goto(`${s.url}/p/${token}`);
      await two.getByRole('log', { name: /Conversación con/ }).locator('li.agent').last().waitFor();
      await one.waitForTimeout(1_000);
      // the other tab writes; a person has the chat, so no answer follows: only the stream can bring it to the first tab
      await two.getByLabel('Su mensaje').fill('le escribo desde la otra pestaña');
      await two.getByLabel('Su mensaje').press('Enter');
      await log.locator('li.debtor').getByText('desde la otra pestaña').waitFor({ timeout: 4_000 });
      const back = await handBack(s.db, org, 'user:ana', handover, null, new Date());
      assert.ok(back.ok);
      await withPerson.waitFor({ state: 'detached', timeout: 4_000 });
    } finally {
      await context.close();
    }
  });

  it('stops "the assistant will answer" at once when the waiting turn is left unanswered, pushed', async () => {
    const { c, token } = await debtor({ name: 'Elsa Espera', email: 'elsa.espera@example.mx', phone: '+525598765435' }, 'CHAT-5', 90_000);
    // an earlier SMS reply still waiting: the chat message's turn waits behind it, so the page shows the assistant typing
    const now = new Date(Date.now() - 60_000);
    await s.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
      VALUES ('in_browser_wait', $1, $2, 'sms', 'test', 'in_browser_wait', '+525598765435', 'ok', $3, $3)`, [org, c.id, now]);
    assert.ok(await queueAgentTurn(s.db, org, { inboundId: 'in_browser_wait', customerId: c.id, channel: 'sms' }, now));
    const context = await s.browser.newContext({ locale: 'es-MX' });
    const p = await context.newPage();
    p.on('pageerror', (e) => { throw e; });
    try {
      await p.goto(`${s.url}/p/${token}`);
      const log = p.getByRole('log', { name: /Conversación con/ });
      await log.getByText('Aún no hay mensajes').waitFor();
      const streamed = p.waitForResponse((r) => r.url().includes('/portal/api/chat/stream'));
      await p.getByLabel('Su mensaje').fill('¿cuánto debo?');
      await p.getByLabel('Su mensaje').press('Enter');
      await log.locator('li.debtor').getByText('¿cuánto debo?').waitFor();
      const typing = p.getByRole('status').getByText('El asistente le responderá en un momento.');
      await typing.waitFor();
      assert.equal((await streamed).status(), 200);
      await p.waitForTimeout(1_000);
      // the worker leaves the chat's turn unanswered: only the stream can tell the page (it asks no more while it is live)
      await s.db.query(`UPDATE agent_turns SET status = 'decided', action = 'nothing', decided_at = now() WHERE org_id = $1 AND customer_id = $2 AND status = 'pending'`, [org, c.id]);
      await typing.waitFor({ state: 'detached', timeout: 4_000 });
      assert.equal(await log.locator('li.agent').count(), 0, 'no answer was shown');
    } finally {
      await context.close();
    }
  });

  it('closes the stream when the second factor\'s session ends, and the page asks the second factor again', { timeout: 60_000 }, async () => {
    await setPortalSettings(s.db, org, 'test', { second_factor: 'postcode' }, new Date());
    const { c, token } = await debtor({ name: 'Carla Sesion', email: 'carla.sesion@example.mx', metadata: { postcode: '06700' } }, 'CHAT-3', 200_000);
    const context = await s.browser.newContext({ locale: 'es-MX' });
    const p = await context.newPage();
    p.on('pageerror', (e) => { throw e; });
    let streams = 0;
    p.on('request', (r) => { if (r.url().includes('/portal/api/chat/stream')) streams += 1; });
    try {
      await p.goto(`${s.url}/p/${token}`);
      await p.getByLabel('Su código postal').fill('06700');
      await p.getByRole('button', { name: 'Continuar' }).click();
      const log = p.getByRole('log', { name: /Conversación con/ });
      await log.getByText('Aún no hay mensajes').waitFor();
      // a chat with nothing in it holds no stream; the first message opens it
      await p.waitForTimeout(1_000);
      assert.equal(streams, 0, 'no stream while the chat is empty');
      const streamed = p.waitForResponse((r) => r.url().includes('/portal/api/chat/stream'));
      await p.getByLabel('Su mensaje').fill('quiero hablar con alguien');
      await p.getByLabel('Su mensaje').press('Enter');
      await log.locator('li.agent').last().waitFor();
      assert.equal((await streamed).status(), 200);
      // the session ends (idle past the org's window): the stream's next heartbeat (20 s) closes it, and the page asks again
      await s.db.query(`UPDATE portal_sessions SET expires_at = now() - interval '1 second' WHERE customer_id = $1`, [c.id]);
      await p.getByRole('heading', { name: 'Primero, confirme que es usted' }).waitFor({ timeout: 30_000 });
      assert.equal(await p.getByRole('log').count(), 0, 'the chat is gone with the session');
    } finally {
      await setPortalSettings(s.db, org, 'test', { second_factor: 'none' }, new Date());
      await context.close();
    }
  });
});
