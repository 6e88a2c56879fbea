// Reading opt-outs, opt-ins and help requests from the free text a debtor sends, with the scope they reach.
import type { ChannelKind, OptOutScope, Suppression } from '../types.ts';
import { HELP_WORDS, MEDIUM_WORDS, NUMBER_CHANNELS, START_WORDS, STOP_ALL_WORDS, STOP_WORDS } from './keywords.ts';
import { findRevocation } from './revoke.ts';

export { normaliseText } from './text.ts';

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

/**
 * Classifies an inbound message. A single keyword (SMS-1) answers first: " stop ", "StopAll", "START", "HELP", exactly as
 * carriers read them. Otherwise a free-text revocation (US-12) opts out of the media it names, or of the channel it came on.
 */
export function detectOptOut(text: string, received: Received): OptOutDetection {
  const word = text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (STOP_WORDS.includes(word)) {
    const scope: OptOutScope = STOP_ALL_WORDS.includes(word) ? { kind: 'all' } : here(received);
    return { kind: 'opt_out', scopes: [scope], matched: word, rule: 'SMS-1' };
  }
  if (START_WORDS.includes(word)) return { kind: 'opt_in', scope: here(received), matched: word };
  if (HELP_WORDS.includes(word)) return { kind: 'help', matched: word };
  const found = findRevocation(text);
  if (!found) return { kind: 'none' };
  return { kind: 'opt_out', scopes: namedScopes(found.said, received), matched: found.matched, rule: 'US-12' };
}

/** The suppressions to record for a detected opt-out, effective at once (US-12 product rule). */
export function suppressionsFor(detection: OptOutDetection, at: Date): Suppression[] {
  return detection.kind === 'opt_out' ? detection.scopes.map((scope) => ({ scope, at })) : [];
}
