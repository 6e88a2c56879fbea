// TwiML for a call the debtor makes: the greeting names the org only, in each language; a known caller gets the key menu
// with speech, an unknown one a keys-only offer of a person; 2 dials or says no one is available.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerDialOutcome, answerIncomingKey, incomingGreeting, weekdayAndTime, type IncomingCall } from './voice-incoming.ts';
import { packFor } from './templates/index.ts';
import type { Language } from './types.ts';

const aCall = (over: Partial<IncomingCall> = {}, language: Language = 'es'): IncomingCall =>
  ({ org: 'Ferretería Luna', known: true, pack: packFor(language), gatherUrl: 'https://c.example/g', now: new Date('2026-03-10T18:00:00Z'), ...over });
const said = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');

describe('answering a call the debtor makes', () => {
  it('greets by the org\'s name in each language, and says nothing else before the menu', () => {
    const greetings: [Language, string][] = [['es', 'Gracias por llamar a Ferretería Luna.'], ['pt-BR', 'Obrigado por ligar para Ferretería Luna.'],
      ['en', 'Thank you for calling Ferretería Luna.']];
    for (const [language, words] of greetings) {
      const twiml = incomingGreeting(aCall({}, language));
      assert.ok(said(twiml).startsWith(`${words} ${packFor(language).voice.menu}`), said(twiml));
    }
  });

  it('offers a known caller the keys and speech, and an unknown one a person only, by keys', () => {
    assert.match(incomingGreeting(aCall()), /<Gather input="dtmf speech"[^>]*language="es-MX"/);
    const stranger = incomingGreeting(aCall({ known: false }));
    assert.match(stranger, /<Gather input="dtmf" numDigits="1" timeout="8" action="https:\/\/c\.example\/g" method="POST">/);
    assert.equal(said(stranger), 'Gracias por llamar a Ferretería Luna. Para hablar con una persona, marque 2. No recibimos ninguna opción. Puede llamarnos cuando lo desee. Hasta luego.');
  });

  it('dials on 2, or says no one is available (offering the SMS only to a known caller)', () => {
    assert.match(answerIncomingKey('2', aCall({ agentNumber: '+525555550000' }), undefined), /<Dial>\+525555550000<\/Dial><\/Response>$/);
    assert.match(said(answerIncomingKey('2', aCall({}, 'pt-BR'), undefined)), /^No momento não há ninguém disponível para atender\. Se quiser receber o link de pagamento por SMS/);
    assert.match(answerIncomingKey('2', aCall({ known: false }, 'en'), undefined), /<Say [^>]*>No one is available to take your call right now\. Please call us again later\. Goodbye\.<\/Say><Hangup\/>/);
  });

  it('puts the call through with the dial\'s outcome posted to cobro; answered, the call ends; not answered, no one is available', () => {
    const through = answerIncomingKey('2', aCall({ agentNumber: '+525555550000', dialUrl: 'https://c.example/d' }), undefined);
    assert.match(through, /<Dial action="https:\/\/c\.example\/d" method="POST" timeout="20"><Number url="https:\/\/c\.example\/d" method="POST">\+525555550000<\/Number><\/Dial><\/Response>$/);
    const call = aCall({ agentNumber: '+525555550000', dialUrl: 'https://c.example/d' });
    assert.equal(answerDialOutcome(true, call), '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
    assert.equal(answerDialOutcome(false, undefined), '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>', 'no call to answer: it ends');
    const missed = answerDialOutcome(false, call);
    assert.doesNotMatch(missed, /<Dial/, 'not dialled again');
    assert.match(said(missed), /^En este momento no hay nadie disponible para atenderle\. Si desea recibir el enlace de pago por mensaje de texto en el número que tenemos registrado, marque 1\./);
    assert.match(answerDialOutcome(false, aCall({ known: false, agentNumber: '+525555550000' }, 'pt-BR')),
      /<Say [^>]*>No momento não há ninguém disponível para atender\. Por favor, ligue mais tarde\. Até logo\.<\/Say><Hangup\/><\/Response>$/);
  });

  it('says the link is on its way on 1 only when it was queued, and treats 1 from an unknown caller as no option', () => {
    assert.match(said(answerIncomingKey('1', aCall(), { kind: 'sent' })), /^Gracias\. Le enviamos ahora el enlace de pago/);
    assert.match(said(answerIncomingKey('1', aCall(), undefined)), /^No podemos enviarle el enlace por mensaje de texto\./);
    assert.match(said(answerIncomingKey('1', aCall({ known: false }), { kind: 'sent' })), /^Lo sentimos, esa opción no es válida\. Para hablar con una persona, marque 2\./);
  });

  it('says on 1 that a link the gate holds goes when the allowed hours begin, on the weekday and at the time in the caller\'s zone', () => {
    const later = { kind: 'later', until: '2026-03-11T14:00:00Z' } as const;
    const es = answerIncomingKey('1', aCall({ timeZone: 'America/Mexico_City', locale: 'es-MX' }), later);
    assert.equal(said(es), 'Gracias. A esta hora no enviamos mensajes de texto: le enviaremos el enlace de pago al número que tenemos registrado el miércoles a las 8:00 a.m., cuando empiece nuestro horario permitido. Hasta luego.');
    assert.match(es, /<Hangup\/><\/Response>$/);
    assert.doesNotMatch(said(es), /enviamos ahora/);
    assert.match(said(answerIncomingKey('1', aCall({ timeZone: 'America/Sao_Paulo', locale: 'pt-BR' }, 'pt-BR'), later)), /cadastrado quarta-feira às 11:00, quando começar nosso horário permitido\. Até logo\.$/);
    assert.match(said(answerIncomingKey('1', aCall({ timeZone: 'America/New_York', locale: 'en-US' }, 'en'), later)), /on file on Wednesday at 10:00\sAM, when our permitted hours begin\. Goodbye\.$/);
    assert.match(said(answerIncomingKey('1', aCall(), later)), /registrado cuando empiece nuestro horario permitido\. Hasta luego\.$/, 'no zone known: no time said');
  });

  it('says the date with the weekday of a hold more than six days away, in the caller\'s zone and locale', () => {
    // called on Tuesday 10 March (12:00 in Mexico City); held until Wednesday 18 March, eight days on
    const later = { kind: 'later', until: '2026-03-18T14:00:00Z' } as const;
    assert.match(said(answerIncomingKey('1', aCall({ timeZone: 'America/Mexico_City', locale: 'es-MX' }), later)),
      /registrado el miércoles, 18 de marzo a las 8:00\sa\.\s?m\., cuando empiece/);
    assert.match(said(answerIncomingKey('1', aCall({ timeZone: 'America/Sao_Paulo', locale: 'pt-BR' }, 'pt-BR'), later)),
      /cadastrado quarta-feira, 18 de março às 11:00, quando começar/);
    assert.match(said(answerIncomingKey('1', aCall({ timeZone: 'America/New_York', locale: 'en-US' }, 'en'), later)),
      /on file on Wednesday, March 18 at 10:00\sAM, when our permitted hours begin/);
    // six calendar days on in the caller's zone: the weekday alone names it; seven: the date too (the same weekday as today)
    const now = new Date('2026-03-11T05:30:00Z'); // 23:30 on Tuesday 10 March in Mexico City
    assert.equal(weekdayAndTime(new Date('2026-03-16T14:00:00Z'), 'es-MX', 'America/Mexico_City', now).day, 'lunes');
    assert.equal(weekdayAndTime(new Date('2026-03-17T14:00:00Z'), 'es-MX', 'America/Mexico_City', now).day, 'martes, 17 de marzo');
    assert.equal(weekdayAndTime(new Date('2026-03-17T14:00:00Z'), 'es-MX', 'UTC', now).day, 'martes', 'in UTC it is already Wednesday 11 March');
  });
});
