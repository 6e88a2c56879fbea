// The debtor in Chromium cancelling their promise from the portal (asked first, and able to keep it), in Brazilian
// Portuguese: the promise leaves the account, the case goes back to its reminders, and the history shows it cancelled by
// them on their day, with the money and date written the Brazilian way; and the receipt they sent with a dispute, downloaded
// again from the history (fetched with the link's token, which a plain link could not send) under its own name, byte for byte;
// and, in Spanish, a history longer than a page: the 50 newest promises, then "Ver más promesas" adds the older ones in order.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { createPromise, openDispute } from '../../src/payments/index.ts';
import { createPortalLink } from '../../src/portal/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

const ZONE = 'America/Sao_Paulo';
let s: Served;
let org: string;
let page: Page | undefined;
before(async () => {
  s = await serve(3);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
});
after(async () => {
  await page?.context().close();
  await s?.close();
});

const brDay = (ymd: string) => new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
const brMoney = (minor: number) => squash(new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(minor / 100));

describe('cancelling a promise in the portal', () => {
  it('asks first, cancels it, and shows it in the history in the debtor\'s words', async () => {
    const today = dateInZone(new Date(), ZONE);
    const c = await aCustomer(s.db, org, { name: 'João Histórico', email: 'joao@example.com.br', phone: '+5511912345678', country: 'BR', timezone: ZONE,
      language: 'pt-BR' });
    await anInvoice(s.db, org, { customer_id: c.id, number: 'HIST-1', currency: 'BRL', amount: 345_678, issue_date: addDays(today, -40), due_date: addDays(today, -10) });
    const due = addDays(today, 6);
    const promised = await createPromise(s.db, org, 'user:test', { customerId: c.id, amount: 345_678, currency: 'BRL', dueDate: due, source: 'collector' }, new Date());
    assert.ok(promised.ok);
    const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
    assert.ok(link.ok);

    const context = await s.browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (e) => { throw e; });
    await page.goto(`${s.url}/p/${link.value.token}`);
    await page.getByRole('heading', { level: 1, name: 'Olá, João Histórico' }).waitFor();
    await page.getByTestId('arrangements').getByText('Você prometeu pagar').waitFor();

    await page.getByRole('button', { name: 'Cancelar minha promessa ou meu parcelamento' }).click();
    await page.getByRole('button', { name: 'Cancelar minha promessa', exact: true }).click();
    const question = page.getByRole('group');
    assert.equal(squash(await question.locator('p').first().textContent()),
      `Cancelar sua promessa de pagar ${brMoney(345_678)} até ${brDay(due)}? Browser Test voltará a enviar lembretes.`);
    await page.getByRole('button', { name: 'Não, manter' }).click();
    assert.equal((await s.api<{ data: { status: string }[] }>(`/v1/promises?customer_id=${c.id}`)).data[0]?.status, 'pending', 'kept when they say no');

    await page.getByRole('button', { name: 'Cancelar minha promessa', exact: true }).click();
    await page.getByRole('button', { name: 'Sim, cancelar' }).click();
    const confirmed = page.getByRole('status').filter({ hasText: 'Sua promessa foi cancelada.' });
    await confirmed.waitFor();
    assert.equal(squash(await confirmed.textContent()),
      'Sua promessa foi cancelada. Browser Test voltará a enviar lembretes. Você pode vê-la em “Seu histórico”.', 'the page confirms it and says what follows');
    await page.getByTestId('arrangements').waitFor({ state: 'detached' });
    const promises = await s.api<{ data: { status: string; cancelled_by: string }[] }>(`/v1/promises?customer_id=${c.id}`);
    assert.deepEqual(promises.data.map((p) => [p.status, p.cancelled_by]), [['cancelled', `portal:${link.value.link.id}`]]);
    const story = await s.api<{ stop_code: string | null; timeline: { kind: string }[] }>(`/v1/cases/${c.id}`);
    assert.equal(story.stop_code, null, 'the case is back with its strategy');
    assert.ok(story.timeline.some((e) => e.kind === 'promise_cancelled'));

    await page.getByRole('button', { name: 'Seu histórico' }).click();
    const history = page.getByTestId('history');
    await history.waitFor();
    assert.equal(squash(await history.locator('h4').first().textContent()), 'Promessas');
    const entry = squash(await history.locator('[data-history="cancelled"]').textContent());
    assert.equal(entry, `${brMoney(345_678)} até ${brDay(due)}, prometido em ${brDay(today)}Você a cancelou em ${brDay(today)}.`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-history.png'), fullPage: true });
  });
});

