// Folding an SMS into GSM-7 when that takes fewer segments than UCS-2: the shared rule every SMS goes through (step
// templates, the org's texts, confirmations, the agent's answers), the org's `sms_fold: never`, and the other channels untouched.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countSegments, previewTemplate, sampleContext, smsAsSent, type MessageContext } from './index.ts';

/** A Spanish sentence of 101 characters with accents GSM-7 lacks (á, í, ó, ú). */
const SPANISH = 'Su factura está vencida desde hace días; puede pagarla aquí o llamarnos. Gracias por su atención, ok.';

describe('folding an SMS into GSM-7', () => {
  it('folds a text whose UCS-2 form takes more segments than the folded one, and says so', () => {
    assert.equal(SPANISH.length, 101);
    assert.deepEqual(countSegments(SPANISH), { encoding: 'UCS-2', units: 101, segments: 2 });
    const sent = smsAsSent(SPANISH);
    assert.equal(sent.folded, true);
    assert.deepEqual(sent.segments, { encoding: 'GSM-7', units: 101, segments: 1 });
    assert.equal(sent.text, 'Su factura esta vencida desde hace dias; puede pagarla aqui o llamarnos. Gracias por su atencion, ok.');
  });

  it('keeps the accents of a text that takes as many segments either way', () => {
    const short = 'Su factura está vencida.';
    assert.deepEqual(smsAsSent(short), { text: short, segments: { encoding: 'UCS-2', units: 24, segments: 1 }, folded: false });
  });

  it('keeps ñ and é, which GSM-7 has, when it folds the rest', () => {
    const sent = smsAsSent(`Señor Núñez, é: ${SPANISH}`);
    assert.equal(sent.folded, true);
    assert.match(sent.text, /^Señor Nuñez, é: Su factura esta vencida/);
  });

  it('leaves a text with a character GSM-7 has no form of (an emoji) in UCS-2, accents and all', () => {
    const withEmoji = `${SPANISH} 👍`;
    const sent = smsAsSent(withEmoji);
    assert.equal(sent.folded, false);
    assert.equal(sent.text, withEmoji);
    assert.deepEqual(sent.segments, { encoding: 'UCS-2', units: 104, segments: 2 });
  });

  it('never folds when the org turned it off', () => {
    assert.deepEqual(smsAsSent(SPANISH, 'never'), { text: SPANISH, segments: { encoding: 'UCS-2', units: 101, segments: 2 }, folded: false });
  });

  it('leaves a text already in GSM-7 as it is', () => {
    assert.deepEqual(smsAsSent('Your invoice is due.'), { text: 'Your invoice is due.', segments: { encoding: 'GSM-7', units: 20, segments: 1 }, folded: false });
  });
});

describe('a step template\'s SMS as rendered', () => {
  // a Mexican debtor named with accents, owing three invoices: the Spanish reminder takes three UCS-2 segments
  const debtor = (smsFold?: 'auto' | 'never'): MessageContext => {
    const base = sampleContext('es');
    return { ...base, customer: { ...base.customer, name: 'Ferretería Martínez' }, company: { ...base.company, name: 'Distribuidora Peñón' },
      ...(smsFold ? { smsFold } : {}) };
  };
  const sms = (ctx: MessageContext, step = 'overdue-late-fee-warning') => {
    const r = previewTemplate(step, 'sms', { language: 'es', context: ctx });
    assert.ok(r.ok && r.value.channel === 'sms');
    return r.value;
  };

  it('goes folded into GSM-7 with fewer segments by default, the names folded too', () => {
    const kept = sms(debtor('never'));
    const folded = sms(debtor());
    assert.equal(kept.segments.encoding, 'UCS-2');
    assert.equal(folded.segments.encoding, 'GSM-7');
    assert.ok(folded.segments.segments < kept.segments.segments, `${folded.segments.segments} < ${kept.segments.segments}`);
    assert.match(kept.text, /[áíóú]/);
    assert.doesNotMatch(folded.text, /[áíóúâêôãõç]/);
    assert.match(folded.text, /^Distribuidora Peñon: /, 'ó folded, ñ kept (GSM-7 has it)');
  });

  it('keeps every accent with sms_fold never', () => {
    const kept = sms(debtor('never'));
    assert.match(kept.text, /^Distribuidora Peñón: /);
    assert.match(kept.text, /más\.$/);
  });

  it('never folds WhatsApp or email', () => {
    const wa = previewTemplate('overdue-late-fee-warning', 'whatsapp', { language: 'es', context: debtor(), whatsappWindowOpen: true });
    assert.ok(wa.ok && wa.value.channel === 'whatsapp' && wa.value.mode === 'text');
    assert.match(wa.value.text, /Distribuidora Peñón/);
    const email = previewTemplate('overdue-late-fee-warning', 'email', { language: 'es', context: debtor() });
    assert.ok(email.ok && email.value.channel === 'email');
    assert.match(email.value.text, /Peñón/);
  });
});
