// Migration 079 on a database written before it: each org text's current wording becomes its version row, the text names
// it, and the messages sent with that version since the text was made point at it; a message of an older version (whose
// wording was never stored), or of the same number before the text was removed and made again, points at none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { migrate, type Db } from '../src/db/index.ts';
import { migrationFiles, migrationText, splitStatements } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { getMessage } from '../src/worker/index.ts';
import { saveOrgTemplate } from '../src/org-templates/index.ts';

const ORG = 'org_before_versions';
const MADE = new Date('2026-02-01T10:00:00Z');
const BODY = '{{company_name}}: TEXTO ACTUAL, {{total_due}}.';

async function before079(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of migrationFiles().filter((f) => f < '079')) {
    await db.transaction(async (tx) => {
      for (const s of splitStatements(migrationText(file))) await tx.query(s);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
  }
}

/** A message sent with the org's SMS text (firm, es) at the version and instant given, as the record statement wrote it before 079. */
const aSent = (db: Db, id: string, version: number, sentAt: string) => db.query(
  `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, tone, status, next_attempt_at, content, created_at, updated_at, sent_at,
     template_language, org_template_tone, org_template_version)
   VALUES ($1, $2, $1, 'cus_x', 'sms', 'overdue-late-fee-warning', 'firm', 'sent', $3, '{"text": "x"}', $3, $3, $3, 'es', 'firm', $4)`,
  [id, ORG, new Date(sentAt), version]);

describe('migration 079 on texts and messages written before it', () => {
  it('keeps each text\'s current wording as its version and points the messages of that version at it', { timeout: 180_000 }, async () => {
    const { databaseUrl } = loadConfig();
    const schema = `t_versions_${randomBytes(3).toString('hex')}`;
    const db = databaseUrl ? await openPostgres(databaseUrl, schema) : await openPglite(undefined, { empty: true });
    try {
      await before079(db);
      await db.query(`INSERT INTO orgs (id, name) VALUES ($1, 'Antes')`, [ORG]);
      await db.query(`INSERT INTO org_templates (org_id, template, channel, tone, language, body, version, created_at, updated_at, updated_by)
        VALUES ($1, 'overdue-late-fee-warning', 'sms', 'firm', 'es', $2, 2, $3, '2026-02-05T10:00:00Z', 'usr_ana')`, [ORG, BODY, MADE]);
      await aSent(db, 'msg_v2', 2, '2026-02-06T10:00:00Z');
      await aSent(db, 'msg_v1', 1, '2026-02-03T10:00:00Z');
      await aSent(db, 'msg_removed_text', 2, '2026-01-20T10:00:00Z');

      assert.ok((await migrate(db)).includes('079_org_template_versions.sql'));
      const [kept] = await db.query<{ id: string; version: number; body: string; sha256: string; saved_by: string }>(
        'SELECT id, version, body, sha256, saved_by FROM org_template_versions WHERE org_id = $1', [ORG]);
      assert.deepEqual({ ...kept, id: kept?.id.slice(0, 4) }, { id: 'otv_', version: 2, body: BODY, saved_by: 'usr_ana',
        sha256: createHash('sha256').update(`\u001f${BODY}\u001f`).digest('hex') });
      const [text] = await db.query<{ version_id: string }>('SELECT version_id FROM org_templates WHERE org_id = $1', [ORG]);
      assert.equal(text?.version_id, kept!.id);
      const linked = await db.query<{ id: string; org_template_version_id: string | null }>(
        'SELECT id, org_template_version_id FROM messages WHERE org_id = $1 ORDER BY id', [ORG]);
      assert.deepEqual(linked.map((m) => [m.id, m.org_template_version_id]), [['msg_removed_text', null], ['msg_v1', null], ['msg_v2', kept!.id]]);
      assert.equal((await getMessage(db, ORG, 'msg_v2'))?.org_template_text?.body, BODY);

      // the next save is version 3, kept beside the 2 made from the text
      const saved = await saveOrgTemplate(db, ORG, 'usr_ana', { template: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm', language: 'es' },
        { body: '{{company_name}}: OTRO, {{total_due}}.' }, new Date('2026-03-01T10:00:00Z'));
      assert.deepEqual(saved.ok && saved.value.version, 3);
      assert.equal((await getMessage(db, ORG, 'msg_v2'))?.org_template_text?.body, BODY);
    } finally {
      if (databaseUrl) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  });
});
