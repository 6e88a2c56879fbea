// Messaging fixtures: an org's provider credentials in the vault, a debtor with a case, and a planned send action as the
// engine writes it (channels and the step's remaining fallbacks in its payload), plus small readers of what happened.
import type { FastifyInstance } from 'fastify';
import type { Db, Queryable } from '../../src/db/index.ts';
import { buildServer } from '../../src/api/index.ts';
import { createOrg } from '../../src/orgs/index.ts';
import { sandboxAdapters, vaultAdapters, type Adapters } from '../../src/worker/index.ts';
import { testDb } from './db.ts';
import { newId } from '../../src/domain/ids.ts';
import { putCredentials, vaultKey } from '../../src/vault/index.ts';
// (aDebtor lives in debtor.ts, which opens no database: the CLI tests import it from there and so are not taken for
// tests of PostgreSQL by scripts/test.mjs)
export { aDebtor } from './debtor.ts';

export const TWILIO_ACCOUNT = `AC${'ab'.repeat(16)}`;
export const TWILIO_TOKEN = 'twilio-token-for-tests-0001';

/** Stores a provider's credentials for the org, as `PUT /v1/providers/{provider}` does. */
export async function connect(db: Queryable, orgId: string, provider: string, settings: Record<string, unknown>, secrets: Record<string, unknown>): Promise<void> {
  const r = await putCredentials(db, await vaultKey(db, undefined), orgId, 'test', provider, { settings, secrets }, new Date());
  if (!r.ok) throw new Error(r.error.message);
}

/** A planned send action for today, listing the debtor's invoice, with the step's unused fallbacks in its payload. */
export async function aSend(db: Db, orgId: string, d: { customer: { id: string }; invoice: { id: string }; caseId: string },
  channels: string[], opts: { fallback?: string[]; template?: string; tone?: string; scheduledFor?: string; at?: Date } = {}): Promise<string> {
  const id = newId('action');
  const template = opts.template ?? 'overdue-late-fee-warning';
  const payload = { actions: [{ type: 'send', channels, template, tone: opts.tone ?? 'firm', paymentLink: false, unreachable: [], fallback: opts.fallback ?? [] }] };
  await db.query(
    `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
       template, tone, scheduled_for, status, reason, invoice_ids, payload, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,'smb-default',1,'after-3',1,'send',$6,$7,$8,$9,'planned','test',$10,$11,$12,$12)`,
    [id, orgId, d.caseId, d.customer.id, `k/${id}`, channels, template, opts.tone ?? 'firm', opts.scheduledFor ?? '2026-03-10', [d.invoice.id],
      JSON.stringify(payload), opts.at ?? new Date('2026-03-10T12:00:00Z')]);
  return id;
}

export interface MessageState { id: string; channel: string; status: string; reason: string | null; provider: string | null; provider_message_id: string | null;
  fallback_of: string | null; cost_micros: number | null; cost_currency: string | null }

export async function messagesOf(db: Queryable, actionId: string): Promise<MessageState[]> {
  return db.query<MessageState>(`SELECT id, channel, status, reason, provider, provider_message_id, fallback_of, cost_micros::float8 AS cost_micros, cost_currency
    FROM messages WHERE action_id = $1 ORDER BY created_at, fallback_of IS NOT NULL, id`, [actionId]);
}

export async function inboxOf(db: Queryable, orgId: string): Promise<{ provider: string; event_id: string; status: string; error: string | null; attempts: number }[]> {
  return db.query(`SELECT provider, event_id, status, error, attempts FROM inbox_events WHERE org_id = $1 ORDER BY received_at, id`, [orgId]);
}

export interface MessagingServer { db: Db; app: FastifyInstance; publicUrl: string; adapters: ReturnType<typeof vaultAdapters>; org: string; close(): Promise<void> }

/** A listening API on a test database, with an org in Mexico City that sends through its own providers and receives their webhooks. */
export async function messagingServer(now: () => Date, orgName: string): Promise<MessagingServer> {
  const db = await testDb();
  const messaging: { adapters: Adapters; publicUrl: string } = { adapters: sandboxAdapters(), publicUrl: '' };
  const app = await buildServer({ db, now, messaging });
  const publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const adapters = vaultAdapters({ db, publicUrl, fallback: sandboxAdapters() });
  Object.assign(messaging, { adapters, publicUrl });
  const org = (await createOrg(db, { name: orgName, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  return { db, app, publicUrl, adapters, org, close: async () => { adapters.close(); await app.close(); await db.close(); } };
}
