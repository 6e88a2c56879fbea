// The evidence page of a Mercado Pago chargeback in Chromium, against the fake Mercado Pago's Chargebacks API on loopback:
// the case timeline's dispute entry offers "Answer with evidence"; the page names the chargeback's id and the deadline
// (date_documentation_deadline), places cobro's documents in Mercado Pago's one documentation slot, saves the explanation,
// and sends the documentation after the second click (one files[] part a PDF at the fake), then says it was submitted.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { servedSignedIn } from './support.ts';
import { addCaseEvent } from '../../src/engine/index.ts';
import { createPaymentLink } from '../../src/payments/index.ts';
import { fakeMercadoPago, type FakeMercadoPago } from '../support/providers/mercadopago.ts';

const served = servedSignedIn(3);
let mp: FakeMercadoPago | undefined;
after(async () => { await mp?.close(); });

describe('the evidence page of a Mercado Pago chargeback', () => {
  it('is opened from the case timeline and sends the documentation after the second click', async () => {
    const { page, s } = served;
    const { db } = s;
    const now = new Date();
    const ticked = await fetch(`${s.url}/v1/ticks`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: '{}' });
    assert.ok(ticked.ok, await ticked.text());
    const [c] = await db.query<{ id: string; org_id: string; customer_id: string }>('SELECT id, org_id, customer_id FROM cases ORDER BY id LIMIT 1');
    mp = await fakeMercadoPago({ accessToken: 'APP_USR-evidence-web', webhookSecret: 'mp-evidence-web' });
    await mp.connect(db, c!.org_id);
    const link = await createPaymentLink({ db, publicUrl: 'https://cobro.example.com' }, c!.org_id, 'test', { customerId: c!.customer_id, source: 'api' }, now);
    assert.ok(link.ok, link.ok ? '' : link.error.message);
    const payment = 90_000_000_777;
    mp.payments.set(payment, { id: payment, currency_id: 'MXN', transaction_amount: 90, status: 'approved', status_detail: 'accredited' });
    const chargeback = mp.cb.open(payment, { days: 7 });
    const due = new Date(Date.parse(mp.cb.chargebacks.get(chargeback)!.date_documentation_deadline as string)).toISOString();
    const id = `chargeback:${payment}`;
    await db.query(`INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, disputes, kept, created_at, updated_at)
      VALUES ($1, 'mercadopago', $5, $6, $2, 'MXN', 9000, $3::jsonb, 0, $4, $4)`,
    [c!.org_id, c!.customer_id, JSON.stringify({ [id]: { amount: 9000, status: 'open', respondBy: due, caseId: chargeback } }), now, String(payment), link.value.id]);
    await addCaseEvent(db, c!.org_id, c!.id, 'payment_dispute_opened', `Chargeback ${id} opened at Mercado Pago`,
      { provider: 'mercadopago', dispute_id: id, payment_ref: String(payment), amount: 9000, currency: 'MXN' }, now);

    await page.goto(`${s.url}/cases/${c!.customer_id}`);
    await page.getByTestId('tl-evidence').getByText('Answer with evidence').click();
    await page.getByRole('heading', { name: `Evidence for dispute ${id} at Mercado Pago`, level: 1 }).waitFor();
    assert.match(await page.getByTestId('ev-amount').innerText(), new RegExp(`chargeback ${chargeback} at the gateway`));
    assert.match(await page.getByTestId('ev-due').innerText(), /Due at the gateway by .*reminder task due/);
    assert.equal(await page.getByLabel('Statement of account').inputValue(), 'documentation');
    await page.getByLabel('Your explanation').fill('El servicio se prestó completo.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('button', { name: 'Submit to Mercado Pago…' }).click();
    assert.equal(mp.cb.documentation.length, 0, 'nothing sent before the second click');
    await page.getByRole('button', { name: 'Submit to Mercado Pago now: this cannot be undone' }).click();
    await page.getByTestId('ev-submitted').getByText(/Submitted to Mercado Pago on .*; a dispute is answered once/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0);
    const [sent] = mp.cb.documentation;
    assert.equal(sent!.chargeback, chargeback);
    assert.deepEqual(sent!.files.map((f) => [f.name, f.type]), ['statement', 'history', 'summary']
      .map((n, i) => [`${i + 1}-${n}-chargeback-${payment}.pdf`, 'application/pdf']));
  });
});
