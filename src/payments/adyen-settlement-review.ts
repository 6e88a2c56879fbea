// A Settlement details report whose batches cobro already keeps with other lines (Adyen made the file again, corrected):
// what cobro reconciled is left as it is, and a person is asked to look: an org-level review task (no customer, no case;
// on the worklist as the organisation's) once per file, its note in the org's language (adyen-review-note.ts), and an
// audit entry naming the batches.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getOrg } from '../orgs/index.ts';
import { reviewTask } from './disputes-task.ts';
import { changedReportForm, changedReportNote } from './adyen-review-note.ts';

export interface ChangedReport { id: string; filename: string | null; sha256: string; changed: string[] }

/** The review task's key: one per file read (its SHA-256). */
export const changedReportKey = (sha256: string): string => `adyen-settlement:${sha256}`;

export async function flagChangedBatches(q: Queryable, orgId: string, actor: string, r: ChangedReport, now: Date): Promise<string> {
  const org = await getOrg(q, orgId);
  const form = changedReportForm(org?.default_language, r);
  const task = await reviewTask(q, orgId, '', changedReportKey(r.sha256), changedReportNote(form), dateInZone(now, org?.default_timezone ?? 'UTC'), now, form);
  await recordAudit(q, { orgId, actor, action: 'adyen.settlement_report.changed', entity: 'adyen_settlement_report', entityId: r.id,
    data: { filename: r.filename, sha256: r.sha256, changed: r.changed, task_id: task } }, now);
  return task;
}
