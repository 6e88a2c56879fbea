// The payment link a message carries: a hosted checkout for the action's invoices when the org has connected a gateway.
import type { EgressPolicy } from '../channels/index.ts';
import type { Queryable } from '../db/index.ts';
import { connectedGateway, createPaymentLink } from '../payments/index.ts';

/** `egress`: the operator's policy for an `api_base` an org set (none: unchecked). */
export interface PayLinkDeps { db: Queryable; publicUrl: string; secretKey?: string; egress?: EgressPolicy }

/**
 * The checkout URL for the invoices (an identical open link is reused, so a sequence of messages shares one), or null when
 * no gateway is connected or the gateway refused: the message then points to the portal, where the debtor can pay too.
 */
export async function messagePaymentLink(
  deps: PayLinkDeps, orgId: string, customerId: string, invoiceIds: string[], now: Date,
): Promise<{ url: string | null }> {
  const ctx = { db: deps.db, publicUrl: deps.publicUrl, ...(deps.secretKey ? { secretKey: deps.secretKey } : {}), ...(deps.egress ? { egress: deps.egress } : {}) };
  if (!invoiceIds.length || !(await connectedGateway(ctx, orgId))) return { url: null };
  const link = await createPaymentLink(ctx, orgId, 'dispatcher', { customerId, invoiceIds, source: 'message' }, now);
  return { url: link.ok && link.value.url ? link.value.url : null };
}
