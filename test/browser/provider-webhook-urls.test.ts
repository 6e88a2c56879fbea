// Settings > Channels and credentials in Chromium shows the webhook URLs to register at each provider (as GET
// /v1/providers gives them under COBRO_PUBLIC_URL), each copied by its button, in English and Spanish; and SendGrid's card
// lists its verification key with the deliveries it verified, as the rotating providers' secrets are listed.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn } from './support.ts';

interface Url { url: string; purpose: string }
interface Listing { webhook_urls: Record<string, Url[]> | null }

const PUBLIC = 'https://cobro.example.com';
const served = servedSignedIn(5, 'admin@test.cobro', { publicUrl: PUBLIC });
const field = (name: string) => served.page.getByLabel(name, { exact: true });
const urlsOf = async (provider: string) => (await served.s.api<Listing>('/v1/providers')).webhook_urls?.[provider] ?? [];
const shown = (provider: string) => served.page.getByRole('region', { name: `Webhook URLs of ${provider}` }).locator('li code').allTextContents();

describe('webhook URLs and SendGrid\'s key counts in Settings', () => {
  before(async () => {
    const { page } = served;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.s.url });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
    await page.getByRole('heading', { name: 'Settings · Channels and credentials', level: 1 }).waitFor();
  });

  it('shows each provider\'s URLs as the API gives them, and copies one', async () => {
    const { page } = served;
    for (const provider of ['twilio', 'mailgun', 'stripe', 'sendgrid']) {
      await field('Provider').selectOption(provider);
      const region = page.getByRole('region', { name: `Webhook URLs of ${provider}` });
      await region.locator('li').first().waitFor();
      const api = (await urlsOf(provider)).map((u) => u.url);
      assert.ok(api.length > 0 && api.every((u) => u.startsWith(`${PUBLIC}/webhooks/`)), provider);
      assert.deepEqual(await shown(provider), api, provider);
    }
    await field('Provider').selectOption('twilio');
    const incoming = (await urlsOf('twilio')).find((u) => u.purpose === 'twilio.incoming')!;
    const item = page.getByRole('region', { name: 'Webhook URLs of twilio' }).locator('li', { hasText: incoming.url });
    await item.getByText('Calls the debtor makes: the number\'s "A call comes in" (HTTP POST)').waitFor();
    await item.getByRole('button', { name: 'Copy the URL for twilio.incoming' }).click();
    await item.getByRole('button').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), incoming.url);
    await field('Provider').selectOption('webhook');
    await page.getByText('webhook sends nothing back to cobro: there is no webhook URL to register.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'settings-webhook-urls.png'), fullPage: true });
  });

  it('lists SendGrid\'s verification key with the deliveries it verified, with no form to rotate it there', async () => {
    const { page, s } = served;
    const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    await field('Provider').selectOption('sendgrid');
    await field('from').fill('Demo Supplies <cobranza@demo.example>');
    await field('webhook_public_key').fill(der);
    await field('api_key').fill('SG.browserUrls.abcdefghij0042');
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByRole('status').filter({ hasText: 'The credentials of sendgrid are saved.' }).waitFor();
    // two deliveries signed as SendGrid signs them, posted to the URL the page shows (on this server)
    const [events] = await urlsOf('sendgrid');
    for (let n = 1; n <= 2; n++) {
      const ts = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify([{ email: 'deudor@cliente.example', timestamp: Number(ts), event: 'delivered', sg_event_id: `sg-browser-${n}`, sg_message_id: `m${n}.filter` }]);
      const signature = sign('sha256', Buffer.from(ts + body), keys.privateKey).toString('base64');
      const r = await fetch(events!.url.replace(PUBLIC, s.url), { method: 'POST', body, headers: { 'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': ts } });
      assert.equal(r.status, 200, await r.text());
    }
    await field('Provider').selectOption('mailgun');
    await field('Provider').selectOption('sendgrid');
    const panel = page.getByRole('region', { name: 'Webhook signing secrets of sendgrid' });
    const hint = `…${der.replace(/=+$/, '').slice(-4)}`;
    const row = panel.getByTestId('webhook-secrets').getByRole('row').filter({ hasText: 'In force' }).filter({ hasText: hint });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    assert.equal(cells[5], '2', `two deliveries counted: ${cells.join(' | ')}`);
    await panel.getByText('SendGrid\'s verification keys are its settings webhook_public_key').waitFor();
    assert.equal(await panel.getByLabel('New signing secret').count(), 0, 'its keys are changed in the form, not added here');
    const api = await s.api<{ secrets: { hint: string; verified_count: number }[] }>('/v1/providers/sendgrid/webhook-secrets');
    assert.deepEqual(api.secrets.map((k) => [k.hint, k.verified_count]), [[hint, 2]]);
  });

  it('says them in Spanish', async () => {
    const { page } = served;
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    const region = page.getByRole('region', { name: 'URL de webhook de sendgrid' });
    await region.getByText('Eventos de entrega: el Event Webhook firmado (Settings > Mail Settings)').waitFor();
    await region.getByRole('button', { name: 'Copiar la URL de sendgrid.events' }).waitFor();
    await page.getByRole('region', { name: 'Secretos de firma de webhooks de sendgrid' })
      .getByText('Las claves de verificación de SendGrid son sus ajustes').waitFor();
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  });
});
