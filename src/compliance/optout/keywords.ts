// Opt-out keywords (SMS-1) in English, Spanish and Portuguese, and the words that name a medium in a free-text opt-out.
import type { ChannelKind } from '../types.ts';
import { alt } from './words.ts';

const words = (...list: string[]) => new RegExp(`\\b${alt(...list)}\\b`);

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
 * Words naming a medium, read on the sentence that opts out. A named channel wins; "my number" reaches the channels of a
 * phone number; 'all' words ("contact", "leave me alone") make the opt-out reach every channel.
 */
export const MEDIUM_WORDS: ReadonlyArray<[ChannelKind | 'number' | 'all', RegExp]> = [
  ['call', words(
    'call', 'calls', 'calling', 'phone', 'phoning', 'ring', 'ringing', 'robocalls?', 'llamar', 'llamarme', 'llamen', 'llames', 'llamando',
    'llamadas?', 'marcar', 'marquen', 'telefono', 'ligar', 'ligue', 'liguem', 'ligando', 'ligacoes', 'ligacao', 'telefonar', 'telefonemas?')],
  ['sms', /\b(text|texts|texting|sms|text messages|torpedos?)\b/],
  ['whatsapp', /\b(whatsapps?|wpp|wsp|wasaps?|zap|zapzap)\b/],
  ['email', /\b(email|emails|emailing|e mail|e mails|mail|correo|correos|correo electronico)\b/],
  ['visit', /\b(visit|visits|visiting|visitas?|visitar)\b/],
  ['letter', /\b(letter|letters|carta|cartas)\b/],
  ['number', /\b(my number|this number|my phone number|my cell|mi numero|mi celular|este numero|meu numero|meu celular|esse numero|este numero)\b/],
  ['all', words(
    'contact', 'contacting', 'communications?', 'contactar', 'contactarme', 'contacten', 'contactes', 'contacto', 'contatar', 'contatem', 'contate',
    'contato', 'anything', 'everything', 'all', 'stopall', 'molestar', 'molesten', 'incomode', 'incomodem', 'busquen', 'buscarme', 'procurem',
    'procurar', 'leave me alone', 'en paz', 'em paz', 'mis datos', 'meus dados', 'my data', 'nada')],
];

/** The channels a phone number carries, for "take my number off your list". */
export const NUMBER_CHANNELS: readonly ChannelKind[] = ['call', 'sms', 'whatsapp'];
