// The two email API providers in Settings > Channels and credentials, in Chromium: an admin sets up mailgun (an api_key
// without its sending domain refused naming settings.domain, then domain, sender, region and keys saved) and sendgrid (a
// verification key that is no public key refused naming settings.webhook_public_key, then the sender, SendGrid's key,
// the event webhook's verification key, the Inbound Parse hostname and its policy's key saved); the API reads back the settings as typed and of each secret only its
// last characters, the page shows the secrets as set by their last characters and never the secrets, and setting either
// up again starts from the settings saved with every secret field empty.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn } from './support.ts';

interface Summary { provider: string; settings: Record<string, unknown>; hints: Record<string, string> }

const served = servedSignedIn(5);

const field = (name: string) => served.page.getByLabel(name, { exact: true });
const save = () => served.page.getByRole('button', { name: 'Save credentials' }).click();
const summaryOf = async (provider: string) => (await served.s.api<{ data: Summary[] }>('/v1/providers')).data.find((p) => p.provider === provider);
/** What GET /v1/providers answers, whole: no secret may be anywhere in it. */
const providersJson = async () => JSON.stringify(await served.s.api<unknown>('/v1/providers'));

/** Every secret field of the form is empty (a secret is never put back in the page). */
async function secretFieldsEmpty(names: string[]) {
  for (const name of names) assert.equal(await field(name).inputValue(), '', `${name} empty`);
}

