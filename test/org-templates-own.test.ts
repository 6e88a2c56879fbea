// Templates of the org's own (ids starting with org-, not a variant of a shipped one): saved through the same API (linted,
// audited, 400 naming the field), usable in strategy steps once activation finds a text for each channel in the step's
// tone (or any) and every such text passes the lints; previewed and sent in cobro's frame, the message recording the text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, type TestApi } from './support/api.ts';
import { apiWithSmsDebtor, type SmsDebtor } from './support/org-templates.ts';
import { aSend, messagesOf } from './support/messaging.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let debtor: SmsDebtor;
before(async () => ({ t, debtor } = await apiWithSmsDebtor(NOW, { name: 'Abarrotes Este', phone: '+5215512366001' })));
after(() => t.close());

const url = (template: string, tone = 'friendly') => `/v1/templates/custom/${template}/sms/${tone}/es`;
const put = (path: string, body: string) => t.app.inject({ method: 'PUT', url: path, headers: bearer(t.keys.manager), payload: { body } });
const strategy = (over: Record<string, unknown> = {}) => ({ id: 'own-template', name: 'Own template', activate: true,
  steps: [{ id: 'after-2', name: 'two days late', trigger: { on: 'days', days: 2 },
    actions: [{ type: 'send', channels: ['sms'], template: 'org-gentle-nudge', tone: 'friendly', ...over }] }] });
const post = (body: object) => t.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(t.keys.manager), payload: body });

describe('a template of the org\'s own', () => {
  it('is refused with 400 naming the template when its id is not org- and lower-case, or the body when the lints refuse it', async () => {
    for (const id of ['gentle-nudge', 'org-Gentle']) {
      const r = await put(url(id), '{{company_name}}: {{total_due}}.');
      assert.deepEqual([r.statusCode, r.json().error.field], [400, 'template'], id);
    }
    const card = await put(url('org-gentle-nudge'), 'Envíe el número de su tarjeta y el CVV: {{total_due}}.');
    assert.deepEqual([card.statusCode, card.json().error.field], [400, 'body']);
  });

  it('cannot be sent by a strategy before the org wrote a text for the step\'s channels and tone', async () => {
    const r = await post(strategy());
    assert.deepEqual([r.statusCode, r.json().error.field], [400, 'steps.0.actions.0.template'], r.body);
    assert.match(r.json().error.message, /own template org-gentle-nudge has no sms text for tone friendly/);
  });

  it('is saved and audited, then a strategy step may send it; another channel or tone without a text is refused', async () => {
    const saved = await put(url('org-gentle-nudge'), '{{company_name}}: RECORDATORIO PROPIO, {{total_due}} pendiente.');
    assert.equal(saved.statusCode, 200, saved.body);
    const [audit] = await t.db.query<{ entity_id: string }>(`SELECT entity_id FROM audit_log WHERE org_id = $1 AND action = 'template.saved'`, [t.org]);
    assert.equal(audit?.entity_id, 'org-gentle-nudge/sms/friendly/es');
    assert.deepEqual([(await post(strategy({ tone: 'firm' }))).statusCode, (await post(strategy({ channels: ['sms'], fallback: ['email'] }))).statusCode], [400, 400]);
    const ok = await post(strategy());
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('is previewed and sent in cobro\'s frame, the message recording the template and the text\'s version', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/v1/templates/preview', headers: bearer(t.keys.viewer),
      payload: { customer_id: debtor.customer.id, step: 'org-gentle-nudge', channel: 'sms', tone: 'friendly' } })).json();
    assert.match(p.message.text, /RECORDATORIO PROPIO/);
    assert.deepEqual([p.source.kind, p.source.version], ['org', 1]);
    const action = await aSend(t.db, t.org, debtor, ['sms'], { template: 'org-gentle-nudge', tone: 'friendly' });
    await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const [m] = await messagesOf(t.db, action);
    assert.ok(['sent', 'delivered'].includes(m?.status ?? ''), m?.reason ?? '');
    const shown = (await t.app.inject({ method: 'GET', url: `/v1/messages/${m!.id}`, headers: bearer(t.keys.viewer) })).json();
    assert.match(String(shown.content.text), /RECORDATORIO PROPIO.*(BAJA|STOP)/s, 'the SMS opt-out of the frame');
    assert.deepEqual([shown.template, shown.org_template_tone, shown.org_template_version, shown.template_language], ['org-gentle-nudge', 'friendly', 1, 'es']);
  });

  it('is linted again at activation: a kept text the lints now refuse stops it', async () => {
    await t.db.query(`UPDATE org_templates SET body = 'Envíe el número de su tarjeta y el CVV' WHERE org_id = $1 AND template = 'org-gentle-nudge'`, [t.org]);
    const r = await t.app.inject({ method: 'POST', url: '/v1/strategies/own-template/versions/1/activate', headers: bearer(t.keys.manager), payload: {} });
    assert.deepEqual([r.statusCode, r.json().error.field], [400, 'steps.0.actions.0.template'], r.body);
    assert.match(r.json().error.message, /PCI-1/);
  });
});
