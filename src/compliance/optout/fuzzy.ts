// Misspelt refusal words ("stoop it", "paarem de me ligar") put right, so the free-text reading (US-12) can read them.
//
// Bounded: only a word of four letters or more that is no refusal word itself, starts with the same letter as one, and is
// one edit from it (two for words of nine letters or more; a swap of neighbours is one edit). Ordinary words that sit that
// close to a refusal word ("para", "pagar", "step", "contract", "testing") are never touched. The corrected text still has to
// pass the whole phrase reading, with its negation, question and payment guards, so a fixed word alone opts nobody out.

/** The words a refusal is made of, folded, in English, Spanish and Portuguese. */
const REFUSAL_WORDS: readonly string[] = [
  'stop', 'unsubscribe', 'cancel', 'revoke', 'optout', 'texting', 'calling', 'emailing', 'messaging', 'messages', 'contacting', 'contact',
  'bothering', 'harassing', 'remove', 'consent', 'alone', 'leave',
  'dejen', 'dejar', 'paren', 'llamar', 'llamarme', 'llamen', 'escriban', 'escribir', 'mensajes', 'molesten', 'molestar',
  'contacten', 'contactar', 'marquen', 'manden', 'envien', 'quiten', 'saquen', 'borren', 'basta', 'detengan',
  'parem', 'ligar', 'liguem', 'ligue', 'ligando', 'mensagens', 'mensagem', 'mandem', 'enviem', 'incomodar', 'incomodem', 'descadastrar',
  'chega', 'tirem', 'deixem', 'contato', 'procurem', 'perturbar',
];

/** Ordinary words one edit from a refusal word: left as they are. */
const ORDINARY: ReadonlySet<string> = new Set([
  'step', 'steps', 'shop', 'stops', 'stool', 'store', 'slop', 'atop', 'cancer', 'candle', 'revoked', 'testing', 'tasting', 'calming', 'falling',
  'mailing', 'massages', 'message', 'contract', 'contacts', 'removed', 'remote', 'consents', 'along', 'atone', 'leaves', 'lease', 'least',
  'leaved', 'content', 'contents', 'parent', 'parents', 'contracts', 'contratar', 'contratos',
  'dejan', 'dejes', 'dejo', 'deja', 'dejas', 'dejare', 'dejara', 'pares', 'parte', 'pasen', 'pagan', 'pagen', 'llamas', 'llamo',
  'llama', 'llamada', 'llamado', 'llaman', 'mensaje', 'mandan', 'mandes', 'enviar', 'envian', 'envies', 'quite', 'quitan',
  'sacan', 'borran', 'bastan', 'baste', 'basto', 'bastar', 'pasta', 'detengo', 'detenga',
  'para', 'paro', 'pago', 'pase', 'pare', 'pane', 'paga', 'page', 'pagar', 'parar', 'parece', 'param', 'perem', 'lugar', 'ligas', 'ligou', 'liga',
  'ligo', 'ligado', 'ligados', 'lingua', 'mandam', 'mandei', 'mando', 'enviei', 'envie', 'enviam', 'chegar', 'chego', 'chegou', 'chegue', 'cheia',
  'cheguei', 'chegam', 'tiram', 'tirei', 'tire', 'deixam', 'deixei', 'deixe', 'contatos', 'contrato', 'procura', 'procuram', 'procuro', 'perturba',
  'incomoda', 'incomodo', 'incomodou', 'incomodei', 'incomodam', 'incomodado', 'parei', 'parou', 'parens',
  'quien', 'quienes', 'quitei', 'llame', 'marque', 'borre', 'contatem', 'contate', 'liguei', 'mandeme', 'leves',
]);

/** Optimal string alignment distance between a and b, or max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [], prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

const KNOWN = new Set(REFUSAL_WORDS);
const BY_FIRST = new Map<string, string[]>();
for (const w of REFUSAL_WORDS) BY_FIRST.set(w[0]!, [...(BY_FIRST.get(w[0]!) ?? []), w]);

/** Words already looked at, and what they stand for ('' for nothing): replies repeat their words. Emptied when full. */
const SEEN = new Map<string, string>();

/** The refusal word a folded word is a slip of, or undefined. */
export function refusalWordFor(word: string): string | undefined {
  if (word.length < 4 || KNOWN.has(word) || ORDINARY.has(word)) return undefined;
  const seen = SEEN.get(word);
  if (seen !== undefined) return seen || undefined;
  if (SEEN.size >= 20_000) SEEN.clear();
  const found = nearest(word);
  SEEN.set(word, found ?? '');
  return found;
}

function nearest(word: string): string | undefined {
  let found: string | undefined, least = 3;
  for (const target of BY_FIRST.get(word[0]!) ?? []) {
    const max = target.length >= 9 ? 2 : 1;
    const d = editDistance(word, target, max);
    if (d <= max && d < least) { found = target; least = d; }
  }
  return found;
}

const fold = (w: string) => (/^[a-z]+$/i.test(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();

export interface Corrected { text: string; fixes: string[] }

/** The message with each misspelt refusal word replaced by the word it stands for, or undefined when none is. */
export function correctRefusalWords(message: string): Corrected | undefined {
  const fixes: string[] = [];
  const text = message.replace(/\p{L}{4,}/gu, (w) => {
    const folded = fold(w).replace(/([a-z])\1{2,}/g, '$1');
    const fixed = refusalWordFor(folded);
    if (!fixed) return w;
    fixes.push(`${folded}→${fixed}`);
    return fixed;
  });
  return fixes.length > 0 ? { text, fixes } : undefined;
}
