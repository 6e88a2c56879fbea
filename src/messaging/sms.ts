// SMS: GSM-7 or UCS-2 encoding, segment counting (160/153 septets, 70/67 code units) and the SMS renderer.
import type { SmsSegments } from './types.ts';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** More segments than this is a warning: costly, and some carriers reassemble badly. */
export const MAX_SEGMENTS = 3;

/** Septets the text takes in GSM-7, or null when a character needs UCS-2. */
export function gsm7Length(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) n += 1;
    else if (EXTENDED.has(ch)) n += 2;
    else return null;
  }
  return n;
}

/** Encoding and segment count as carriers bill them; UCS-2 counts UTF-16 code units, so an emoji takes two. */
export function countSegments(text: string): SmsSegments {
  const septets = gsm7Length(text);
  if (septets !== null) {
    return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Letters GSM-7 lacks, written without their accent (as SMS in Spanish and Portuguese usually are). */
const GSM_FOLD: Readonly<Record<string, string>> = {
  á: 'a', í: 'i', ó: 'o', ú: 'u', â: 'a', ê: 'e', ô: 'o', ã: 'a', õ: 'o', ç: 'c', Á: 'A', Í: 'I', Ó: 'O', Ú: 'U', Â: 'A', Ê: 'E', Ô: 'O', Ã: 'A', Õ: 'O',
  º: 'o', ª: 'a', '“': '"', '”': '"', '‘': "'", '’': "'", '–': '-', '—': '-', '…': '...',
};

/** The text in GSM-7 with those accents folded, or null when something else (an emoji, a letter of another script) keeps it out. */
export function foldToGsm(text: string): string | null {
  const folded = text.replace(/[áíóúâêôãõçÁÍÓÚÂÊÔÃÕºª“”‘’–—…]/g, (c) => GSM_FOLD[c] ?? c);
  return gsm7Length(folded) === null ? null : folded;
}

export function smsWarnings(segments: SmsSegments): string[] {
  return segments.segments > MAX_SEGMENTS ? [`SMS_OVER_${MAX_SEGMENTS}_SEGMENTS: ${segments.segments} segments (${segments.encoding})`] : [];
}
