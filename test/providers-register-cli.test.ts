// `cobro providers register-webhooks [provider]`: the CLI registers cobro's URLs at every connected provider it can (here
// Twilio's numbers and PayPal's webhook, loopback fakes let through with COBRO_EGRESS_ALLOW), prints each step, changes
// nothing when run again, and refuses without COBRO_PUBLIC_URL and for a provider with no webhooks or left to its console.
// The command is pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakeTwilioNumbers } from './support/providers/webhook-setup-twilio.ts';
import { fakePayPalWebhooks } from './support/providers/webhook-setup-paypal.ts';

const SID = `AC${'abc123'.repeat(5)}de`;

describe('cobro providers register-webhooks', () => {
  it('registers at each connected provider, then finds all set; refuses without a public URL or for a provider it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobro-register-webhooks-'));
    const twilio = await fakeTwilioNumbers({ accountSid: SID, authToken: 'cli-twilio-token-0001', numbers: ['+15005550006'] });
    const paypal = await fakePayPalWebhooks({ clientId: 'AYpaypal-cli-000001', clientSecret: 'paypal-cli-secret-01' });
    try {
      await pgliteFolder(join(dir, 'data'));
      const env = (publicUrl: string) => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_PUBLIC_URL: publicUrl,
        COBRO_EGRESS_ALLOW: '127.0.0.1/32' });
      const file = (name: string, v: unknown) => { const p = join(dir, name); writeFileSync(p, JSON.stringify(v)); return p; };
      await runCobro(['providers', 'set', 'twilio', '--settings', file('ts.json', { account_sid: SID, sms_from: '+15005550006', api_base: twilio.url }),
        '--secrets', file('tx.json', { auth_token: 'cli-twilio-token-0001' })], env('https://cobro.example.com'));
      await runCobro(['providers', 'set', 'paypal', '--settings', file('ps.json', { client_id: 'AYpaypal-cli-000001', webhook_id: 'WHbyhand', api_base: paypal.url }),
        '--secrets', file('px.json', { client_secret: 'paypal-cli-secret-01' })], env('https://cobro.example.com'));
      const first = (await runCobro(['providers', 'register-webhooks'], env('https://cobro.example.com'))).stdout;
      assert.match(first, /^twilio: updated\n {2}updated +number \+15005550006 \(PN[0-9a-f]{32}\)\n/m);
      assert.match(first, /^paypal: registered\n {2}registered +webhook https:\/\/cobro\.example\.com\/webhooks\/paypal\/[^ ]+ \([0-9A-F]+\)$/m);
      assert.match(twilio.numbers[0]!.voice_url ?? '', /^https:\/\/cobro\.example\.com\/webhooks\/twilio\/[^/]+\/incoming$/);
      assert.equal(paypal.webhooks.length, 1);
      const again = JSON.parse((await runCobro(['providers', 'register-webhooks', '--json'], env('https://cobro.example.com'))).stdout) as { provider: string; outcome: string }[];
      assert.deepEqual(again.map((r) => [r.provider, r.outcome]), [['twilio', 'unchanged'], ['paypal', 'unchanged']]);
      await assert.rejects(runCobro(['providers', 'register-webhooks', 'twilio'], env('')), /COBRO_PUBLIC_URL is not set/);
      await assert.rejects(runCobro(['providers', 'register-webhooks', 'imap'], env('https://cobro.example.com')), /provider: imap has no webhooks/);
      await assert.rejects(runCobro(['providers', 'register-webhooks', 'smtp'], env('https://cobro.example.com')), /cobro does not register smtp's webhooks itself/);
    } finally {
      await twilio.close(); await paypal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
