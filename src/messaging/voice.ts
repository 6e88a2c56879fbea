// Voice: TwiML for a spoken reminder in the debtor's language with a menu that takes a key or speech, and the answer to a key.
import { callVoice, dialXml, gatherXml, HANGUP_XML, sayXml, twimlDocument, type CallVoice } from './twiml.ts';
import type { LanguagePack } from './templates/types.ts';
import type { Language, VoiceMessage } from './types.ts';

/** Said after the menu: the debtor may also say what they need (the agent answers speech). */
const SPEAK_UP: Readonly<Record<Language, string>> = {
  en: 'Or simply tell us what you need.',
  es: 'O díganos con sus palabras qué necesita.',
  'pt-BR': 'Ou diga com suas palavras o que precisa.',
};

export function voiceOf(pack: LanguagePack, locale: string | undefined): CallVoice {
  return callVoice(pack.language, locale ?? pack.sayLanguage);
}

/**
 * The key menu (1: the link by SMS, 2: a person) and the invitation to speak, inside a Gather; `before` is said first,
 * `after` (TwiML) last.
 */
export function menu(pack: LanguagePack, v: CallVoice, gatherUrl: string, before = '', after = '', kind: CallKind = 'reminder'): string {
  return gatherXml({ action: gatherUrl, voice: v, inner: `${before}${sayXml(`${menuText(pack, kind)} ${SPEAK_UP[pack.language]}`, v)}${after}` });
}

/** A reminder's call offers the payment link by SMS; a confirmation's call offers its details by SMS (the confirmation's SMS). */
export type CallKind = 'reminder' | 'confirmation';

const menuText = (pack: LanguagePack, kind: CallKind) => (kind === 'confirmation' ? pack.voice.detailsMenu : pack.voice.menu);

/** The call: the reminder and the menu inside a Gather posting to gatherUrl; a goodbye when nothing is pressed or said. */
export function voiceMessage(script: string, pack: LanguagePack, gatherUrl: string, locale?: string, kind: CallKind = 'reminder'): VoiceMessage {
  const v = voiceOf(pack, locale);
  const twiml = twimlDocument(menu(pack, v, gatherUrl, `${sayXml(script, v)}<Pause length="1"/>`, '', kind), sayXml(pack.voice.noInput, v));
  return { channel: 'voice', language: pack.language, script: `${script} ${menuText(pack, kind)} ${SPEAK_UP[pack.language]}`, twiml };
}

export type KeypressAction = 'send_payment_link_sms' | 'transfer_to_person' | 'repeat_menu';

export interface KeypressAnswer {
  action: KeypressAction;
  twiml: string;
}

/**
 * 1: the payment link goes by SMS (the caller sends it; on a confirmation's call, the confirmation's SMS with its details);
 * 2: the call is put through to a person; anything else repeats the menu.
 */
export function answerKeypress(digits: string, pack: LanguagePack, opts: { agentNumber?: string; gatherUrl: string; locale?: string; kind?: CallKind }): KeypressAnswer {
  const v = voiceOf(pack, opts.locale);
  const kind = opts.kind ?? 'reminder';
  if (digits === '1') return { action: 'send_payment_link_sms', twiml: twimlDocument(sayXml(kind === 'confirmation' ? pack.voice.detailsSent : pack.voice.linkSent, v), HANGUP_XML) };
  if (digits === '2' && opts.agentNumber) {
    return { action: 'transfer_to_person', twiml: twimlDocument(sayXml(pack.voice.transfer, v), dialXml(opts.agentNumber)) };
  }
  return { action: 'repeat_menu', twiml: twimlDocument(sayXml(pack.voice.invalid, v), menu(pack, v, opts.gatherUrl, '', '', kind), sayXml(pack.voice.noInput, v)) };
}
