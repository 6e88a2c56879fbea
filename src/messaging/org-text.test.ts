// Rendering with an org's own text: which text a debtor gets (language first), and the frame cobro keeps around it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ownTextUsed, renderMessage, sampleContext } from './render.ts';
import { orgTextKey, type OrgText, type OrgTone } from './org-text.ts';
import type { Channel, Language, MessageContext, Tone } from './types.ts';

const own = (entries: [string, Channel, OrgTone, Language, OrgText][]) => new Map(entries.map(([t, c, tone, l, text]) => [orgTextKey(t, c, tone, l), text]));
const texts = own([
  ['due-today', 'sms', 'neutral', 'es', { body: 'TEXTO PROPIO: {{total_due}} vence hoy.' }],
  ['due-today', 'sms', 'neutral', 'en', { body: 'OWN TEXT: {{total_due}} is due today.' }],
  ['due-today', 'email', 'neutral', 'en', { subject: 'OWN SUBJECT {{total_due}}', body: 'OWN BODY {{total_due}}' }],
  ['due-today', 'whatsapp', 'neutral', 'en', { body: 'OWN WA {{company_name}}: {{total_due}} by {{oldest_due_date}}', whatsappName: 'acme_due_today' }],
]);

function render(channel: Channel, ctx: MessageContext, tone: Tone = 'neutral', orgTexts = texts) {
  const r = renderMessage({ templateId: 'due-today', channel, tone, context: ctx, orgTexts });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}
const textOf = (m: ReturnType<typeof render>) => (m.channel === 'sms' ? m.text : m.channel === 'email' ? m.text : m.channel === 'whatsapp' ? m.preview : m.script);
const withLanguage = (language: string | undefined, orgLanguage?: string): MessageContext => {
  const base = sampleContext('es');
  const customer = { ...base.customer };
  if (language) customer.language = language; else delete customer.language;
  return { ...base, customer, ...(orgLanguage ? { orgLanguage } : {}) };
};

