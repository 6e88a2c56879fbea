// An org's own template texts through the API: saved only after the template lints pass (400 naming the field), used in
// the preview (a draft too, with the checks a save would make, before it is saved) and at an actual dispatch through
// the sandbox (through the compliance gate), per language first, removed back to the shipped text, unseen by another
// org, written only by admins and managers, audited; activation lints a strategy's texts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let debtor: Awaited<ReturnType<typeof aDebtor>>;
before(async () => {
  t = await testApi(() => NOW);
  debtor = await aDebtor(t.db, t.org, { name: 'Abarrotes Norte', email: 'pagos@norte.example', phone: '+5215512399001' }, ['email', 'sms']);
});
after(async () => { await t.close(); });

const OWN_SMS = '{{company_name}}: TEXTO PROPIO, {{total_due}} vencido desde {{oldest_due_date}}.{{#payment_link}} Pague: {{payment_link}}{{/payment_link}}';
const url = (template: string, channel: string, tone: string, language: string) => `/v1/templates/custom/${template}/${channel}/${tone}/${language}`;
const SMS_ES = url('overdue-late-fee-warning', 'sms', 'firm', 'es');
const put = (path: string, payload: object, key = t.keys.manager) => t.app.inject({ method: 'PUT', url: path, headers: bearer(key), payload });
const del = (path: string, key = t.keys.manager) => t.app.inject({ method: 'DELETE', url: path, headers: bearer(key) });
const preview = (body: Record<string, unknown>, key = t.keys.viewer) =>
  t.app.inject({ method: 'POST', url: '/v1/templates/preview', headers: bearer(key), payload: { customer_id: debtor.customer.id, ...body } });
const listed = async (key = t.keys.viewer) => (await t.app.inject({ method: 'GET', url: '/v1/templates/custom', headers: bearer(key) })).json().data as { template: string; version: number }[];

describe('saving an org\'s own template text', () => {
  it('is listed in the OpenAPI document the API serves, with its body schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const one = doc.paths['/v1/templates/custom/{template}/{channel}/{tone}/{language}'];
    assert.deepEqual(Object.keys(one ?? {}).sort(), ['delete', 'get', 'put']);
    assert.ok(doc.paths['/v1/templates/custom']?.get);
    assert.ok(JSON.stringify(one.put.requestBody).includes('whatsapp_name'));
  });

  it('is refused with 400 naming the field when the lints find a problem, and nothing is kept', async () => {
    const card = await put(url('due-today', 'email', 'neutral', 'en'), { subject: 'Due today', body: 'Reply with your card number to pay {{total_due}}.' });
    assert.equal(card.statusCode, 400, card.body);
    assert.equal(card.json().error.field, 'body');
    assert.match(card.json().error.message, /PCI-1/);
    const placeholder = await put(url('due-today', 'email', 'neutral', 'en'), { subject: 'Hi {{nickname}}', body: 'Pay {{total_due}}.' });
    assert.deepEqual([placeholder.statusCode, placeholder.json().error.field], [400, 'subject']);
    const wa = await put(url('due-today', 'whatsapp', 'neutral', 'en'), { body: '{{company_name}}: {{total_due}} is due.' });
    assert.deepEqual([wa.statusCode, wa.json().error.field], [400, 'whatsapp_name']);
    const unknown = await put(url('my-own', 'sms', 'neutral', 'en'), { body: 'x' });
    assert.deepEqual([unknown.statusCode, unknown.json().error.field], [400, 'template']);
    assert.equal((await put(url('due-today', 'fax', 'neutral', 'en'), { body: 'x' })).statusCode, 400);
    assert.deepEqual(await listed(), []);
  });

  it('is written by admins and managers only; every role reads them; another org sees none', async () => {
    for (const key of [t.keys.collector, t.keys.viewer]) {
      assert.equal((await put(SMS_ES, { body: OWN_SMS }, key)).statusCode, 403);
      assert.equal((await del(SMS_ES, key)).statusCode, 403);
    }
    const r = await put(SMS_ES, { body: OWN_SMS });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().version, r.json().updated_by.length > 0], [1, true]);
    // saved with no warning: folded into GSM-7 it stays within three segments even with the notices the law adds
    assert.deepEqual(r.json().warnings, [], r.body);
    // an org that keeps accents (sms_fold never) is warned where those notices make it long in UCS-2
    const fold = (v: string) => t.app.inject({ method: 'PUT', url: '/v1/sms/settings', headers: bearer(t.keys.manager), payload: { sms_fold: v } });
    assert.equal((await fold('never')).statusCode, 200);
    const again = await put(SMS_ES, { body: OWN_SMS });
    assert.equal(again.json().version, 2);
    assert.ok(again.json().warnings.length > 0 && again.json().warnings.every((w: string) => /SMS_OVER_3_SEGMENTS: \d+ segments \(UCS-2\)/.test(w)), again.body);
    assert.equal((await fold('auto')).statusCode, 200);
    assert.deepEqual((await listed()).map((x) => [x.template, x.version]), [['overdue-late-fee-warning', 2]]);
    assert.deepEqual(await listed(t.otherKey), []);
    assert.equal((await t.app.inject({ method: 'GET', url: SMS_ES, headers: bearer(t.otherKey) })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: SMS_ES, headers: bearer(t.keys.viewer) })).json().body, OWN_SMS);
    const audit = await t.db.query<{ action: string; entity_id: string }>(`SELECT action, entity_id FROM audit_log WHERE org_id = $1 AND entity = 'template' ORDER BY at, seq`, [t.org]);
    assert.deepEqual(audit.map((a) => a.action), ['template.saved', 'template.saved']);
    assert.equal(audit[0]!.entity_id, 'overdue-late-fee-warning/sms/firm/es');
  });
});

