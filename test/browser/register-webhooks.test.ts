// Settings > Channels and credentials in Chromium: a connected Stripe's card has "Register webhooks"; pressed, cobro makes
// the webhook endpoint at Stripe (a loopback fake checking the key, path and form) and shows it registered; pressed again,
// nothing changes and the page says so; a refusal shows Stripe's words; in Spanish too. SendGrid's card has it too: its
// signed Event Webhook made, and the verification key SendGrid gave in force in its keys panel.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn } from './support.ts';
import { fakeStripeEndpoints, type FakeStripeEndpoints } from '../support/providers/webhook-setup-stripe.ts';
import { fakeSendGridWebhooks, type FakeSendGridWebhooks } from '../support/providers/webhook-setup-sendgrid.ts';

const PUBLIC = 'https://cobro.example.com';
const served = servedSignedIn(5, 'admin@test.cobro', { publicUrl: PUBLIC });
const field = (name: string) => served.page.getByLabel(name, { exact: true });

describe('Register webhooks on a provider\'s card', () => {
  let stripe: FakeStripeEndpoints;
  let sendgrid: FakeSendGridWebhooks;
  before(async () => {
    stripe = await fakeStripeEndpoints({ secretKey: 'sk_test_browserreg01' });
    sendgrid = await fakeSendGridWebhooks({ apiKey: 'SG.browser-reg1.abcdefghijklmnop' });
    const { page } = served;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
    await page.getByRole('heading', { name: 'Settings · Channels and credentials', level: 1 }).waitFor();
  });
  after(async () => { await stripe.close(); await sendgrid.close(); });

  const card = () => served.page.getByRole('region', { name: 'Webhook URLs of stripe' });
  const connect = async (key: string) => {
    const { page } = served;
    await field('Provider').selectOption('stripe');
    await field('api_base').fill(stripe.url);
    await field('secret_key').fill(key);
    await field('webhook_secret').fill('whsec_typedbyhand');
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByRole('status').filter({ hasText: 'The credentials of stripe are saved.' }).waitFor();
  };

  it('is not offered before the provider is connected', async () => {
    await field('Provider').selectOption('stripe');
    await card().locator('li').first().waitFor();
    assert.equal(await card().getByRole('button', { name: 'Register webhooks' }).count(), 0);
  });

  it('registers the endpoint at Stripe, then finds it already there', async () => {
    await connect('sk_test_browserreg01');
    await card().getByRole('button', { name: 'Register webhooks' }).click();
    const result = card().getByRole('status', { name: 'Result at stripe' });
    await result.getByText('Registered at stripe.').waitFor();
    const org = (await served.s.api<{ webhook_urls: Record<string, { url: string }[]> }>('/v1/providers')).webhook_urls!['stripe']![0]!.url;
    assert.equal(stripe.endpoints.length, 1);
    assert.equal(stripe.endpoints[0]!.url, org);
    await result.locator('li[data-outcome="registered"]').filter({ hasText: `endpoint ${org}` }).filter({ hasText: stripe.endpoints[0]!.id }).waitFor();
    // the signing secret Stripe gave is the one in force, shown by its last four in the secrets panel at once
    const hint = `…${stripe.endpoints[0]!.secret.slice(-4)}`;
    await served.page.getByRole('region', { name: 'Webhook signing secrets of stripe' }).getByRole('row').filter({ hasText: 'In force' }).filter({ hasText: hint }).waitFor();
    await served.page.screenshot({ path: join(ARTIFACTS, 'settings-register-webhooks.png'), fullPage: true });
    await card().getByRole('button', { name: 'Register webhooks' }).click();
    await result.getByText('Already registered at stripe: nothing changed.').waitFor();
    await result.locator('li[data-outcome="unchanged"]').waitFor();
    assert.equal(stripe.endpoints.length, 1, 'not made twice');
  });

  it('shows Stripe\'s refusal, and says it in Spanish', async () => {
    const { page } = served;
    await connect('sk_test_notthekey0001');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    const region = page.getByRole('region', { name: 'URL de webhook de stripe' });
    await region.getByRole('button', { name: 'Registrar webhooks' }).click();
    const result = region.getByRole('status', { name: 'Resultado en stripe' });
    await result.getByText('stripe rechazó una parte: vea abajo.').waitFor();
    await result.locator('li[data-outcome="failed"]').getByText('Stripe 401: Invalid API Key provided').waitFor();
    await result.getByText('Falló').waitFor();
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  });

  it('registers SendGrid\'s signed Event Webhook, and its verification key is the one in force', async () => {
    const { page } = served;
    await field('Provider').selectOption('sendgrid');
    await field('from').fill('cobranza@luna.example');
    await field('api_base').fill(sendgrid.url);
    await field('api_key').fill('SG.browser-reg1.abcdefghijklmnop');
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByRole('status').filter({ hasText: 'The credentials of sendgrid are saved.' }).waitFor();
    const region = page.getByRole('region', { name: 'Webhook URLs of sendgrid' });
    await region.getByRole('button', { name: 'Register webhooks' }).click();
    const result = region.getByRole('status', { name: 'Result at sendgrid' });
    await result.getByText('Registered at sendgrid.').waitFor();
    assert.equal(sendgrid.webhooks.length, 1);
    await result.locator('li[data-outcome="registered"]').filter({ hasText: 'verification key' }).waitFor();
    const hint = `…${sendgrid.webhooks[0]!.public_key!.replace(/=+$/, '').slice(-4)}`;
    await page.getByRole('region', { name: 'Webhook signing secrets of sendgrid' }).getByRole('row').filter({ hasText: hint }).waitFor();
  });
});
