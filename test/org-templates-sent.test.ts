// Which text each message was sent with: the template, its language and, when the org's own text was used, the tone its
// text is saved for and that text's version then (null: cobro's shipped text). A message sent after the org changed its
// text records the new version; one sent before keeps the old. Shown by GET /v1/messages, the OpenAPI Message schema and
// the case timeline.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const SMS_ES = '/v1/templates/custom/overdue-late-fee-warning/sms/firm/es';
const put = (path: string, body: string) => t.app.inject({ method: 'PUT', url: path, headers: bearer(t.keys.manager), payload: { body } });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.keys.viewer) });

interface Sent { id: string; status: string; text: string; template: string; template_language: string | null; org_template_tone: string | null; org_template_version: number | null }
const read = async (id: string) => (await t.db.query<Sent>(`SELECT id, status, content->>'text' AS text, template, template_language, org_template_tone,
  org_template_version FROM messages WHERE id = $1`, [id]))[0]!;

/** A debtor of its own (so no contact cap stands between the sends), sent one firm SMS now; the message as recorded. */
async function sendOne(phone: string, tone = 'firm') {
  const d = await aDebtor(t.db, t.org, { name: `Deudor ${phone.slice(-2)}`, phone }, ['sms']);
  const action = await aSend(t.db, t.org, d, ['sms'], { tone });
  await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
  const [m] = await messagesOf(t.db, action);
  assert.ok(['sent', 'delivered'].includes(m?.status ?? ''), m?.reason ?? 'no message');
  return { message: await read(m!.id), caseId: d.caseId };
}

describe('the text a message was sent with', () => {
  let first: Awaited<ReturnType<typeof sendOne>>;
  let second: Awaited<ReturnType<typeof sendOne>>;

  it('is recorded when sent: the template, the language, the org text\'s tone and version', async () => {
    assert.equal((await put(SMS_ES, '{{company_name}}: TEXTO UNO, {{total_due}}.')).json().version, 1);
    first = await sendOne('+5215512377001');
    assert.match(first.message.text, /TEXTO UNO/);
    assert.deepEqual({ ...first.message, id: '', status: '', text: '' }, { id: '', status: '', text: '', template: 'overdue-late-fee-warning',
      template_language: 'es', org_template_tone: 'firm', org_template_version: 1 });
  });

  it('records the new version once the org changes its text, and the older message keeps the old one', async () => {
    assert.equal((await put(SMS_ES, '{{company_name}}: TEXTO DOS, {{total_due}}.')).json().version, 2);
    second = await sendOne('+5215512377002');
    assert.match(second.message.text, /TEXTO DOS/);
    assert.deepEqual([second.message.org_template_tone, second.message.org_template_version], ['firm', 2]);
    const older = await read(first.message.id);
    assert.deepEqual([older.org_template_version, older.text.includes('TEXTO UNO')], [1, true]);
  });

  it('is cobro\'s shipped text (null tone and version) where the org wrote none, with its language', async () => {
    const shipped = await sendOne('+5215512377003', 'friendly');
    assert.doesNotMatch(shipped.message.text, /TEXTO/);
    assert.deepEqual([shipped.message.template_language, shipped.message.org_template_tone, shipped.message.org_template_version], ['es', null, null]);
  });

  it('is shown by GET /v1/messages and in the OpenAPI Message schema', async () => {
    const one = (await get(`/v1/messages/${second.message.id}`)).json();
    assert.deepEqual([one.template, one.template_language, one.org_template_tone, one.org_template_version], ['overdue-late-fee-warning', 'es', 'firm', 2]);
    const listed = (await get('/v1/messages?channel=sms')).json().data as { id: string; org_template_version: number | null }[];
    assert.equal(listed.find((m) => m.id === first.message.id)?.org_template_version, 1);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const props = Object.keys(doc.components.schemas.Message.properties);
    for (const p of ['template', 'template_language', 'org_template_tone', 'org_template_version']) assert.ok(props.includes(p), p);
  });

  it('is said in the case timeline', async () => {
    const story = (await get(`/v1/cases/${first.caseId}`)).json();
    const entry = story.timeline.find((e: { kind: string }) => e.kind === 'message_sent');
    assert.match(entry?.reason ?? '', /overdue-late-fee-warning \(the org's text v1, es\): (sent|delivered)$/);
    assert.deepEqual([entry.data.template_language, entry.data.org_template_version], ['es', 1]);
    // the entry names the kept wording, which the message and the text's versions give
    const [row] = await t.db.query<{ v: string }>('SELECT org_template_version_id AS v FROM messages WHERE id = $1', [first.message.id]);
    assert.ok(row?.v, 'the message names its kept wording');
    assert.equal(entry.data.org_template_version_id, row.v);
    const kept = (await get(`/v1/messages/${entry.data.message_id}`)).json();
    assert.equal(kept.org_template_text.id, entry.data.org_template_version_id);
    const versions = (await get(entry.data.org_template_versions_url)).json().data as { id: string; version: number; body: string }[];
    assert.deepEqual(versions.filter((v) => v.id === entry.data.org_template_version_id).map((v) => [v.version, v.body]), [[1, kept.org_template_text.body]]);
  });
});
