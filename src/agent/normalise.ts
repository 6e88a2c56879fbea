// Text as debtors write it, made comparable: case and accents folded, stretched letters shortened, contractions and chat abbreviations spelled out.

/** Emoji that carry meaning in a reply, read as words. */
const EMOJI: ReadonlyArray<[RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{1F64F}\u{1F60A}\u{1F642}\u{1F600}\u{1F601}\u{2764}\u{1F499}\u{1F64C}\u{1F91D}\u{2705}]/gu, ' emojiok '],
  [/[\u{1F620}\u{1F621}\u{1F92C}\u{1F624}]/gu, ' emojiangry '],
  [/[\u{1F622}\u{1F62D}\u{1F614}\u{1F61E}\u{1F625}]/gu, ' emojisad '],
];

/** English contractions, so "can't", "cant" and "cannot" read alike. */
const CONTRACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bcan['’]?t\b/g, 'cannot'], [/\bwon['’]t\b/g, 'will not'], [/\b(\w+)n['’]t\b/g, '$1 not'],
  [/\b(i|you|we|they|he|she|it)['’]ll\b/g, '$1 will'], [/\bi['’]m\b/g, 'i am'], [/\b(you|we|they)['’]re\b/g, '$1 are'],
  [/\b(i|you|we|they)['’]ve\b/g, '$1 have'], [/\b(i|you|we|they|he|she)['’]d\b/g, '$1 would'], [/['’]s\b/g, 's'],
];

/** Chat spellings and abbreviations in the three languages, whole tokens only; none collides with a word of another language. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  q: 'que', k: 'que', ke: 'que', qe: 'que', xq: 'porque', pq: 'porque', porq: 'porque', xk: 'porque', pk: 'porque', proque: 'porque',
  vc: 'voce', vcs: 'voces', ce: 'voce', pls: 'please', plz: 'please', plis: 'please', pliz: 'please', pleas: 'please',
  thx: 'thanks', thnx: 'thanks', thks: 'thanks', tks: 'thanks', ty: 'thanks', tnx: 'thanks', u: 'you', ur: 'your', r: 'are',
  porfa: 'por favor', xfa: 'por favor', pfv: 'por favor', pfvr: 'por favor', porfis: 'por favor', pf: 'por favor',
  hj: 'hoje', amn: 'amanha', amnh: 'amanha', dps: 'depois', dpois: 'depois', blz: 'beleza', obg: 'obrigado', obgd: 'obrigado',
  obgda: 'obrigada', brigado: 'obrigado', brigada: 'obrigada', vlw: 'valeu', vlws: 'valeu', td: 'tudo', cmg: 'comigo',
  qdo: 'quando', qnd: 'quando', qndo: 'quando', qto: 'quanto', qnto: 'quanto', mto: 'muito', mt: 'muito', nd: 'nada',
  dont: 'do not', didnt: 'did not', doesnt: 'does not', isnt: 'is not', cant: 'cannot', havent: 'have not', wasnt: 'was not',
  im: 'i am', ive: 'i have', youre: 'you are', wanna: 'want to', gonna: 'going to', gotta: 'got to', tmrw: 'tomorrow',
  tmr: 'tomorrow', tmrow: 'tomorrow', tomoro: 'tomorrow', tomorow: 'tomorrow', '2morrow': 'tomorrow', '2moro': 'tomorrow',
  tho: 'though', pmt: 'payment', pymt: 'payment', acct: 'account', bc: 'because', cuz: 'because', coz: 'because',
  pa: 'para', pra: 'para', pro: 'para o', ta: 'esta', tou: 'estou', toy: 'estoy', tons: 'entao', xfavor: 'por favor',
  msj: 'mensaje', mje: 'mensaje', msg: 'message', msgs: 'messages', nro: 'numero', tel: 'telefono',
};

/** Currency symbols written in many ways, made codes, so "R$500", "R$ 500" and "500 reais" read alike. */
const CURRENCY_SIGNS: ReadonlyArray<[RegExp, string]> = [
  [/\br\s?\$/g, ' brl '], [/\b(?:us|u)\s?\$\s?s?\b|u\$d/g, ' usd '], [/€/g, ' eur '], [/£/g, ' gbp '],
];

/** Lower case, accents removed; a lone "ñ" is Brazilian chat for "não". */
export function fold(text: string): string {
  return text.toLowerCase().replace(/(^|\s)ñ(?=\s|$)/g, '$1nao').normalize('NFD').replace(/\p{M}/gu, '');
}

const TOKEN = /\d+(?:[.,/:-]\d+)*|[a-z]+|[$€£%]/g;

/**
 * The normalised form every reader works on: folded, contractions expanded, letters repeated three times or more
 * shortened to one ("siiii" -> "si"), then tokens (words, numbers with their separators, $ € £ %) joined by single spaces.
 */
export function normalise(text: string): string {
  let s = text;
  for (const [re, word] of EMOJI) s = s.replace(re, word);
  s = fold(s).replace(/[’`´]/g, "'");
  for (const [re, to] of CURRENCY_SIGNS) s = s.replace(re, to);
  s = s.replace(/\b(?:por ?ciento|por ?cento|percent|per cent)\b/g, ' % ');
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to);
  // Ordinals stuck to their number ("2nd", "1ro", "1º") become one form, so "nd" is not read as chat for "nada".
  s = s.replace(/\b(\d{1,2})(?:st|nd|rd|th|ro|ero|er|do|da|º|°|ª)(?![a-z])/g, '$1 th');
  s = s.replace(/([a-z])\1{2,}/g, '$1').replace(/\b(\d+)(?:[.,](\d))?\s?k\b/g, (_, whole: string, tenth?: string) => String(Number(whole) * 1000 + Number(tenth ?? 0) * 100));
  const tokens = s.match(TOKEN) ?? [];
  return tokens.map((t) => ABBREVIATIONS[t] ?? t).join(' ');
}

export function tokens(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}
