// The agent's words on a call: its spoken introduction (the automated-assistant disclosure), what it says when it sends
// the link by text message, hands the call to a person or ends it, and a written answer made speakable (no links read
// aloud, "say yes" where the text says "reply YES").
import type { AgentLanguage } from '../types.ts';

export interface SpokenTexts {
  intro(company: string): string;
  linkSent: string;
  linkHeld: string;
  /** On a call the debtor made (caller ID proves no one): the answer went by text message to the number on file. */
  answerSent: string;
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

const EN: SpokenTexts = {
  intro: (c) => `Hello, you are speaking with the automated assistant of ${c}.`,
  linkSent: 'I have just sent you the payment link by text message.',
  linkHeld: 'I cannot send you the link by text message right now.',
  answerSent: 'For your security, I have just sent my answer by text message to the number we have on file.',
  answerHeld: 'For your security I cannot give that information over the phone, and I cannot send it by text message right now.',
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
  linkHeld: 'En este momento no puedo enviarle el enlace por mensaje de texto.',
  answerSent: 'Por su seguridad, le acabo de enviar mi respuesta por mensaje de texto al número que tenemos registrado.',
  answerHeld: 'Por su seguridad no puedo darle esa información por teléfono, y en este momento no puedo enviársela por mensaje de texto.',
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
  linkHeld: 'No momento não consigo enviar o link por mensagem de texto.',
  answerSent: 'Para sua segurança, acabei de enviar minha resposta por mensagem de texto para o número que temos cadastrado.',
  answerHeld: 'Para sua segurança não posso passar essa informação por telefone, e no momento não consigo enviá-la por mensagem de texto.',
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
