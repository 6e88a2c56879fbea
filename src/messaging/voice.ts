// Voice: TwiML for a spoken reminder in the debtor's language with a keypress menu, and the answer to the keypress.
import { escapeXml } from './render-text.ts';
import type { LanguagePack } from './templates/types.ts';
import type { VoiceMessage } from './types.ts';

function say(text: string, pack: LanguagePack): string {
  return `<Say language="${pack.sayLanguage}">${escapeXml(text)}</Say>`;
}

/** The call: the reminder and the menu inside a one-digit Gather posting to gatherUrl; a goodbye when no key is pressed. */
export function voiceMessage(script: string, pack: LanguagePack, gatherUrl: string): VoiceMessage {
  const twiml = '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Response>' +
    `<Gather input="dtmf" numDigits="1" timeout="8" action="${escapeXml(gatherUrl)}" method="POST">` +
    `${say(script, pack)}<Pause length="1"/>${say(pack.voice.menu, pack)}` +
    '</Gather>' +
    `${say(pack.voice.noInput, pack)}` +
    '</Response>';
  return { channel: 'voice', language: pack.language, script: `${script} ${pack.voice.menu}`, twiml };
}

export type KeypressAction = 'send_payment_link_sms' | 'transfer_to_person' | 'repeat_menu';

export interface KeypressAnswer {
  action: KeypressAction;
  twiml: string;
}

/** 1: the payment link goes by SMS (the caller sends it); 2: the call is put through to a person; anything else repeats the menu. */
export function answerKeypress(digits: string, pack: LanguagePack, opts: { agentNumber?: string; gatherUrl: string }): KeypressAnswer {
  const open = '<?xml version="1.0" encoding="UTF-8"?><Response>';
  if (digits === '1') return { action: 'send_payment_link_sms', twiml: `${open}${say(pack.voice.linkSent, pack)}<Hangup/></Response>` };
  if (digits === '2' && opts.agentNumber) {
    return { action: 'transfer_to_person', twiml: `${open}${say(pack.voice.transfer, pack)}<Dial>${escapeXml(opts.agentNumber)}</Dial></Response>` };
  }
  const menu = `<Gather input="dtmf" numDigits="1" timeout="8" action="${escapeXml(opts.gatherUrl)}" method="POST">${say(pack.voice.menu, pack)}</Gather>`;
  return { action: 'repeat_menu', twiml: `${open}${say(pack.voice.invalid, pack)}${menu}${say(pack.voice.noInput, pack)}</Response>` };
}
