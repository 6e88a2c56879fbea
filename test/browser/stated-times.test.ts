// The contact times a debtor stated, in the case view's contact panel in Chromium: "call me after 6pm" then "mornings only
// please" read through POST /v1/customers/{id}/replies show the mornings rule holding and the evening one struck, replaced
// when and by what the debtor said.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, servedSignedIn, squash } from './support.ts';

const served = servedSignedIn(8);

const post = (path: string, body: object) => fetch(`${served.s.url}${path}`,
  { method: 'POST', headers: { authorization: `Bearer ${served.s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('stated contact times in the case view', () => {
  it('shows the times that hold and, struck, those a newer reply replaced', async () => {
    const { s, page } = served;
    await post('/v1/ticks', {});
    const cases = await s.api<{ data: { customer_id: string }[] }>('/v1/cases?status=open');
    const id = cases.data[0]?.customer_id;
    assert.ok(id, 'an open case');
    for (const text of ['call me after 6pm', 'mornings only please']) {
      assert.equal((await post(`/v1/customers/${id}/replies`, { text, channel: 'sms' })).status, 200);
    }
    await page.goto(`${s.url}/cases/${id}`);
    const items = page.getByTestId('stated-times').locator('li');
    await items.nth(1).waitFor();
    assert.deepEqual((await items.allTextContents()).map(squash).map((t) => t.replace(/replaced .*, said/, 'replaced DATE, said')),
      ['every day · 12:00–00:00 · All', 'every day · 00:00–18:00 · Voice (replaced DATE, said "mornings only")']);
    assert.equal(await items.nth(1).locator('.struck').count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, 'case-stated-times.png'), fullPage: true });
  });
});
