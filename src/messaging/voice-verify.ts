// The identity check on a call the debtor makes, in words and TwiML: key 3 sends a one-time code by SMS to the number on
// file, the caller types its 6 digits, and only a right code lets the balance be said (caller ID proves nothing, the code
// proves the caller holds the phone on file). Spanish, Portuguese (Brazil) and English.
import { gatherXml, HANGUP_XML, sayXml, twimlDocument } from './twiml.ts';
import { menu, voiceOf } from './voice.ts';
import type { IncomingCall } from './voice-incoming.ts';
import type { Language } from './types.ts';

interface VerifyWords {
  offer: string;
  codeSent: string;
  enterCode: string;
  /** Key 3 when the gate defers the SMS to its allowed hours (the code would arrive after its minutes are over): not now. */
  codeHeld: string;
  /** Key 3 when the gate refuses the SMS (opt-out, cap, consent) or there is no open case: not "right now", which would promise a later SMS. */
  codeRefused: string;
  wrong: string;
  voided: string;
  expired: string;
  balance: (totals: readonly string[], oldest: string) => string;
  nothingOwed: string;
  /** Said after the balance (or after nothingOwed): what is under dispute, not asked for while it is reviewed. */
  disputed: (totals: readonly string[]) => string;
  /** The SMS: the org, the code, how many minutes it lasts (the org's call setting). */
  sms: (org: string, code: string, minutes: number) => string;
}

/** A code SMS as shown to staff (outbox, conversations): its 6 digits masked, which only the provider gets in full. */
export function maskedCode(text: string): string {
  return text.replace(/\b\d{6}\b/g, '••••••');
}

/** Every string in a message's content (the SMS as rendered, or the reply waiting to be sent) with the code's digits masked. */
export function maskedContent(v: unknown): unknown {
  if (typeof v === 'string') return maskedCode(v);
  if (Array.isArray(v)) return v.map(maskedContent);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskedContent(x)]));
  return v;
}

export const VERIFY_WORDS: Readonly<Record<Language, VerifyWords>> = {
  es: {
    offer: 'Para escuchar la información de su cuenta, marque 3 y le enviaremos un código por mensaje de texto.',
    codeSent: 'Le enviamos un código de 6 dígitos por mensaje de texto al número que tenemos registrado.',
    enterCode: 'Cuando lo reciba, márquelo en su teclado.',
    codeHeld: 'En este momento no podemos enviarle un código por mensaje de texto.',
    codeRefused: 'No podemos enviarle un código por mensaje de texto.',
    wrong: 'El código no es correcto. Márquelo de nuevo.',
    voided: 'El código no es correcto y ya no es válido. Para consultar su cuenta, pida el enlace por mensaje de texto.',
    expired: 'El código ya no es válido. Para consultar su cuenta, pida el enlace por mensaje de texto.',
    balance: (t, oldest) => `Gracias. Su saldo pendiente es de ${t.join(' y ')}. La fecha de vencimiento más antigua es el ${oldest}.`,
    nothingOwed: 'Gracias. No tiene saldo pendiente con nosotros.',
    disputed: (t) => `Además, ${t.join(' y ')} ${t.length > 1 ? 'están' : 'está'} en disputa: no se lo cobraremos mientras lo revisamos.`,
    sms: (org, code, minutes) => `${org}: su código para la llamada es ${code}. Vence en ${minutes} minutos. No lo comparta con nadie.`,
  },
  'pt-BR': {
    offer: 'Para ouvir as informações da sua conta, digite 3 e enviaremos um código por SMS.',
    codeSent: 'Enviamos um código de 6 dígitos por SMS para o número que temos cadastrado.',
    enterCode: 'Quando receber, digite o código no teclado.',
    codeHeld: 'No momento não conseguimos enviar um código por SMS.',
    codeRefused: 'Não conseguimos enviar um código por SMS.',
    wrong: 'O código não está correto. Digite novamente.',
    voided: 'O código não está correto e não é mais válido. Para consultar a sua conta, peça o link por SMS.',
    expired: 'O código não é mais válido. Para consultar a sua conta, peça o link por SMS.',
    balance: (t, oldest) => `Obrigado. O seu saldo em aberto é de ${t.join(' e ')}. O vencimento mais antigo é em ${oldest}.`,
    nothingOwed: 'Obrigado. Você não tem saldo em aberto conosco.',
    disputed: (t) => `Além disso, ${t.join(' e ')} ${t.length > 1 ? 'estão' : 'está'} em contestação: não vamos cobrar enquanto analisamos.`,
    sms: (org, code, minutes) => `${org}: seu código para a ligação é ${code}. Vale por ${minutes} minutos. Não o compartilhe com ninguém.`,
  },
  en: {
    offer: 'To hear your account details, press 3 and we will text you a code.',
    codeSent: 'We have sent a 6-digit code by text message to the number we have on file.',
    enterCode: 'When you receive it, type it on your keypad.',
    codeHeld: 'We cannot send you a code by text message right now.',
    codeRefused: 'We cannot send you a code by text message.',
    wrong: 'That code is not correct. Please type it again.',
    voided: 'That code is not correct and is no longer valid. To check your account, ask for the link by text message.',
    expired: 'That code is no longer valid. To check your account, ask for the link by text message.',
    balance: (t, oldest) => `Thank you. Your balance is ${t.join(' and ')}. The oldest due date is ${oldest}.`,
    nothingOwed: 'Thank you. You have no balance with us.',
    disputed: (t) => `${t.join(' and ')} ${t.length > 1 ? 'are' : 'is'} also under dispute: we will not ask you to pay ${t.length > 1 ? 'them' : 'it'} while we review it.`,
    sms: (org, code, minutes) => `${org}: your code for this call is ${code}. It expires in ${minutes} minutes. Do not share it with anyone.`,
  },
};