describe('the saved text', () => {
  it('is the one the preview renders for the debtor, with cobro\'s opt-out still at the end; other tones and another org keep the shipped text', async () => {
    const p = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm' })).json();
    assert.match(p.message.text, /TEXTO PROPIO/);
    assert.equal(p.source.kind, 'org');
    assert.equal(p.source.version, 2);
    assert.match(p.message.text, /STOP|BAJA/i);
    const step = (await preview({ step: 'after-7', channel: 'sms' })).json();
    assert.equal(step.template, 'overdue-late-fee-warning');
    assert.match(step.message.text, /TEXTO PROPIO/, 'a step sending the template');
    const friendly = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'friendly' })).json();
    assert.doesNotMatch(friendly.message.text, /TEXTO PROPIO/);
    assert.equal(friendly.source.kind, 'shipped');
    const other = await aDebtor(t.db, t.otherOrg, { name: 'Otra', phone: '+5215512399009' }, ['sms']);
    const theirs = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm', customer_id: other.customer.id }, t.otherKey)).json();
    assert.doesNotMatch(theirs.message.text, /TEXTO PROPIO/);
  });

  it('is what the dispatcher sends through the sandbox, after the compliance gate allowed it', async () => {
    const action = await aSend(t.db, t.org, debtor, ['sms'], { tone: 'firm' });
    await dispatchOnce({ db: t.db, now: () => NOW, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const [sent] = await messagesOf(t.db, action);
    assert.ok(['sent', 'delivered'].includes(sent?.status ?? ''), sent?.reason ?? '');
    const [content] = await t.db.query<{ text: string }>(`SELECT content->>'text' AS text FROM messages WHERE id = $1`, [sent!.id]);
    assert.match(content!.text, /TEXTO PROPIO/);
    const gate = await t.db.query<{ decision: string }>('SELECT decision FROM gate_decisions WHERE org_id = $1 AND action_id = $2', [t.org, action]);
    assert.deepEqual(gate.map((g) => g.decision), ['allow']);
  });

  it('is in the debtor\'s language first: an English text of the org\'s does not reach a Spanish reader', async () => {
    const en = await put(url('overdue-late-fee-warning', 'sms', 'friendly', 'en'), { body: '{{company_name}}: OWN ENGLISH {{total_due}}.' });
    assert.equal(en.statusCode, 200, en.body);
    const es = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'friendly' })).json();
    assert.deepEqual([es.message.language, es.source.kind], ['es', 'shipped']);
    assert.doesNotMatch(es.message.text, /OWN ENGLISH/);
    const asked = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'friendly', language: 'en' })).json();
    assert.match(asked.message.text, /OWN ENGLISH/);
  });

  it('once removed, gives the shipped text back (audited); removing it again is 404', async () => {
    const r = await del(SMS_ES);
    assert.equal(r.statusCode, 200, r.body);
    const p = (await preview({ step: 'overdue-late-fee-warning', channel: 'sms', tone: 'firm' })).json();
    assert.doesNotMatch(p.message.text, /TEXTO PROPIO/);
    assert.equal(p.source.kind, 'shipped');
    assert.equal((await del(SMS_ES)).statusCode, 404);
    const [last] = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND entity = 'template' ORDER BY at DESC, seq DESC LIMIT 1`, [t.org]);
    assert.equal(last?.action, 'template.removed');
  });
});

describe('activating a strategy', () => {
  const strategy = (template: string, channels: string[]) => ({ id: 'own-words', name: 'Own words', activate: true,
    steps: [{ id: 'after-1', name: 'a day late', trigger: { on: 'days', days: 1 }, actions: [{ type: 'send', channels, template, tone: 'friendly' }] }] });
  const post = (body: object) => t.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(t.keys.manager), payload: body });

  it('refuses a step whose template is not shipped on its channels, naming the action', async () => {
    const r = await post(strategy('no-such-template', ['sms']));
    assert.deepEqual([r.statusCode, r.json().error.field], [400, 'steps.0.actions.0.template']);
  });

  it('lints the org\'s texts the steps will use: one the lints now refuse stops the activation', async () => {
    assert.equal((await post(strategy('overdue-late-fee-warning', ['sms']))).statusCode, 201);
    // a text kept before a lint was tightened, as a row written directly
    await t.db.query(`INSERT INTO org_templates (org_id, template, channel, tone, language, body, created_at, updated_at, updated_by)
      VALUES ($1, 'overdue-late-fee-warning', 'sms', 'friendly', 'pt-BR', 'Envie o número do cartão e o CVV', $2, $2, 'test')`, [t.org, NOW]);
    const again = await t.app.inject({ method: 'POST', url: '/v1/strategies/own-words/versions/1/activate', headers: bearer(t.keys.manager), payload: {} });
    assert.deepEqual([again.statusCode, again.json().error.field], [400, 'steps.0.actions.0.template']);
    assert.match(again.json().error.message, /PCI-1/);
    const other = await post({ ...strategy('overdue-late-fee-warning', ['email']) });
    assert.equal(other.statusCode, 201, 'a step on another channel does not use that text');
  });
});

const draft = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/templates/preview', headers: bearer(t.keys.viewer), payload: body });

describe('previewing a text not saved yet (draft): the checks a save would make, rendered for a customer or the sample debtor', () => {
  it('renders it for the sample debtor, with the SMS segments and encoding, and saves nothing', async () => {
    const before = await listed();
    const r = await draft({ step: 'due-today', channel: 'sms', language: 'es', draft: { tone: 'neutral', body: '{{company_name}}: BORRADOR, hoy vence {{total_due}}.' } });
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json();
    assert.equal(p.check.ok, true);
    assert.ok(p.check.warnings.every((w: string) => /SMS_OVER_3_SEGMENTS/.test(w)), 'the warnings a save would carry (the US notices make it long)');
    assert.equal(p.customer_id, null);
    assert.match(p.message.text, /^Demo Supplies: BORRADOR, hoy vence /);
    assert.deepEqual(Object.keys(p.message.segments).sort(), ['encoding', 'segments', 'units']);
    assert.deepEqual(await listed(), before, 'nothing saved');
  });

  it('renders it for a customer, in the tone any as well', async () => {
    const r = await draft({ step: 'due-today', channel: 'email', language: 'es', customer_id: debtor.customer.id,
      draft: { tone: 'any', subject: 'Aviso {{total_due}}', body: 'Estimado {{customer_name}}: BORRADOR PARA TODO TONO.' } });
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json();
    assert.equal(p.customer_id, debtor.customer.id);
    assert.match(p.message.html, /Estimado Abarrotes Norte: BORRADOR PARA TODO TONO\./);
    assert.match(p.message.subject, /^Aviso /);
  });

  it('answers the field and lint findings a save would refuse it with, still rendering what it can', async () => {
    const card = (await draft({ step: 'due-today', channel: 'sms', language: 'en', draft: { tone: 'neutral', body: 'Reply with your card number to pay {{total_due}}.' } })).json();
    assert.equal(card.check.ok, false);
    assert.equal(card.check.field, 'body');
    assert.ok(card.check.findings.some((f: { rule: string }) => f.rule === 'PCI-1'), JSON.stringify(card.check));
    assert.match(card.message.text, /card number/);
    const unknown = (await draft({ step: 'due-today', channel: 'sms', language: 'en', draft: { tone: 'neutral', body: 'Pay {{nickname}}.' } })).json();
    assert.deepEqual([unknown.check.ok, unknown.check.field, unknown.message], [false, 'body', null]);
    assert.match(unknown.check.message, /nickname/);
  });

  it('needs the language of the draft, and a customer_id without one', async () => {
    const noLanguage = await draft({ step: 'due-today', channel: 'sms', draft: { tone: 'neutral', body: 'x {{total_due}}' } });
    assert.deepEqual([noLanguage.statusCode, noLanguage.json().error.field], [400, 'language']);
    const noCustomer = await draft({ step: 'due-today', channel: 'sms' });
    assert.deepEqual([noCustomer.statusCode, noCustomer.json().error.field], [400, 'customer_id']);
  });
});
