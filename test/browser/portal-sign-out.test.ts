// The debtor's own sign-out in Chromium, in Spanish: after the second factor the page offers "Cerrar sesión"; signing out
// shows the second factor's screen again, the session cookie is gone and a reload still asks it, and the link keeps
// working (the right answer opens the account again). A portal asking no second factor offers no sign-out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { createPortalLink, setPortalSettings } from '../../src/portal/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { serve, type Served } from './support.ts';

const ZONE = 'America/Mexico_City';
let s: Served;
let org: string;
before(async () => {
  s = await serve(3);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
});
after(async () => { await s?.close(); });

async function debtor(name: string, number: string) {
  const today = dateInZone(new Date(), ZONE);
  const c = await aCustomer(s.db, org, { name, email: `${number.toLowerCase()}@example.mx`, country: 'MX', timezone: ZONE, language: 'es', metadata: { postcode: '06700' } });
  await anInvoice(s.db, org, { customer_id: c.id, number, currency: 'MXN', amount: 150_000, issue_date: addDays(today, -40), due_date: addDays(today, -10) });
  const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
  assert.ok(link.ok);
  return { c, token: link.value.token };
}

describe('signing out of the portal', () => {
  it('asks the second factor again after "Cerrar sesión", and the link still opens the account', { timeout: 60_000 }, async () => {
    await setPortalSettings(s.db, org, 'test', { second_factor: 'postcode' }, new Date());
    const { c, token } = await debtor('Lucía Salida', 'OUT-1');
    const context = await s.browser.newContext({ locale: 'es-MX' });
    const p = await context.newPage();
    p.on('pageerror', (e) => { throw e; });
    try {
      await p.goto(`${s.url}/p/${token}`);
      const verify = async () => {
        await p.getByLabel('Su código postal').fill('06700');
        await p.getByRole('button', { name: 'Continuar' }).click();
        await p.getByRole('heading', { name: 'Hola, Lucía Salida' }).waitFor();
      };
      await verify();
      assert.equal((await context.cookies()).filter((k) => k.name === 'cobro_portal').length, 1);
      await p.getByRole('button', { name: 'Cerrar sesión' }).click();
      await p.getByRole('heading', { name: 'Primero, confirme que es usted' }).waitFor();
      await p.getByText('Cerró la sesión.').waitFor();
      assert.equal(await p.getByRole('heading', { name: 'Hola, Lucía Salida' }).count(), 0, 'nothing of the account is left on the page');
      assert.equal(await p.getByRole('button', { name: 'Cerrar sesión' }).count(), 0);
      assert.equal((await context.cookies()).filter((k) => k.name === 'cobro_portal').length, 0, 'the cookie is cleared');
      const ended = await s.db.query(`SELECT 1 FROM portal_sessions WHERE customer_id = $1 AND expires_at > now()`, [c.id]);
      assert.equal(ended.length, 0, 'the session ended on the server');
      await p.reload();
      await p.getByRole('heading', { name: 'Primero, confirme que es usted' }).waitFor();
      // signing out is not withdrawing the link
      await verify();
      await p.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
    } finally {
      await setPortalSettings(s.db, org, 'test', { second_factor: 'none' }, new Date());
      await context.close();
    }
  });

  it('offers no sign-out where the org asks no second factor', { timeout: 30_000 }, async () => {
    const { token } = await debtor('Mario Abierto', 'OUT-2');
    const context = await s.browser.newContext({ locale: 'es-MX' });
    const p = await context.newPage();
    p.on('pageerror', (e) => { throw e; });
    try {
      await p.goto(`${s.url}/p/${token}`);
      await p.getByRole('heading', { name: 'Hola, Mario Abierto' }).waitFor();
      assert.equal(await p.getByRole('button', { name: 'Cerrar sesión' }).count(), 0);
    } finally {
      await context.close();
    }
  });
});
