// The portal's chat with the collections agent: the debtor's messages through this link go to the agent's turn as
// replies on channel `portal`, and the chat they see is their own customer's, never another's.
import type { Db, Queryable } from '../db/index.ts';
import { chatConversation, postChatMessage, type AgentRuntime } from '../agent/index.ts';
import type { PortalAccess } from './links.ts';

export function portalChat(q: Queryable, a: PortalAccess) {
  return chatConversation(q, a.orgId, a.customerId);
}

export function portalChatMessage(db: Db, a: PortalAccess, text: string, rt: AgentRuntime, now: Date) {
  return postChatMessage(db, { orgId: a.orgId, customerId: a.customerId, linkId: a.linkId }, text, rt, now);
}
