// The portal chat's lines in the order they were recorded (chat_seq, migration 131) and the cursor a stream follows them
// by: the highest chat_seq it has and the snapshot of the read that gave it ("<seq>@<xmin>:<xmax>:<xip,...>").
//
// Why a snapshot and not the number alone: a transaction takes its line's number at insert and may commit after another
// that took a higher one (two processes answering one debtor), so a cursor past the higher number would skip the lower
// for good. A read therefore also takes every line inserted by a transaction that the last read's snapshot could not see
// (pg_visible_in_snapshot on chat_xid), which is exactly the lines that were in flight or not yet begun then: nothing is
// skipped and nothing is sent twice, however long a transaction stays open, without waiting or windows of time.
import type { Queryable } from '../db/index.ts';
import type { ChatLine } from './chat.ts';
import { CHAT_CHANNEL } from './chat-words.ts';

export interface ChatCursor { seq: bigint; snapshot: string | null }
export interface OrderedLine extends ChatLine { seq: bigint }

/** The longest cursor written: a snapshot listing many transactions in flight is kept as its lower bound only. */
const MAX_CURSOR = 200;
const SNAPSHOT = /^(\d{1,19}):(\d{1,19}):((?:\d{1,19})(?:,\d{1,19})*)?$/;

/** A snapshot's text as PostgreSQL reads it back, checked here first (xmin <= xip < xmax, ascending), or null. */
function validSnapshot(text: string): string | null {
  const m = SNAPSHOT.exec(text);
  if (!m) return null;
  const xmin = BigInt(m[1]!);
  const xmax = BigInt(m[2]!);
  const xip = m[3] ? m[3].split(',').map(BigInt) : [];
  if (xmin > xmax) return null;
  let prev = xmin - 1n;
  for (const x of xip) {
    if (x <= prev || x >= xmax) return null;
    prev = x;
  }
  return text;
}

export function chatCursorText(c: ChatCursor): string {
  const text = `${c.seq}@${c.snapshot ?? ''}`;
  if (text.length <= MAX_CURSOR || !c.snapshot) return text;
  // "xmin:xmin:" takes every transaction from the oldest in flight as unseen: a line may come twice, none is skipped
  const xmin = c.snapshot.split(':')[0]!;
  return `${c.seq}@${xmin}:${xmin}:`;
}

/** A cursor this module wrote, or null (a line's id, or anything else). */
export function parseChatCursor(text: string): ChatCursor | null {
  const at = text.indexOf('@');
  if (at < 1 || text.length > MAX_CURSOR || !/^\d{1,18}$/.test(text.slice(0, at))) return null;
  const rest = text.slice(at + 1);
  const snapshot = rest === '' ? null : validSnapshot(rest);
  if (rest !== '' && snapshot === null) return null;
  return { seq: BigInt(text.slice(0, at)), snapshot };
}

interface Row { id: string | null; at: string | Date; author: ChatLine['author']; text: string; pay: boolean; seq: string; snap: string }

/** The customer's lines, chosen by `where` (on alias `l`: seq, xid), with the snapshot the statement read them under. */
async function readLines(q: Queryable, orgId: string, customerId: string, where: string, order: 'ASC' | 'DESC', limit: number, params: unknown[]) {
  const rows = await q.query<Row>(
    `SELECT s.snap, l.id, l.at, l.author, l.text, l.pay, l.seq::text AS seq FROM (SELECT pg_current_snapshot()::text AS snap) s LEFT JOIN (
       SELECT i.id, i.received_at AS at, 'debtor' AS author, i.text, false AS pay, i.chat_seq AS seq, i.chat_xid AS xid FROM inbound_messages i
       WHERE i.org_id = $1 AND i.customer_id = $2 AND i.channel = $3
       UNION ALL
       SELECT a.id, a.created_at, a.author, a.text, a.pay, a.chat_seq, a.chat_xid FROM portal_chat_answers a WHERE a.org_id = $1 AND a.customer_id = $2
     ) l ON ${where} ORDER BY l.seq ${order} NULLS LAST LIMIT $4`, [orgId, customerId, CHAT_CHANNEL, limit, ...params]);
  const snapshot = rows[0]?.snap ?? null;
  const lines = rows.filter((r) => r.id !== null).map((r): OrderedLine => ({
    id: r.id!, at: new Date(r.at).toISOString(), author: r.author, text: r.text, pay: r.pay, seq: BigInt(r.seq) }));
  return { lines: order === 'DESC' ? lines.reverse() : lines, snapshot };
}

