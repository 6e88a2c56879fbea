// The debtor's own sign-out: the second factor's session the page's cookie names ends at once (the link stays valid), the
// audit log says so, and the customer's open chat streams are told through the chat's notification channel, so that
// every API process re-checks its streams now and ends this session's with `session` (the others read nothing new).
import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CHAT_NOTIFY_CHANNEL } from './chat-push.ts';
import type { PortalAccess } from './links.ts';

/**
 * Ends the session `token` opened for this link's customer, when it is still live: true then, false when there was none
 * to end (no cookie, another customer's, already over). Only that session: the customer's others keep going.
 */
export async function signOutPortal(db: Db, a: PortalAccess, token: string | undefined, now: Date): Promise<boolean> {
  if (!token) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `UPDATE portal_sessions SET expires_at = $4 WHERE token_hash = $1 AND org_id = $2 AND customer_id = $3 AND expires_at > $4 RETURNING id`,
      [createHash('sha256').update(token).digest('hex'), a.orgId, a.customerId, now.toISOString()]);
    if (!row) return false;
    await recordAudit(tx, { orgId: a.orgId, actor: `portal:${a.linkId}`, action: 'portal.signed_out', entity: 'customer', entityId: a.customerId,
      data: { link: a.linkId, session: row.id } }, now);
    // ids only, sent when the transaction commits (src/portal/chat-push.ts tells that customer's streams on every process)
    await tx.query('SELECT pg_notify($1, $2)', [CHAT_NOTIFY_CHANNEL, `${a.orgId} ${a.customerId} session`]);
    return true;
  });
}