describe('the email API providers\' settings in a browser', () => {
  // (in the suite: a hook at the top of the file would start before the signed-in page is there)
  before(async () => {
    const { page } = served;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Channels and credentials' }).click();
    await page.getByRole('heading', { name: 'Settings · Channels and credentials', level: 1 }).waitFor();
  });

  it('sets up mailgun: the sending domain is asked for with an api_key, then everything is saved and the secrets never shown', async () => {
    const { page } = served;
    const signing = 'mailgun-signing-key-5521';
    const apiKey = 'key-mailgun-browser-api-8804';
    await field('Provider').selectOption('mailgun');
    await page.getByRole('heading', { name: 'Credentials of mailgun' }).waitFor();
    assert.equal(await field('region').inputValue(), 'us', 'the API\'s own default region');
    await page.getByText('Email goes out through SendGrid when it is connected, else through Mailgun\'s API').waitFor();
    await field('from').fill('Demo Supplies <cobranza@mg.demo.example>');
    await field('webhook_signing_key').fill(signing);
    await field('api_key').fill(apiKey);
    await save();
    await page.getByRole('alert').filter({ hasText: 'settings.domain' }).waitFor();
    assert.equal(await summaryOf('mailgun'), undefined, 'nothing saved');

    await field('domain').fill('mg.demo.example');
    await field('region').fill('eu');
    // saving replaces every credential: the secrets are typed again
    await field('webhook_signing_key').fill(signing);
    await field('api_key').fill(apiKey);
    await save();
    await page.getByRole('status').filter({ hasText: 'The credentials of mailgun are saved.' }).waitFor();
    const secrets = page.getByTestId('secrets-mailgun');
    await secrets.locator('li', { hasText: 'webhook_signing_key' }).getByText('set (…5521)').waitFor();
    await secrets.locator('li', { hasText: 'api_key' }).filter({ hasNotText: 'webhook' }).getByText('set (…8804)').waitFor();
    await secrets.locator('li', { hasText: 'previous_webhook_signing_key' }).getByText('not set').waitFor();
    await secretFieldsEmpty(['webhook_signing_key', 'previous_webhook_signing_key', 'api_key']);

    const saved = await summaryOf('mailgun');
    assert.deepEqual(saved?.settings, { domain: 'mg.demo.example', from: 'Demo Supplies <cobranza@mg.demo.example>', region: 'eu' });
    assert.deepEqual(Object.keys(saved?.hints ?? {}).sort(), ['api_key', 'webhook_signing_key']);
    const json = await providersJson();
    assert.ok(!json.includes(signing) && !json.includes(apiKey), 'no secret read back through the API');
    const html = await page.content();
    assert.ok(!html.includes(signing) && !html.includes(apiKey), 'no secret on the page');
    // the list of providers shows the settings (in the order the database keeps them)
    const row = page.getByRole('row').filter({ has: secrets });
    await row.getByText('domain: mg.demo.example').waitFor();
    const listed = (await row.textContent()) ?? '';
    for (const part of ['Connected', 'from: Demo Supplies <cobranza@mg.demo.example>', 'region: eu']) assert.ok(listed.includes(part), `${part} in ${listed}`);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-mailgun.png'), fullPage: true });
  });

  it('sets up sendgrid with the event webhook\'s verification key and the Inbound Parse hostname, refusing a key that is not a public key', async () => {
    const { page } = served;
    const apiKey = 'SG.browserTestKey.abcdefghij0042';
    const ecKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const verification = ecKey();
    const parseKey = ecKey();
    await field('Provider').selectOption('sendgrid');
    await page.getByRole('heading', { name: 'Credentials of sendgrid' }).waitFor();
    assert.equal(await field('from').inputValue(), '', 'the form starts empty for a provider not connected yet');
    await field('from').fill('Demo Supplies <cobranza@demo.example>');
    await field('webhook_public_key').fill('not a public key');
    await field('api_key').fill(apiKey);
    await save();
    await page.getByRole('alert').filter({ hasText: 'settings.webhook_public_key' }).waitFor();
    assert.equal(await summaryOf('sendgrid'), undefined, 'nothing saved');

    await page.getByText('parse_hostname: the receiving domain whose MX points at SendGrid').waitFor();
    await field('webhook_public_key').fill(verification);
    await field('parse_hostname').fill('parse.demo.example');
    await field('parse_public_key').fill(parseKey);
    await field('api_key').fill(apiKey);
    await save();
    await page.getByRole('status').filter({ hasText: 'The credentials of sendgrid are saved.' }).waitFor();
    await page.getByTestId('secrets-sendgrid').locator('li', { hasText: 'api_key' }).getByText('set (…0042)').waitFor();
    await secretFieldsEmpty(['api_key']);

    const saved = await summaryOf('sendgrid');
    assert.deepEqual(saved?.settings, { from: 'Demo Supplies <cobranza@demo.example>', webhook_public_key: verification, parse_hostname: 'parse.demo.example',
      parse_public_key: parseKey }, 'the verification keys are public keys: settings, shown back');
    assert.deepEqual(Object.keys(saved?.hints ?? {}), ['api_key']);
    assert.ok(!(await providersJson()).includes(apiKey), 'the api_key is not read back through the API');
    assert.ok(!(await page.content()).includes(apiKey), 'the api_key is not on the page');
  });

  it('starts setting up either again from the settings saved, every secret field empty', async () => {
    const { page } = served;
    await page.getByRole('button', { name: 'Set up mailgun' }).click();
    await page.getByRole('heading', { name: 'Credentials of mailgun' }).waitFor();
    assert.deepEqual([await field('domain').inputValue(), await field('from').inputValue(), await field('region').inputValue()],
      ['mg.demo.example', 'Demo Supplies <cobranza@mg.demo.example>', 'eu']);
    await secretFieldsEmpty(['webhook_signing_key', 'previous_webhook_signing_key', 'api_key']);
    await page.getByRole('button', { name: 'Set up sendgrid' }).click();
    await page.getByRole('heading', { name: 'Credentials of sendgrid' }).waitFor();
    assert.equal(await field('from').inputValue(), 'Demo Supplies <cobranza@demo.example>');
    const sendgrid = (await summaryOf('sendgrid'))?.settings;
    assert.deepEqual([await field('webhook_public_key').inputValue(), await field('parse_hostname').inputValue(), await field('parse_public_key').inputValue()],
      [sendgrid?.['webhook_public_key'], 'parse.demo.example', sendgrid?.['parse_public_key']]);
    await secretFieldsEmpty(['api_key']);
  });
});
