// Recording and revoking a consent from the case view's contact panel in Chromium: a consent to automated calls on the
// voice row (its number prefilled, where it came from required) reaches the API as POST /v1/customers/{id}/consents
// would record it, a Revoke on it ends it, and a viewer sees the consents without either button; a consent naming no
// channel shows on the rows it fits and is revoked from a row of its own, where a writer records one too (any kind the
// API takes, the number optional); the same record and revoke in Spanish.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn, squash } from './support.ts';

const served = servedSignedIn(8);
const SOURCE = 'given on the phone 2026-12-06 by agent Ana';

interface ConsentRow { id: string; kind: string; channel: string | null; address: string | null; source: string; revoked_at: string | null }

const post = (path: string, body: object) => fetch(`${served.s.url}${path}`,
  { method: 'POST', headers: { authorization: `Bearer ${served.s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A customer with an open case and a phone, and a reader of their consents through the API. */
async function aCustomerWithAPhone() {
  const { s } = served;
  await post('/v1/ticks', {});
  const cases = await s.api<{ data: { customer_id: string }[] }>('/v1/cases?status=open');
  const customers = await Promise.all(cases.data.map((c) => s.api<{ id: string; phone: string | null }>(`/v1/customers/${c.customer_id}`)));
  const customer = customers.find((c) => c.phone);
  assert.ok(customer, 'a case whose customer has a phone');
  const consents = async () => (await s.api<{ data: ConsentRow[] }>(`/v1/customers/${customer.id}/consents`)).data;
  return { customer, consents };
}

describe('consents in the case view', () => {
  it('records a consent to automated calls on the voice row and revokes it; a viewer only reads them', async () => {
    const { s, page } = served;
    const { customer, consents } = await aCustomerWithAPhone();
    const before = (await consents()).length;

    await page.goto(`${s.url}/cases/${customer.id}`);
    const voice = page.locator('[data-testid="contact-channels"] tr[data-channel="voice"]');
    assert.match(squash(await voice.textContent()), /none recorded/);
    await page.getByRole('button', { name: 'Record a consent on Voice' }).click();
    const form = page.getByTestId('record-consent');
    assert.deepEqual(await form.getByLabel('Kind of consent').locator('option').allTextContents(), ['automated calls', 'consent to contact']);
    assert.equal(await form.getByLabel('Address').inputValue(), customer.phone, 'the number prefilled');
    const submit = form.getByRole('button', { name: 'Record the consent' });
    assert.equal(await submit.isDisabled(), true, 'no consent without where it came from');
    await form.getByLabel('Where it came from').fill(SOURCE);
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
    await voice.getByText('automated calls').waitFor();
    const law = page.locator('section', { has: page.getByRole('heading', { name: 'Consents and opt-outs' }) }).locator('li', { hasText: SOURCE });
    await law.waitFor(); // the panel beside it reads the consents again
    const recorded = (await consents()).slice(before);
    assert.deepEqual(recorded.map((c) => [c.kind, c.channel, c.address, c.source, c.revoked_at]), [['automated_calls', 'voice', customer.phone, SOURCE, null]]);
    await page.screenshot({ path: join(ARTIFACTS, 'case-consent-recorded.png'), fullPage: true });

    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/cases/${customer.id}`);
    const seen = viewer.locator('[data-testid="contact-channels"] tr[data-channel="voice"]');
    await seen.getByText('automated calls').waitFor();
    assert.equal(await viewer.getByRole('button', { name: /^(Record|Revoke) / }).count(), 0, 'a viewer has no buttons');
    await viewer.context().close();

    await page.getByRole('button', { name: 'Revoke the consent to automated calls on Voice' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent revoked: automated calls.' }).waitFor();
    await voice.getByText('none recorded').waitFor(); // the table reads the consents again after the status shows
    assert.doesNotMatch(squash(await voice.textContent()), /automated calls/, 'the revoked consent gone from the row');
    await page.locator('section li.struck', { hasText: SOURCE }).waitFor();
    const revoked = (await consents()).find((c) => c.id === recorded[0]?.id);
    assert.ok(revoked?.revoked_at, 'revoked through the API');
  });
  it('shows a consent naming no channel on the rows it fits and revokes it from the every-channel row', async () => {
    const { page } = served;
    const { customer, consents } = await aCustomerWithAPhone();
    const given = await post(`/v1/customers/${customer.id}/consents`, { kind: 'automated_calls', address: customer.phone, source: 'IVR keypress 2026-12-06' });
    const body = (await given.json()) as { id: string };
    assert.equal(given.status, 201, JSON.stringify(body));
    const id = body.id;
    assert.equal((await consents()).find((c) => c.id === id)?.channel, null, 'recorded without a channel');

    await page.goto(`${served.s.url}/cases/${customer.id}`);
    const table = page.locator('[data-testid="contact-channels"]');
    const every = table.locator('tr[data-channel="any"]');
    // a writer has the row before the consents are read: wait for the one recorded above, not just the row
    await every.locator('[data-consent="automated_calls"]').waitFor();
    assert.equal(squash(await every.locator('th').textContent()), 'Every channel');
    assert.match(squash(await every.locator('td').nth(1).textContent()), new RegExp(`^automated calls · \\${customer.phone}RevokeRecord consent$`));
    assert.match(squash(await table.locator('tr[data-channel="voice"]').textContent()), /automated calls \(every channel\)/, 'on the row it fits');
    assert.doesNotMatch(squash(await table.locator('tr[data-channel="voice"]').textContent()), /none recorded/);
    assert.doesNotMatch(squash(await table.locator('tr[data-channel="email"]').textContent()), /automated calls/, 'not on a row it does not fit');
    assert.equal(await table.locator('tr[data-channel="voice"]').getByRole('button', { name: /^Revoke/ }).count(), 0, 'revoked from its own row only');

    await page.getByRole('button', { name: 'Revoke the consent to automated calls on every channel' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent revoked: automated calls.' }).waitFor();
    await every.getByText('none recorded').waitFor(); // the row stays for a writer, to record one
    assert.match(squash(await table.locator('tr[data-channel="voice"]').textContent()), /none recorded/);
    assert.ok((await consents()).find((c) => c.id === id)?.revoked_at, 'revoked through the API');
  });

  it('records a consent naming no channel from its own row, with the number it names and where it came from', async () => {
    const { page } = served;
    const { customer, consents } = await aCustomerWithAPhone();
    const before = (await consents()).length;
    await page.goto(`${served.s.url}/cases/${customer.id}`);
    const table = page.locator('[data-testid="contact-channels"]');
    const every = table.locator('tr[data-channel="any"]');
    assert.match(squash(await every.textContent()), /^Every channel—none recordedRecord consent$/);
    await page.getByRole('button', { name: 'Record a consent on every channel' }).click();
    const form = page.getByTestId('record-consent');
    await form.getByRole('heading', { name: 'Record a consent on every channel' }).waitFor();
    assert.deepEqual(await form.getByLabel('Kind of consent').locator('option').allTextContents(),
      ['consent to contact', 'automated calls', 'WhatsApp opt-in', 'employer email'], 'every kind the API takes');
    const address = form.getByLabel('Address');
    assert.equal(await address.inputValue(), '', 'nothing prefilled: no channel\'s address is the one');
    assert.match(squash(await form.locator('#consent-address-hint').textContent()), /limits it to that one; left empty, it covers every one/);
    await form.getByLabel('Kind of consent').selectOption({ label: 'WhatsApp opt-in' });
    await address.fill(customer.phone!);
    const submit = form.getByRole('button', { name: 'Record the consent' });
    assert.equal(await submit.isDisabled(), true, 'no consent without where it came from');
    await form.getByLabel('Where it came from').fill('opted in on the web form 2026-12-06');
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
    await every.getByText(`WhatsApp opt-in · ${customer.phone}`).waitFor();
    assert.match(squash(await table.locator('tr[data-channel="whatsapp"]').textContent()), /WhatsApp opt-in \(every channel\)/, 'on the row it fits');
    assert.doesNotMatch(squash(await table.locator('tr[data-channel="voice"]').textContent()), /WhatsApp/, 'not on a row it does not fit');
    const recorded = (await consents()).slice(before);
    assert.deepEqual(recorded.map((c) => [c.kind, c.channel, c.address, c.source, c.revoked_at]),
      [['whatsapp_opt_in', null, customer.phone, 'opted in on the web form 2026-12-06', null]], 'read back through the API');

    await page.getByRole('button', { name: 'Revoke the consent to WhatsApp opt-in on every channel' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent revoked: WhatsApp opt-in.' }).waitFor();
    await every.getByText('none recorded').waitFor();
    assert.ok((await consents()).find((c) => c.id === recorded[0]?.id)?.revoked_at, 'revoked through the API');
  });

  it('records and revokes a consent in Spanish', async () => {
    const { page } = served;
    const { customer, consents } = await aCustomerWithAPhone();
    const before = (await consents()).length;
    await page.goto(`${served.s.url}/cases/${customer.id}`);
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    try {
      const voice = page.locator('[data-testid="contact-channels"] tr[data-channel="voice"]');
      await voice.getByText('ninguno registrado').waitFor();
      await page.getByRole('button', { name: 'Registrar un consentimiento en todos los canales' }).waitFor();
      await page.getByRole('button', { name: 'Registrar un consentimiento en Voz' }).click();
      const form = page.getByTestId('record-consent');
      assert.deepEqual(await form.getByLabel('Tipo de consentimiento').locator('option').allTextContents(), ['llamadas automáticas', 'consentimiento de contacto']);
      assert.equal(await form.getByLabel('Dirección').inputValue(), customer.phone, 'the number prefilled');
      await form.getByLabel('De dónde proviene').fill('dado por teléfono el 2026-12-06');
      await form.getByRole('button', { name: 'Registrar el consentimiento' }).click();
      await page.getByRole('status').filter({ hasText: 'Consentimiento registrado.' }).waitFor();
      await voice.locator('[data-consent="automated_calls"]:not([data-every-channel])').getByText('llamadas automáticas').waitFor();
      const recorded = (await consents()).slice(before);
      assert.deepEqual(recorded.map((c) => [c.kind, c.channel, c.source]), [['automated_calls', 'voice', 'dado por teléfono el 2026-12-06']]);
      await page.screenshot({ path: join(ARTIFACTS, 'case-consent-recorded-es.png'), fullPage: true });
      await page.getByRole('button', { name: 'Revocar el consentimiento a llamadas automáticas en Voz' }).click();
      await page.getByRole('status').filter({ hasText: 'Consentimiento revocado: llamadas automáticas.' }).waitFor();
      await voice.getByText('ninguno registrado').waitFor();
      assert.ok((await consents()).find((c) => c.id === recorded[0]?.id)?.revoked_at, 'revoked through the API');
    } finally {
      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    }
  });
});
