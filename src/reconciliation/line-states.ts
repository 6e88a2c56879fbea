// Every state a stored statement line can be in: matching's own (lines.ts) and 'payout', a gateway's payout settled as such
// before matching (R-6, payouts.ts), which matching never reads.
import { MATCH_STATES as MATCHING, type LineRow } from './lines.ts';

export const MATCH_STATES = [...MATCHING, 'payout'] as const;
export type LineState = (typeof MATCH_STATES)[number];
export type StoredLine = Omit<LineRow, 'match_state'> & { match_state: LineState };

export const isPayoutLine = (l: { match_state: string }): boolean => l.match_state === 'payout';
