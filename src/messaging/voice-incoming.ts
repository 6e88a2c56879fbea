// TwiML for a call the debtor makes to the org's number. Caller ID can be spoofed, so nothing about a debt is said: the
// greeting names the org only. A caller whose number is one customer's phone on file hears their language and the key
// menu (1: the link by SMS to the number on file, 2: a person, 3: a one-time code by SMS to hear the balance, or speech for
// the agent); any other caller hears a neutral greeting and may only ask for a person.
import { dialXml, gatherXml, HANGUP_XML, sayXml, twimlDocument, type DialOptions } from './twiml.ts';
import { voiceOf } from './voice.ts';
import { verifyMenu } from './voice-verify.ts';
import type { LanguagePack } from './templates/types.ts';
import type { Language } from './types.ts';
import { dateInZone, daysBetween } from '../domain/index.ts';

/** A weekday (with its date when more than six days away) and a time of day, in the caller's words and zone. */
export interface When { day: string; time: string }

/**
 * An instant as said on a call: its weekday and time of day in the debtor's zone and locale ("miércoles", "8:00 a.m.").
 * More than six days after `now` (calendar days in that zone) a weekday alone would name the wrong week, so the date is
 * said with it ("miércoles, 16 de diciembre", "quarta-feira, 16 de dezembro", "Wednesday, December 16").
 */
export function weekdayAndTime(at: Date, locale: string, timeZone: string, now: Date): When {
  const far = daysBetween(dateInZone(now, timeZone), dateInZone(at, timeZone)) > 6;
  return { day: new Intl.DateTimeFormat(locale, { weekday: 'long', ...(far ? { day: 'numeric', month: 'long' } : {}), timeZone }).format(at),
    time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(at) };
}

interface IncomingWords {
  welcome: (org: string) => string;
  personOnly: string;
  nobody: string;
  smsInstead: string;
  /** Key 1 when nothing is queued (the gate refuses an SMS: opt-out, cap, consent; or no open case): not "right now", then a person or a later call. */
  linkHeld: string;
  /** Key 1 when the gate holds the SMS until its allowed hours: when they begin ("Wednesday, 8:00 AM" in the debtor's zone), if known. */
  linkLater: (when?: When) => string;
  callLater: string;
}

export const INCOMING_WORDS: Readonly<Record<Language, IncomingWords>> = {
  es: {
    welcome: (org) => `Gracias por llamar a ${org}.`,
    personOnly: 'Para hablar con una persona, marque 2.',
    nobody: 'En este momento no hay nadie disponible para atenderle.',
    smsInstead: 'Si desea recibir el enlace de pago por mensaje de texto en el número que tenemos registrado, marque 1.',
    linkHeld: 'No podemos enviarle el enlace por mensaje de texto.',
    linkLater: (when) => `Gracias. A esta hora no enviamos mensajes de texto: le enviaremos el enlace de pago al número que tenemos registrado ${when ? `el ${when.day} a la${/^0?1:/.test(when.time) ? '' : 's'} ${when.time}, ` : ''}cuando empiece nuestro horario permitido. Hasta luego.`,
    callLater: 'Por favor, llámenos más tarde. Hasta luego.',
  },
  'pt-BR': {
    welcome: (org) => `Obrigado por ligar para ${org}.`,
    personOnly: 'Para falar com uma pessoa, digite 2.',
    nobody: 'No momento não há ninguém disponível para atender.',
    smsInstead: 'Se quiser receber o link de pagamento por SMS no número que temos cadastrado, digite 1.',
    linkHeld: 'Não conseguimos enviar o link por SMS.',
    linkLater: (when) => `Obrigado. Neste horário não enviamos SMS: enviaremos o link de pagamento para o número que temos cadastrado ${when ? `${when.day} à${/^0?1:/.test(when.time) ? '' : 's'} ${when.time}, ` : ''}quando começar nosso horário permitido. Até logo.`,
    callLater: 'Por favor, ligue mais tarde. Até logo.',
  },
  en: {
    welcome: (org) => `Thank you for calling ${org}.`,
    personOnly: 'To speak with a person, press 2.',
    nobody: 'No one is available to take your call right now.',
    smsInstead: 'To receive the payment link by text message at the number we have on file, press 1.',
    linkHeld: 'We cannot send you the link by text message.',
    linkLater: (when) => `Thank you. We do not send text messages at this hour: we will send the payment link to the number we have on file ${when ? `on ${when.day} at ${when.time}, ` : ''}when our permitted hours begin. Goodbye.`,
    callLater: 'Please call us again later. Goodbye.',
  },
};

