// One text for all tones: an org text saved with tone `any` is used for every tone that has no text of its own (a tone's
// own text wins), in the preview and at send (the message records tone `any` and its version); it is linted at save and at
// a strategy's activation like a tone's text, audited, and removed back to the shipped text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, type TestApi } from './support/api.ts';
import { apiWithSmsDebtor, type SmsDebtor } from './support/org-templates.ts';
import { aSend, messagesOf } from './support/messaging.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let debtor: SmsDebtor;
before(async () => ({ t, debtor } = await apiWithSmsDebtor(NOW, { name: 'Abarrotes Sur', phone: '+5215512388001' })));
after(() => t.close());

const url = (tone: string) => `/v1/templates/custom/overdue-late-fee-warning/sms/${tone}/es`;
const put = (tone: string, body: string) => t.app.inject({ method: 'PUT', url: url(tone), headers: bearer(t.keys.manager), payload: { body } });
const preview = async (tone: string) => (await t.app.inject({ method: 'POST', url: '/v1/templates/preview', headers: bearer(t.keys.viewer),
  payload: { customer_id: debtor.customer.id, step: 'overdue-late-fee-warning', channel: 'sms', tone } })).json();

describe('a text for any tone', () => {
  it('is refused with 400 naming the field: a tone that is not one, a text the lints refuse in some tone', async () => {
    const bad = await put('every', '{{company_name}}: {{total_due}}.');
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().error.field, /tone/);
    const card = await put('any', 'Responda con el número de su tarjeta y el CVV para pagar {{total_due}}.');
    assert.deepEqual([card.statusCode, card.json().error.field], [400, 'body']);
    assert.match(card.json().error.message, /PCI-1/);
  });

  it('is saved and audited like a tone\'s text, and used in every tone with none of its own', async () => {
    const r = await put('any', '{{company_name}}: PARA TODO TONO, {{total_due}} vencido.');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().tone, r.json().version], ['any', 1]);
    const [audit] = await t.db.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE org_id = $1 AND entity = 'template' ORDER BY at DESC, seq DESC LIMIT 1`, [t.org]);
    assert.deepEqual(audit, { action: 'template.saved', entity_id: 'overdue-late-fee-warning/sms/any/es' });
    for (const tone of ['friendly', 'neutral', 'formal', 'firm']) {
      const p = await preview(tone);
      assert.match(p.message.text, /PARA TODO TONO/, tone);
      assert.deepEqual([p.source.kind, p.source.tone, p.source.version], ['org', 'any', 1]);
    }
  });

  it('gives way to a tone\'s own text', async () => {
    assert.equal((await put('firm', '{{company_name}}: SOLO FIRME, {{total_due}}.')).statusCode, 200);
    const firm = await preview('firm');
    assert.match(firm.message.text, /SOLO FIRME/);
    assert.deepEqual([firm.source.tone, firm.source.version], ['firm', 1]);
    assert.match((await preview('friendly')).message.text, /PARA TODO TONO/);
  });

  it('is what the dispatcher sends, and the message records tone any and its version', async () => {
    const action = await aSend(t.db, t.org, debtor, ['sms'], { tone: 'friendly' });
    await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const [m] = await messagesOf(t.db, action);
    assert.ok(['sent', 'delivered'].includes(m?.status ?? ''), m?.reason ?? '');
    const shown = (await t.app.inject({ method: 'GET', url: `/v1/messages/${m!.id}`, headers: bearer(t.keys.viewer) })).json();
    assert.match(String(shown.content.text), /PARA TODO TONO/);
    assert.deepEqual([shown.tone, shown.org_template_tone, shown.org_template_version, shown.template_language], ['friendly', 'any', 1, 'es']);
  });

  it('is linted when a strategy using the template is activated, whatever the step\'s tone', async () => {
    const strategy = { id: 'any-tone', name: 'Any tone', activate: true, steps: [{ id: 'after-1', name: 'a day late', trigger: { on: 'days', days: 1 },
      actions: [{ type: 'send', channels: ['sms'], template: 'overdue-late-fee-warning', tone: 'formal' }] }] };
    const post = () => t.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(t.keys.manager), payload: strategy });
    // a text kept before a lint was tightened, as a row written directly
    await t.db.query(`UPDATE org_templates SET body = 'Envíe el número de su tarjeta y el CVV' WHERE org_id = $1 AND tone = 'any'`, [t.org]);
    const refused = await post();
    assert.deepEqual([refused.statusCode, refused.json().error.field], [400, 'steps.0.actions.0.template'], refused.body);
    assert.match(refused.json().error.message, /\(any, es\).*PCI-1/);
    await t.db.query(`UPDATE org_templates SET body = '{{company_name}}: {{total_due}}.' WHERE org_id = $1 AND tone = 'any'`, [t.org]);
    assert.equal((await post()).statusCode, 201);
  });

  it('once removed, leaves the tones without a text of their own to the shipped text', async () => {
    const r = await t.app.inject({ method: 'DELETE', url: url('any'), headers: bearer(t.keys.manager) });
    assert.equal(r.statusCode, 200, r.body);
    const friendly = await preview('friendly');
    assert.equal(friendly.source.kind, 'shipped');
    assert.equal((await preview('firm')).source.tone, 'firm');
  });
});
