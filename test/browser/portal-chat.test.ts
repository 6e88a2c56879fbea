// The portal chat in Chromium on a phone: the debtor types to the agent in Spanish and sends with Enter, reads its answer
// (introduced as the automated assistant) in the conversation log, and sees the promise it recorded on the portal page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { setAgentSettings } from '../../src/agent/index.ts';
import { createPortalLink } from '../../src/portal/index.ts';
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

describe('the portal chat in a browser', () => {
  it('answers a typed promise in Spanish and shows the promise on the portal', async () => {
    const today = dateInZone(new Date(), ZONE);
    const c = await aCustomer(s.db, org, { name: 'Rosa Chat', email: 'rosa.chat@example.mx', phone: '+525598765432', country: 'MX', timezone: ZONE, language: 'es' });
    await anInvoice(s.db, org, { customer_id: c.id, number: 'CHAT-1', currency: 'MXN', amount: 1_250_000, issue_date: addDays(today, -40), due_date: addDays(today, -10) });
    const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
    assert.ok(link.ok);
    const context = await s.browser.newContext({ locale: 'es-MX', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (e) => { throw e; });
    await page.goto(`${s.url}/p/${link.value.token}`);
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
});
