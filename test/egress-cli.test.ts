// The egress policy through the CLI (the API's side, on either database, is in the files named below): a host or URL an
// org names is refused by `cobro providers set` and `cobro webhooks add|update` when it is, or resolves to, a private,
// loopback or link-local address, unless the operator's COBRO_EGRESS_ALLOW lets it through. The commands are pinned to
// PGlite folders, so the PostgreSQL lane does not run this file; they run in the file's one kept cobro process
// (test/support/cli.ts). Names resolve through the system's resolver (`localhost`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { egressCliFolder } from './support/egress-cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('SMTP hosts, when saved through the CLI (test/mail-egress.test.ts)', () => {
  const SMTP = (host: string) => ({ settings: { host, port: 587, from: 'Cobranza <cobranza@sol.example>', user: 'cobranza' }, secrets: { password: 'clave-smtp-1234' } });

  it('refuses a link-local or private host through `cobro providers set smtp`, unless COBRO_EGRESS_ALLOW allows it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobro-mail-egress-'));
    try {
      await pgliteFolder(join(dir, 'data'));
      const env = (allow: string) => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: allow });
      const files = (host: string) => {
        const { settings, secrets } = SMTP(host);
        writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
        writeFileSync(join(dir, 'secrets.json'), JSON.stringify(secrets));
        return ['providers', 'set', 'smtp', '--settings', join(dir, 'settings.json'), '--secrets', join(dir, 'secrets.json')];
      };
      await assert.rejects(runCobro(files('169.254.169.254'), env('')), /settings\.host: 169\.254\.169\.254 is a link-local address/);
      await assert.rejects(runCobro(files('10.0.0.5'), env('127.0.0.1/32')), /settings\.host: 10\.0\.0\.5 is a private address/);
      assert.match((await runCobro(files('127.0.0.1'), env('127.0.0.1/32'))).stdout, /smtp connected/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('provider API bases, when saved through the CLI (test/provider-egress.test.ts)', () => {
  const STRIPE_SECRETS = { secret_key: 'sk_test_51abcdef4242', webhook_secret: 'whsec_abcdef123456' };

  it('refuses a name resolving to loopback through `cobro providers set` with the operator\'s default (COBRO_EGRESS_ALLOW unset)', async () => {
    const folder = await egressCliFolder('cobro-provider-egress-');
    const { dir, env } = folder;
    try {
      const files = (apiBase: string) => {
        writeFileSync(join(dir, 'settings.json'), JSON.stringify({ api_base: apiBase }));
        writeFileSync(join(dir, 'secrets.json'), JSON.stringify(STRIPE_SECRETS));
        return ['providers', 'set', 'stripe', '--settings', join(dir, 'settings.json'), '--secrets', join(dir, 'secrets.json')];
      };
      await assert.rejects(runCobro(files('http://localhost:9/'), env(undefined)), /settings\.api_base: localhost resolves to .*loopback address/);
      assert.match((await runCobro(files('http://localhost:9/'), env('localhost'))).stdout, /stripe connected/);
    } finally { folder.remove(); }
  });
});

describe('event endpoint and webhook channel URLs, when saved through the CLI (test/webhook-url-egress.test.ts)', () => {
  const SIGNING = { signing_secret: 'whsec_channel_0123456789' };

  it('refuses a name resolving to loopback through `cobro webhooks add/update` and `cobro providers set webhook` with COBRO_EGRESS_ALLOW unset', async () => {
    const folder = await egressCliFolder('cobro-webhook-url-egress-');
    const { dir, env } = folder;
    try {
      await assert.rejects(runCobro(['webhooks', 'add', '--url', 'http://localhost:9/hooks'], env(undefined)), /url: localhost resolves to .*loopback address/);
      const made = JSON.parse((await runCobro(['webhooks', 'add', '--url', 'http://localhost:9/hooks', '--json'], env('localhost'))).stdout) as { id: string };
      await assert.rejects(runCobro(['webhooks', 'update', made.id, '--url', 'http://localhost:9/other'], env(undefined)), /url: localhost resolves to .*loopback address/);
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ url: 'http://localhost:9/channel' }));
      writeFileSync(join(dir, 'secrets.json'), JSON.stringify(SIGNING));
      const set = ['providers', 'set', 'webhook', '--settings', join(dir, 'settings.json'), '--secrets', join(dir, 'secrets.json')];
      await assert.rejects(runCobro(set, env(undefined)), /settings\.url: localhost resolves to .*loopback address/);
      assert.match((await runCobro(set, env('localhost'))).stdout, /webhook connected/);
      assert.match((await runCobro(['webhooks', 'list'], env(undefined))).stdout, /http:\/\/localhost:9\/hooks/, 'the refused update changed nothing');
    } finally { folder.remove(); }
  });
});
