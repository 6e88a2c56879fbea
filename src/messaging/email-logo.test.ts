// The org's logo at the top of every HTML email cobro renders (reminders, confirmations, the org's own templates, the
// agent's replies): one inline image part named by Content-ID, alt text the org's name, sized from its pixel size; the
// text part as it was; nothing of it without a logo.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderAgentReply } from '../agent/index.ts';
import { LOGO_CID, logoDisplaySize } from './email-logo.ts';
import { orgTextKey } from './org-text.ts';
import { renderMessage, sampleContext, withSampleArrangement } from './render.ts';
import type { CompanyLogo, EmailMessage, MessageContext, RenderInput } from './types.ts';

const LOGO: CompanyLogo = { contentType: 'image/png', width: 300, height: 90, content: Buffer.from('not really a png').toString('base64'), size: 16, sha256: 'ab'.repeat(32) };

function withLogo(ctx: MessageContext, logo: CompanyLogo = LOGO, name = 'Ruiz & <Hijos>'): MessageContext {
  return { ...ctx, company: { ...ctx.company, name, logo } };
}

function email(input: Omit<RenderInput, 'channel' | 'tone'>): EmailMessage {
  const r = renderMessage({ ...input, channel: 'email', tone: 'neutral' });
  assert.ok(r.ok && r.value.channel === 'email', r.ok ? r.value.channel : r.error.message);
  return r.value;
}

describe('the org\'s logo in emails', () => {
  it('fits the pixel size into 200 x 100, the aspect kept, never enlarged', () => {
    assert.deepEqual(logoDisplaySize(300, 90), { width: 200, height: 60 });
    assert.deepEqual(logoDisplaySize(120, 40), { width: 120, height: 40 });
    assert.deepEqual(logoDisplaySize(400, 400), { width: 100, height: 100 });
    assert.deepEqual(logoDisplaySize(4096, 1), { width: 200, height: 1 });
  });

  for (const [what, templateId, ctx] of [
    ['a reminder', 'overdue-formal', sampleContext('es')],
    ['a confirmation', 'portal-promise-confirmed', withSampleArrangement('portal-promise-confirmed', sampleContext('en'))],
  ] as const) {
    it(`opens ${what} with the logo as an inline image, alt the org's name, and leaves the text part as it was`, () => {
      const plain = email({ templateId, context: { ...ctx, company: { ...ctx.company, name: 'Ruiz & <Hijos>' } } });
      const m = email({ templateId, context: withLogo(ctx) });
      const img = `<img src="cid:${LOGO_CID}" alt="Ruiz &amp; &lt;Hijos&gt;" width="200" height="60"`;
      assert.ok(m.html.includes(img), m.html.slice(0, 1500));
      // at the top: before the greeting's paragraph
      assert.ok(m.html.indexOf(img) < m.html.indexOf('<p '), 'before the first paragraph');
      assert.equal(m.html.split(`cid:${LOGO_CID}`).length, 2, 'once');
      assert.deepEqual(m.images?.[0], { cid: LOGO_CID, filename: 'logo.png', contentType: 'image/png', alt: 'Ruiz & <Hijos>', size: 16, content: LOGO.content, sha256: LOGO.sha256 });
      assert.equal(m.text, plain.text);
      assert.equal(m.subject, plain.subject);
      assert.equal(m.html.replace(/<div style="margin:0 0 24px"><img src="cid:[^>]*><\/div>\n/, ''), plain.html, 'the rest of the HTML as it was');
      assert.doesNotMatch(plain.html, /<img|cid:/);
      assert.equal(plain.images, undefined);
    });
  }

  it('shows a JPEG as logo.jpg, and the logo before the payment QR code among the images', () => {
    const base = sampleContext('es');
    const ctx: MessageContext = { ...withLogo(base, { ...LOGO, contentType: 'image/jpeg', width: 16, height: 16 }), invoices: base.invoices.map((i) => ({ ...i, balance: { ...i.balance, currency: 'EUR' } })),
      bankTransfer: { settings: { reference: 'invoice_numbers', accounts: [{ id: 'bta_sepa1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Ruiz SL', iban: 'DE89370400440532013000' }] } } };
    const m = email({ templateId: 'overdue-formal', context: ctx });
    assert.deepEqual(m.images?.map((i) => [i.filename, i.contentType]), [['logo.jpg', 'image/jpeg'], ['epc-qr-bta_sepa1.png', 'image/png']]);
    assert.ok(m.html.includes(`<img src="cid:${LOGO_CID}" alt="Ruiz &amp; &lt;Hijos&gt;" width="16" height="16"`));
  });

  it('heads an org\'s own template and the agent\'s reply too; no other channel carries it', () => {
    const orgTexts = new Map([[orgTextKey('org-nudge', 'email', 'any', 'en'), { subject: 'A nudge', body: 'OWN BODY {{total_due}}' }]]);
    const own = email({ templateId: 'org-nudge', context: withLogo(sampleContext('en')), orgTexts });
    assert.ok(own.html.includes(`src="cid:${LOGO_CID}"`) && own.images?.length === 1);
    const reply = renderAgentReply({ spec: { turn: 't1', language: 'en', text: 'We got your message.', kind: 'reply', tags: [] }, whatsappOpen: true,
      purpose: { kind: 'reply', tags: [], whatsappFormat: 'free_form', aiAgent: true, disclosesAi: true } }, 'email',
      withLogo(sampleContext('en')));
    assert.ok(reply.ok && reply.value.channel === 'email' && reply.value.html.includes(`src="cid:${LOGO_CID}"`) && reply.value.images?.[0]?.cid === LOGO_CID);
    const sms = renderMessage({ templateId: 'due-today', channel: 'sms', tone: 'neutral', context: withLogo(sampleContext('en')) });
    assert.ok(sms.ok && sms.value.channel === 'sms' && !sms.value.text.includes('cid:'));
  });
});
