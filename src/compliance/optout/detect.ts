// Reading opt-outs, opt-ins and help requests from the free text a debtor sends, with the scope they reach.
import type { ChannelKind, OptOutScope, Suppression } from '../types.ts';
import { HELP_WORDS, MEDIUM_WORDS, REVOCATION_PHRASES, START_WORDS, STOP_ALL_WORDS, STOP_WORDS } from './keywords.ts';

export type OptOutDetection =
  | { kind: 'opt_out'; scopes: readonly OptOutScope[]; matched: string; rule: 'SMS-1' | 'US-12' }
  | { kind: 'opt_in'; scope: OptOutScope; matched: string }
  | { kind: 'help'; matched: string }
  | { kind: 'none' };

/** Where the message came in: its channel and, for a keyword, the number or address it reached us from. */
export interface Received {
  channel: ChannelKind;
  address?: string;
}

/** Lower case, accents removed, anything but letters and digits turned to single spaces. */
export function normaliseText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function here(received: Received): OptOutScope {
  return received.address
    ? { kind: 'address', channel: received.channel, address: received.address }
    : { kind: 'channel', channel: received.channel };
}

/** The scopes a free-text opt-out names: the media it names, else every channel if it says so, else the channel it came on. */
function namedScopes(normalised: string, received: Received): OptOutScope[] {
  const named = MEDIUM_WORDS.filter(([, re]) => re.test(normalised)).map(([m]) => m);
  const channels = named.filter((m): m is ChannelKind => m !== 'all');
  // A named medium wins over a general word ("stop contacting me by email" is about email).
  if (channels.length > 0) return channels.map((channel) => ({ kind: 'channel', channel }));
  if (named.includes('all')) return [{ kind: 'all' }];
  return [{ kind: 'channel', channel: received.channel }];
}

/**
 * Classifies an inbound message. A single keyword (SMS-1) answers first: " stop ", "StopAll",
 * "START", "HELP". Otherwise any revocation phrase (US-12) opts out of the media it names, or of
 * the channel it came on when it names none.
 */
export function detectOptOut(text: string, received: Received): OptOutDetection {
  const word = text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (STOP_WORDS.includes(word)) {
    const scope: OptOutScope = STOP_ALL_WORDS.includes(word) ? { kind: 'all' } : here(received);
    return { kind: 'opt_out', scopes: [scope], matched: word, rule: 'SMS-1' };
  }
  if (START_WORDS.includes(word)) return { kind: 'opt_in', scope: here(received), matched: word };
  if (HELP_WORDS.includes(word)) return { kind: 'help', matched: word };
  const normalised = normaliseText(text);
  for (const phrase of REVOCATION_PHRASES) {
    const m = phrase.exec(normalised);
    if (m) return { kind: 'opt_out', scopes: namedScopes(normalised, received), matched: m[0], rule: 'US-12' };
  }
  return { kind: 'none' };
}

/** The suppressions to record for a detected opt-out, effective at once (US-12 product rule). */
export function suppressionsFor(detection: OptOutDetection, at: Date): Suppression[] {
  return detection.kind === 'opt_out' ? detection.scopes.map((scope) => ({ scope, at })) : [];
}
