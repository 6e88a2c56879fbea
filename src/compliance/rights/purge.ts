// The retention purge: erases customers past retention or whose restricted erasure can now be done, drops old evidence and raw events.
import type { Db, Queryable } from '../../db/index.ts';
import { eraseForRetention } from './erase.ts';
import { eraseClosedEvidence, type EvidenceErased } from './erase-dispute-evidence.ts';
import { purgeAction, type CustomerFacts, type PurgeAction } from './retention.ts';
import { getComplianceSettings } from './settings.ts';

export interface PurgeReport {
  dry_run: boolean;
  /** Customers erased (or to be): past retention with no live debt, or an erasure request waiting for the debt to close. */
  erased: string[];
  /** Customers whose contact evidence is past retention while the customer itself is kept. */
  evidence_customers: string[];
  /** Rows deleted (or to be) per table: evidence of customers past retention. */
  rows: Record<string, number>;
  /** Processed provider events whose raw body was cleared (their ids stay for deduplication). */
  raw_events: number;
  /** Erased customers' gateway dispute evidence kept while the dispute was open, emptied (or to be) now that it is closed. */
  dispute_evidence: EvidenceErased;
}

const FACTS = `SELECT c.id, c.country, c.restricted_at IS NOT NULL AS restricted,
    EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = c.org_id AND i.customer_id = c.id AND NOT i.cancelled AND i.balance > 0) AS live,
    greatest(c.created_at,
      (SELECT max(at) FROM contact_events e WHERE e.org_id = c.org_id AND e.customer_id = c.id),
      (SELECT max(updated_at) FROM messages m WHERE m.org_id = c.org_id AND m.customer_id = c.id),
      (SELECT max(received_at) FROM inbound_messages r WHERE r.org_id = c.org_id AND r.customer_id = c.id),
      (SELECT max(created_at) FROM payments p WHERE p.org_id = c.org_id AND p.customer_id = c.id),
      (SELECT max(updated_at) FROM invoices i WHERE i.org_id = c.org_id AND i.customer_id = c.id)) AS last_activity
  FROM customers c WHERE c.org_id = $1 AND c.erased_at IS NULL`;

/** Evidence about one customer: what US-10 keeps for three years after the last collection activity. */
const EVIDENCE: ReadonlyArray<[string, string]> = [
  ['messages', `messages WHERE org_id = $1 AND customer_id = $2 AND status NOT IN ('queued', 'deferred', 'sending')`],
  ['contact_events', 'contact_events WHERE org_id = $1 AND customer_id = $2'],
  ['gate_decisions', 'gate_decisions WHERE org_id = $1 AND customer_id = $2'],
  ['agent_corrections', 'agent_corrections WHERE org_id = $1 AND inbound_id IN (SELECT id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2)'],
  ['agent_handovers', 'agent_handovers WHERE org_id = $1 AND customer_id = $2'],
  ['agent_claims', 'agent_claims WHERE org_id = $1 AND customer_id = $2'],
  ['agent_turns', 'agent_turns WHERE org_id = $1 AND customer_id = $2'],
  ['inbound_attachments', 'inbound_attachments WHERE org_id = $1 AND customer_id = $2'],
  ['inbound_messages', 'inbound_messages WHERE org_id = $1 AND customer_id = $2'],
  ['portal_chat_answers', 'portal_chat_answers WHERE org_id = $1 AND customer_id = $2'],
];

const RAW_EVENTS = `org_id = $1 AND status = 'processed' AND received_at < $2 AND body <> ''`;

async function count(q: Queryable, from: string, params: unknown[]): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from}`, params);
  return r?.n ?? 0;
}

async function deleted(q: Queryable, from: string, params: unknown[]): Promise<number> {
  const [r] = await q.query<{ n: number }>(`WITH gone AS (DELETE FROM ${from} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
  return r?.n ?? 0;
}

/** What retention does to each customer of the org now (pure decision per customer, read set-based). */
export async function purgePlan(q: Queryable, orgId: string, now: Date): Promise<Array<{ id: string; action: PurgeAction }>> {
  const settings = await getComplianceSettings(q, orgId);
  const rows = await q.query<{ id: string; country: string | null; restricted: boolean; live: boolean; last_activity: string }>(FACTS, [orgId]);
  return rows.map((r) => {
    const facts: CustomerFacts = { id: r.id, country: r.country, restricted: r.restricted, live: r.live, erased: false, lastActivity: new Date(r.last_activity) };
    return { id: r.id, action: purgeAction(facts, settings.retention, now) };
  }).filter((p) => p.action !== 'none');
}

/** Runs the purge for an org (or says what it would do with dryRun); each customer in its own transaction. */
export async function purgeRetention(db: Db, orgId: string, now: Date, opts: { dryRun?: boolean } = {}): Promise<PurgeReport> {
  const dryRun = opts.dryRun === true;
  const { retention } = await getComplianceSettings(db, orgId);
  const plan = await purgePlan(db, orgId, now);
  const report: PurgeReport = { dry_run: dryRun, erased: [], evidence_customers: [], rows: Object.fromEntries(EVIDENCE.map(([t]) => [t, 0])), raw_events: 0,
    dispute_evidence: { gateway_dispute_evidence: 0, gateway_dispute_evidence_files: 0 } };
  for (const p of plan) {
    (p.action === 'erase' ? report.erased : report.evidence_customers).push(p.id);
    await db.transaction(async (tx) => {
      // erasure drops the evidence too: what is past retention is past it for the customer as a whole
      for (const [table, from] of EVIDENCE) report.rows[table] = (report.rows[table] ?? 0) + await (dryRun ? count : deleted)(tx, from, [orgId, p.id]);
      if (p.action === 'erase' && !dryRun) await eraseForRetention(tx, orgId, p.id, now);
    });
  }
  report.dispute_evidence = await db.transaction((tx) => eraseClosedEvidence(tx, orgId, null, dryRun));
  const rawCutoff = new Date(now.getTime() - retention.raw_event_days * 86_400_000);
  report.raw_events = dryRun ? await count(db, `inbox_events WHERE ${RAW_EVENTS}`, [orgId, rawCutoff])
    : (await db.query<{ n: number }>(`WITH done AS (UPDATE inbox_events SET body = '', event = NULL WHERE ${RAW_EVENTS} RETURNING 1) SELECT count(*)::int AS n FROM done`,
      [orgId, rawCutoff]))[0]?.n ?? 0;
  return report;
}

/** The worker's part: the purge once a day per org, remembered in its compliance settings. */
export async function retentionRound(db: Db, orgId: string, now: Date): Promise<PurgeReport | null> {
  const [s] = await db.query<{ last_purge_at: string | null }>('SELECT last_purge_at FROM compliance_settings WHERE org_id = $1', [orgId]);
  if (s?.last_purge_at && now.getTime() - new Date(s.last_purge_at).getTime() < 86_400_000) return null;
  await db.query(`INSERT INTO compliance_settings (org_id, updated_at, updated_by, last_purge_at) VALUES ($1, $2, 'retention', $2)
    ON CONFLICT (org_id) DO UPDATE SET last_purge_at = EXCLUDED.last_purge_at`, [orgId, now]);
  return purgeRetention(db, orgId, now);
}
