// The shipped SMS with their bank transfer line as they go by default (`sms_fold: auto`): folded into GSM-7 when that
// saves segments, so the natural line fits where, with accents kept, only the compact one or none did.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMessage, sampleContext } from '../render.ts';
import type { Language, MessageContext } from '../types.ts';
import { PACKS } from './index.ts';

function sms(language: Language, id: string, ctx: MessageContext) {
  const r = renderMessage({ templateId: id, channel: 'sms', tone: 'neutral', context: ctx, pack: PACKS[language] });
  assert.ok(r.ok && r.value.channel === 'sms', id);
  return r.value;
}
const never = (ctx: MessageContext): MessageContext => ({ ...ctx, smsFold: 'never' });
const stepSmsIds = (language: Language) => Object.entries(PACKS[language].templates).filter(([, e]) => e.purpose !== 'confirmation' && e.sms).map(([id]) => id);

describe('bank transfer lines in SMS folded into GSM-7', () => {
  it('sends the Spanish reminder with the natural CLABE line in two GSM-7 segments instead of three UCS-2 ones', () => {
    const due = sms('es', 'due-today', sampleContext('es'));
    assert.equal(due.text, 'Demo Supplies: $1,730.50 (F-1001, F-1002) vence hoy. Pague en https://pay.example/l/abc123 '
      + 'Transferencia a la CLABE 032180000118359719, ref. F-1001 F-1002. Responda BAJA para no recibir mas.');
    assert.deepEqual(due.segments, { encoding: 'GSM-7', units: 190, segments: 2 });
    assert.deepEqual(sms('es', 'due-today', never(sampleContext('es'))).segments, { encoding: 'UCS-2', units: 190, segments: 3 });
    // with accents kept only the compact line fitted; folded, the natural one does
    assert.match(sms('es', 'overdue-late-fee-warning', sampleContext('es')).text, / Pague en https:\/\/pay\.example\/l\/abc123 Transferencia a la CLABE /);
    assert.match(sms('es', 'overdue-late-fee-warning', never(sampleContext('es'))).text, / Pague en https:\/\/pay\.example\/l\/abc123 CLABE /);
  });

  it('gives every Spanish and Brazilian step SMS the natural line within three segments, where accents kept left some without', () => {
    for (const language of ['es', 'pt-BR'] as const) {
      const line = language === 'es' ? / Transferencia a la CLABE 032180000118359719, ref\. F-1001 F-1002\. / : / Pix para o CNPJ 11222333000181, ref\. F-1001 F-1002\. Credor: /;
      let without = 0;
      for (const id of stepSmsIds(language)) {
        const m = sms(language, id, sampleContext(language));
        assert.match(m.text, line, `${language} ${id}: ${m.text}`);
        assert.equal(m.segments.encoding, 'GSM-7', id);
        assert.ok(m.segments.segments <= 3 && m.warnings.length === 0, id);
        if (!line.test(sms(language, id, never(sampleContext(language))).text)) without += 1;
      }
      assert.ok(without >= 2, `${language}: ${without} without the line when accents are kept`);
    }
  });
});
