// The identity check's words and TwiML: the code's Gather waits for 6 keys only; the balance is said in the caller's
// language with money and dates in their locale, several currencies joined; what cannot verify says why, nothing owed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { balanceTwiml, codeTwiml, VERIFY_WORDS } from './voice-verify.ts';
import { date, money } from './locale.ts';
import { packFor } from './templates/index.ts';
import type { IncomingCall } from './voice-incoming.ts';
import type { Language } from './types.ts';

const aCall = (language: Language, locale?: string): IncomingCall =>
  ({ org: 'Ferretería Luna', known: true, pack: packFor(language), gatherUrl: 'https://c.example/g', now: new Date('2026-03-10T18:00:00Z'), ...(locale ? { locale } : {}) });
const said = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');

describe('the one-time code on a call, in words', () => {
  it('says each currency\'s total and the oldest due date in the caller\'s language and locale', () => {
    const pt = balanceTwiml(aCall('pt-BR', 'pt-BR'), [money({ amount: 123_456, currency: 'BRL' }, 'pt-BR')], date('2026-03-01', 'pt-BR'));
    assert.match(said(pt), /^Obrigado\. O seu saldo em aberto é de R\$ 1\.234,56\. O vencimento mais antigo é em 1 de março de 2026\. Para receber o link/);
    const en = balanceTwiml(aCall('en', 'en-US'), ['$12.00', '€5.00'], date('2026-01-15', 'en-US'));
    assert.match(said(en), /^Thank you\. Your balance is \$12\.00 and €5\.00\. The oldest due date is January 15, 2026\./);
    assert.match(said(balanceTwiml(aCall('es'), [], undefined)), /^Gracias\. No tiene saldo pendiente con nosotros\./);
  });

  it('says what is under dispute apart from the balance, never as owed', () => {
    const es = said(balanceTwiml(aCall('es', 'es-MX'), ['$1,500.00'], '3 de marzo de 2026', ['$700.00']));
    assert.match(es, /^Gracias\. Su saldo pendiente es de \$1,500\.00\. La fecha de vencimiento más antigua es el 3 de marzo de 2026\. Además, \$700\.00 está en disputa: no se lo cobraremos mientras lo revisamos\./);
    const pt = said(balanceTwiml(aCall('pt-BR', 'pt-BR'), [], undefined, ['R$ 10,00', 'US$ 5,00']));
    assert.match(pt, /^Obrigado\. Você não tem saldo em aberto conosco\. Além disso, R\$ 10,00 e US\$ 5,00 estão em contestação/);
    assert.match(said(balanceTwiml(aCall('en'), ['$12.00'], 'January 15, 2026', ['$3.00'])), /Your balance is \$12\.00\. .* \$3\.00 is also under dispute: we will not ask you to pay it while we review it\./);
  });

  it('waits for six keys after the code is sent, and gives the menu back when no code can be typed', () => {
    for (const language of ['es', 'pt-BR', 'en'] as const) {
      const w = VERIFY_WORDS[language];
      assert.match(codeTwiml('sent', aCall(language)), /<Gather input="dtmf" numDigits="6" timeout="30"/);
      assert.ok(said(codeTwiml('sent', aCall(language))).startsWith(`${w.codeSent} ${w.enterCode}`));
      for (const [answer, words] of [['held', w.codeHeld], ['refused', w.codeRefused], ['voided', w.voided], ['expired', w.expired]] as const) {
        const twiml = codeTwiml(answer, aCall(language));
        assert.ok(said(twiml).startsWith(`${words} ${packFor(language).voice.menu}`), said(twiml));
        assert.doesNotMatch(twiml, /numDigits="6"/);
      }
      // refused (opt-out, cap, consent): no "right now", which would promise a code later; deferred to allowed hours: not now
      assert.doesNotMatch(w.codeRefused, /right now|En este momento|No momento/);
      assert.match(w.codeHeld, /right now|En este momento|No momento/);
      assert.match(w.sms('Ferretería Luna', '012345', 10), /^Ferretería Luna: .*012345.*10/);
    }
  });
});
