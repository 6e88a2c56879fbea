// WhatsApp's 24-hour customer-service window for the confirmations of a batch: open when the debtor's last WhatsApp
// message came in the 24 hours before now. Inside it a confirmation goes as free text, outside it as its approved
// template with ordered parameters (WA-2); the gate weighs each accordingly.
import type { Queryable } from '../db/index.ts';
import { isConfirmationTemplate } from '../messaging/index.ts';

const WINDOW_MS = 24 * 3_600_000;

type Row = { id: string; org_id: string; customer_id: string; channel: string; template: string | null };

/** The ids of the batch's WhatsApp confirmations whose debtor's window is open now; nothing is read when the batch holds none. */
export async function openWhatsappWindows(q: Queryable, ms: readonly Row[], now: Date): Promise<Set<string>> {
  const wanted = ms.filter((m) => m.channel === 'whatsapp' && isConfirmationTemplate(m.template));
  const open = new Set<string>();
  if (wanted.length === 0) return open;
  const rows = await q.query<{ org_id: string; customer_id: string; last: Date | string }>(
    `SELECT org_id, customer_id, max(received_at) AS last FROM inbound_messages
     WHERE (org_id, customer_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND channel = 'whatsapp' AND received_at <= $3
     GROUP BY org_id, customer_id`, [wanted.map((m) => m.org_id), wanted.map((m) => m.customer_id), now]);
  const last = new Map(rows.map((r) => [`${r.org_id}\u0000${r.customer_id}`, new Date(r.last).getTime()]));
  for (const m of wanted) {
    const at = last.get(`${m.org_id}\u0000${m.customer_id}`);
    if (at !== undefined && now.getTime() - at <= WINDOW_MS) open.add(m.id);
  }
  return open;
}
