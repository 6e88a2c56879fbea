// The files a reply carries (a receipt's photo, a PDF), as the agent weighs them: read from the reply's attachments, and
// what they come to for its decision (pure): proof to hold a claim with, a file cobro does not keep (a video, too large),
// one it could not fetch, or still being fetched, for which the turn waits a little so the answer says what was received.
import type { Queryable } from '../db/index.ts';
import { allowedMediaType } from '../channels/index.ts';

export interface ReplyFile { id: string; status: 'pending' | 'stored' | 'refused' | 'failed'; type: string | null; error: string | null }

/** A turn whose files are all still being fetched waits this long after the reply came before deciding without them. */
export const FILE_WAIT_MS = 10 * 60_000;

export type FileVerdict =
  /** Still being fetched, within FILE_WAIT_MS: the turn waits. `fetching`: how many are of a type kept. */
  | { kind: 'wait'; fetching: number }
  /** At least one photo or PDF kept, or (the wait over) still being fetched and said to be one. */
  | { kind: 'proof'; stored: number; fetching: number }
  /** None kept: of a type cobro does not keep or too large (`refused`), or not fetched for good (`failed`), with why. */
  | { kind: 'refused' | 'failed'; why: string };

/** The reply's files in the order sent. */
export async function replyFiles(q: Queryable, orgId: string, inboundId: string): Promise<ReplyFile[]> {
  return q.query<ReplyFile>(
    `SELECT id, status, COALESCE(content_type, declared_type) AS type, error FROM inbound_attachments WHERE org_id = $1 AND inbound_id = $2 ORDER BY created_at, id`,
    [orgId, inboundId]);
}

/** What the reply's files come to at `now`; null when it carries none. */
export function fileVerdict(files: readonly ReplyFile[], receivedAt: Date, now: Date): FileVerdict | null {
  if (files.length === 0) return null;
  const stored = files.filter((f) => f.status === 'stored').length;
  const pending = files.filter((f) => f.status === 'pending');
  const fetching = pending.filter((f) => allowedMediaType(f.type) !== null).length;
  if (stored > 0) return { kind: 'proof', stored, fetching };
  if (pending.length > 0 && now.getTime() - receivedAt.getTime() < FILE_WAIT_MS) return { kind: 'wait', fetching };
  if (fetching > 0) return { kind: 'proof', stored: 0, fetching };
  const refused = files.find((f) => f.status === 'refused');
  if (refused) return { kind: 'refused', why: refused.error ?? `${refused.type ?? 'a file'} is not kept` };
  const other = pending[0];
  if (other) return { kind: 'refused', why: `${other.type ?? 'a file of no type'} is not a photo or PDF` };
  return { kind: 'failed', why: files.find((f) => f.error)?.error ?? 'not fetched from the provider' };
}

/** The reply carries a photo or PDF taken as proof, or one said to be and still being fetched. */
export const carriesProof = (v: FileVerdict | null | undefined): boolean => v?.kind === 'proof' || (v?.kind === 'wait' && v.fetching > 0);