/**
 * How long the person's phone rings before the put-through counts as not answered, by default (the org's call settings
 * may change it): the answered leg is asked to press 1, so a voicemail picking up is not taken for a person either way.
 */
export const DIAL_RINGS_S = 20;

/**
 * The answer to a put-through's outcome: answered, the call ends once the person hangs up; not answered, the caller hears
 * that no one is available, as when there is no agent number (a known caller is offered the link by SMS), then goodbye.
 * A post about a call that is not one the debtor made (no call to answer) ends it.
 */
export function answerDialOutcome(reached: boolean, c: IncomingCall | undefined): string {
  if (reached || !c) return twimlDocument(HANGUP_XML);
  const without: IncomingCall = { ...c };
  delete without.agentNumber;
  return answerIncomingKey('2', without, undefined);
}

export interface IncomingCall {
  /** The org's name, as the greeting says it. */
  org: string;
  /** The caller's number is one customer's phone on file. */
  known: boolean;
  pack: LanguagePack;
  locale?: string;
  gatherUrl: string;
  agentNumber?: string;
  /** Where Twilio posts how a put-through to the agent number ended (cobro's /webhooks/twilio/{org}/dialed). */
  dialUrl?: string;
  /** Seconds the person's phone rings on a put-through (the org's call settings; DIAL_RINGS_S without). */
  ringSeconds?: number;
  /** The org has answering machine detection on: how long Twilio may listen on the answered leg (the seconds to press 1). */
  machineDetectionS?: number;
  /** The caller's time zone (the customer's, else the org's), for saying when a held SMS goes out. */
  timeZone?: string;
  /** When the call is answered (the clock passed in): a held SMS more than six days away is said with its date. */
  now: Date;
}

/** How a put-through is dialled: its outcome posted to `dialUrl`, ringing the org's seconds, and listened to by Twilio's machine detection when the org has it on. */
export function putThrough(c: { dialUrl?: string; ringSeconds?: number; machineDetectionS?: number }): DialOptions | undefined {
  return c.dialUrl ? { action: c.dialUrl, timeoutS: c.ringSeconds ?? DIAL_RINGS_S, ...(c.machineDetectionS ? { machineDetectionS: c.machineDetectionS } : {}) } : undefined;
}

/** What key 1 of a call queued: the link by SMS sent now, or held by the gate until an instant (ISO). */
export type LinkOnCall = { kind: 'sent' } | { kind: 'later'; until: string };

/** When a held SMS goes out, in the caller's words and zone: a weekday (and date, past six days) and a time ("miércoles", "8:00 a.m."). */
function whenSaid(until: string, c: IncomingCall): When | undefined {
  return c.timeZone ? weekdayAndTime(new Date(until), c.locale ?? c.pack.sayLanguage, c.timeZone, c.now) : undefined;
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
 * A key pressed on the call: 1 (a known caller) says what became of the link by SMS (sent now, sent when the allowed
 * hours begin, or not sent: then a person is offered); 2 dials the org's agent number, or says no one is available
 * (offering the SMS to a known caller); anything else repeats the caller's menu.
 */
export function answerIncomingKey(digits: string, c: IncomingCall, link: LinkOnCall | undefined): string {
  const v = voiceOf(c.pack, c.locale);
  const w = INCOMING_WORDS[c.pack.language];
  if (digits === '1' && c.known) {
    if (link?.kind === 'later') return twimlDocument(sayXml(w.linkLater(whenSaid(link.until, c)), v), HANGUP_XML);
    return link ? twimlDocument(sayXml(c.pack.voice.linkSent, v), HANGUP_XML)
      : twimlDocument(sayXml(w.linkHeld, v), c.agentNumber ? personMenu(c, '') : '', sayXml(w.callLater, v), HANGUP_XML);
  }
  if (digits === '2') {
    if (c.agentNumber) return twimlDocument(sayXml(c.pack.voice.transfer, v), dialXml(c.agentNumber, putThrough(c)));
    if (!c.known) return twimlDocument(sayXml(`${w.nobody} ${w.callLater}`, v), HANGUP_XML);
    return twimlDocument(gatherXml({ action: c.gatherUrl, voice: v, keysOnly: true, inner: sayXml(`${w.nobody} ${w.smsInstead}`, v) }),
      sayXml(w.callLater, v), HANGUP_XML);
  }
  const invalid = sayXml(c.pack.voice.invalid, v);
  return twimlDocument(c.known ? verifyMenu(c, invalid) : personMenu(c, invalid), sayXml(c.pack.voice.noInput, v));
}
