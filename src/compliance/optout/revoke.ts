// Finding a free-text revocation (US-12) in a message: a phrase about contact, not negated, not a mere question, not about paying.
import { PHRASES, type Phrase } from './phrases.ts';
import { BARE_STOPS, BUREAU_AFTER, CONDITIONAL, COURTESY, LINKING, NEGATORS, PAYMENT_AFTER, REQUEST_OPENER, SUBJECTS } from './reading.ts';
import { sentences, type Sentence } from './text.ts';
import { mayNameTime, timesInClause, type TimesSaid } from './times.ts';
import { alt } from './words.ts';

export interface Revocation {
  /** The words that revoke, folded ("stop texting", "no me escriban"). */
  matched: string;
  /** The clauses that revoke, folded: what the scope is read from. */
  said: string;
}

/** "no dejen de llamar", "I don't want you guys to stop texting": a negator, then only linking words, up to the match. */
function negated(before: string, p: Phrase): boolean {
  const tokens = before.split(' ').filter((t) => t !== '');
  let i = tokens.length - 1;
  while (i >= 0 && LINKING.has(tokens[i]!)) i--;
  const t = tokens[i];
  if (t === undefined || !NEGATORS.has(t)) return false;
  return !(p.english && t === 'no');
}

/** The phrase's match in one clause, if it stands: not negated, not said of someone else, not about a link or a fee. */
function matchIn(clause: string, p: Phrase): string | undefined {
  const m = p.re.exec(clause);
  if (!m) return undefined;
  const before = clause.slice(0, m.index).trim(), after = clause.slice(m.index + m[0].length).trim();
  if (p.negatable && negated(before, p)) return undefined;
  if (p.imperative && SUBJECTS.has(before.split(' ').at(-1) ?? '')) return undefined;
  if (PAYMENT_AFTER.test(after) || BUREAU_AFTER.test(after)) return undefined;
  return m[0];
}

function bare(clause: string): string | undefined {
  const words = clause.split(' ').filter((t, i, all) => !COURTESY.has(t) && t !== all[i - 1]).join(' '); // "STOP STOP STOP" is one stop
  return BARE_STOPS.has(words) ? words : undefined;
}

/** A clause that only goes on listing media ("stop calling, texting and emailing me"): its media belong to the opt-out before it. */
const LISTING = new RegExp(`^(?:and |or |y |o |e |ou |nor |ni |nem )?${alt('calls?', 'calling', 'texts?', 'texting', 'emails?', 'emailing', 'e mails?',
  'messages', 'messaging', 'whatsapps?', 'sms', 'letters', 'visits', 'llamadas', 'llamar', 'mensajes', 'correos', 'cartas', 'visitas', 'ligacoes', 'ligar',
  'mensagens', 'emails', 'zap')}\\b`);

interface Hit { matched: string; said: string }

/**
 * What a sentence revokes, with the clauses its scope is read from. A question revokes only when it asks us to ("can you
 * stop texting me?", "¿cómo me doy de baja?"), never "stop?" or "will the calls stop if I pay?".
 */
function revokedIn(s: Sentence): Hit | undefined {
  if (s.question && (!REQUEST_OPENER.test(s.text) || CONDITIONAL.test(s.text))) return undefined;
  const matched: string[] = [], said: string[] = [];
  let listing = false;
  for (const clause of s.clauses) {
    // "don't call me before noon" says when, not whether: read as an inconvenient time (findTimes)
    const m = timesInClause(clause) ? undefined
      : (s.question ? undefined : bare(clause)) ?? PHRASES.map((p) => matchIn(clause, p)).find((x) => x !== undefined);
    if (m) matched.push(m);
    listing = m !== undefined || (listing && LISTING.test(clause));
    if (listing) said.push(clause);
  }
  return matched.length > 0 ? { matched: matched.join('; '), said: said.join(' ') } : undefined;
}

/** The revocation a message makes, or undefined. */
export function findRevocation(message: string, said: readonly Sentence[] = sentences(message)): Revocation | undefined {
  const hits = said.flatMap((s) => revokedIn(s) ?? []);
  if (hits.length === 0) return undefined;
  return { matched: hits.map((h) => h.matched).join('; '), said: hits.map((h) => h.said).join(' ') };
}

/** The inconvenient times a message states, in clauses that are not questions, or undefined. */
export function findTimes(message: string, split: () => readonly Sentence[] = () => sentences(message)): TimesSaid | undefined {
  if (!mayNameTime(message)) return undefined;
  const said = split().filter((s) => !s.question).flatMap((s) => s.clauses.flatMap((c) => timesInClause(c) ?? []));
  return said.length > 0
    ? { times: said.flatMap((t) => t.times), matched: said.map((t) => t.matched).join('; '), statements: said.flatMap((t) => t.statements) }
    : undefined;
}