describe('the file sent with a dispute, in the history', () => {
  it('downloads again under its own name, the same bytes', async () => {
    const today = dateInZone(new Date(), ZONE);
    const c = await aCustomer(s.db, org, { name: 'Maria Arquivo', email: 'maria@example.com.br', country: 'BR', timezone: ZONE, language: 'pt-BR' });
    const inv = await anInvoice(s.db, org, { customer_id: c.id, number: 'ARQ-1', currency: 'BRL', amount: 125_000, issue_date: addDays(today, -40),
      due_date: addDays(today, -10) });
    const receipt = Buffer.from('%PDF-1.4\ncomprovante de pagamento\n%%EOF\n');
    const name = 'comprovante março 2026.pdf';
    const opened = await openDispute(s.db, org, 'portal:test', { customerId: c.id, invoiceIds: [inv.id], reason: 'already_paid', source: 'portal',
      attachment: { filename: name, contentType: 'application/pdf', data: receipt } }, new Date());
    assert.ok(opened.ok);
    const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
    assert.ok(link.ok);

    const context = await s.browser.newContext({ locale: 'pt-BR', acceptDownloads: true });
    try {
      const tab = await context.newPage();
      tab.on('pageerror', (e) => { throw e; });
      await tab.goto(`${s.url}/p/${link.value.token}`);
      await tab.getByRole('heading', { level: 1, name: 'Olá, Maria Arquivo' }).waitFor();
      await tab.getByRole('button', { name: 'Seu histórico' }).click();
      const history = tab.getByTestId('history');
      await history.getByText(`Arquivo que você enviou: ${name}`).waitFor();
      const [file] = await Promise.all([tab.waitForEvent('download'), history.getByRole('button', { name: `Baixar ${name} novamente` }).click()]);
      assert.equal(file.suggestedFilename(), name);
      assert.ok((await readFile((await file.path())!)).equals(receipt));
      assert.equal(await history.getByRole('alert').count(), 0);
    } finally {
      await context.close();
    }
  });
});

const MX_ZONE = 'America/Mexico_City';
const esMoney = (minor: number) => squash(new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' }).format(minor / 100));

describe('the portal history past its first page', () => {
  it('shows the older promises below the newest when the debtor asks for more', async () => {
    const today = dateInZone(new Date(), MX_ZONE);
    const c = await aCustomer(s.db, org, { name: 'Lucía Páginas', email: 'lucia@example.mx', country: 'MX', timezone: MX_ZONE, language: 'es' });
    await anInvoice(s.db, org, { customer_id: c.id, number: 'PAG-1', currency: 'MXN', amount: 500_000, issue_date: addDays(today, -90), due_date: addDays(today, -30) });
    // 57 broken promises, the i-th made i days ago, for 1,000 + i pesos: the amount tells each one's place
    await s.db.query(
      `INSERT INTO promises (id, org_id, customer_id, kind, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at, evaluated_at)
       SELECT 'prm_page' || lpad(i::text, 4, '0'), $1, $2, 'promise', (1000 + i) * 100, 'MXN', $3::date - i, $3::date - i + 3, 0, 'portal', 'test', 'broken', 0,
         now() - make_interval(days => i), now() - make_interval(days => i) + interval '4 days'
       FROM generate_series(1, 57) AS i`, [org, c.id, today]);
    const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
    assert.ok(link.ok);

    // on a desktop screen this time (the other portal tests use a phone)
    const tab = await (await s.browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } })).newPage();
    tab.on('pageerror', (e) => { throw e; });
    try {
      await tab.goto(`${s.url}/p/${link.value.token}`);
      await tab.getByRole('heading', { level: 1, name: 'Hola, Lucía Páginas' }).waitFor();
      await tab.getByRole('button', { name: 'Su historial' }).click();
      const history = tab.getByTestId('history');
      await history.waitFor();
      const rows = history.locator('[data-history="broken"]');
      assert.equal(await rows.count(), 50);
      assert.ok(squash(await rows.first().textContent()).startsWith(esMoney(100_100)), 'the newest first');
      assert.ok(squash(await rows.nth(49).textContent()).startsWith(esMoney(105_000)));

      await history.getByRole('button', { name: 'Ver más promesas' }).click();
      await rows.nth(56).waitFor();
      assert.equal(await rows.count(), 57);
      const amounts = (await rows.allTextContents()).map((t) => squash(t));
      assert.deepEqual(amounts.map((t, i) => t.startsWith(esMoney((1001 + i) * 100))), Array(57).fill(true), 'every promise once, in order');
      assert.equal(await history.getByRole('button', { name: 'Ver más promesas' }).count(), 0, 'nothing older is left');
      assert.equal(await history.getByRole('alert').count(), 0);
    } finally {
      await tab.context().close();
    }
  });
});
