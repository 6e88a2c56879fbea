// Applies what a debtor's words say about contact: STOP and "no más" suppress at once, START lifts, HELP is noted.
import type { Queryable } from '../../db/index.ts';
import { detectOptOut, type OptOutDetection } from '../optout/detect.ts';
import type { OptOutScope } from '../types.ts';
import { toGateChannel, toLedgerChannel, type LedgerChannel } from './channels.ts';
import { liftSuppression, listSuppressions, suppress, type SuppressionRow } from './consents.ts';

export interface ReplyEffect { detection: OptOutDetection; suppressed: SuppressionRow[]; lifted: string[] }

function rowFor(scope: OptOutScope): { scope: 'all' | 'channel' | 'address'; channel: LedgerChannel | null; address: string | null } {
  if (scope.kind === 'all') return { scope: 'all', channel: null, address: null };
  const channel = toLedgerChannel(scope.channel);
  return scope.kind === 'channel' ? { scope: 'channel', channel, address: null } : { scope: 'address', channel, address: scope.address };
}

export async function applyReplyText(
  q: Queryable, orgId: string, actor: string, customerId: string, text: string,
  received: { channel: LedgerChannel; address?: string }, now: Date,
): Promise<ReplyEffect> {
  const detection = detectOptOut(text, { channel: toGateChannel(received.channel), ...(received.address ? { address: received.address } : {}) });
  const effect: ReplyEffect = { detection, suppressed: [], lifted: [] };
  if (detection.kind === 'opt_out') {
    for (const scope of detection.scopes) {
      const r = await suppress(q, orgId, actor, customerId, { ...rowFor(scope), reason: `said "${detection.matched}" (${detection.rule})`,
        source: detection.rule === 'SMS-1' ? 'keyword' : 'free_text' }, now);
      if (r.ok) effect.suppressed.push(r.value);
    }
  } else if (detection.kind === 'opt_in') {
    const want = rowFor(detection.scope);
    for (const s of await listSuppressions(q, orgId, customerId)) {
      if (s.lifted_at || s.source !== 'keyword' || s.channel !== want.channel) continue;
      if (want.scope === 'address' && s.scope === 'address' && s.address !== want.address) continue;
      const r = await liftSuppression(q, orgId, actor, s.id, now);
      if (r.ok) effect.lifted.push(s.id);
    }
  }
  return effect;
}
