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

/** Whether an org's SMS may go with accents folded into GSM-7 (`auto`, the default) or always keep them (`never`). */
export const SMS_FOLDS = ['auto', 'never'] as const;
export type SmsFold = (typeof SMS_FOLDS)[number];

/**
 * The SMS as it goes out: folded into GSM-7 when that takes fewer segments than its UCS-2 form (a Spanish or Portuguese
 * accent turns a whole message into UCS-2, 67 characters a segment instead of 153), else as written. A text that takes as
 * many segments either way keeps its accents; one with a character GSM-7 has no form of (an emoji, another script) stays
 * UCS-2 untouched; `never` keeps every text as written. Every SMS cobro renders passes here, so what the preview, the
 * cost and the outbox show is what is sent.
 */
export function smsAsSent(text: string, fold: SmsFold = 'auto'): { text: string; segments: SmsSegments; folded: boolean } {
  const segments = countSegments(text);
  if (fold === 'never' || segments.encoding === 'GSM-7') return { text, segments, folded: false };
  const folded = foldToGsm(text);
  if (folded === null) return { text, segments, folded: false };
  const fewer = countSegments(folded);
  return fewer.segments < segments.segments ? { text: folded, segments: fewer, folded: true } : { text, segments, folded: false };
}

export function smsWarnings(segments: SmsSegments): string[] {
  return segments.segments > MAX_SEGMENTS ? [`SMS_OVER_${MAX_SEGMENTS}_SEGMENTS: ${segments.segments} segments (${segments.encoding})`] : [];
}
