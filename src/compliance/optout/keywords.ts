// Opt-out words and phrases in English, Spanish and Portuguese, and the words that name a medium.
import type { ChannelKind } from '../types.ts';

/** SMS-1: single-word keywords, matched on the whole trimmed message, without case or accents. */
export const STOP_WORDS: readonly string[] = [
  'stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout',
  'baja', 'alto', 'parar', 'detener', 'cancelar', 'pare', 'sair', 'descadastrar',
];
/** Stop words that reach every channel, not just the one they came on. */
export const STOP_ALL_WORDS: readonly string[] = ['stopall'];
export const START_WORDS: readonly string[] = ['start', 'yes', 'unstop'];
export const HELP_WORDS: readonly string[] = ['help', 'info', 'ayuda', 'ajuda'];

/**
 * US-12: free-text revocation by any reasonable means. Matched on normalised text (lower case, no
 * accents, punctuation as spaces). Over-matching suppresses a channel; under-matching breaks the law.
 */
export const REVOCATION_PHRASES: readonly RegExp[] = [
  // English
  /\b(stop|cease|quit)\b/, /\bunsubscribe\b/, /\bopt ?out\b/, /\brevoke\b/, /\bremove me\b/, /\btake me off\b/,
  /\b(do not|dont|don t|never) (call|text|email|e mail|message|contact|phone|whatsapp)\b/,
  /\bno (more )?(calls|texts|text messages|emails|messages|contact|whatsapps?)\b/, /\bleave me alone\b/,
  // Spanish
  /\bno mas\b/, /\bbasta\b/, /\b(dejen|deja|dejar) de (llamar|llamarme|escribir|escribirme|enviar|mandar|molestar|contactar|contactarme)\b/,
  /\bno me (llamen|llames|escriban|escribas|contacten|contactes|manden|mandes|envien|envies|molesten|molestes)\b/,
  /\b(dar|darme|denme|quiero) (de )?(la )?baja\b/, /\bno quiero (recibir|que me)\b/, /\bdetener\b/,
  // Portuguese
  /\b(pare|parem|parar) de\b/, /\bchega\b/, /\bnao quero (mais|receber)\b/,
  /\bnao me (ligue|liguem|ligar|mande|mandem|envie|enviem|contate|contatem|procure|procurem|incomode|incomodem)\b/,
  /\bsair da lista\b/, /\b(me )?descadastr[ae]r?\b/, /\bdescadastre\b/,
];

/** Words naming a medium; 'all' words make the opt-out reach every channel. */
export const MEDIUM_WORDS: ReadonlyArray<[ChannelKind | 'all', RegExp]> = [
  ['call', /\b(call|calls|calling|phone|phoning|ring|ringing|llamar|llamarme|llamen|llames|llamadas?|telefono|ligar|ligue|liguem|ligacoes|ligacao|telefonar)\b/],
  ['sms', /\b(text|texts|texting|sms|text messages|torpedos?)\b/],
  ['whatsapp', /\b(whatsapps?|wpp|wsp|zap|zapzap)\b/],
  ['email', /\b(email|emails|emailing|e mail|e mails|mail|correo|correos|correo electronico)\b/],
  ['visit', /\b(visit|visits|visiting|visitas?|visitar)\b/],
  ['letter', /\b(letter|letters|carta|cartas)\b/],
  ['all', /\b(contact|contacting|contactar|contactarme|contacten|contactes|contatar|contatem|contate|anything|everything|all|stopall|molestar|molesten|incomode|incomodem|leave me alone)\b/],
];
