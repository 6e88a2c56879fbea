// The org's own template once a strategy sends it: removing a text an active version's step still needs is refused (409
// naming the strategy and step, nothing removed), one that leaves a usable text (tone any, another language) is not; a
// one-off message may use the org's own template (400 naming template for one the org has not written) and is sent with its text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, type TestApi } from './support/api.ts';
import { apiWithSmsDebtor, type SmsDebtor } from './support/org-templates.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let debtor: SmsDebtor;
before(async () => ({ t, debtor } = await apiWithSmsDebtor(NOW, { name: 'Abarrotes Sur', phone: '+5215512366002' })));
after(() => t.close());

const url = (tone: string, language: string) => `/v1/templates/custom/org-gentle-nudge/sms/${tone}/${language}`;
const as = (method: 'PUT' | 'DELETE' | 'GET', path: string, payload?: object) =>
  t.app.inject({ method, url: path, headers: bearer(t.keys.manager), ...(payload ? { payload } : {}) });
const oneOff = (payload: object) => t.app.inject({ method: 'POST', url: `/v1/cases/${debtor.caseId}/messages`, headers: bearer(t.keys.manager), payload });

describe('removing a text of the org\'s own template an active strategy sends', () => {
  before(async () => {
    for (const [tone, language] of [['friendly', 'es'], ['any', 'en'], ['firm', 'es']]) {
      const r = await as('PUT', url(tone!, language!), { body: `{{company_name}}: AVISO PROPIO ${tone} ${language}, {{total_due}}.` });
      assert.equal(r.statusCode, 200, r.body);
    }
    const s = await t.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(t.keys.manager), payload: { id: 'own-nudge', name: 'Own nudge', activate: true,
      steps: [{ id: 'after-2', name: 'two days late', trigger: { on: 'days', days: 2 },
        actions: [{ type: 'send', channels: ['sms'], template: 'org-gentle-nudge', tone: 'friendly' }] }] } });
    assert.equal(s.statusCode, 201, s.body);
  });

  it('is allowed while a usable text is left: another tone\'s, or the step\'s tone\'s when one for any tone (another language) remains', async () => {
    assert.equal((await as('DELETE', url('firm', 'es'))).statusCode, 200);
    assert.equal((await as('DELETE', url('friendly', 'es'))).statusCode, 200);
  });

  it('is refused with 409 naming the field, the strategy and the step when it is the last text the step can send; nothing is removed', async () => {
    const r = await as('DELETE', url('any', 'en'));
    assert.deepEqual([r.statusCode, r.json().error.field], [409, 'template'], r.body);
    assert.match(r.json().error.message, /strategy own-nudge version 1 .*step after-2 \(steps\.0\.actions\.0\)/);
    assert.equal((await as('GET', url('any', 'en'))).statusCode, 200, 'still there');
    const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'template.removed'`, [t.org]);
    assert.equal(audit?.n, 2, 'only the two removals allowed');
  });
});

describe('a one-off message from the org\'s own template', () => {
  it('is refused with 400 naming template for an org- id the org has not written, and channel for a channel it has no text on', async () => {
    const unwritten = await oneOff({ channel: 'sms', template: 'org-never-written' });
    assert.deepEqual([unwritten.statusCode, unwritten.json().error.field], [400, 'template'], unwritten.body);
    const email = await oneOff({ channel: 'email', template: 'org-gentle-nudge' });
    assert.deepEqual([email.statusCode, email.json().error.field], [400, 'channel'], email.body);
  });

  it('is queued and sent with the org\'s text (for any tone, in the language it was written in)', async () => {
    const r = await oneOff({ channel: 'sms', template: 'org-gentle-nudge', tone: 'formal' });
    assert.equal(r.statusCode, 202, r.body);
    await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const [m] = await t.db.query<{ id: string; status: string; reason: string | null }>('SELECT id, status, reason FROM messages WHERE action_id = $1', [r.json().action_id]);
    assert.ok(['sent', 'delivered'].includes(m?.status ?? ''), m?.reason ?? 'no message');
    const shown = (await t.app.inject({ method: 'GET', url: `/v1/messages/${m!.id}`, headers: bearer(t.keys.viewer) })).json();
    assert.match(String(shown.content.text), /AVISO PROPIO any en/);
    assert.deepEqual([shown.template, shown.org_template_tone, shown.org_template_version, shown.template_language], ['org-gentle-nudge', 'any', 1, 'en']);
  });

  it('is refused with 400 naming template when its text no longer passes the lints', async () => {
    await t.db.query(`UPDATE org_templates SET body = 'Envíe el número de su tarjeta y el CVV' WHERE org_id = $1 AND template = 'org-gentle-nudge'`, [t.org]);
    const r = await oneOff({ channel: 'sms', template: 'org-gentle-nudge', tone: 'formal' });
    assert.deepEqual([r.statusCode, r.json().error.field], [400, 'template'], r.body);
    assert.match(r.json().error.message, /PCI-1/);
  });
});
