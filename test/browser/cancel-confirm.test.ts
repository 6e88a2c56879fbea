// Cancelling a customer's promise from the case view in Chromium: the "written confirmation" box is checked as the org's
// setting says; checked, the customer is sent staff's cancellation wording; cleared, nothing is sent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addDays, dateInZone } from '../../src/domain/dates.ts';
import { ARTIFACTS, servedSignedIn, squash } from './support.ts';

const served = servedSignedIn(8);
const BOX = 'Send the customer a confirmation (email, SMS, WhatsApp or a call, as they prefer)';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const r = await fetch(`${served.s.url}${path}`, { method, headers: { authorization: `Bearer ${served.s.key}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, json: (await r.json()) as T };
}

/** A promise of the whole balance in a week, recorded without a confirmation, on the first customer that may make one. */
async function aPromise(customerIds: readonly string[]): Promise<{ customerId: string; id: string }> {
  const due = addDays(dateInZone(new Date(), 'America/Mexico_City'), 7);
  for (const customerId of customerIds) {
    const { json: balance } = await call<{ data: { currency: string; open: number }[] }>('GET', `/v1/customers/${customerId}/balance`);
    const owed = balance.data.find((b) => b.open > 0);
    if (!owed) continue;
    const r = await call<{ id: string }>('POST', '/v1/promises', { customer_id: customerId, amount: owed.open, currency: owed.currency, due_date: due,
      source: 'collector', confirm: false });
    if (r.status === 201) return { customerId, id: r.json.id };
  }
  throw new Error('no customer could make a promise');
}

const cancelled = async (customerId: string) => (await served.s.api<{ data: { template: string | null }[] }>(`/v1/messages?customer_id=${customerId}`))
  .data.filter((m) => m.template === 'portal-promise-cancelled-by-staff').length;

describe('cancelling a promise from the case view', () => {
  it('confirms it to the customer with the box checked, and sends nothing with it cleared', async () => {
    const { s, page } = served;
    await call('POST', '/v1/ticks', {});
    const cases = await s.api<{ data: { customer_id: string; status: string }[] }>('/v1/cases?status=open');
    const first = await aPromise(cases.data.map((c) => c.customer_id));
    await page.goto(`${s.url}/cases/${first.customerId}`);
    await page.getByText('Cancel a promise or plan', { exact: true }).click();
    const item = page.locator('li').filter({ has: page.getByRole('button', { name: 'Cancel the promise' }) });
    assert.match(squash(await item.textContent()), /^Promise of .+ by .+ Cancel the promise$/);
    const box = page.locator('#cancel-confirm');
    assert.equal(await page.getByLabel(BOX).count() >= 2, true, 'the same box as the promise form');
    assert.equal(await box.isChecked(), true, 'checked: the org confirms staff\'s arrangements by default');
    await page.getByLabel('Why (kept on the record, not sent to the customer)').fill('recorded by mistake');
    await page.getByRole('button', { name: 'Cancel the promise' }).click();
    await page.getByRole('status').filter({ hasText: 'Promise cancelled: reminders resume.' }).waitFor();
    const promises = await s.api<{ data: { id: string; status: string }[] }>(`/v1/promises?customer_id=${first.customerId}`);
    assert.equal(promises.data.find((p) => p.id === first.id)?.status, 'cancelled');
    assert.equal(await cancelled(first.customerId), 1, 'staff\'s cancellation queued for the customer');
    await page.screenshot({ path: join(ARTIFACTS, 'case-cancel-promise.png'), fullPage: true });

    const second = await aPromise([first.customerId]);
    await page.reload();
    await page.getByText('Cancel a promise or plan', { exact: true }).click();
    await page.getByRole('button', { name: 'Cancel the promise' }).waitFor();
    await box.uncheck();
    await page.getByRole('button', { name: 'Cancel the promise' }).click();
    await page.getByRole('status').filter({ hasText: 'Promise cancelled: reminders resume.' }).waitFor();
    const after = await s.api<{ data: { id: string; status: string }[] }>(`/v1/promises?customer_id=${first.customerId}`);
    assert.equal(after.data.find((p) => p.id === second.id)?.status, 'cancelled');
    assert.equal(await cancelled(first.customerId), 1, 'no confirmation when the box is cleared');
    // the status shows as the API answers; the list of what may be cancelled is read again after it
    const panel = page.locator('details', { hasText: 'Cancel a promise or plan' });
    await panel.getByText('No pending promise or active plan to cancel.').waitFor();
    assert.match(squash(await panel.textContent()), /No pending promise or active plan to cancel\./);
    assert.equal(await panel.getByRole('button', { name: 'Cancel the promise' }).count(), 0, 'nothing left to cancel');
  });
});
