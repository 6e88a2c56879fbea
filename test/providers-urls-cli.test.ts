// `cobro providers urls`: the webhook URLs to register at each provider, from the one table GET /v1/providers and the
// Settings page read (src/api/webhook-urls.ts; test/provider-webhook-urls.test.ts posts to each one). The command is
// pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('cobro providers urls', () => {
  it('prints each provider\'s URLs under the public URL and the org, one provider\'s alone, and refuses without a public URL or for a provider with none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobro-provider-urls-'));
    try {
      await pgliteFolder(join(dir, 'data'));
      const env = (publicUrl: string) => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_PUBLIC_URL: publicUrl });
      const all = JSON.parse((await runCobro(['providers', 'urls', '--json'], env('https://cobro.example.com/'))).stdout) as Record<string, { url: string; set_by: string }[]>;
      const sendgrid = all.sendgrid?.[0]?.url ?? '';
      const org = /^https:\/\/cobro\.example\.com\/webhooks\/sendgrid\/([^/]+)\/events$/.exec(sendgrid)?.[1];
      assert.ok(org, `SendGrid's URL under the public URL, without a doubled slash: ${sendgrid}`);
      assert.deepEqual(all.twilio?.map((u) => [u.url.replace(`/${org}/`, '/{org}/'), u.set_by]), [
        ['https://cobro.example.com/webhooks/twilio/{org}/messages', 'you'],
        ['https://cobro.example.com/webhooks/twilio/{org}/incoming', 'you'],
        ['https://cobro.example.com/webhooks/twilio/{org}/voice', 'cobro'],
        ['https://cobro.example.com/webhooks/twilio/{org}/gather', 'cobro'],
        ['https://cobro.example.com/webhooks/twilio/{org}/dialed', 'cobro'],
      ]);
      const one = (await runCobro(['providers', 'urls', 'mailgun'], env('https://cobro.example.com'))).stdout.trim().split('\n');
      assert.deepEqual(one.map((l) => l.split(/\s+/).slice(0, 3)), [
        ['mailgun', 'POST', `https://cobro.example.com/webhooks/mailgun/${org}/events`],
        ['mailgun', 'POST', `https://cobro.example.com/webhooks/mailgun/${org}/inbound`],
      ]);
      assert.match(one[0]!, /\(register it: delivery events/);
      await assert.rejects(runCobro(['providers', 'urls'], env('')), /COBRO_PUBLIC_URL is not set/);
      await assert.rejects(runCobro(['providers', 'urls', 'fax'], env('https://cobro.example.com')), /provider: fax has no webhooks/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
