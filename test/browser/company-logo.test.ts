// The company on statements in Chromium: an admin saves the address and tax id, a GIF is refused with the field named,
// a PNG uploads with its preview (the image loads at its own size) and the details, then is removed; a viewer sees the
// logo but no upload. The saved values are read back through the API. The debtor's portal shows the logo in its header,
// and asks for it only when the org has one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { createPortalLink } from '../../src/portal/index.ts';
import { aCustomer } from '../support/factories.ts';
import { GIF, png } from '../support/images.ts';
import { serve, type Served } from './support.ts';

let s: Served;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'cobro-logo-'));
const file = (name: string, data: Buffer) => { const p = join(dir, name); writeFileSync(p, data); return p; };

before(async () => {
  s = await serve(5);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await s?.close(); });

const openOrg = async (p: Page) => {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Organisation' }).click();
  await p.getByRole('heading', { name: 'Company on statements' }).waitFor();
};

describe('the company on statements in a browser', () => {
  it('saves the address and tax id, refuses a GIF, uploads a PNG with a preview and removes it', async () => {
    await openOrg(page);
    await page.getByLabel('Company address').fill('Av. Constitución 100, Monterrey');
    await page.getByLabel('Tax ID').fill('CNO010101AB1');
    await page.getByRole('region', { name: 'Company on statements' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'The company details are saved.' }).waitFor();
    const saved = await s.api<{ company_address: string; company_tax_id: string }>('/v1/compliance/settings');
    assert.deepEqual([saved.company_address, saved.company_tax_id], ['Av. Constitución 100, Monterrey', 'CNO010101AB1']);

    await page.getByText('No logo yet').waitFor();
    await page.getByLabel('Upload a logo (PNG or JPEG, at most 512 KB)').setInputFiles(file('logo.gif', GIF));
    await page.getByRole('alert').filter({ hasText: 'the logo must be a PNG or JPEG image' }).waitFor();
    await page.getByLabel('Upload a logo (PNG or JPEG, at most 512 KB)').setInputFiles(file('logo.png', png(300, 90)));
    await page.getByText('PNG, 300×90 pixels, 1 KB').waitFor();
    const img = page.getByRole('img', { name: 'The org\'s logo' });
    await img.waitFor();
    await page.waitForFunction(() => (document.querySelector('figure.logo-preview img') as HTMLImageElement | null)?.complete === true);
    assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 300);
    const logo = await s.api<{ width: number; height: number }>('/v1/org/logo');
    assert.deepEqual([logo.width, logo.height], [300, 90]);

    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await openOrg(viewer);
    await viewer.getByRole('img', { name: 'The org\'s logo' }).waitFor();
    assert.equal(await viewer.getByLabel(/Replace the logo/).count(), 0);
    await viewer.close();

    // the debtor's portal shows it in its header, beside the org's name
    const org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
    const c = await aCustomer(s.db, org, { name: 'Lucía Logo', email: 'lucia.logo@example.mx', country: 'MX', language: 'es' });
    const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
    assert.ok(link.ok);
    const portal = await s.newPage();
    const logoAsked: string[] = [];
    portal.on('request', (r) => { if (r.url().includes('/portal/api/logo')) logoAsked.push(r.url()); });
    await portal.goto(`${s.url}/p/${link.value.token}`);
    const header = portal.locator('header.top img.logo');
    await header.waitFor();
    assert.match(String(await header.getAttribute('src')), /^data:image\/png;base64,/);
    await portal.waitForFunction(() => (document.querySelector('header.top img.logo') as HTMLImageElement | null)?.naturalWidth === 300);
    assert.equal(logoAsked.length, 1, 'asked once, the org having one');
    await portal.close();

    await page.getByRole('button', { name: 'Remove the logo' }).click();
    await page.getByRole('status').filter({ hasText: 'The logo is removed.' }).waitFor();
    await page.getByText('No logo yet').waitFor();

    // without a logo the portal does not ask for one (the account says there is none): no request, no image
    const bare = await s.newPage();
    const asked: string[] = [];
    bare.on('request', (r) => { if (r.url().includes('/portal/api/')) asked.push(new URL(r.url()).pathname); });
    await bare.goto(`${s.url}/p/${link.value.token}`);
    await bare.locator('header.top p.org').filter({ hasText: /\S/ }).waitFor();
    await bare.waitForLoadState('networkidle');
    assert.ok(asked.includes('/portal/api/account'), JSON.stringify(asked));
    assert.ok(!asked.includes('/portal/api/logo'), JSON.stringify(asked));
    assert.equal(await bare.locator('header.top img').count(), 0);
    await bare.close();
  });
});
