// Recording and revoking a consent from the case view's contact panel in Chromium: a consent to automated calls on the
// voice row (its number prefilled, where it came from required) reaches the API as POST /v1/customers/{id}/consents
// would record it, a Revoke on it ends it, and a viewer sees the consents without either button.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn, squash } from './support.ts';

const served = servedSignedIn(8);
const SOURCE = 'given on the phone 2026-12-06 by agent Ana';

interface ConsentRow { id: string; kind: string; channel: string | null; address: string | null; source: string; revoked_at: string | null }

describe('consents in the case view', () => {
  it('records a consent to automated calls on the voice row and revokes it; a viewer only reads them', async () => {
    const { s, page } = served;
    await fetch(`${s.url}/v1/ticks`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: '{}' });
    const cases = await s.api<{ data: { customer_id: string }[] }>('/v1/cases?status=open');
    const customers = await Promise.all(cases.data.map((c) => s.api<{ id: string; phone: string | null }>(`/v1/customers/${c.customer_id}`)));
    const customer = customers.find((c) => c.phone);
    assert.ok(customer, 'a case whose customer has a phone');
    const consents = async () => (await s.api<{ data: ConsentRow[] }>(`/v1/customers/${customer.id}/consents`)).data;
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
    assert.match(squash(await voice.textContent()), /none recorded/);
    await page.locator('section li.struck', { hasText: SOURCE }).waitFor();
    const revoked = (await consents()).find((c) => c.id === recorded[0]?.id);
    assert.ok(revoked?.revoked_at, 'revoked through the API');
  });
});
