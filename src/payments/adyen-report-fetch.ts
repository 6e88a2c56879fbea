// Adyen's Settlement details report fetched on its REPORT_AVAILABLE webhook: once the item is verified and stored,
// the worker downloads the file from the URL it names (Adyen's own hosts only) and imports it through the upload's own
// code (importAdyenSettlement: all or nothing, the same errors; a batch already kept is never overwritten). A file name
// imported after Adyen made the report (a repeated notification, or the file uploaded by hand) is not fetched again; a
// report Adyen made again under that name later is: the same bytes add nothing, other bytes add their new batches only
// and put a changed batch to a person. Other reports are ignored. A download that got no answer or a 5xx is tried again
// by the inbox's backoff, and so is a 404 within an hour of the notification (the report may not be ready yet); any other
// refusal (host, credentials, a file that cannot be read, a 404 after that hour) is final, kept on the event and audited.
import type { Db } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { importAdyenSettlement } from './adyen-settlement.ts';
import { SETTLEMENT_DETAIL_FILE } from './gateways/adyen-report.ts';
import type { GatewayAdapter } from './gateways/types.ts';

const ACTOR = 'gateway:adyen';
/** How long after the notification a 404 is taken for a report not ready yet (tried again by the inbox's backoff). */
export const REPORT_NOT_READY_MS = 3_600_000;

/** A failure that trying again cannot mend: the event is marked failed with no further attempt. */
export class FinalEventError extends Error {}

/** The last import of the file name: its id and when. */
async function imported(db: Db, orgId: string, fileName: string): Promise<{ id: string; at: string } | null> {
  const [r] = await db.query<{ id: string; at: string }>(
    'SELECT id, created_at::text AS at FROM adyen_settlement_reports WHERE org_id = $1 AND filename = $2 ORDER BY created_at DESC, id DESC LIMIT 1', [orgId, fileName]);
  return r ?? null;
}

async function finalFailure(db: Db, orgId: string, inboxId: string, fileName: string, message: string, now: Date): Promise<never> {
  await recordAudit(db, { orgId, actor: ACTOR, action: 'adyen.settlement_report.fetch_failed', entity: 'inbox_event', entityId: inboxId,
    data: { file: fileName, error: message } }, now);
  throw new FinalEventError(`Adyen report ${fileName}: ${message}`);
}

/** A 404 while the notification is recent: the report may not be ready yet. */
async function notReadyYet(db: Db, inboxId: string, now: Date): Promise<boolean> {
  const [ev] = await db.query<{ at: string }>('SELECT received_at::text AS at FROM inbox_events WHERE id = $1', [inboxId]);
  return !!ev && now.getTime() - Date.parse(ev.at) < REPORT_NOT_READY_MS;
}

/** What the import did, for the event's note. */
function importedNote(fileName: string, v: { id: string; duplicate: boolean; payouts: number; lines_settled: number; unchanged: string[]; changed: string[] }): string {
  if (v.duplicate) return `Adyen report ${fileName} was already imported (${v.id})`;
  const kept = v.unchanged.length ? `; ${v.unchanged.length} batches kept before with the same lines` : '';
  const changed = v.changed.length ? `; batch ${v.changed.join(', ')} kept before with other lines: left as kept, put to review` : '';
  return `Adyen report ${fileName} imported as ${v.id}: ${v.payouts} payouts, ${v.lines_settled} bank lines settled${kept}${changed}`;
}

/**
 * Acts on a REPORT_AVAILABLE item: the note the event is processed with; throws an Error to be tried again later, or a
 * FinalEventError (audited) when it never will succeed.
 */
export async function fetchAdyenReport(db: Db, orgId: string, inboxId: string, gw: GatewayAdapter, report: { fileName: string; url: string; at?: string },
  now: Date): Promise<string> {
  const { fileName, url } = report;
  if (!SETTLEMENT_DETAIL_FILE.test(fileName)) return `Adyen report ${fileName} is not a settlement details report: ignored`;
  const before = await imported(db, orgId, fileName);
  // imported since Adyen made this report: nothing newer to read (a report made again later is read again)
  if (before && (!report.at || Date.parse(before.at) >= Date.parse(report.at))) return `Adyen report ${fileName} was already imported (${before.id})`;
  if (!gw.downloadReport) return finalFailure(db, orgId, inboxId, fileName, 'this gateway downloads no reports', now);
  const got = await gw.downloadReport(url);
  if (!got.ok) {
    if (got.error.kind === 'uncertain') throw new Error(`Adyen report ${fileName}: ${got.error.message}`);
    if (got.error.status === 404 && await notReadyYet(db, inboxId, now)) throw new Error(`Adyen report ${fileName}: not there yet (404), tried again`);
    return finalFailure(db, orgId, inboxId, fileName, got.error.message, now);
  }
  const r = await importAdyenSettlement(db, orgId, { filename: fileName, content: Buffer.from(got.value, 'utf8') }, ACTOR, now);
  if (!r.ok) return finalFailure(db, orgId, inboxId, fileName, r.error.message, now);
  return importedNote(fileName, r.value);
}
