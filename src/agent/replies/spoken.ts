// The agent's words on a call: its spoken introduction (the automated-assistant disclosure), what it says when it sends
// the link by text message, hands the call to a person or ends it, and a written answer made speakable (no links read
// aloud, "say yes" where the text says "reply YES"). What is said of an SMS is what the gate decided for it: sent now,
// sent when it next allows (a weekday and time in the debtor's zone), or not sent, with what the debtor can do instead.
import type { AgentLanguage } from '../types.ts';

/** When a held SMS goes out, as said: a weekday (with its date when more than six days away) and a time of day in the debtor's zone and locale. */
export interface SaidWhen { day: string; time: string }

export interface SpokenTexts {
  intro(company: string): string;
  linkSent: string;
  /** The gate defers the SMS with the link: it goes when it next allows (said when known). */
  linkLater(when?: SaidWhen): string;
  /** The gate refuses the SMS (opt-out, cap, consent) or nothing can be queued: what the debtor can do instead. */
  linkHeld: string;
  /** On a call the debtor made (caller ID proves no one): the answer went by text message to the number on file. */
  answerSent: string;
  answerLater(when?: SaidWhen): string;
  answerHeld: string;
  transfer: string;
  callBack: string;
  care: string;
  stopped: string;
  wrongPerson: string;
  goodbye: string;
  /** Written wording and its spoken form, applied in order. */
  rewrites: readonly (readonly [RegExp, string])[];
}

/** "el miércoles a las 8:00 a. m." ("a la 1:00"; "el miércoles, 16 de diciembre a las ..." past six days), or "más tarde" when the time is not known. */
const esWhen = (w?: SaidWhen) => (w ? ` el ${w.day} a la${/^0?1:/.test(w.time) ? '' : 's'} ${w.time}` : ' más tarde');
/** "quarta-feira às 8:00" ("à 1:00"), or "mais tarde". */
const ptWhen = (w?: SaidWhen) => (w ? ` ${w.day} à${/^0?1:/.test(w.time) ? '' : 's'} ${w.time}` : ' mais tarde');

const EN: SpokenTexts = {
  intro: (c) => `Hello, you are speaking with the automated assistant of ${c}.`,
  linkSent: 'I have just sent you the payment link by text message.',
  linkLater: (w) => `I will send you the payment link by text message${w ? ` on ${w.day} at ${w.time}` : ' later'}, as soon as we are allowed to text you.`,
  linkHeld: 'I cannot send you the link by text message. If you wish, ask me for a person on our team.',
  answerSent: 'For your security, I have just sent my answer by text message to the number we have on file.',
  answerLater: (w) => 'For your security I cannot give that information over the phone. I will send my answer by text message to the number we have on file'
    + `${w ? ` on ${w.day} at ${w.time}` : ' later'}, as soon as we are allowed to text you.`,
  answerHeld: 'For your security I cannot give that information over the phone, and I cannot send it to you by text message. If you wish, ask me for a person on our team.',
  transfer: 'I am putting you through to a person on our team now. Please hold.',
  callBack: 'A person on our team will call you back soon. Goodbye.',
  care: 'I am sorry to hear that.',
  stopped: 'Understood. We will not call you again. Goodbye.',
  wrongPerson: 'Sorry for the trouble. We will not call this number again. Goodbye.',
  goodbye: 'Thank you. Goodbye.',
  rewrites: [
    [/\bReply YES\b/g, 'Say yes'],
    [/\breply with the amount, or ALL\b/g, 'tell me the amount, or say all of it'],
    [/\bReply with the number of payments you want\b/g, 'Tell me the number of payments you want'],
    [/\bPlease reply with proof of the payment\b/g, 'Please send us proof of the payment by text message'],
  ],
};

