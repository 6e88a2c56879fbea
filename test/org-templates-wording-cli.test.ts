// `cobro message ID` shows a message as sent and the org's wording it was built from, kept when the text changes;
// `cobro templates versions` lists every wording a text has had.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { saveOrgTemplate } from '../src/org-templates/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { aDebtor } from './support/debtor.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
const KEY = { template: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm', language: 'es' } as const;

describe('cobro message and cobro templates versions', () => {
  let session: CliSession;
  let dir = '';
  let sent = '';
  let shipped = '';
  const cobro = (...args: string[]) => session.run(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => {
    session = await cobroSession();
    dir = mkdtempSync(join(tmpdir(), 'cobro-wording-'));
    const db = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    const org = (await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    const save = async (body: string) => assert.ok((await saveOrgTemplate(db, org, 'usr_ana', KEY, { body }, NOW)).ok);
    const send = async (phone: string, tone: string) => {
      const d = await aDebtor(db, org, { name: `Deudor ${phone.slice(-1)}`, phone }, ['sms']);
      await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
          template, tone, scheduled_for, status, reason, invoice_ids, payload, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $1, 'smb-default', 1, 'after-3', 1, 'send', '{sms}', $5, $6, '2026-03-10', 'planned', 'test', $7, $8, $9, $9)`,
      [`act_${phone.slice(-1)}`, org, d.caseId, d.customer.id, KEY.template, tone, [d.invoice.id],
        JSON.stringify({ actions: [{ type: 'send', channels: ['sms'], template: KEY.template, tone, paymentLink: false, unreachable: [], fallback: [] }] }), NOW]);
      await dispatchOnce({ db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
      return (await db.query<{ id: string }>('SELECT id FROM messages WHERE action_id = $1', [`act_${phone.slice(-1)}`]))[0]!.id;
    };
    await save('{{company_name}}: PRIMERA REDACCION, {{total_due}}.');
    sent = await send('+5215512379001', 'firm');
    shipped = await send('+5215512379002', 'friendly');
    await save('{{company_name}}: SEGUNDA REDACCION, {{total_due}}.');
    await db.close();
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('shows the message as sent and version 1\'s wording after the text became version 2', async () => {
    const out = (await cobro('message', sent)).stdout;
    assert.match(out, /--- as sent ---\n.*PRIMERA REDACCION/);
    assert.match(out, /--- built from the org's text, version 1 \(sms, tone firm, es\), saved .* by usr_ana ---\nversion id otv_\S+, sha256 [0-9a-f]{64}\n\{\{company_name\}\}: PRIMERA REDACCION, \{\{total_due\}\}\.$/m);
    assert.doesNotMatch(out, /SEGUNDA/);
    const json = JSON.parse((await cobro('message', sent, '--json')).stdout);
    assert.deepEqual([json.org_template_version, json.org_template_text.version, json.org_template_text.id], [1, 1, json.org_template_version_id]);
  });

  it('says cobro\'s shipped text where the org wrote none for the tone, and exits non-zero for no such message', async () => {
    assert.match((await cobro('message', shipped)).stdout, /--- built from cobro's shipped text \(es\) ---/);
    const err = await cobro('message', 'msg_nothing').then(() => null, (e: { code: number; stderr: string }) => e);
    assert.ok(err && err.code !== 0);
    assert.match(err.stderr, /no message msg_nothing/);
  });

  it('lists every wording the text has had, newest first', async () => {
    const out = (await cobro('templates', 'versions', KEY.template, '--channel', 'sms', '--tone', 'firm', '--language', 'es')).stdout;
    assert.match(out, /^version 2 \(otv_\S+\), saved .* by usr_ana, sha256 [0-9a-f]{64}\n.*SEGUNDA REDACCION.*\n\nversion 1 .*\n.*PRIMERA REDACCION/);
  });
});
