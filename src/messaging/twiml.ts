// TwiML for a call's turns: <Say> in the debtor's language with a voice that speaks it, a <Gather> that takes a key or
// speech recognised in the debtor's locale and posts it to cobro, and the call's end (<Hangup/>) or transfer (<Dial>).
import { escapeXml } from './render-text.ts';
import type { Language } from './types.ts';

/** How a call speaks and listens in one locale. */
export interface CallVoice {
  /** <Say language>: the synthesised voice's locale. */
  say: string;
  /** <Say voice>: a Twilio-supported Amazon Polly voice of that locale. */
  voice: string;
  /** <Gather language>: the locale speech is recognised in (BCP 47). */
  listen: string;
}

/** Polly voices per locale; locales without one of their own speak with their language's usual voice. */
const SAY: Readonly<Record<string, string>> = {
  'en-US': 'Polly.Joanna', 'en-GB': 'Polly.Amy', 'en-AU': 'Polly.Nicole', 'en-IN': 'Polly.Raveena',
  'es-MX': 'Polly.Mia', 'es-US': 'Polly.Lupe', 'es-ES': 'Polly.Lucia',
  'pt-BR': 'Polly.Camila', 'pt-PT': 'Polly.Ines',
};
const USUAL: Readonly<Record<Language, string>> = { en: 'en-US', es: 'es-MX', 'pt-BR': 'pt-BR' };

/** Locales Twilio's <Gather> recognises speech in (the ones cobro's languages are spoken in). */
const HEARD = new Set([
  'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN', 'en-IE', 'en-NZ', 'en-PH', 'en-ZA',
  'es-AR', 'es-BO', 'es-CL', 'es-CO', 'es-CR', 'es-DO', 'es-EC', 'es-ES', 'es-GT', 'es-HN', 'es-MX', 'es-NI', 'es-PA', 'es-PE',
  'es-PR', 'es-PY', 'es-SV', 'es-US', 'es-UY', 'es-VE', 'pt-BR', 'pt-PT',
]);

/** The voice and the recognition for a debtor who speaks `language` in `locale` ("es-CL" listens in es-CL, speaks as es-MX). */
export function callVoice(language: Language, locale: string | undefined): CallVoice {
  const usual = USUAL[language];
  const own = locale && locale.split('-')[0] === usual.split('-')[0] ? locale : usual;
  const say = SAY[own] ? own : usual;
  return { say, voice: SAY[say] ?? 'woman', listen: HEARD.has(own) ? own : usual };
}

export function sayXml(text: string, v: CallVoice): string {
  return `<Say language="${v.say}" voice="${v.voice}">${escapeXml(text)}</Say>`;
}

export interface GatherOptions {
  /** Where Twilio posts the key or the speech (cobro's /webhooks/twilio/{org}/gather). */
  action: string;
  voice: CallVoice;
  /** Verbs spoken while listening (the debtor may answer before they end). */
  inner: string;
  /** Seconds to wait for a first word or key. */
  timeoutS?: number;
  /** Keys only (no speech is recognised, so nothing said is heard or kept). */
  keysOnly?: boolean;
  /** Keys to wait for with keysOnly (1 by default; a one-time code is 6). */
  numDigits?: number;
}

/**
 * Listens for one key or one utterance: `input="dtmf speech"` in the debtor's locale; `speechTimeout="auto"` ends at the
 * first pause, which Twilio refuses with its default model (warning 13335), hence the phone_call model. Nothing heard:
 * Twilio goes on with the verbs after the Gather (actionOnEmptyResult stays false).
 */
export function gatherXml(o: GatherOptions): string {
  if (o.keysOnly) return `<Gather input="dtmf" numDigits="${o.numDigits ?? 1}" timeout="${o.timeoutS ?? 8}" action="${escapeXml(o.action)}" method="POST">${o.inner}</Gather>`;
  return `<Gather input="dtmf speech" numDigits="1" timeout="${o.timeoutS ?? 8}" language="${o.voice.listen}" speechTimeout="auto" speechModel="phone_call"` +
    ` action="${escapeXml(o.action)}" method="POST">${o.inner}</Gather>`;
}

/**
 * Where Twilio posts how a <Dial> ended (DialCallStatus, DialCallDuration), and how long the person's phone rings first.
 * The same URL is the <Number>'s `url`: once the person's phone answers, Twilio asks it what to play on that leg before the
 * caller is put through (cobro asks the person to press 1, which a voicemail cannot).
 */
export interface DialOptions {
  action: string;
  timeoutS: number;
  /**
   * With it, Twilio's answering machine detection listens on the answered leg (the <Number>'s documented `machineDetection`,
   * `machineDetectionTimeout` in seconds, and `amdStatusCallback`, which gets the verdict as AnsweredBy: the action URL too).
   */
  machineDetectionS?: number;
}

/** Puts the call through to `number`; with `o`, the answered leg is screened and Twilio posts the outcome to the action URL, going on with the TwiML answered there. */
export function dialXml(number: string, o?: DialOptions): string {
  if (!o) return `<Dial>${escapeXml(number)}</Dial>`;
  const url = escapeXml(o.action);
  const amd = o.machineDetectionS === undefined ? ''
    : ` machineDetection="Enable" machineDetectionTimeout="${o.machineDetectionS}" amdStatusCallback="${url}" amdStatusCallbackMethod="POST"`;
  return `<Dial action="${url}" method="POST" timeout="${o.timeoutS}"><Number url="${url}" method="POST"${amd}>${escapeXml(number)}</Number></Dial>`;
}

export const HANGUP_XML = '<Hangup/>';

export function twimlDocument(...verbs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.join('')}</Response>`;
}