const ES: SpokenTexts = {
  intro: (c) => `Hola, le habla el asistente automático de ${c}.`,
  linkSent: 'Le acabo de enviar el enlace de pago por mensaje de texto.',
  linkLater: (w) => `Le enviaré el enlace de pago por mensaje de texto${esWhen(w)}, en cuanto podamos escribirle.`,
  linkHeld: 'No puedo enviarle el enlace por mensaje de texto. Si lo desea, pídame hablar con una persona de nuestro equipo.',
  answerSent: 'Por su seguridad, le acabo de enviar mi respuesta por mensaje de texto al número que tenemos registrado.',
  answerLater: (w) => 'Por su seguridad no puedo darle esa información por teléfono. Le enviaré mi respuesta por mensaje de texto al número que tenemos registrado'
    + `${esWhen(w)}, en cuanto podamos escribirle.`,
  answerHeld: 'Por su seguridad no puedo darle esa información por teléfono, y no puedo enviársela por mensaje de texto. Si lo desea, pídame hablar con una persona de nuestro equipo.',
  transfer: 'Lo comunico ahora con una persona de nuestro equipo. Un momento, por favor.',
  callBack: 'Una persona de nuestro equipo le llamará pronto. Hasta luego.',
  care: 'Lamento lo que me cuenta.',
  stopped: 'Entendido. No le volveremos a llamar. Hasta luego.',
  wrongPerson: 'Disculpe la molestia. No volveremos a llamar a este número. Hasta luego.',
  goodbye: 'Gracias. Hasta luego.',
  rewrites: [
    [/\bResponda SÍ/g, 'Diga sí'],
    [/\bresponda con el monto, o TODO\b/g, 'dígame el monto, o diga todo'],
    [/\bResponda con el número de pagos que prefiere\b/g, 'Dígame el número de pagos que prefiere'],
    [/\bPor favor responda con el comprobante del pago\b/g, 'Por favor envíenos por mensaje de texto el comprobante del pago'],
    [/\blink de pago\b/g, 'enlace de pago'],
  ],
};

const PT: SpokenTexts = {
  intro: (c) => `Olá, aqui fala o assistente automático da ${c}.`,
  linkSent: 'Acabei de enviar o link de pagamento por mensagem de texto.',
  linkLater: (w) => `Vou enviar o link de pagamento por mensagem de texto${ptWhen(w)}, assim que pudermos escrever para você.`,
  linkHeld: 'Não consigo enviar o link por mensagem de texto. Se quiser, peça para falar com uma pessoa da nossa equipe.',
  answerSent: 'Para sua segurança, acabei de enviar minha resposta por mensagem de texto para o número que temos cadastrado.',
  answerLater: (w) => 'Para sua segurança não posso passar essa informação por telefone. Vou enviar minha resposta por mensagem de texto para o número que temos cadastrado'
    + `${ptWhen(w)}, assim que pudermos escrever para você.`,
  answerHeld: 'Para sua segurança não posso passar essa informação por telefone, e não consigo enviá-la por mensagem de texto. Se quiser, peça para falar com uma pessoa da nossa equipe.',
  transfer: 'Vou transferir você agora para uma pessoa da nossa equipe. Um momento, por favor.',
  callBack: 'Uma pessoa da nossa equipe vai ligar para você em breve. Até logo.',
  care: 'Sinto muito pelo que você está passando.',
  stopped: 'Entendido. Não vamos ligar novamente. Até logo.',
  wrongPerson: 'Desculpe o incômodo. Não vamos ligar mais para este número. Até logo.',
  goodbye: 'Obrigado. Até logo.',
  rewrites: [
    [/\bResponda SIM\b/g, 'Diga sim'],
    [/\bresponda com o valor, ou TUDO\b/g, 'diga o valor, ou diga tudo'],
    [/\bResponda com o número de pagamentos que prefere\b/g, 'Diga o número de pagamentos que prefere'],
    [/\bPor favor responda com o comprovante do pagamento\b/g, 'Por favor envie por mensagem de texto o comprovante do pagamento'],
  ],
};

export const SPOKEN: Readonly<Record<AgentLanguage, SpokenTexts>> = { en: EN, es: ES, 'pt-BR': PT };

const LINK = /\{\{(?:payment_link|portal_link)\}\}|https?:\/\/\S+/;

/**
 * A written answer as it is said on a call: sentences that carry a link are left out (`linked` says whether any was),
 * written wording becomes spoken wording. `signoff` (the written answers' automated-assistant mark) is dropped: on a call
 * the disclosure is spoken at the start of the agent's first turn.
 */
export function speakable(written: string, language: AgentLanguage, signoff: string): { text: string; linked: boolean } {
  const body = written.endsWith(signoff) ? written.slice(0, -signoff.length).trim() : written;
  const sentences = body.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((s) => !LINK.test(s));
  let text = kept.join(' ');
  for (const [from, to] of SPOKEN[language].rewrites) text = text.replace(from, to);
  return { text: text.trim(), linked: kept.length < sentences.length };
}
