// Template lints (COMPLIANCE.md rows 5, 11, 12, 23, 28 and PCI-1): each rule catches a bad template, the shipped ones all pass.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PACKS, renderMessage, type LanguagePack, type RenderedMessage } from '../../messaging/index.ts';
import { describeFinding, lintPack, lintShipped, lintTemplate, placeContext, type LintFinding } from './catalogue.ts';
import { lintMessage } from './rules.ts';

const EN = PACKS.en;
const rules = (fs: readonly LintFinding[]) => [...new Set(fs.map((f) => f.rule))].sort();
const where = (fs: readonly LintFinding[], rule: string) => fs.filter((f) => f.rule === rule);

describe('the shipped templates', () => {
  it('pass every lint in every language, channel, tone and place', () => {
    const findings = lintShipped();
    assert.deepEqual(findings.map(describeFinding), []);
  });
  it('really are checked: a broken frame in one pack shows up for each of its templates', () => {
    const broken: LanguagePack = { ...EN, smsOptOut: '' };
    const found = where(lintPack(broken), 'US-4');
    assert.ok(found.length >= Object.values(EN.templates).filter((t) => t.sms).length, `${found.length} findings`);
  });
});

describe('US-8 mini-Miranda (row 11)', () => {
  it('catches a notice that says "debt collector" but not that it is an attempt to collect a debt', () => {
    const pack: LanguagePack = { ...EN, disclosures: { ...EN.disclosures, usCollector: 'This message is from a debt collector.' } };
    const found = where(lintPack(pack, ['due-today']), 'US-8');
    assert.deepEqual([...new Set(found.map((f) => f.channel))].sort(), ['email', 'sms', 'voice', 'whatsapp']);
    assert.ok(found.every((f) => f.place === 'US' && f.template === 'due-today' && f.language === 'en'));
    assert.match(found[0]!.message, /attempt to collect a debt/);
  });
  it('reads the notice in the pack\'s own language', () => {
    const es = PACKS.es;
    const pack: LanguagePack = { ...es, disclosures: { ...es.disclosures, usCollector: 'This is from a debt collector, an attempt to collect a debt.' } };
    assert.ok(where(lintPack(pack, ['overdue-nudge']), 'US-8').length > 0);
  });
  it('asks nothing of a business debt in the US', () => {
    const ctx = placeContext('US', 'en');
    const business = { ...ctx, customer: { ...ctx.customer, debtorType: 'business' as const } };
    const r = renderMessage({ templateId: 'due-today', channel: 'sms', tone: 'neutral', context: business });
    assert.ok(r.ok);
    assert.doesNotMatch(r.value.channel === 'sms' ? r.value.text : '', /debt collector/);
    assert.deepEqual(lintMessage({ language: 'en', channel: 'sms', tags: [], context: business, message: r.value }), []);
  });
});

describe('US-4 electronic opt-out (row 5)', () => {
  it('catches an SMS opt-out whose keyword cobro would not read as one', () => {
    const pack: LanguagePack = { ...EN, smsOptOut: 'Reply PLEASE to hear less from us.' };
    const found = where(lintPack(pack, ['overdue-nudge']), 'US-4');
    assert.deepEqual([...new Set(found.map((f) => f.channel))].sort(), ['sms', 'whatsapp']);
  });
  it('catches an email footer without the unsubscribe link', () => {
    const pack: LanguagePack = { ...EN, emailFooter: '{{company_name}}' };
    const found = where(lintPack(pack, ['overdue-formal']), 'US-4');
    assert.ok(found.length > 0 && found.every((f) => f.channel === 'email'));
  });
});

describe('BR-1 supplier identification (row 23)', () => {
  it('catches a template that does not show the CNPJ', () => {
    const pt = PACKS['pt-BR'];
    const pack: LanguagePack = { ...pt, disclosures: { ...pt.disclosures, brSupplier: 'Credor: {{company_name}}, {{company_address}}.' } };
    const found = where(lintPack(pack, ['overdue-nudge']), 'BR-1');
    assert.deepEqual([...new Set(found.map((f) => f.channel))].sort(), ['sms', 'whatsapp']);
    assert.match(found[0]!.message, /CPF\/CNPJ is not shown/);
  });
  it('fails a real message when the org has no CNPJ or one of the wrong length', () => {
    const ctx = placeContext('BR', 'pt-BR');
    for (const [taxId, expect] of [[undefined, /no CPF\/CNPJ set/], ['123', /not a CPF/]] as const) {
      const context = { ...ctx, company: { ...ctx.company, taxId } };
      const r = renderMessage({ templateId: 'due-today', channel: 'sms', tone: 'neutral', context });
      assert.ok(r.ok);
      const problems = lintMessage({ language: 'pt-BR', channel: 'sms', tags: [], context, message: r.value });
      assert.deepEqual(problems.map((p) => p.rule), ['BR-1']);
      assert.match(problems[0]!.message, expect);
    }
  });
});