describe('rendering with the org\'s own texts', () => {
  it('uses the org\'s text in the debtor\'s language', () => {
    assert.match(textOf(render('sms', withLanguage('es'))), /^TEXTO PROPIO/);
  });

  it('puts the language first: no Spanish text of the org\'s, so cobro\'s Spanish, never the org\'s English', () => {
    const onlyEn = own([['due-today', 'sms', 'neutral', 'en', { body: 'OWN TEXT {{total_due}}' }]]);
    const m = render('sms', withLanguage('es'), 'neutral', onlyEn);
    assert.equal(m.language, 'es');
    assert.doesNotMatch(textOf(m), /OWN TEXT/);
  });

  it('for a language cobro does not ship, takes the org default\'s language, then English, the org\'s text first in each', () => {
    assert.match(textOf(render('sms', withLanguage('fr', 'es'))), /^TEXTO PROPIO/);
    assert.match(textOf(render('sms', withLanguage('fr'))), /^OWN TEXT/);
  });

  it('is per tone: a firm message keeps cobro\'s text', () => {
    assert.doesNotMatch(textOf(render('sms', withLanguage('es'), 'firm')), /TEXTO PROPIO/);
  });

  it('uses a text saved for any tone in every tone that has none of its own; a tone\'s own text wins', async () => {
    const anyAndFirm = own([
      ['due-today', 'sms', 'any', 'es', { body: 'PARA TODO TONO: {{total_due}}.', version: 4 }],
      ['due-today', 'sms', 'firm', 'es', { body: 'SOLO FIRME: {{total_due}}.', version: 2 }],
    ]);
    for (const tone of ['friendly', 'neutral', 'formal'] as const) assert.match(textOf(render('sms', withLanguage('es'), tone, anyAndFirm)), /PARA TODO TONO/, tone);
    assert.match(textOf(render('sms', withLanguage('es'), 'firm', anyAndFirm)), /^SOLO FIRME/);
    const input = { templateId: 'due-today', channel: 'sms' as const, context: withLanguage('es'), orgTexts: anyAndFirm };
    assert.deepEqual([ownTextUsed({ ...input, tone: 'formal' }, 'es')?.tone, ownTextUsed({ ...input, tone: 'formal' }, 'es')?.text.version], ['any', 4]);
    assert.equal(ownTextUsed({ ...input, tone: 'firm' }, 'es')?.tone, 'firm');
    assert.equal(ownTextUsed({ ...input, tone: 'formal' }, 'en'), undefined, 'language first: no English text');
    // the greeting of the tone is still the tone's own
    const friendly = textOf(render('sms', withLanguage('es'), 'friendly', own([['due-today', 'sms', 'any', 'es', { body: '{{greeting}} X {{total_due}}' }]])));
    const formal = textOf(render('sms', withLanguage('es'), 'formal', own([['due-today', 'sms', 'any', 'es', { body: '{{greeting}} X {{total_due}}' }]])));
    assert.notEqual(friendly.split(' X ')[0], formal.split(' X ')[0]);
  });

  it('renders a template of the org\'s own (org-...) in the debtor\'s language when written in it, else in one the org wrote, in the shipped frame', () => {
    const mine = own([['org-nudge', 'sms', 'any', 'es', { body: 'RECORDATORIO PROPIO {{total_due}}' }], ['org-nudge', 'sms', 'any', 'pt-BR', { body: 'LEMBRETE {{total_due}}' }]]);
    const es = renderMessage({ templateId: 'org-nudge', channel: 'sms', tone: 'neutral', context: withLanguage('es'), orgTexts: mine });
    assert.ok(es.ok && es.value.channel === 'sms');
    assert.match(es.value.text, /^RECORDATORIO PROPIO .* BAJA|^RECORDATORIO PROPIO .*STOP/);
    const en = renderMessage({ templateId: 'org-nudge', channel: 'sms', tone: 'neutral', context: withLanguage('en', 'pt-BR'), orgTexts: mine });
    assert.ok(en.ok);
    assert.deepEqual([en.value.language, textOf(en.value).startsWith('LEMBRETE')], ['pt-BR', true], 'the org default\'s language');
    const none = renderMessage({ templateId: 'org-nudge', channel: 'email', tone: 'neutral', context: withLanguage('es'), orgTexts: mine });
    assert.deepEqual(none.ok ? null : none.error.code, 'NOT_FOUND');
    // a shipped template keeps the language first: no English text of cobro's is replaced by the org's Spanish one
    const shipped = renderMessage({ templateId: 'due-today', channel: 'sms', tone: 'neutral', context: withLanguage('en'), orgTexts: own([['due-today', 'sms', 'any', 'es', { body: 'X' }]]) });
    assert.ok(shipped.ok);
    assert.equal(shipped.value.language, 'en');
  });

  it('keeps the shipped frame: the email\'s unsubscribe headers and footer link, the SMS opt-out, the US notice', () => {
    const us: MessageContext = { ...sampleContext('en'), customer: { ...sampleContext('en').customer, country: 'US', debtorType: 'consumer' } };
    const email = render('email', us);
    assert.ok(email.channel === 'email');
    assert.match(email.subject, /^OWN SUBJECT/);
    assert.match(email.text, /OWN BODY/);
    assert.match(email.headers['List-Unsubscribe'] ?? '', /^<https:\/\//);
    assert.ok(email.text.includes(us.links.unsubscribe!));
    assert.match(email.text, /from a debt collector/);
    const sms = textOf(render('sms', us));
    assert.match(sms, /OWN TEXT/);
    assert.match(sms, /Reply STOP to opt out\.$/);
    assert.match(sms, /from a debt collector/);
  });

  it('sends WhatsApp as the org\'s approved template, its variant for the US, with the parameters in order', () => {
    const m = render('whatsapp', { ...sampleContext('en'), customer: { ...sampleContext('en').customer, country: 'MX' } });
    assert.ok(m.channel === 'whatsapp' && m.mode === 'template');
    assert.equal(m.template.name, 'acme_due_today');
    assert.equal(m.template.parameters.length, 3);
    assert.equal(m.template.parameters[0], 'Demo Supplies');
    const us = render('whatsapp', { ...sampleContext('en'), customer: { ...sampleContext('en').customer, country: 'US', debtorType: 'consumer' } });
    assert.ok(us.channel === 'whatsapp' && us.mode === 'template');
    assert.equal(us.template.name, 'acme_due_today_us');
  });
});
