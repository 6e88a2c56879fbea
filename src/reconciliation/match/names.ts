// Fuzzy comparison of payer names with customer names: accents, case, word order and legal forms do not matter.

const LEGAL_FORMS = new Set(['gmbh', 'bv', 'nv', 'ltd', 'llc', 'inc', 'sa', 'sl', 'sas', 'srl', 'ag', 'co', 'corp', 'cv',
  'de', 'ltda', 'spa', 'plc', 'kg', 'oy', 'ab', 'as', 'sarl', 'limited', 'company', 'the', 'mr', 'mrs', 'hr', 'fr']);

/** Lower case, no accents, no punctuation, no legal forms or titles; words sorted. */
export function nameWords(name: string): string[] {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length ? kept : words).sort();
}

export function normaliseName(name: string | null): string | null {
  if (!name) return null;
  const w = nameWords(name);
  return w.length ? w.join(' ') : null;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Sørensen-Dice similarity of character bigrams, 0..1. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/** How alike two names are, 0..1: the better of whole-name bigram similarity and word-by-word agreement. */
export function nameSimilarity(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (!wa.length || !wb.length) return 0;
  const whole = dice(wa.join(' '), wb.join(' '));
  // each word of the shorter name finds its best partner in the longer one
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const perWord = short.reduce((s, w) => s + Math.max(...long.map((x) => dice(w, x))), 0) / long.length;
  return Math.max(whole, perWord);
}
