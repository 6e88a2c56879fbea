// `cobro templates list|set|remove` and the preview showing the org's own text: a text refused by the lints exits 3 naming
// the field, a saved one is what `cobro templates preview` renders, and once removed the shipped one is back.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { aDebtor } from './support/debtor.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';

describe('cobro templates list, set, remove', () => {
  let session: CliSession;
  let dir = '';
  let caseId = '';
  const cobro = (...args: string[]) => session.run(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => {
    session = await cobroSession();
    dir = mkdtempSync(join(tmpdir(), 'cobro-org-templates-'));
    const db = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' });
    const org = (await db.query<{ id: string }>('SELECT id FROM orgs'))[0]!.id;
    caseId = (await aDebtor(db, org, { external_id: 'NORTE-1', email: 'pagos@norte.example', phone: '+5215512399002' })).caseId;
    await db.close();
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  const key = ['--channel', 'email', '--tone', 'firm', '--language', 'es'];

  it('refuses a text the lints find a problem in, exit 3 naming the field', async () => {
    const err = await cobro('templates', 'set', 'overdue-late-fee-warning', ...key, '--subject', 'Aviso', '--body', 'Envíenos el número de tarjeta y el CVV.')
      .then(() => null, (e: { code: number; stderr: string }) => e);
    assert.equal(err?.code, 3);
    assert.match(err?.stderr ?? '', /^body: .*PCI-1/);
    assert.match((await cobro('templates', 'list')).stdout, /no texts of the org's own/);
  });

  it('saves one, lists it, previews the step with it, and removes it back to the shipped text', async () => {
    const saved = await cobro('templates', 'set', 'overdue-late-fee-warning', ...key, '--subject', 'AVISO PROPIO {{total_due}}', '--body', 'Cuerpo propio: {{total_due}}.\n\n{{invoice_list}}');
    assert.match(saved.stdout, /saved overdue-late-fee-warning \(email, firm, es\), version 1/);
    const rows = JSON.parse((await cobro('templates', 'list', '--json')).stdout);
    assert.deepEqual(rows.map((r: { template: string; channel: string; updated_by: string }) => [r.template, r.channel, r.updated_by]), [['overdue-late-fee-warning', 'email', 'cli']]);
    const shown = (await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'email')).stdout;
    assert.match(shown, /subject: AVISO PROPIO/);
    assert.match(shown, /the org's own text, version 1/);
    assert.match(shown, /List-Unsubscribe: <https:/);
    await cobro('templates', 'remove', 'overdue-late-fee-warning', ...key);
    const back = (await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'email')).stdout;
    assert.doesNotMatch(back, /AVISO PROPIO/);
    assert.match(back, /the shipped text/);
  });

  it('saves a text for any tone (--tone any), used by a step of any tone, and refuses a tone that is not one naming --tone', async () => {
    const any = ['--channel', 'sms', '--tone', 'any', '--language', 'es'];
    const err = await cobro('templates', 'set', 'overdue-late-fee-warning', '--channel', 'sms', '--tone', 'every', '--language', 'es', '--body', 'x')
      .then(() => null, (e: { stderr: string }) => e);
    assert.match(err?.stderr ?? '', /--tone: one of friendly, neutral, formal, firm, any/);
    const saved = await cobro('templates', 'set', 'overdue-late-fee-warning', ...any, '--body', '{{company_name}}: TODO TONO {{total_due}}.');
    assert.match(saved.stdout, /saved overdue-late-fee-warning \(sms, any, es\), version 1/);
    const shown = (await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'sms')).stdout;
    assert.match(shown, /TODO TONO/);
    assert.match(shown, /the org's own text for any tone, version 1/);
    await cobro('templates', 'remove', 'overdue-late-fee-warning', ...any);
  });

  it('cobro outbox says which text each message was sent with: the org\'s (its version then) or the shipped one', async () => {
    const db = await openDb({ dataDir: join(dir, 'data') });
    const [org] = await db.query<{ id: string }>('SELECT id FROM orgs');
    const [c] = await db.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1', [org!.id]);
    const sent = (id: string, language: string, tone: string | null, version: number | null) => db.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, tone, status, next_attempt_at, created_at, updated_at, sent_at,
         template_language, org_template_tone, org_template_version)
       VALUES ($1, $2, $1, $3, 'sms', 'due-today', 'firm', 'sent', now(), now(), now(), now(), $4, $5, $6)`, [id, org!.id, c!.id, language, tone, version]);
    await sent('msg_own', 'es', 'firm', 3);
    await sent('msg_shipped', 'en', null, null);
    await db.close();
    const rows = (await cobro('outbox')).stdout.split('\n');
    assert.match(rows.find((r) => r.includes('msg_own')) ?? '', /org v3 es/);
    assert.match(rows.find((r) => r.includes('msg_shipped')) ?? '', /shipped en/);
  });

  it('activating a strategy (cobro strategies --add) refuses a step whose template is not shipped on its channel, keeping nothing', async () => {
    const file = join(dir, 'strategy.json');
    writeFileSync(file, JSON.stringify({ id: 'own-words', name: 'Own words', steps: [{ id: 'after-1', name: 'a day late', trigger: { on: 'days', days: 1 },
      actions: [{ type: 'send', channels: ['sms'], template: 'no-such-template', tone: 'friendly' }] }] }));
    const err = await cobro('strategies', '--add', file).then(() => null, (e: { stderr: string }) => e);
    assert.match(err?.stderr ?? '', /template no-such-template has no sms text/);
    assert.doesNotMatch((await cobro('strategies', '--json')).stdout, /own-words/);
  });

  it('cobro templates remove refuses (exit 3, naming template, the strategy and step) the last text of an own template an active strategy sends', async () => {
    const own = ['--channel', 'sms', '--tone', 'friendly', '--language', 'es'];
    await cobro('templates', 'set', 'org-cli-nudge', ...own, '--body', '{{company_name}}: NUESTRO AVISO {{total_due}}.');
    const file = join(dir, 'own-strategy.json');
    writeFileSync(file, JSON.stringify({ id: 'own-cli', name: 'Own CLI', steps: [{ id: 'after-3', name: 'three days late', trigger: { on: 'days', days: 3 },
      actions: [{ type: 'send', channels: ['sms'], template: 'org-cli-nudge', tone: 'friendly' }] }] }));
    await cobro('strategies', '--add', file);
    const err = await cobro('templates', 'remove', 'org-cli-nudge', ...own).then(() => null, (e: { code: number; stderr: string }) => e);
    assert.equal(err?.code, 3);
    assert.match(err?.stderr ?? '', /^template: strategy own-cli version 1 \(active\), step after-3/);
    assert.match((await cobro('templates', 'list')).stdout, /org-cli-nudge/);
  });

  it('cobro case message queues a one-off message from the org\'s own template, and refuses one the org has not written', async () => {
    const queued = await cobro('case', 'message', caseId, '--channel', 'sms', '--template', 'org-cli-nudge', '--tone', 'friendly');
    assert.match(queued.stdout, /message queued as action/);
    const err = await cobro('case', 'message', caseId, '--channel', 'sms', '--template', 'org-not-written').then(() => null, (e: { stderr: string }) => e);
    assert.match(err?.stderr ?? '', /the org has written no template org-not-written/);
  });
});
