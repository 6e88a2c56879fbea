// A customer's whole conversation a page at a time, with the files sent with each reply: what `cobro conversation --json`
// prints and GET /v1/customers/{id}/conversation answers, shaped here once for both.
import type { Queryable } from '../db/index.ts';
import { ok, type Result } from '../domain/result.ts';
import { conversationPage, type ConversationEntry } from '../agent/index.ts';
import { attachmentsOfReplies, type AttachmentRow } from '../worker/index.ts';

/** Lines a page at most, and by default. */
export const CONVERSATION_LIMIT_MAX = 500;
export const CONVERSATION_LIMIT_DEFAULT = 50;

/** A file sent with a reply, as the conversation lists it (its bytes: `cobro replies file ID`, GET /v1/replies/{id}/attachments/{file}). */
export interface ConversationFile { id: string; name: string | null; type: string | null; size: number | null; status: AttachmentRow['status']; error: string | null }
export interface ConversationLineShown extends ConversationEntry { files: ConversationFile[] }

export interface CustomerConversation { customer_id: string; data: ConversationLineShown[]; has_more: boolean; next_before: string | null }

const fileOf = (a: AttachmentRow): ConversationFile => ({ id: a.id, name: a.filename, type: a.content_type ?? a.declared_type, size: a.size, status: a.status, error: a.error });

/**
 * One page of the conversation of a customer of the org (its id, found already): every message cobro sent that the case's
 * timeline shows, the replies with their files, the answers. A `before` not in it is refused naming `before`.
 */
export async function customerConversation(q: Queryable, orgId: string, customerId: string, p: { limit: number; before?: string | undefined }): Promise<Result<CustomerConversation>> {
  const page = await conversationPage(q, orgId, customerId, { limit: p.limit, before: p.before, everyMessage: true });
  if (!page.ok) return { ok: false, error: page.error };
  const files = await attachmentsOfReplies(q, orgId, page.value.lines.filter((l) => l.direction === 'in').map((l) => l.id));
  const data = page.value.lines.map((l) => ({ ...l, files: (files.get(l.id) ?? []).map(fileOf) }));
  return ok({ customer_id: customerId, data, has_more: page.value.has_more, next_before: page.value.next_before });
}
