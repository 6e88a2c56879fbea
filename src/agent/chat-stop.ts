// A stop written in the portal chat: the channels it reaches, and the opt-outs that apply it at once.
import type { Queryable } from '../db/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { detectOptOut, listSuppressions, suppress, toLedgerChannel, type LedgerChannel } from '../compliance/index.ts';

const LEDGER_CHANNELS: readonly LedgerChannel[] = ['email', 'sms', 'whatsapp', 'voice'];

/** The channels a stop written in the chat reaches: those it names ("no more WhatsApp"), else every one. */
export function chatStopChannels(text: string): LedgerChannel[] | null {
  // the same text read as arriving by email and by SMS: scopes both readings share are named in the text, the rest is "here"
  const a = detectOptOut(text, { channel: 'email' });
  const b = detectOptOut(text, { channel: 'sms' });
  if (a.kind !== 'opt_out' || b.kind !== 'opt_out') return null;
  if (a.scopes.some((s) => s.kind === 'all')) return [...LEDGER_CHANNELS];
  const named = a.scopes.flatMap((s) => (s.kind === 'channel' && b.scopes.some((t) => t.kind === 'channel' && t.channel === s.channel) ? [s.channel] : []));
  const ledger = named.map(toLedgerChannel).filter((c): c is LedgerChannel => c !== null);
  return ledger.length > 0 ? [...new Set(ledger)] : [...LEDGER_CHANNELS];
}

/**
 * Stops the channels as the portal's contact panel does (one opt-out per channel, source `portal`, so the debtor can allow
 * one again there), skipping those already stopped. The contact gate reads them before the very next send.
 */
export async function stopFromChat(q: Queryable, orgId: string, actor: string, customerId: string, channels: readonly LedgerChannel[], said: string, now: Date): Promise<LedgerChannel[]> {
  const live = (await listSuppressions(q, orgId, customerId)).filter((s) => !s.lifted_at);
  const stopped: LedgerChannel[] = [];
  for (const channel of channels) {
    if (live.some((s) => s.scope === 'all' || (s.scope === 'channel' && s.channel === channel))) continue;
    const r = await suppress(q, orgId, actor, customerId, { scope: 'channel', channel, source: 'portal',
      reason: `stopped in the portal chat: "${redactCardNumbers(said).slice(0, 200)}"` }, now);
    if (!r.ok) throw new Error(`stopping ${channel}: ${r.error.message}`);
    stopped.push(channel);
  }
  return stopped;
}

