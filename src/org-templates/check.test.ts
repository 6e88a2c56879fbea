// What an org's own text must pass before it is saved: a shipped template, the channel's fields, known placeholders and
// the template lints, each refusal naming the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrgTemplate, lintOrgText, tonesOf, type OrgTemplateKey } from './check.ts';

const key = (over: Partial<OrgTemplateKey> = {}): OrgTemplateKey => ({ template: 'due-today', channel: 'email', tone: 'neutral', language: 'en', ...over });
const refusal = (r: ReturnType<typeof checkOrgTemplate>) => (r.ok ? null : { field: r.error.field, message: r.error.message });

describe('an org\'s own template text', () => {
  it('is accepted when it uses known placeholders and passes the lints', () => {
    const r = checkOrgTemplate(key(), { subject: 'Payment due today: {{total_due}}', body: 'Please pay {{total_due}} today.\n\n{{invoice_list}}' });
    assert.deepEqual(r, { ok: true, value: { warnings: [] } });
  });

  it('is refused when it asks for card data (PCI-1), naming the body, or the subject when that is where it asks', () => {
    const body = refusal(checkOrgTemplate(key(), { subject: 'Due today', body: 'Reply with your card number and CVV to pay {{total_due}}.' }));
    assert.equal(body?.field, 'body');
    assert.match(body?.message ?? '', /PCI-1/);
    const subject = refusal(checkOrgTemplate(key(), { subject: 'Send us your card number', body: 'Please pay {{total_due}} today.' }));
    assert.equal(subject?.field, 'subject');
  });

  it('is refused when it names a placeholder cobro does not know, or leaves a section open', () => {
    assert.deepEqual(refusal(checkOrgTemplate(key(), { subject: 'Hi {{nickname}}', body: 'Pay {{total_due}}.' })),
      { field: 'subject', message: 'subject names unknown placeholders: nickname' });
    assert.equal(refusal(checkOrgTemplate(key({ channel: 'sms' }), { body: '{{#payment_link}}Pay: {{payment_link}}' }))?.field, 'body');
  });

  it('speaks of legal action only in a template tagged legal-threat (US-9)', () => {
    const r = refusal(checkOrgTemplate(key({ channel: 'sms' }), { body: '{{company_name}}: pay {{total_due}} or we will take legal action.' }));
    assert.equal(r?.field, 'body');
    assert.match(r?.message ?? '', /US-9/);
  });

  it('needs the approved name for WhatsApp, and ordered parameters only (no sections)', () => {
    assert.equal(refusal(checkOrgTemplate(key({ channel: 'whatsapp' }), { body: '{{company_name}}: {{total_due}} is due today.' }))?.field, 'whatsapp_name');
    assert.equal(refusal(checkOrgTemplate(key({ channel: 'whatsapp' }), { body: '{{#several}}x{{/several}}', whatsappName: 'acme_due' }))?.field, 'body');
    assert.ok(checkOrgTemplate(key({ channel: 'whatsapp' }), { body: '{{company_name}}: {{total_due}} is due today.', whatsappName: 'acme_due' }).ok);
  });

  it('is refused for a template cobro does not ship, and a subject off email', () => {
    assert.equal(refusal(checkOrgTemplate(key({ template: 'my-own' }), { subject: 'x', body: 'y' }))?.field, 'template');
    assert.equal(refusal(checkOrgTemplate(key({ channel: 'sms' }), { subject: 'x', body: 'y' }))?.field, 'subject');
    assert.equal(refusal(checkOrgTemplate(key(), { body: 'y' }))?.field, 'subject');
  });

  it('checks a text for any tone in every tone', () => {
    assert.deepEqual(tonesOf('any'), ['friendly', 'neutral', 'formal', 'firm']);
    assert.deepEqual(tonesOf('firm'), ['firm']);
    assert.ok(checkOrgTemplate(key({ tone: 'any', channel: 'sms' }), { body: '{{company_name}}: please pay {{total_due}} today.' }).ok);
    const card = refusal(checkOrgTemplate(key({ tone: 'any', channel: 'sms' }), { body: 'Reply with your card number to pay {{total_due}}.' }));
    assert.equal(card?.field, 'body');
    // the findings of each tone (the same text is sent in all four)
    const findings = lintOrgText(key({ tone: 'any', channel: 'sms' }), { body: 'Reply with your card number to pay {{total_due}}.' });
    assert.deepEqual([...new Set(findings.map((f) => f.tone))].sort(), ['firm', 'formal', 'friendly', 'neutral']);
  });

  it('takes a template of the org\'s own when its id starts with org-, linted alike', () => {
    assert.ok(checkOrgTemplate(key({ template: 'org-gentle-nudge', channel: 'sms' }), { body: '{{company_name}}: {{total_due}} is due.' }).ok);
    for (const id of ['org-', 'org-Nudge', `org-${'x'.repeat(61)}`]) {
      assert.equal(refusal(checkOrgTemplate(key({ template: id, channel: 'sms' }), { body: '{{total_due}}' }))?.field, 'template', id);
    }
    assert.equal(refusal(checkOrgTemplate(key({ template: 'org-nudge', channel: 'sms' }), { body: 'Send your card number: {{total_due}}' }))?.field, 'body');
  });

  it('saves an SMS over three segments with a warning', () => {
    const r = checkOrgTemplate(key({ channel: 'sms' }), { body: `{{company_name}}: ${'please pay what you owe today, '.repeat(16)}{{total_due}}` });
    assert.ok(r.ok);
    assert.ok(r.value.warnings.some((w) => /segment/i.test(w)), JSON.stringify(r.value.warnings));
  });
});
