// The evidence page of a Stripe chargeback in Chromium (/disputes/{id}/evidence), against the fake Stripe on loopback: the
// deadline and what cobro fills in shown, the explanation written and a PDF added in a slot, the draft saved (the file
// listed as saved), then submitted to Stripe after the second click (submit=true with the file uploaded), the page then
// saying it was submitted and offering no form to change it. A PayPal dispute's case timeline entry offers "Answer with
// evidence", which opens its page at PayPal with PayPal's evidence types as the slots; there a manager may instead accept
// the claim with a note, after a second click (sent to the fake PayPal's accept-claim), the page then saying so.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { seedStripeDispute } from '../support/stripe-dispute-seed.ts';
import { fakeStripe, type FakeStripe } from '../support/providers/stripe.ts';
import { fakePayPal, type FakePayPal } from '../support/providers/paypal.ts';
import { withEvidence, type StripeEvidenceFake } from '../support/providers/stripe-evidence.ts';
import { ARTIFACTS, servedSignedIn } from './support.ts';
import { addCaseEvent } from '../../src/engine/index.ts';
import { createPaymentLink } from '../../src/payments/index.ts';

const served = servedSignedIn(5);
let stripe: FakeStripe;
let evidence: StripeEvidenceFake;
let dp = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let paypal: FakePayPal | undefined;
after(async () => { await stripe?.close(); await paypal?.close(); });

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

describe('the evidence page of a PayPal dispute', () => {
  it('is opened from the case timeline\'s entry and saves a draft with PayPal\'s evidence types', async () => {
    const { page, s } = served;
    const { db } = s;
    const now = new Date();
    const ticked = await fetch(`${s.url}/v1/ticks`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: '{}' });
    assert.ok(ticked.ok, await ticked.text());
    const [c] = await db.query<{ id: string; org_id: string; customer_id: string }>('SELECT id, org_id, customer_id FROM cases ORDER BY id LIMIT 1');
    const id = 'PP-D-00042';
    const due = new Date(now.getTime() + 10 * 86_400_000).toISOString();
    // a link of the customer's (made at the fake Stripe connected above) for the payment PayPal's dispute holds
    const link = await createPaymentLink({ db, publicUrl: 'https://cobro.example.com' }, c!.org_id, 'test', { customerId: c!.customer_id, source: 'api' }, now);
    assert.ok(link.ok, link.ok ? '' : link.error.message);
    await db.query(`INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, disputes, kept, created_at, updated_at)
      VALUES ($1, 'paypal', '5TY05013RG002845M', $5, $2, 'USD', 9000, $3::jsonb, 0, $4, $4)`,
    [c!.org_id, c!.customer_id, JSON.stringify({ [id]: { amount: 9000, status: 'open', reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED', respondBy: due } }), now, link.value.id]);
    await addCaseEvent(db, c!.org_id, c!.id, 'payment_dispute_opened', 'Dispute PP-D-00042 opened at PayPal',
      { provider: 'paypal', dispute_id: id, payment_ref: '5TY05013RG002845M', amount: 9000, currency: 'USD' }, now);
    await page.goto(`${s.url}/cases/${c!.customer_id}`);
    await page.getByTestId('tl-evidence').getByText('Answer with evidence').click();
    await page.getByRole('heading', { name: `Evidence for dispute ${id} at PayPal`, level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Statement of account').inputValue(), 'OTHER');
    await page.getByLabel('Your explanation').fill('The service was delivered in full.');
    await page.getByLabel('Slot').selectOption('PROOF_OF_RECEIPT_COPY');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('button', { name: 'Submit to PayPal…' }).waitFor();
    const saved = await s.api<{ revision: number; text: Record<string, string>; documents: Record<string, string | null> }>(`/v1/disputes/${id}/evidence`);
    assert.deepEqual([saved.revision, saved.text.explanation, saved.documents.statement], [1, 'The service was delivered in full.', 'OTHER']);
  });

  it('accepts the claim at PayPal with a note after a second click', async () => {
    const { page, s } = served;
    const id = 'PP-D-00042';
    const [org] = await s.db.query<{ id: string }>('SELECT id FROM orgs');
    paypal = await fakePayPal({ clientId: 'AeA1QIZXiflr1_cobro_accept_web', clientSecret: 'EGnHDxD_accept_web_secret', webhookId: '8PT597110X687430LKGWEB01' });
    await paypal.connect(s.db, org!.id);
    paypal.disputes.set(id, { dispute_id: id, status: 'WAITING_FOR_SELLER_RESPONSE' });
    await page.goto(`${s.url}/disputes/${id}/evidence?provider=paypal`);
    await page.getByRole('heading', { name: 'Or accept the claim', level: 2 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Accept the claim at PayPal…' }).isDisabled(), true, 'a note first');
    await page.getByLabel('Note for PayPal').fill('We refund the customer in full.');
    await page.getByRole('button', { name: 'Accept the claim at PayPal…' }).click();
    assert.equal(paypal.claimsAccepted.length, 0, 'nothing sent before the second click');
    await page.getByRole('button', { name: 'Accept the claim now: PayPal refunds the customer; this cannot be undone' }).click();
    await page.getByTestId('ev-submitted').getByText(/Claim accepted at PayPal on .*; a dispute is answered once/).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Or accept the claim' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0);
    assert.deepEqual(paypal.claimsAccepted.map((c) => [c.dispute, c.body]), [[id, { note: 'We refund the customer in full.' }]]);
  });
});
