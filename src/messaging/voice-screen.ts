// What the person put through to hears when their phone answers, before the caller is connected (the <Number>'s `url`,
// run on the dialled leg): who is calling, and 1 to take the call. A voicemail greeting cannot press 1, so a put-through
// answered by voicemail is told apart from one a person took (Twilio reports both as completed). Nothing about a debt is
// said: the person is the org's staff, but the phone may be anyone's.
import { gatherXml, HANGUP_XML, sayXml, twimlDocument } from './twiml.ts';
import { voiceOf } from './voice.ts';
import type { LanguagePack } from './templates/types.ts';
import type { Language } from './types.ts';

const SCREEN_WORDS: Readonly<Record<Language, { ask: (org: string) => string; connecting: string }>> = {
  es: { ask: (org) => `Una persona que llamó a ${org} pide hablar con alguien. Para atender la llamada, marque 1.`, connecting: 'Conectando.' },
  'pt-BR': { ask: (org) => `Uma pessoa que ligou para ${org} quer falar com alguém. Para atender a ligação, digite 1.`, connecting: 'Conectando.' },
  en: { ask: (org) => `Someone who called ${org} asks to speak with a person. To take the call, press 1.`, connecting: 'Connecting.' },
};

/**
 * Seconds the person has to press 1 once asked (asked twice), before the leg is hung up and the caller hears no one is
 * available, by default (the org's call settings may change it: `screen_seconds`).
 */
export const SCREEN_WAIT_S = 6;

/**
 * The answer on the dialled leg: taken (1 pressed), a word and then the TwiML ends, which puts the caller through; else the
 * question, keys only, posted back to `url`, asked twice (each waiting `waitS` seconds), then the leg hangs up.
 */
export function screenTwiml(org: string, pack: LanguagePack, url: string, taken: boolean, waitS: number = SCREEN_WAIT_S): string {
  const v = voiceOf(pack, undefined);
  const w = SCREEN_WORDS[pack.language];
  if (taken) return twimlDocument(sayXml(w.connecting, v));
  const ask = gatherXml({ action: url, voice: v, keysOnly: true, timeoutS: waitS, inner: sayXml(w.ask(org), v) });
  return twimlDocument(ask, ask, HANGUP_XML);
}
