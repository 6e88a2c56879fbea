// The live preview beside the template editor in Chromium: refreshed as the text is typed (debounced, not per key), for
// the sample debtor or a chosen customer; an SMS with its segments and encoding, an email's HTML in a sandboxed frame
// with no scripts, WhatsApp's parameters; what the lints would refuse shown inline before any save.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, readUntil, serve, type Served } from './support.ts';

let s: Served;
let page: Page;
/** The draft previews the page asked for. */
let asked: { draft?: { body: string } ; customer_id?: string }[] = [];
before(async () => {
  s = await serve(5);
  page = await s.newPage('en-US');
  page.on('request', (r) => { if (r.url().endsWith('/v1/templates/preview') && r.method() === 'POST') asked.push(r.postDataJSON() as never); });
  await s.signIn(page, 'admin@test.cobro');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('heading', { name: 'Settings · Templates', level: 1 }).waitFor();
});
after(async () => { await s?.close(); });

const preview = () => page.getByTestId('template-preview');
const settled = () => preview().and(page.locator('[aria-busy="false"]')).waitFor();
async function choose(channel: string, language = 'en') {
  await page.getByLabel('Template', { exact: true }).selectOption('due-today');
  await page.getByLabel('Channel', { exact: true }).selectOption(channel);
  await page.getByLabel('Language', { exact: true }).selectOption(language);
}

describe('the template editor\'s live preview', () => {
  it('renders an SMS for the sample debtor as it is typed, once typing pauses, with its segments and encoding', async () => {
    await choose('sms');
    const text = '{{company_name}}: PREVIEW TEXT, {{total_due}} is due today.';
    asked = [];
    await page.getByLabel('Text', { exact: true }).pressSequentially(text, { delay: 15 });
    await preview().getByTestId('preview-text').filter({ hasText: 'Demo Supplies: PREVIEW TEXT' }).waitFor();
    await settled();
    const drafts = asked.filter((a) => a.draft);
    assert.ok(drafts.length >= 1 && drafts.length <= 3, `debounced: ${drafts.length} previews for ${text.length} keys`);
    assert.equal(drafts.at(-1)!.draft!.body, text, 'the last preview is of the whole text');
    assert.match((await preview().getByTestId('preview-sms-meta').textContent()) ?? '', /^\d+ segment\(s\), GSM-7, \d+ units$/);
    await page.getByLabel('Text', { exact: true }).pressSequentially(' ¿Ya pagó? ✓');
    await preview().getByTestId('preview-sms-meta').filter({ hasText: 'UCS-2' }).waitFor();
  });

  it('shows what the lints refuse inline, before any save, and clears it when the text is fixed', async () => {
    await choose('sms');
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: envíe el número de tarjeta y el CVV para pagar {{total_due}}.');
    const lint = preview().getByTestId('preview-lint');
    await lint.waitFor();
    assert.match((await lint.textContent()) ?? '', /Would not be saved \(body\):.*PCI-1/s);
    assert.deepEqual((await s.api<{ data: unknown[] }>('/v1/templates/custom')).data, [], 'nothing was saved');
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: {{total_due}} is due today.');
    await lint.waitFor({ state: 'detached' });
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: {{no_such_value}} is due.');
    await lint.filter({ hasText: 'no_such_value' }).waitFor();
    await preview().getByText('This text cannot be rendered yet.').waitFor();
  });

  it('renders an email\'s HTML in a sandboxed frame that runs no script, for a chosen customer', async () => {
    await choose('email');
    const who = preview().getByLabel('Preview for');
    const name = (await who.locator('option').nth(1).textContent())!;
    await who.selectOption({ index: 1 });
    await page.getByLabel('Subject', { exact: true }).fill('About {{total_due}}');
    await page.getByLabel('Text', { exact: true }).fill('Dear {{customer_name}}, EMAIL BODY <script>document.title="ran"</script>\n\n{{invoice_list}}');
    const frame = preview().locator('iframe');
    await page.frameLocator('iframe[title="Email preview"]').getByText(`Dear ${name}, EMAIL BODY`).waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '', 'a sandbox with no allowances');
    assert.match((await frame.getAttribute('srcdoc')) ?? '', /EMAIL BODY/);
    assert.ok(asked.at(-1)!.customer_id, 'asked for the chosen customer');
    assert.match((await preview().getByTestId('preview-subject').textContent()) ?? '', /^About /);
    assert.equal(await page.frameLocator('iframe[title="Email preview"]').locator('script').count(), 0, 'the text\'s markup is escaped, not run');
    assert.notEqual(await page.title(), 'ran');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-templates-preview.png'), fullPage: true });
    await who.selectOption({ index: 0 });
  });

  it('shows WhatsApp\'s approved template name and its ordered parameters', async () => {
    await choose('whatsapp');
    await page.getByLabel('Approved WhatsApp template name').fill('due_today_own');
    await page.getByLabel('Text', { exact: true }).fill('{{company_name}}: {{total_due}} is due today.');
    const params = preview().getByTestId('preview-wa-params');
    await params.waitFor();
    await preview().getByText(/Approved template due_today_own/).waitFor();
    // the name is typed before the text: a preview asked between the two (debounced, under load) shows the text before it,
    // with its own parameters; wait for the preview of the text typed last
    const items = await readUntil(() => params.locator('li').allTextContents(), (i) => /^\{\{1\}\} Demo Supplies$/.test(i[0] ?? ''));
    assert.ok(items.length >= 2, items.join(' | '));
    assert.match(items[0]!, /^\{\{1\}\} Demo Supplies$/);
  });
});
