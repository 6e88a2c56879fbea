// Free text made comparable for the opt-out reading: sentences and clauses, folded case and accents, contractions spelled out.

// ASCII is its own decomposition and never reorders with the marks around it, so decomposing only the runs of other
// characters gives the whole text's NFD (half the time on a message, most of which is ASCII)
const NON_ASCII = /[^\x00-\x7f]+/g;
// (a message's runs are a few accented letters of its language, met again and again: each is decomposed once)
const unmarked = new Map<string, string>();
const withoutMarks = (run: string) => {
  let out = unmarked.get(run);
  if (out === undefined) {
    out = run.normalize('NFD').replace(/\p{M}/gu, '');
    // (short runs only: a reply in a script with no ASCII is one long run, kept by nobody)
    if (run.length <= 8) {
      if (unmarked.size >= 4096) unmarked.clear();
      unmarked.set(run, out);
    }
  }
  return out;
};

/** Lower case, accents removed, anything but letters and digits turned to single spaces. */
export function normaliseText(text: string): string {
  return text.replace(NON_ASCII, withoutMarks).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Chat spellings read as the words they stand for (whole tokens only). */
const SPELLINGS: Readonly<Record<string, string>> = {
  dont: 'do not', didnt: 'did not', doesnt: 'does not', cant: 'cannot', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not',
  wanna: 'want to', gonna: 'going to', pls: 'please', plz: 'please', plis: 'please', u: 'you', ur: 'your', txt: 'text', txts: 'texts',
  porfa: 'por favor', xfa: 'por favor', pfv: 'por favor', pf: 'por favor', porfavor: 'por favor', vc: 'voce', vcs: 'voces', nd: 'nada', q: 'que',
};

/** A sentence or clause as the phrases read it: tokens of a-z and digits separated by single spaces. */
export function foldClause(text: string): string {
  const spelled = text.toLowerCase()
    .replace(/\bcan[’']t\b/g, 'cannot').replace(/\bwon[’']t\b/g, 'will not').replace(/\b(\w+)n[’']t\b/g, '$1 not');
  return normaliseText(spelled)
    .replace(/([a-z])\1{2,}/g, '$1') // "stooop", "nooo mas": letters stretched three times or more
    .split(' ').map((t) => SPELLINGS[t] ?? t).join(' ')
    .replace(/\bx favor\b/g, 'por favor');
}

export interface Sentence {
  /** The whole sentence, folded, commas dropped. */
  text: string;
  /** Its comma-separated parts, folded. */
  clauses: string[];
  /** Ends in "?" or opens with "¿". */
  question: boolean;
}

/** Splits a message into sentences at . ! ? ; ¡ ¿ and line breaks, noting which are questions. */
export function sentences(message: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /([^.!?;¡¿\n]*)([.!?;¡¿\n]*)/g;
  let opensWithQuestion = false;
  for (let m = re.exec(message); m && m[0] !== ''; m = re.exec(message)) {
    const body = m[1] ?? '', ends = m[2] ?? '';
    const clauses = body.split(',').map(foldClause).filter((c) => c !== '');
    if (clauses.length > 0) out.push({ text: clauses.join(' '), clauses, question: opensWithQuestion || ends.includes('?') });
    opensWithQuestion = ends.includes('¿');
  }
  return out;
}