describe('BR-1 with accents folded', () => {
  const ctx = placeContext('BR', 'pt-BR');
  const check = (channel: 'sms' | 'whatsapp', text: string) => lintMessage({ language: 'pt-BR', channel, tags: [], context: ctx,
    message: { channel, text, preview: text, warnings: [] } as unknown as RenderedMessage }).filter((p) => p.rule === 'BR-1').map((p) => p.message);
  const named = `Credor: ${ctx.company.name}, CNPJ ${ctx.company.taxId}`;
  it('takes the address an SMS folded into GSM-7 ("Sao Paulo") as shown, and refuses an SMS without it', () => {
    assert.deepEqual(check('sms', `${named}, Av. Paulista 1000, Sao Paulo - SP, 01310-100. Responda SAIR para parar.`), []);
    assert.match(check('sms', `${named}. Responda SAIR para parar.`).join(), /address is not shown/);
  });
  it('does not take it folded where nothing folds the message (WhatsApp)', () => {
    assert.match(check('whatsapp', `${named}, Av. Paulista 1000, Sao Paulo - SP, 01310-100.`).join(), /address is not shown/);
  });
});

describe('WA-3 utility templates (row 28)', () => {
  it('catches "discount" and "offer" in a WhatsApp template, and Spanish "oferta"', () => {
    const en = lintTemplate('en', 'settle-now', { whatsapp: '{{greeting}} settle {{total_due}} this week and get a discount: {{payment_link}} Thanks.' });
    assert.deepEqual(rules(en), ['WA-3']);
    assert.match(describeFinding(en[0]!), /^settle-now \[en, whatsapp, friendly, debtor in US\] WA-3: .*"discount"/);
    const es = lintTemplate('es', 'oferta', { whatsapp: '{{greeting}} tenemos una oferta para su saldo de {{total_due}}: {{payment_link}} Gracias.' });
    assert.deepEqual(rules(es), ['WA-3']);
  });
  it('lets the same words through on email, where no WhatsApp category applies', () => {
    assert.deepEqual(lintTemplate('en', 'x', { email: { subject: 'An offer', body: 'Pay {{total_due}} now for a discount.' } }), []);
  });
});

describe('US-9 legal threats (row 12)', () => {
  it('catches legal-action wording on a template not tagged legal-threat, and accepts it once tagged', () => {
    const body = 'If {{total_due}} is not paid, we will take legal action.';
    const untagged = lintTemplate('en', 'threat', { email: { subject: 'Last chance', body } });
    assert.deepEqual(rules(untagged), ['US-9']);
    assert.deepEqual(lintTemplate('en', 'threat', { email: { subject: 'Last chance', body }, tags: ['legal-threat'] }), []);
    const pt = lintTemplate('pt-BR', 'ameaca', { sms: '{{company_name}}: sem pagamento, o título vai a protesto em cartório.' });
    assert.deepEqual(rules(pt), ['US-9']);
  });
});

describe('PCI-1 no card data', () => {
  it('catches a template that asks for a card number or CVV', () => {
    const found = lintTemplate('en', 'card', { sms: '{{company_name}}: reply with your card number and CVV to pay {{total_due}}.' });
    assert.deepEqual(rules(found), ['PCI-1']);
  });
  it('does not read a random link token as a request for card data', () => {
    const found = lintTemplate('en', 'token', { sms: '{{company_name}}: {{total_due}} is due. Pay: https://pay.example/p/a1-cvc-9x' });
    assert.deepEqual(rules(found), []);
  });
});

describe('templates that do not render', () => {
  it('name the placeholder', () => {
    const found = lintTemplate('en', 'typo', { sms: '{{company_name}}: {{totl_due}} is due.' });
    assert.deepEqual(rules(found), ['RENDER']);
    assert.match(found[0]!.message, /totl_due/);
  });
});
