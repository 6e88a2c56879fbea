// The portal confirmations as a preview shows them: every one in en, es and pt-BR by email and SMS, nothing left unfilled,
// a plan's schedule listed in the debtor's money and dates; and the gate's purpose they carry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, isConfirmationTemplate, previewTemplate, templateIds } from './index.ts';

const CONFIRMATIONS = ['portal-promise-confirmed', 'portal-extension-confirmed', 'portal-plan-confirmed', 'portal-promise-cancelled', 'portal-plan-cancelled',
  'portal-promise-cancelled-by-staff', 'portal-plan-cancelled-by-staff'];

describe('portal confirmation templates', () => {
  it('are in the catalogue and marked as confirmations (and no step template is)', () => {
    for (const id of CONFIRMATIONS) assert.ok(templateIds().includes(id) && isConfirmationTemplate(id), id);
    assert.equal(isConfirmationTemplate('promise-broken'), false);
    assert.equal(isConfirmationTemplate(null), false);
  });
  for (const language of LANGUAGES) {
    it(`preview in ${language} by email and SMS with nothing left unfilled`, () => {
      for (const id of CONFIRMATIONS) for (const channel of ['email', 'sms'] as const) {
        const r = previewTemplate(id, channel, { language });
        assert.ok(r.ok, `${id}/${channel}/${language}: ${r.ok ? '' : r.error.message}`);
        assert.equal(r.value.language, language);
        const texts = r.value.channel === 'email' ? [r.value.subject, r.value.text, r.value.html] : r.value.channel === 'sms' ? [r.value.text] : [];
        for (const t of texts) assert.doesNotMatch(t, /\{\{/, `${id}/${channel}/${language}`);
      }
    });
  }
  it('lists a plan\'s schedule in the debtor\'s money and dates, as text and as a table', () => {
    const es = previewTemplate('portal-plan-confirmed', 'email', { language: 'es' });
    assert.ok(es.ok && es.value.channel === 'email');
    assert.match(es.value.text, /\$1,730\.50 en 4 pagos, del 12 de marzo de 2026 al 12 de junio de 2026/);
    assert.match(es.value.text, /\n1\. 12 de marzo de 2026: \$430\.50\n2\. 12 de abril de 2026: \$430\.00\n/);
    assert.match(es.value.html, /<th[^>]*>Vencimiento<\/th>[\s\S]*<td[^>]*>12 de junio de 2026<\/td><td[^>]*>\$440\.00<\/td>/);
    const sms = previewTemplate('portal-plan-confirmed', 'sms', { language: 'en' });
    assert.ok(sms.ok && sms.value.channel === 'sms');
    assert.match(sms.value.text, /plan of 4 payments, \$1,730\.50 in all, from Mar 12, 2026 to Jun 12, 2026\. A missed payment ends the plan\./);
  });
});
