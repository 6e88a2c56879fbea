// `cobro providers webhook-secrets add|list|retire` (WH-5): a new Mailgun signing key read from a file put in force with
// the old one still accepted, listed by hints (never the keys), a bad key refused naming the field, then the old retired.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import type { WebhookSecretsList } from '../src/vault/index.ts';
import { openDb } from '../src/db/index.ts';

const session: CliSession = await cobroSession();
const OLD = 'key-mailgun-cli-old-0001';
const NEW = 'key-mailgun-cli-new-0002';

describe('cobro providers webhook-secrets', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => session.run(args, env());
  const failure = (args: string[]) => cobro(...args).then(() => '', (e: Error & { stderr?: string }) => String(e.stderr ?? e.message));
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-whs-')); await pgliteFolder(join(dir, 'data')); });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('adds a key from a file, keeps the old one accepted, lists hints only, and retires the old one', async () => {
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ webhook_signing_key: OLD }));
    await cobro('providers', 'set', 'mailgun', '--secrets', join(dir, 'secrets.json'));
    writeFileSync(join(dir, 'short.txt'), 'short\n');
    assert.match(await failure(['providers', 'webhook-secrets', 'add', 'mailgun', '--secret', join(dir, 'short.txt')]), /secret: Too small/i);
    assert.match(await failure(['providers', 'webhook-secrets', 'add', 'paypal', '--secret', join(dir, 'short.txt')]), /provider: one of stripe, mercadopago/);
    assert.match(await failure(['providers', 'webhook-secrets', 'retire', 'mailgun']), /no replaced mailgun secret is waiting to be retired/);
    writeFileSync(join(dir, 'new.txt'), `${NEW}\n`);
    assert.match(await failure(['providers', 'webhook-secrets', 'add', 'mailgun', '--secret', join(dir, 'new.txt'), '--keep-hours', 'two']), /--keep-hours/);
    const added = await cobro('providers', 'webhook-secrets', 'add', 'mailgun', '--secret', join(dir, 'new.txt'), '--keep-hours', '12', '--json');
    const list = JSON.parse(added.stdout) as WebhookSecretsList;
    assert.deepEqual(list.secrets.map((s) => [s.role, s.hint, s.state]), [['current', '…0002', 'active'], ['previous', '…0001', 'active']]);
    const shown = await cobro('providers', 'webhook-secrets', 'list', 'mailgun');
    assert.match(shown.stdout, /^current  …0002 active whs_\w+: not used yet\nprevious …0001 active until \S+Z whs_\w+: not used yet\n$/);
    assert.ok(![added.stdout, shown.stdout].some((o) => o.includes(OLD) || o.includes(NEW)), 'no key printed');
    const retired = await cobro('providers', 'webhook-secrets', 'retire', 'mailgun', '--id', list.secrets[1]!.id!);
    assert.match(retired.stdout, /previous …0001 retired whs_\w+/);
    const db = await openDb({ dataDir: join(dir, 'data') });
    const audit = await db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE action LIKE 'webhook_secret.%' ORDER BY at, seq`);
    await db.close();
    assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['webhook_secret.added', 'cli'], ['webhook_secret.retired', 'cli']]);
  });
});