/** What became of a key 3 or a typed code, as the call is told. */
export type CodeAnswer = 'sent' | 'wrong' | 'held' | 'refused' | 'voided' | 'expired';

/** The Gather that waits for the 6 digits of the code, keys only. */
function codeGather(c: IncomingCall, words: string): string {
  const v = voiceOf(c.pack, c.locale);
  return gatherXml({ action: c.gatherUrl, voice: v, keysOnly: true, numDigits: 6, timeoutS: 30, inner: sayXml(words, v) });
}

/** A known caller's menu with the code's offer (key 3) last; `before` (TwiML) said first. */
export function verifyMenu(c: IncomingCall, before: string): string {
  return menu(c.pack, voiceOf(c.pack, c.locale), c.gatherUrl, before, sayXml(VERIFY_WORDS[c.pack.language].offer, voiceOf(c.pack, c.locale)));
}

/** The answer to key 3 or a typed code that did not verify the call: wait for the code, or say why not and give the menu. */
export function codeTwiml(answer: CodeAnswer, c: IncomingCall): string {
  const w = VERIFY_WORDS[c.pack.language];
  const v = voiceOf(c.pack, c.locale);
  const bye = sayXml(c.pack.voice.noInput, v);
  if (answer === 'sent') return twimlDocument(codeGather(c, `${w.codeSent} ${w.enterCode}`), bye, HANGUP_XML);
  if (answer === 'wrong') return twimlDocument(codeGather(c, w.wrong), bye, HANGUP_XML);
  const why = answer === 'held' ? w.codeHeld : answer === 'refused' ? w.codeRefused : answer === 'voided' ? w.voided : w.expired;
  return twimlDocument(menu(c.pack, v, c.gatherUrl, sayXml(why, v)), bye);
}

/**
 * The balance said to a verified caller (each currency's total of the invoices not disputed, their oldest due date), what
 * is under dispute said apart (never as owed), then the menu.
 */
export function balanceTwiml(c: IncomingCall, totals: readonly string[], oldest: string | undefined, disputed: readonly string[] = []): string {
  const w = VERIFY_WORDS[c.pack.language];
  const v = voiceOf(c.pack, c.locale);
  const owed = totals.length && oldest ? w.balance(totals, oldest) : w.nothingOwed;
  const said = disputed.length ? `${owed} ${w.disputed(disputed)}` : owed;
  return twimlDocument(menu(c.pack, v, c.gatherUrl, sayXml(said, v)), sayXml(c.pack.voice.noInput, v));
}
