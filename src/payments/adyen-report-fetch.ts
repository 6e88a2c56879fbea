// Adyen's Settlement details report fetched on its REPORT_AVAILABLE webhook: once the item is verified and stored,
// the worker downloads the file from the URL it names (Adyen's own hosts only) and imports it through the upload's own
// code (importAdyenSettlement: all or nothing, the same errors). Once per file name: a repeated notification, or the file
// uploaded by hand before or after, adds nothing. Other reports are ignored. A download that got no answer or a 5xx is
// tried again by the inbox's backoff; a refusal (host, credentials, a file that cannot be read) is final, kept on the
// event and audited.
import type { Db } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { importAdyenSettlement } from './adyen-settlement.ts';
import { SETTLEMENT_DETAIL_FILE } from './gateways/adyen-report.ts';
import type { GatewayAdapter } from './gateways/types.ts';

const ACTOR = 'gateway:adyen';

/** A failure that trying again cannot mend: the event is marked failed with no further attempt. */
export class FinalEventError extends Error {}

async function imported(db: Db, orgId: string, fileName: string): Promise<string | null> {
  const [r] = await db.query<{ id: string }>('SELECT id FROM adyen_settlement_reports WHERE org_id = $1 AND filename = $2 LIMIT 1', [orgId, fileName]);
  return r?.id ?? null;
}

async function finalFailure(db: Db, orgId: string, inboxId: string, fileName: string, message: string, now: Date): Promise<never> {
  await recordAudit(db, { orgId, actor: ACTOR, action: 'adyen.settlement_report.fetch_failed', entity: 'inbox_event', entityId: inboxId,
    data: { file: fileName, error: message } }, now);
  throw new FinalEventError(`Adyen report ${fileName}: ${message}`);
}

/**
 * Acts on a REPORT_AVAILABLE item: the note the event is processed with; throws an Error to be tried again later, or a
 * FinalEventError (audited) when it never will succeed.
 */
export async function fetchAdyenReport(db: Db, orgId: string, inboxId: string, gw: GatewayAdapter, report: { fileName: string; url: string },
  now: Date): Promise<string> {
  const { fileName, url } = report;
  if (!SETTLEMENT_DETAIL_FILE.test(fileName)) return `Adyen report ${fileName} is not a settlement details report: ignored`;
  const before = await imported(db, orgId, fileName);
  if (before) return `Adyen report ${fileName} was already imported (${before})`;
  if (!gw.downloadReport) return finalFailure(db, orgId, inboxId, fileName, 'this gateway downloads no reports', now);
  const got = await gw.downloadReport(url);
  if (!got.ok) {
    if (got.error.kind === 'uncertain') throw new Error(`Adyen report ${fileName}: ${got.error.message}`);
    return finalFailure(db, orgId, inboxId, fileName, got.error.message, now);
  }
  const r = await importAdyenSettlement(db, orgId, { filename: fileName, content: Buffer.from(got.value, 'utf8') }, ACTOR, now);
  if (!r.ok) return finalFailure(db, orgId, inboxId, fileName, r.error.message, now);
  if (r.value.duplicate) return `Adyen report ${fileName} was already imported (${r.value.id})`;
  return `Adyen report ${fileName} imported as ${r.value.id}: ${r.value.payouts} payouts, ${r.value.lines_settled} bank lines settled`;
}
