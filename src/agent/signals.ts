// Readings the intent model does not make, on the normalised text (folded, chat spellings spelled out): signals that a
// person must take over (legal threats, abuse, vulnerability), short answers to the agent's own question (yes, no, "all
// of it", a bare amount or a number of days), and the reason a dispute gives. Pure.
import { parseMajorAmount } from '../domain/index.ts';
import { normalise } from './normalise.ts';
import { numeralise } from './numbers.ts';
import type { AgentLanguage } from './types.ts';

export type Signal = 'legal_threat' | 'abuse' | 'vulnerability';

const LEGAL = /\b(?:lawyers?|attorneys?|sue|suing|lawsuit|court|legal action|small claims|cfpb|ftc|abogad[oa]s?|demand(?:a|ar|are|arlos|arles|o)|juzgado|juez|tribunal|profeco|condusef|denuncia(?:r|re)?|advogad[oa]s?|processar|processo|justica|procon|reclame aqui)\b/;
const ABUSE = /\b(?:fuck\w*|shit|bitch\w*|bastards?|assholes?|idiots?|morons?|scam+ers?|thie(?:f|ves)|pendej\w*|cabron\w*|chinga\w*|pinche\w*|put[ao]s?|mierda|imbecil\w*|idiota\w*|ladron\w*|rateros?|estafador\w*|hijo de puta|caralho|porra|merda|filho da puta|vagabund\w*|otari\w*|safad\w*|ladrao|ladroes|golpistas?)\b/;
const VULNERABLE = /\b(?:cancer|chemo\w*|hospital\w*|passed away|died|funeral|terminal|disabled|disability|depress\w*|suicid\w*|kill myself|widow\w*|quimio\w*|fallec\w*|murio|muri[oó]|velorio|discapacidad|hospitaliz\w*|internad[oa]|faleceu|morreu|luto|deficiencia|enfermedad grave|doenca grave|me quiero morir|quero morrer|want to die)\b/;

/** What in the text calls for a person at once, strongest first. */
export function signalsIn(text: string): Signal[] {
  const n = normalise(text);
  const out: Signal[] = [];
  if (VULNERABLE.test(n)) out.push('vulnerability');
  if (LEGAL.test(n)) out.push('legal_threat');
  if (ABUSE.test(n)) out.push('abuse');
  return out;
}

const YES = /^(?:(?:si+|yes+|yeah|yep|yup|sim|ok|okay|okey|dale|va|vale|claro|of course|sure|bueno|listo|perfecto|perfect|acepto|accept|i accept|aceito|confirmo|confirm|confirmado|de acuerdo|de acordo|esta bien|ta bien|ta bom|pode ser|puede ser|fechado|beleza|emojiok|sounds good|go ahead|do it|that works|funciona|hagamoslo|por favor|please)[\s,.!]*)+(?:\s.*)?$/;
const NO = /^(?:no+|nope|nah|nao|não|negativo|no gracias|no thanks|nao obrigado|mejor no|better not|prefiero no|prefiro nao|no puedo|cannot|nao posso)\b/;

/** A yes or a no to the agent's offer, read from the start of the reply; null when it is neither. */
export function answerOf(text: string): 'yes' | 'no' | null {
  const n = normalise(text);
  if (NO.test(n)) return 'no';
  return YES.test(n) ? 'yes' : null;
}

const ALL = /\b(?:todo|toda|todos|tudo|total|el total|o total|all|everything|the whole|full|completo|completa|inteiro|integral|lo que debo|o que devo)\b/;

/** The debtor means the whole balance ("todo", "all of it", "tudo"). */
export function meansAll(text: string): boolean {
  return ALL.test(normalise(text));
}

/** A reply that is only an amount ("1500", "$1.500", "R$ 200,50"), in minor units of the currency; null otherwise. */
export function bareAmount(text: string, currency: string): number | null {
  const t = text.trim().replace(/^(?:r\$|us\$|\$|€|£)\s*/i, '').replace(/\s*(?:pesos|reais|dolares|dólares|dollars|[a-z]{3})$/i, '');
  if (!/^\d[\d.,\s]*$/.test(t)) return null;
  const plain = t.replace(/\s/g, '');
  // "1.500" and "1,500" are thousands where a group of three follows; "1500,50" and "1500.50" have cents
  const european = /^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(plain) || /^\d+,\d{1,2}$/.test(plain);
  const p = parseMajorAmount(plain, currency, european ? { decimal: ',' } : { decimal: '.' });
  return p.ok && p.minor > 0 ? p.minor : null;
}

const UNIT_DAYS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:dias?|days?)$/, 1], [/^(?:semanas?|weeks?)$/, 7], [/^(?:quincenas?|fortnights?)$/, 14], [/^(?:mes|meses|months?)$/, 30],
];

/** A span of time the debtor asks for ("2 semanas", "ten days", "uma semana", "15 días"), in days; null when none is said. */
export function daysAsked(text: string, language: AgentLanguage): number | null {
  const words = numeralise(normalise(text).split(' '), language);
  for (let i = 0; i < words.length; i++) {
    const unit = UNIT_DAYS.find(([re]) => re.test(words[i] ?? ''));
    if (!unit) continue;
    // "ten more days", "dos semanas mas" (the filler after the unit needs no skipping)
    const filler = /^(?:more|extra|additional|mas|mais|adicionales|adicionais)$/.test(words[i - 1] ?? '');
    const before = words[filler ? i - 2 : i - 1] ?? '';
    const count = /^\d+$/.test(before) ? Number(before) : /^(?:a|an|one|un|una|um|uma|otra|outra|another)$/.test(before) ? 1 : null;
    if (count !== null && count > 0 && count <= 366) return count * unit[1];
  }
  return null;
}

export type DisputeGround = 'not_mine' | 'wrong_amount' | 'duplicate' | 'goods_or_service' | 'other';

/** The ground a dispute gives, for the dispute's reason; 'other' when it says none cobro knows. */
export function disputeGround(text: string): DisputeGround {
  const n = normalise(text);
  if (/\b(?:duplicad\w*|duplicate\w*|twice|two times|dos veces|duas vezes|cobrado doble|cobrado em dobro|double charged)\b/.test(n)) return 'duplicate';
  if (/\b(?:monto|amount|valor|cantidad|quantia|too much|de mas|a mais|mas de lo|mais do que|overcharg\w*|wrong price|precio)\b/.test(n)) return 'wrong_amount';
  if (/\b(?:no es mi\w*|not mine|nao e minha|nao e meu|no reconozco|do not recognize|nao reconheco|never ordered|nunca (?:pedi|compre|contrate)|no (?:pedi|compre|contrate)|nao (?:pedi|comprei|contratei))\b/.test(n)) return 'not_mine';
  if (/\b(?:servicio|service|product\w*|producto|produto|mercancia|mercadoria|never arrived|no llego|nao chegou|defect\w*|roto|broken|quebrado|cancel\w*)\b/.test(n)) return 'goods_or_service';
  return 'other';
}
