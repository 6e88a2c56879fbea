// The evidence page of a Stripe chargeback in Chromium (/disputes/{id}/evidence), against the fake Stripe on loopback: the
// deadline and what cobro fills in shown, the explanation written and a PDF added in a slot, the draft saved (the file
// listed as saved), then submitted to Stripe after the second click (submit=true with the file uploaded), the page then
// saying it was submitted and offering no form to change it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { seedStripeDispute } from '../support/stripe-dispute-seed.ts';
import { fakeStripe, type FakeStripe } from '../support/providers/stripe.ts';
import { withEvidence, type StripeEvidenceFake } from '../support/providers/stripe-evidence.ts';
import { ARTIFACTS, servedSignedIn } from './support.ts';

const served = servedSignedIn(5);
let stripe: FakeStripe;
let evidence: StripeEvidenceFake;
let dp = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

after(async () => { await stripe?.close(); });

describe('the evidence page of a Stripe dispute', () => {
  before(async () => {
    const { db } = served.s;
    const now = new Date();
    const [org] = await db.query<{ id: string }>('SELECT id FROM orgs');
    stripe = await fakeStripe({ secretKey: 'sk_test_evidence_web', webhookSecret: 'whsec_evidence_web', now: () => now });
    evidence = withEvidence(stripe);
    await stripe.connect(db, org!.id);
    dp = (await seedStripeDispute(db, stripe, org!.id, { name: 'Rosa Méndez', email: 'rosa@cliente.example' }, 120_00, now)).dp;
  });

  it('saves a draft with a file, submits it once, then shows it submitted', async () => {
    const { page, s } = served;
    await page.goto(`${s.url}/disputes/${dp}/evidence?provider=stripe`);
    await page.getByRole('heading', { name: `Evidence for dispute ${dp} at Stripe`, level: 1 }).waitFor();
    assert.match(await page.getByTestId('ev-due').innerText(), /Due at the gateway by .*reminder task due/);
    assert.match(await page.getByTestId('ev-auto').innerText(), /Rosa Méndez <rosa@cliente\.example>/);
    assert.equal(await page.getByLabel('Statement of account').inputValue(), 'receipt');

    await page.getByLabel('Your explanation').fill('The goods were delivered on 2 February; the customer signed for them.');
    await page.getByLabel('Slot').selectOption('shipping_documentation');
    await page.getByLabel('Add a PDF, PNG or JPEG').setInputFiles({ name: 'delivery-note.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('ev-files').getByText('not saved yet').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('ev-files').getByText('shipping_documentation: delivery-note.pdf').waitFor();
    assert.equal(await page.getByTestId('ev-files').getByText('not saved yet').count(), 0);
    const saved = await s.api<{ revision: number; text: Record<string, string>; files: { slot: string }[] }>(`/v1/disputes/${dp}/evidence`);
    assert.deepEqual([saved.revision, saved.text.explanation, saved.files.map((f) => f.slot)],
      [1, 'The goods were delivered on 2 February; the customer signed for them.', ['shipping_documentation']]);

    await page.getByRole('button', { name: 'Submit to Stripe…' }).click();
    await page.getByRole('button', { name: 'Submit to Stripe now: this cannot be undone' }).click();
    await page.getByTestId('ev-submitted').waitFor();
    assert.equal(await page.getByTestId('ev-status').innerText(), 'Submitted');
    assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0);
    const form = evidence.updates.at(-1)!.form;
    assert.equal(form.submit, 'true');
    assert.equal(evidence.files.get(form['evidence[shipping_documentation]']!)?.filename, 'delivery-note.pdf');
    assert.match(form['evidence[uncategorized_text]']!, /signed for them/);
    await page.screenshot({ path: join(ARTIFACTS, 'dispute-evidence.png'), fullPage: true });
  });
});
