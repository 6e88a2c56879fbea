// Reading opt-outs, opt-ins and help requests from the free text a debtor sends, with the scope they reach.
import type { ChannelKind, InconvenientTime, OptOutScope, Suppression } from '../types.ts';
import { correctRefusalWords } from './fuzzy.ts';
import { HELP_WORDS, MEDIUM_WORDS, NUMBER_CHANNELS, START_WORDS, STOP_ALL_WORDS, STOP_WORDS } from './keywords.ts';
import { findRevocation, findTimes } from './revoke.ts';
import type { TimeStatement } from './times.ts';
import { sentences, type Sentence } from './text.ts';
import { nameWords, namesDebtor } from './names.ts';
import { findWrongParty } from './wrong-party.ts';

export { normaliseText } from './text.ts';

export type OptOutDetection =
  | { kind: 'opt_out'; scopes: readonly OptOutScope[]; matched: string; rule: 'SMS-1' | 'US-12'; times?: readonly InconvenientTime[]; statements?: readonly TimeStatement[] }
  | { kind: 'opt_in'; scope: OptOutScope; matched: string }
  | { kind: 'help'; matched: string }
  /** Someone who is not the debtor answered: the address they answered from is theirs, not the debtor's. */
  | { kind: 'wrong_party'; scope: OptOutScope; matched: string }
  /**
   * "No soy Pedro" where the debtor is María: a name that is not the debtor's, so maybe a reply about someone else (a shared
   * phone, a message meant for another chat) rather than a wrong number. A person looks; nothing is suppressed.
   */
  | { kind: 'name_mismatch'; name: string; matched: string }
  /** Times the debtor says are inconvenient (US-1): when to contact, not whether. */
  | { kind: 'inconvenient_times'; times: readonly InconvenientTime[]; matched: string; /** Each clause's times, allowed or forbidden. */ statements?: readonly TimeStatement[] }
  | { kind: 'none' };

/** Where the message came in: its channel and, for a keyword, the number or address it reached us from. */
export interface Received {
  channel: ChannelKind;
  address?: string;
  /** The names the debtor is known by (customer name, contact name): "no soy X" is checked against them when given. */
  debtorNames?: readonly string[];
}

function here(received: Received): OptOutScope {
  return received.address
    ? { kind: 'address', channel: received.channel, address: received.address }
    : { kind: 'channel', channel: received.channel };
}

/**
 * The scopes a free-text opt-out names, read on the sentences that opt out: the media they name, else a phone number's
 * channels if they name the number, else every channel if they say so, else the channel the message came on.
 */
function namedScopes(said: string, received: Received): OptOutScope[] {
  const named = MEDIUM_WORDS.filter(([, re]) => re.test(said)).map(([m]) => m);
  const channels = named.filter((m): m is ChannelKind => m !== 'all' && m !== 'number');
  // A named medium wins over a general word ("stop contacting me by email" is about email).
  if (channels.length > 0) return channels.map((channel) => ({ kind: 'channel', channel }));
  if (named.includes('number')) return NUMBER_CHANNELS.map((channel) => ({ kind: 'channel', channel }));
  if (named.includes('all')) return [{ kind: 'all' }];
  return [{ kind: 'channel', channel: received.channel }];
}

/** A free-text revocation, read as written or, failing that, with misspelt refusal words put right ("stoop it"). */
function revocationIn(text: string, said: readonly Sentence[]): { said: string; matched: string } | undefined {
  const found = findRevocation(text, said);
  if (found) return found;
  const corrected = correctRefusalWords(text);
  const fixed = corrected ? findRevocation(corrected.text) : undefined;
  return fixed && corrected ? { said: fixed.said, matched: `${fixed.matched} (${corrected.fixes.join(', ')})` } : undefined;
}

/**
 * Classifies an inbound message. A single keyword (SMS-1) answers first: " stop ", "StopAll", "START", "HELP", exactly as
 * carriers read them. Then a wrong person's answer ("wrong number") stops that address alone; "no soy X" does only when X is
 * one of the debtor's names or no name is known, and is a name_mismatch for a person to look at otherwise (after a refusal,
 * which still counts: whoever holds the address may refuse contact on it). Otherwise a free-text
 * revocation (US-12) opts out of the media it names, or of the channel it came on; a forbidding with a time ("don't call me
 * before noon") is an inconvenient time, not a revocation.
 */
export function detectOptOut(text: string, received: Received): OptOutDetection {
  const word = text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (STOP_WORDS.includes(word)) {
    const scope: OptOutScope = STOP_ALL_WORDS.includes(word) ? { kind: 'all' } : here(received);
    return { kind: 'opt_out', scopes: [scope], matched: word, rule: 'SMS-1' };
  }
  if (START_WORDS.includes(word)) return { kind: 'opt_in', scope: here(received), matched: word };
  if (HELP_WORDS.includes(word)) return { kind: 'help', matched: word };
  let said: Sentence[] | undefined;
  const split = () => (said ??= sentences(text));
  const wrong = findWrongParty(text, split);
  const debtor = wrong?.name && received.debtorNames ? nameWords(received.debtorNames) : undefined;
  const otherName = wrong?.name && debtor && debtor.size > 0 && !namesDebtor(wrong.name, debtor) ? wrong : undefined;
  if (wrong && !otherName) return { kind: 'wrong_party', scope: here(received), matched: wrong.matched };
  const times = otherName ? undefined : findTimes(text, split);
  const found = revocationIn(text, split());
  if (found) return { kind: 'opt_out', scopes: namedScopes(found.said, received), matched: found.matched, rule: 'US-12',
    ...(times ? { times: times.times, statements: times.statements } : {}) };
  if (otherName) return { kind: 'name_mismatch', name: otherName.name!.join(' '), matched: otherName.matched };
  return times ? { kind: 'inconvenient_times', times: times.times, matched: times.matched, statements: times.statements } : { kind: 'none' };
}

/** The suppressions to record for a detected opt-out, effective at once (US-12 product rule). */
export function suppressionsFor(detection: OptOutDetection, at: Date): Suppression[] {
  return detection.kind === 'opt_out' ? detection.scopes.map((scope) => ({ scope, at })) : [];
}
