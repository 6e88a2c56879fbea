// Free-text revocation (US-12) both ways, per language: real opt-outs are read with their scope, innocent text is not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OptOutScope } from '../types.ts';
import { detectOptOut } from './detect.ts';

/** What a message should read as when it arrives on WhatsApp: the media it opts out of, or none. */
type Reading = string[] | 'none';

const read = (text: string): Reading => {
  const d = detectOptOut(text, { channel: 'whatsapp' });
  return d.kind === 'opt_out' ? d.scopes.map((s: OptOutScope) => (s.kind === 'all' ? 'all' : s.channel)) : d.kind === 'none' ? 'none' : [d.kind];
};

const TABLE: Record<'en' | 'es' | 'pt', Array<[string, Reading]>> = {
  en: [
    ['take my number off your list', ['call', 'sms', 'whatsapp']],
    ["Don't ever text me again", ['sms']],
    ['opt me out', ['whatsapp']],
    ['remove me', ['whatsapp']],
    ['unsubscribe me from these emails', ['email']],
    ['Stop!', ['whatsapp']],
    ['STOP ALL', ['all']],
    ['STOP STOP STOP', ['whatsapp']],
    ['Who is this? Stop', ['whatsapp']],
    ['can you stop texting me?', ['sms']],
    ['How do I unsubscribe?', ['whatsapp']],
    ['I do not want to receive any more messages from you', ['whatsapp']],
    ['stop calling, texting and emailing me', ['call', 'sms', 'email']],
    ['No email, I prefer WhatsApp', ['email']],
    ['I want these calls to stop', ['call']],
    ['cease and desist all communication', ['all']],
    ['I revoke my consent', ['whatsapp']],
    // a time is when, not whether: recorded as an inconvenient time (times.test.ts), the channel is not suppressed
    ["don't call me before noon", ['inconvenient_times']],
    ['I had to quit my job', 'none'],
    ["I can't stop worrying", 'none'],
    ['stop by the office', 'none'],
    ['no stopping me paying', 'none'],
    ['will the calls stop if I pay?', 'none'],
    ['stop?', 'none'],
    ["please don't stop sending me reminders", 'none'],
    ["I don't want to unsubscribe, I just want to pay later", 'none'],
    ['you never call me back', 'none'],
    ["don't text me the link, email it", 'none'],
    ['remove the late fee please', 'none'],
    ['remove me from the credit bureau', 'none'],
    ['I want to end this debt', 'none'],
    ['the calls stopped after I paid', 'none'],
    ["don't call my mom", 'none'],
  ],
  es: [
    ['Quiten mi número de su lista', ['call', 'sms', 'whatsapp']],
    ['no me escriban más', ['whatsapp']],
    ['dejen de llamarme', ['call']],
    ['no me vuelvan a llamar', ['call']],
    ['Favor de no enviar más correos', ['email']],
    ['me doy de baja de estos mensajes', ['whatsapp']],
    ['¿Cómo me doy de baja?', ['whatsapp']],
    ['¿Pueden dejar de llamarme?', ['call']],
    ['Detengan los mensajes', ['whatsapp']],
    ['sáquenme de su lista', ['whatsapp']],
    ['Por favor borren mis datos y no me contacten', ['all']],
    ['ya basta, no me busquen más', ['all']],
    ['No más, ya pagué', ['whatsapp']],
    ['no quiero recibir llamadas', ['call']],
    ['basta con pagar el mínimo?', 'none'],
    ['No más?', 'none'],
    ['no más de 500 pesos al mes', 'none'],
    ['nomás tengo 200', 'none'],
    ['basta de intereses abusivos!', 'none'],
    ['el interés es muy alto', 'none'],
    ['si pago, ¿dejan de llamar?', 'none'],
    ['No quiero que dejen de mandarme recordatorios', 'none'],
    ['no quiero darme de baja, solo pagar después', 'none'],
    ['no me manden el link por sms', 'none'],
    ['¿Me puedes mandar el link?', 'none'],
    ['puedo cancelar la deuda en cuotas?', 'none'],
  ],
  pt: [
    ['Parem as mensagens', ['whatsapp']],
    ['não me mandem mais mensagens', ['whatsapp']],
    ['me tirem da lista', ['whatsapp']],
    ['descadastrar', ['whatsapp']],
    ['quero me descadastrar dessas mensagens', ['whatsapp']],
    ['Tirem meu número da lista de vcs', ['call', 'sms', 'whatsapp']],
    ['Não quero que entrem mais em contato', ['all']],
    ['Podem parar de me ligar?', ['call']],
    ['Como faço para sair da lista?', ['whatsapp']],
    ['chega de mensagem pfv', ['whatsapp']],
    ['vocês não me liguem mais', ['call']],
    ['Favor não enviar mais emails', ['email']],
    ['quando chega o boleto?', 'none'],
    ['parar de pagar juros?', 'none'],
    ['chega amanhã o pagamento', 'none'],
    ['Não parem de me mandar lembretes', 'none'],
    ['me manda o boleto por email', 'none'],
    ['tirem meu nome do serasa', 'none'],
    ['me tira do cadastro de inadimplentes', 'none'],
    ['ele não me liga mais', 'none'],
    ['quero cancelar a compra', 'none'],
    ['Vou pagar amanhã', 'none'],
  ],
};

for (const [language, rows] of Object.entries(TABLE)) {
  describe(`US-12 free-text revocation in ${language}`, () => {
    for (const [text, want] of rows) {
      const title = want === 'none' ? `US-12 finds no opt-out in "${text}"` : `US-12 reads "${text}" as an opt-out of ${want.join(' and ')}`;
      it(title, () => assert.deepEqual(read(text), want));
    }
  });
}

describe('SMS-1 keywords keep their carrier reading', () => {
  it('SMS-1 reads an exact keyword at the number it came from, and "Stop." in a sentence as a US-12 opt-out of the channel', () => {
    const sms = { channel: 'sms' as const, address: '+13125550100' };
    assert.deepEqual(detectOptOut('Stop', sms), { kind: 'opt_out', scopes: [{ kind: 'address', channel: 'sms', address: '+13125550100' }], matched: 'stop', rule: 'SMS-1' });
    assert.deepEqual(detectOptOut('Stop.', sms), { kind: 'opt_out', scopes: [{ kind: 'channel', channel: 'sms' }], matched: 'stop', rule: 'US-12' });
  });
});
