// The worker's price round: Twilio messages and calls that reached a final state (queued by inbound/priced.ts) are read
// back from Twilio with the org's credentials, a bounded number a round, and the price Twilio billed is kept beside the
// estimate. While Twilio says no price yet (null), or answers with a temporary failure, the message is asked again later,
// the wait doubling; past its give-up time (BILLED_COST_GIVE_UP_DAYS after it was queued) the estimate stays its cost.
import type { Db } from '../db/index.ts';
import { fetchTwilioPrice, type EgressPolicy, type TwilioPriceFetch, type TwilioPricedResource } from '../channels/index.ts';
import { getCredentials, vaultKey } from '../vault/index.ts';

export interface BilledCostDeps {
  db: Db;
  /** COBRO_SECRET_KEY, to open the org's Twilio credentials. */
  secretKey?: string;
  /** COBRO_EGRESS_ALLOW: where an org's own Twilio API base may reach. */
  egress?: EgressPolicy;
  timeoutMs?: number;
}

export interface BilledCostReport { tried: number; billed: number; waiting: number; gave_up: number }

/** Asked again after 5 minutes, doubling up to 6 hours. */
export const billedRetryMs = (attempts: number): number => Math.min(300_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

interface Due { message_id: string; provider_message_id: string; channel: string; attempts: number; give_up_at: Date }

type Lookup = (row: Due) => Promise<TwilioPriceFetch>;

/** How the org's prices are read: with its Twilio credentials (its own API base guarded by the egress policy), or why not. */
async function lookup(d: BilledCostDeps, orgId: string): Promise<Lookup> {
  const creds = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, 'twilio');
  if (!creds.ok || !creds.value) {
    const message = creds.ok ? 'the org has no Twilio credentials' : creds.error.message;
    return async () => ({ ok: false, kind: 'temporary', code: 'NO_CREDENTIALS', message });
  }
  const { settings, secrets } = creds.value;
  const cfg = { accountSid: settings.account_sid, authToken: secrets.auth_token, ...(d.timeoutMs ? { timeoutMs: d.timeoutMs } : {}),
    ...(settings.api_base ? { baseUrl: settings.api_base, ...(d.egress ? { egress: d.egress } : {}) } : {}) };
  return (row) => fetchTwilioPrice(cfg, (row.channel === 'voice' ? 'Calls' : 'Messages') satisfies TwilioPricedResource, row.provider_message_id);
}

/** Writes what one read came to, unless another worker already did (the row is no longer where it was read). */
async function settle(db: Db, orgId: string, row: Due, r: TwilioPriceFetch, now: Date): Promise<keyof Omit<BilledCostReport, 'tried'> | null> {
  const attempts = row.attempts + 1;
  if (r.ok && r.billed) {
    const done = await db.query(`UPDATE message_billed_costs SET status = 'billed', attempts = $4, next_attempt_at = NULL, error = NULL, billed_micros = $5,
        billed_currency = $6, billed_at = $7 WHERE org_id = $1 AND message_id = $2 AND status = 'pending' AND attempts = $3 RETURNING 1`,
    [orgId, row.message_id, row.attempts, attempts, r.billed.micros, r.billed.currency, now]);
    return done.length ? 'billed' : null;
  }
  const why = r.ok ? 'Twilio has not billed it yet (price null)' : `${r.code}: ${r.message}`.slice(0, 1000);
  const giveUp = (!r.ok && r.kind === 'permanent') || now.getTime() >= new Date(row.give_up_at).getTime();
  const done = await db.query(`UPDATE message_billed_costs SET status = $4, attempts = $5, next_attempt_at = $6, error = $7
      WHERE org_id = $1 AND message_id = $2 AND status = 'pending' AND attempts = $3 RETURNING 1`,
  [orgId, row.message_id, row.attempts, giveUp ? 'gave_up' : 'pending', attempts, giveUp ? null : new Date(now.getTime() + billedRetryMs(attempts)),
    giveUp ? `gave up after ${attempts} attempts: ${why}` : why]);
  return !done.length ? null : giveUp ? 'gave_up' : 'waiting';
}

/** Reads the billed price of the org's messages whose turn has come (at most `limit`). */
export async function fetchBilledCosts(d: BilledCostDeps, orgId: string, now: Date, limit = 50): Promise<BilledCostReport> {
  const report: BilledCostReport = { tried: 0, billed: 0, waiting: 0, gave_up: 0 };
  const due = await d.db.query<Due>(
    `SELECT message_id, provider_message_id, channel, attempts, give_up_at FROM message_billed_costs
     WHERE org_id = $1 AND status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at, message_id LIMIT $3`, [orgId, now, limit]);
  if (!due.length) return report;
  const read = await lookup(d, orgId);
  for (const row of due) {
    const outcome = await settle(d.db, orgId, row, await read(row), now);
    if (!outcome) continue;
    report.tried++;
    report[outcome]++;
  }
  return report;
}
