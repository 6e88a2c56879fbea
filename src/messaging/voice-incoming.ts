// TwiML for a call the debtor makes to the org's number. Caller ID can be spoofed, so nothing about a debt is said: the
// greeting names the org only. A caller whose number is one customer's phone on file hears their language and the key
// menu (1: the link by SMS to the number on file, 2: a person, 3: a one-time code by SMS to hear the balance, or speech for
// the agent); any other caller hears a neutral greeting and may only ask for a person.
import { dialXml, gatherXml, HANGUP_XML, sayXml, twimlDocument } from './twiml.ts';
import { voiceOf } from './voice.ts';
import { verifyMenu } from './voice-verify.ts';
import type { LanguagePack } from './templates/types.ts';
import type { Language } from './types.ts';

interface IncomingWords {
  welcome: (org: string) => string;
  personOnly: string;
  nobody: string;
  smsInstead: string;
  linkHeld: string;
  callLater: string;
}

export const INCOMING_WORDS: Readonly<Record<Language, IncomingWords>> = {
  es: {
    welcome: (org) => `Gracias por llamar a ${org}.`,
    personOnly: 'Para hablar con una persona, marque 2.',
    nobody: 'En este momento no hay nadie disponible para atenderle.',
    smsInstead: 'Si desea recibir el enlace de pago por mensaje de texto en el número que tenemos registrado, marque 1.',
    linkHeld: 'En este momento no podemos enviarle el enlace por mensaje de texto.',
    callLater: 'Por favor, llámenos más tarde. Hasta luego.',
  },
  'pt-BR': {
    welcome: (org) => `Obrigado por ligar para ${org}.`,
    personOnly: 'Para falar com uma pessoa, digite 2.',
    nobody: 'No momento não há ninguém disponível para atender.',
    smsInstead: 'Se quiser receber o link de pagamento por SMS no número que temos cadastrado, digite 1.',
    linkHeld: 'No momento não conseguimos enviar o link por SMS.',
    callLater: 'Por favor, ligue mais tarde. Até logo.',
  },
  en: {
    welcome: (org) => `Thank you for calling ${org}.`,
    personOnly: 'To speak with a person, press 2.',
    nobody: 'No one is available to take your call right now.',
    smsInstead: 'To receive the payment link by text message at the number we have on file, press 1.',
    linkHeld: 'We cannot send you the link by text message right now.',
    callLater: 'Please call us again later. Goodbye.',
  },
};

export interface IncomingCall {
  /** The org's name, as the greeting says it. */
  org: string;
  /** The caller's number is one customer's phone on file. */
  known: boolean;
  pack: LanguagePack;
  locale?: string;
  gatherUrl: string;
  agentNumber?: string;
}

/** The neutral menu: a person only, keys only (nothing said by an unknown caller is heard or kept). */
function personMenu(c: IncomingCall, before: string): string {
  const v = voiceOf(c.pack, c.locale);
  return gatherXml({ action: c.gatherUrl, voice: v, keysOnly: true, inner: `${before}${sayXml(INCOMING_WORDS[c.pack.language].personOnly, v)}` });
}

/** The answer to the call: the greeting naming the org, then the menu the caller may use. */
export function incomingGreeting(c: IncomingCall): string {
  const v = voiceOf(c.pack, c.locale);
  const hello = sayXml(INCOMING_WORDS[c.pack.language].welcome(c.org), v);
  return twimlDocument(c.known ? verifyMenu(c, hello) : personMenu(c, hello), sayXml(c.pack.voice.noInput, v));
}

/**
 * A key pressed on the call: 1 (a known caller) says whether the link went by SMS; 2 dials the org's agent number, or
 * says no one is available (offering the SMS to a known caller); anything else repeats the caller's menu.
 */
export function answerIncomingKey(digits: string, c: IncomingCall, linkQueued: boolean): string {
  const v = voiceOf(c.pack, c.locale);
  const w = INCOMING_WORDS[c.pack.language];
  if (digits === '1' && c.known) {
    return linkQueued ? twimlDocument(sayXml(c.pack.voice.linkSent, v), HANGUP_XML)
      : twimlDocument(sayXml(w.linkHeld, v), c.agentNumber ? personMenu(c, '') : '', sayXml(w.callLater, v), HANGUP_XML);
  }
  if (digits === '2') {
    if (c.agentNumber) return twimlDocument(sayXml(c.pack.voice.transfer, v), dialXml(c.agentNumber));
    if (!c.known) return twimlDocument(sayXml(`${w.nobody} ${w.callLater}`, v), HANGUP_XML);
    return twimlDocument(gatherXml({ action: c.gatherUrl, voice: v, keysOnly: true, inner: sayXml(`${w.nobody} ${w.smsInstead}`, v) }),
      sayXml(w.callLater, v), HANGUP_XML);
  }
  const invalid = sayXml(c.pack.voice.invalid, v);
  return twimlDocument(c.known ? verifyMenu(c, invalid) : personMenu(c, invalid), sayXml(c.pack.voice.noInput, v));
}
