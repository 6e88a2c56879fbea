// What a provider's delivery event does to a message's cost: a call's reported length prices it again by the minute (the
// estimate, from the org's rates), and a Twilio message or call that reached a final state is queued for the price
// Twilio billed for it, which the worker reads later (src/worker/billed-costs.ts) and keeps beside the estimate.
import type { Queryable } from '../../db/index.ts';
import { getCostRates } from '../cost-store.ts';
import { callCost, type MessageCost } from '../costs.ts';

/** States after which a message's price at the provider is worth asking for (a call in progress is asked again until billed). */
const PRICED_STATES: readonly string[] = ['delivered', 'read', 'failed', 'bounced'];
const BILLED_CHANNELS: readonly string[] = ['sms', 'whatsapp', 'voice'];

/** How long Twilio's price is waited for before the estimate is kept for good. */
export const BILLED_COST_GIVE_UP_DAYS = 7;

/** The call's cost from its length: its started minutes at the minute rate of the debtor's country, at least the attempt's. */
export async function priceCallLength(tx: Queryable, orgId: string, call: { id: string; customer_id: string }, seconds: number): Promise<MessageCost> {
  const rates = await getCostRates(tx, orgId);
  const [customer] = await tx.query<{ country: string | null }>('SELECT country FROM customers WHERE org_id = $1 AND id = $2', [orgId, call.customer_id]);
  const cost = callCost(rates, customer?.country, seconds);
  await tx.query('UPDATE messages SET cost_micros = $3, cost_currency = $4 WHERE org_id = $1 AND id = $2', [orgId, call.id, cost.micros, cost.currency]);
  return cost;
}

/** Queues the message for Twilio's billed price once it reaches a final state (once per message). */
export async function queueBilledCost(tx: Queryable, orgId: string, provider: string, m: { id: string; channel: string }, providerMessageId: string,
  state: string, now: Date): Promise<void> {
  if (provider !== 'twilio' || !providerMessageId || !BILLED_CHANNELS.includes(m.channel) || !PRICED_STATES.includes(state)) return;
  await tx.query(
    `INSERT INTO message_billed_costs (org_id, message_id, provider, provider_message_id, channel, status, next_attempt_at, give_up_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $6) ON CONFLICT (org_id, message_id) DO NOTHING`,
    [orgId, m.id, provider, providerMessageId, m.channel, now, new Date(now.getTime() + BILLED_COST_GIVE_UP_DAYS * 86_400_000)]);
}