const cursorAfter = (lines: OrderedLine[], snapshot: string | null, from = 0n): ChatCursor =>
  ({ seq: lines.reduce((m, l) => (l.seq > m ? l.seq : m), from), snapshot });

/** The last `limit` lines, oldest first, and the cursor that follows them. */
export async function latestChatLines(q: Queryable, orgId: string, customerId: string, limit: number) {
  const { lines, snapshot } = await readLines(q, orgId, customerId, 'true', 'DESC', limit, []);
  return { lines, cursor: cursorAfter(lines, snapshot) };
}

/** The lines recorded since `c` (up to `limit`, in order) and the cursor after them; `late` when one sorts at or before c's place. */
export async function chatLinesSince(q: Queryable, orgId: string, customerId: string, c: ChatCursor, limit: number) {
  const { lines, snapshot } = await readLines(q, orgId, customerId,
    '(l.seq > $5::bigint OR NOT pg_visible_in_snapshot(l.xid, $6::pg_snapshot))', 'ASC', limit, [c.seq.toString(), c.snapshot]);
  return { lines, cursor: cursorAfter(lines, snapshot ?? c.snapshot, c.seq), late: lines.some((l) => l.seq <= c.seq) };
}

/** The id of the newest line at or before `c` (the page's last line when it resumes from c), or null when there is none. */
export async function chatLineAt(q: Queryable, orgId: string, customerId: string, c: ChatCursor): Promise<string | null> {
  const { lines } = await readLines(q, orgId, customerId, 'l.seq <= $5::bigint', 'DESC', 1, [c.seq.toString()]);
  return lines[0]?.id ?? null;
}

/**
 * The cursor at one of this customer's lines, named by its id (a page that names its last line), or null: its place, and
 * the snapshot it was recorded under with its own transaction counted as seen (lineSnapshot), so that a line before it
 * whose transaction had not committed then is not taken as the page's (it is sent, with the whole chat: it sorts early).
 * Lines recorded before migration 159 kept no snapshot: their place alone.
 */
export async function chatCursorAt(q: Queryable, orgId: string, customerId: string, lineId: string): Promise<ChatCursor | null> {
  const [row] = await q.query<{ seq: string | null; xid: string | null; snap: string | null }>(
    `SELECT chat_seq::text AS seq, chat_xid::text AS xid, chat_snap AS snap FROM inbound_messages WHERE org_id = $1 AND customer_id = $2 AND channel = $3 AND id = $4
     UNION ALL SELECT chat_seq::text, chat_xid::text, chat_snap FROM portal_chat_answers WHERE org_id = $1 AND customer_id = $2 AND id = $4`,
    [orgId, customerId, CHAT_CHANNEL, lineId]);
  if (!row?.seq) return null;
  return { seq: BigInt(row.seq), snapshot: row.snap && row.xid ? lineSnapshot(row.snap, BigInt(row.xid)) : null };
}

/**
 * A line's snapshot (taken inside its transaction, which it does not show as committed) with that transaction seen: out
 * of the in-flight list, or, past xmax, xmax moved beyond it and the ids between listed as in flight (they may have
 * been). Too long a list to keep in a cursor: the snapshot as it was, which only sends the whole chat again.
 */
export function lineSnapshot(snapshot: string, xid: bigint): string {
  const valid = validSnapshot(snapshot);
  if (!valid) return snapshot;
  const [xminText, xmaxText, xipText] = valid.split(':') as [string, string, string];
  const xmin = BigInt(xminText);
  const xmax = BigInt(xmaxText);
  const xip = xipText ? xipText.split(',').map(BigInt) : [];
  if (xid < xmin) return valid;
  if (xid < xmax) return `${xmin}:${xmax}:${xip.filter((x) => x !== xid).join(',')}`;
  if (xid - xmax > 64n) return valid;
  const between: bigint[] = [];
  for (let x = xmax; x < xid; x += 1n) between.push(x);
  const text = `${xmin}:${xid + 1n}:${[...xip, ...between].join(',')}`;
  return text.length <= MAX_CURSOR - 20 ? text : valid;
}

/** A line as the API shows it (its place in the order stays inside). */
export const shownLine = ({ seq: _seq, ...l }: OrderedLine): ChatLine => l;
