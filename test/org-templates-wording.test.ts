// The wording a message was built from: each save of an org's text is kept unchanged as a version row, the message names
// the row it was rendered with (recorded by the send's one record statement), and GET /v1/messages/{id} shows that
// wording after the text has changed or been removed. The rows cannot be changed; a text saved again after its removal
// goes on from its last version; the template.saved audit entry carries the row's id and the wording's hash.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { orgTemplateVersion } from '../src/org-templates/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const SMS_ES = '/v1/templates/custom/overdue-late-fee-warning/sms/firm/es';
const ONE = '{{company_name}}: PRIMERA REDACCION, {{total_due}}.';
const TWO = '{{company_name}}: SEGUNDA REDACCION, {{total_due}}.';
const put = (body: string) => t.app.inject({ method: 'PUT', url: SMS_ES, headers: bearer(t.keys.manager), payload: { body } });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.keys.viewer) });

/** A debtor of its own (no contact cap between the sends), sent one firm SMS now; the message's id. */
async function sendOne(phone: string): Promise<string> {
  const d = await aDebtor(t.db, t.org, { name: `Deudor ${phone.slice(-2)}`, phone }, ['sms']);
  const action = await aSend(t.db, t.org, d, ['sms']);
  await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
  const [m] = await messagesOf(t.db, action);
  assert.ok(['sent', 'delivered'].includes(m?.status ?? ''), m?.reason ?? 'no message');
  return m!.id;
}

interface Wording { id: string; version: number; body: string; subject: string | null; sha256: string; saved_by: string; tone: string; language: string }
interface Detail { content: { text: string }; org_template_version: number | null; org_template_version_id: string | null; org_template_text: Wording | null }
const detail = async (id: string) => (await get(`/v1/messages/${id}`)).json() as Detail;
const sha = (body: string) => createHash('sha256').update(`\u001f${body}\u001f`).digest('hex');

describe('the wording a message was built from', () => {
  let first = '';
  let second = '';
  let v1 = '';

  it('is the version the message was sent with: its row named by the message, shown by GET /v1/messages/{id}', async () => {
    const saved = (await put(ONE)).json();
    assert.equal(saved.version, 1);
    v1 = saved.version_id;
    assert.match(v1, /^otv_/);
    first = await sendOne('+5215512378001');
    const m = await detail(first);
    assert.match(m.content.text, /PRIMERA REDACCION/);
    assert.equal(m.org_template_version_id, v1);
    assert.deepEqual({ ...m.org_template_text, saved_at: undefined },
      { id: v1, template: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm', language: 'es', version: 1, subject: null, body: ONE,
        whatsapp_name: null, sha256: sha(ONE), saved_at: undefined, saved_by: saved.updated_by });
  });

  it('stays version 1\'s once the text is changed to version 2; a message sent after shows version 2\'s', async () => {
    const saved = (await put(TWO)).json();
    assert.equal(saved.version, 2);
    assert.notEqual(saved.version_id, v1);
    second = await sendOne('+5215512378002');
    const older = await detail(first);
    assert.deepEqual([older.org_template_version, older.org_template_text?.version, older.org_template_text?.body], [1, 1, ONE]);
    const newer = await detail(second);
    assert.deepEqual([newer.org_template_version, newer.org_template_version_id, newer.org_template_text?.body], [2, saved.version_id, TWO]);
    assert.match(newer.content.text, /SEGUNDA REDACCION/);
    const listed = (await get('/v1/messages?channel=sms')).json().data as { id: string; org_template_version_id: string | null }[];
    assert.equal(listed.find((x) => x.id === first)?.org_template_version_id, v1);
  });

  it('lists every wording the text has had, newest first, and puts the row\'s id and hash in the template.saved audit entry', async () => {
    const versions = (await get(`${SMS_ES}/versions`)).json().data as Wording[];
    assert.deepEqual(versions.map((v) => [v.version, v.body]), [[2, TWO], [1, ONE]]);
    const rows = await t.db.query<{ data: { version: number; version_id: string; sha256: string } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'template.saved' ORDER BY seq`, [t.org]);
    assert.deepEqual(rows.map((r) => [r.data.version, r.data.version_id, r.data.sha256]), versions.reverse().map((v) => [v.version, v.id, sha(v.body)]));
  });

  it('is kept when the text is removed, and a text saved again goes on from the last version', async () => {
    assert.equal((await t.app.inject({ method: 'DELETE', url: SMS_ES, headers: bearer(t.keys.manager) })).statusCode, 200);
    assert.equal((await detail(first)).org_template_text?.body, ONE);
    assert.equal((await put(ONE)).json().version, 3);
    assert.deepEqual(((await get(`${SMS_ES}/versions`)).json().data as Wording[]).map((v) => v.version), [3, 2, 1]);
  });

  it('cannot be changed or deleted in the database', async () => {
    await assert.rejects(t.db.query(`UPDATE org_template_versions SET body = 'otra cosa' WHERE id = $1`, [v1]), /kept unchanged \(UPDATE refused\)/);
    await assert.rejects(t.db.query('DELETE FROM org_template_versions WHERE id = $1', [v1]), /kept unchanged \(DELETE refused\)/);
    assert.equal((await detail(first)).org_template_text?.body, ONE);
  });

  it('is none for cobro\'s shipped text, and another org cannot read the row', async () => {
    await t.app.inject({ method: 'DELETE', url: SMS_ES, headers: bearer(t.keys.manager) });
    const shipped = await detail(await sendOne('+5215512378003'));
    assert.deepEqual([shipped.org_template_version, shipped.org_template_version_id, shipped.org_template_text], [null, null, null]);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(Object.keys(doc.components.schemas.MessageDetail.properties).includes('org_template_text'));
    assert.equal(await orgTemplateVersion(t.db, t.otherOrg, v1), null);
    const theirs = await t.app.inject({ method: 'GET', url: `${SMS_ES}/versions`, headers: bearer(t.otherKey) });
    assert.deepEqual(theirs.json().data, []);
  });
});
