// What the template lints look for, per language, on normalised text (lower case, no accents, punctuation as spaces).
import type { Language } from '../../messaging/index.ts';

export interface LintPhrases {
  /** US-8: every part must be present (the first-communication notice includes the later one). */
  collector: readonly RegExp[];
  /** US-4: "reply KEYWORD"; the keyword must be one cobro reads as an opt-out. */
  replyKeyword: RegExp;
  /** WA-3: wording that makes a WhatsApp template marketing rather than utility. */
  promotion: readonly RegExp[];
  /** US-9: wording that threatens legal action; such a template must be tagged legal-threat. */
  legalThreat: readonly RegExp[];
  /** PCI-1: asking for card data, which must never reach cobro. */
  cardData: readonly RegExp[];
}

const CARD_COMMON = /\b(cvv2?|cvc2?)\b/;

export const PHRASES: Readonly<Record<Language, LintPhrases>> = {
  en: {
    collector: [/\bfrom a debt collector\b/, /\battempt to collect a debt\b/, /\binformation obtained will be used for that purpose\b/],
    replyKeyword: /\b(?:reply|text|send)\s+([a-z]+)\b/g,
    promotion: [
      /\bdiscounts?\b/, /\bdiscounted\b/, /\boffers?\b/, /\bpromo(tion|tional|s)?\b/, /\bcoupons?\b/, /\bbonus\b/, /\bsale\b/,
      /\bspecial (price|deal|rate)\b/, /\bdeals?\b/, /\blimited time\b/, /\b\d+ ?(%|percent) off\b/, /\bcashback\b/, /\bfree gift\b/,
    ],
    legalThreat: [
      /\bsue\b/, /\bsuing\b/, /\blaw ?suits?\b/, /\blegal (action|proceedings|steps|measures)\b/, /\bcourts?\b/, /\blitigation\b/,
      /\battorneys?\b/, /\blawyers?\b/, /\bjudg(e)?ments?\b/, /\bgarnish(ment|ed)?\b/,
    ],
    cardData: [CARD_COMMON, /\bcard (number|details)\b/, /\bsecurity code\b/, /\bcard verification\b/],
  },
  es: {
    collector: [/\bcobrador de deudas\b/, /\bintento de cobrar una deuda\b/, /\binformacion que se obtenga se usara con ese fin\b/],
    replyKeyword: /\b(?:responda|responde|envie|envia|escriba)\s+([a-z]+)\b/g,
    promotion: [
      /\bdescuentos?\b/, /\bofertas?\b/, /\bpromocion(es)?\b/, /\brebajas?\b/, /\bcupon(es)?\b/, /\bbonificacion\b/, /\bgratis\b/,
      /\bregalos?\b/, /\bahorra\b/, /\bpor tiempo limitado\b/,
    ],
    legalThreat: [
      /\bdemanda(r|remos|rle|rlo|rla)?\b/, /\bacciones? (legal|legales|judicial|judiciales)\b/, /\bproceso judicial\b/, /\bvia judicial\b/,
      /\btribunal(es)?\b/, /\bjuzgados?\b/, /\babogados?\b/, /\bembargo\b/, /\bembargar\b/,
    ],
    cardData: [CARD_COMMON, /\bnumero de (su |la |tu )?tarjeta\b/, /\bcodigo de seguridad\b/],
  },
  'pt-BR': {
    collector: [/\bcobrador de dividas\b/, /\btentativa de cobrar uma divida\b/, /\binformacao obtida sera usada para esse fim\b/],
    replyKeyword: /\b(?:responda|envie|escreva)\s+([a-z]+)\b/g,
    promotion: [
      /\bdescontos?\b/, /\bofertas?\b/, /\bpromoc(ao|oes)\b/, /\bcupom\b/, /\bcupons\b/, /\bbonus\b/, /\bgratis\b/, /\bbrindes?\b/,
      /\beconomize\b/, /\bpor tempo limitado\b/, /\bliquidacao\b/,
    ],
    legalThreat: [
      /\bacao judicial\b/, /\bacoes judiciais\b/, /\bprocesso judicial\b/, /\bprocessar\b/, /\bjustica\b/, /\badvogados?\b/,
      /\bcobranca judicial\b/, /\bvia judicial\b/, /\btribunal\b/, /\bpenhora\b/, /\bprotesto\b/, /\bcartorio\b/,
    ],
    cardData: [CARD_COMMON, /\bnumero do (seu )?cartao\b/, /\bcodigo de seguranca\b/],
  },
};
