// The file the debtor sent with a dispute, sent back to them: only their own customer's dispute and only a file they sent
// (through the portal or the agent, as the history names it); any other is not found, as if it did not exist.
import type { Queryable } from '../db/index.ts';
import { fail, type Result } from '../domain/index.ts';
import { disputeAttachment, getDispute } from '../payments/index.ts';
import { sentByDebtor } from './history.ts';
import type { PortalAccess } from './links.ts';

export async function portalDisputeAttachment(q: Queryable, a: PortalAccess, id: string)
  : Promise<Result<{ filename: string; contentType: string; data: Buffer }>> {
  const d = await getDispute(q, a.orgId, id);
  if (!d.ok || d.value.customer_id !== a.customerId || !d.value.attachment || !sentByDebtor(d.value)) {
    return fail('NOT_FOUND', `no file you sent with dispute ${id}`, 'id');
  }
  return disputeAttachment(q, a.orgId, id);
}
