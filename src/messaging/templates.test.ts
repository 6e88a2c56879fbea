// The shipped catalogue: every template the default strategies use exists in en, es and pt-BR on its channels and renders cleanly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STRATEGIES } from '../strategy/index.ts';
import { LANGUAGES, approvedBody, previewTemplate, sampleContext, type Channel, type RenderedMessage, type Tone } from './index.ts';

type Use = { template: string; channel: Channel; tone: Tone };

function defaultUses(): Use[] {
  const uses = new Map<string, Use>();
  for (const s of DEFAULT_STRATEGIES) for (const step of s.steps) for (const a of step.actions) {
    if (a.type !== 'send') continue;
    for (const channel of [...a.channels, ...a.fallback]) uses.set(`${a.template}/${channel}/${a.tone}`, { template: a.template, channel, tone: a.tone });
  }
  // the engine's own reminder of a plan's next instalment (src/engine/decide.ts), on whichever channel reaches the debtor
  for (const channel of ['email', 'sms', 'whatsapp'] as const) uses.set(`instalment-reminder/${channel}/friendly`, { template: 'instalment-reminder', channel, tone: 'friendly' });
  return [...uses.values()];
}

function texts(m: RenderedMessage): string[] {
  if (m.channel === 'email') return [m.subject, m.text, m.html];
  if (m.channel === 'sms') return [m.text];
  if (m.channel === 'voice') return [m.twiml, m.script];
  return m.mode === 'text' ? [m.text] : [m.preview, ...m.template.parameters];
}

describe('default templates', () => {
  const uses = defaultUses();
  it('the default strategies reference templates on several channels', () => {
    assert.ok(uses.length >= 20, `only ${uses.length} uses`);
  });
  for (const language of LANGUAGES) {
    it(`every default template renders in ${language} on each of its channels with no leftover placeholder`, () => {
      for (const u of uses) {
        for (const windowOpen of u.channel === 'whatsapp' ? [false, true] : [false]) {
          const r = previewTemplate(u.template, u.channel, { tone: u.tone, language, whatsappWindowOpen: windowOpen });
          assert.ok(r.ok, `${u.template}/${u.channel}/${u.tone}/${language}: ${r.ok ? '' : r.error.message}`);
          assert.equal(r.value.language, language);
          for (const t of texts(r.value)) assert.doesNotMatch(t, /\{\{\s*[#^/]?\s*[a-z_]+\s*\}\}|\{\{/, `${u.template}/${u.channel}/${language}`);
        }
      }
    });
    it(`voice renders every default template in ${language}`, () => {
      for (const u of uses) {
        const r = previewTemplate(u.template, 'voice', { tone: u.tone, language });
        assert.ok(r.ok && r.value.channel === 'voice' && !r.value.twiml.includes('{{'));
      }
    });
  }
  it('WhatsApp templates start and end with fixed text and carry one parameter per position', () => {
    for (const u of uses.filter((x) => x.channel === 'whatsapp')) for (const language of LANGUAGES) {
      const r = previewTemplate(u.template, 'whatsapp', { tone: u.tone, language });
      assert.ok(r.ok && r.value.channel === 'whatsapp' && r.value.mode === 'template');
      const count = r.value.template.parameters.length;
      assert.ok(count > 0);
      // the sample debtor of en is in the US and of pt-BR in Brazil: their bodies carry a disclosure, so they are variants
      const variant = language === 'en' ? '_us' : language === 'pt-BR' ? '_br' : '';
      assert.equal(r.value.template.name, `cobro_${u.template.replace(/-/g, '_')}_${u.tone}${variant}`);
      for (const p of r.value.template.parameters) assert.doesNotMatch(p, /[\n\t]/);
      assert.equal(approvedBody('Hi {{contact_name}}, {{total_due}} due. Thanks').includes('{{2}}'), true);
    }
  });
  it('falls back to English for a language cobro does not ship, and to the org default first', () => {
    const ctx = sampleContext('en');
    const fr = previewTemplate('due-today', 'sms', { context: { ...ctx, customer: { ...ctx.customer, language: 'fr' } } });
    assert.ok(fr.ok && fr.value.language === 'en');
    const org = previewTemplate('due-today', 'sms', { context: { ...ctx, orgLanguage: 'pt', customer: { ...ctx.customer, language: 'fr' } } });
    assert.ok(org.ok && org.value.language === 'pt-BR');
    const cl = previewTemplate('due-today', 'sms', { context: { ...ctx, customer: { ...ctx.customer, language: 'es-CL' } } });
    assert.ok(cl.ok && cl.value.language === 'es');
  });
  it('answers NOT_FOUND for a template or channel that does not ship', () => {
    const r = previewTemplate('no-such-template', 'email');
    assert.ok(!r.ok && r.error.code === 'NOT_FOUND');
    const s = previewTemplate('overdue-formal', 'sms');
    assert.ok(!s.ok && s.error.code === 'NOT_FOUND');
  });
});
