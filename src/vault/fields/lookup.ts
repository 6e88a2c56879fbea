// Every equality lookup on customers' emails and numbers: the clear column, and the blind index once the org has one, so
// a lookup finds a customer whether its value is stored in the clear, sealed, or half-way through a switch.
import type { Queryable } from '../../db/index.ts';
import { blindIndex, normaliseForIndex } from './envelope.ts';
import { indexKey } from './keyring.ts';

/** The customer fields a reply or bounce on a channel is matched against: its own column and the phone number. */
const FIELDS_OF: Record<string, ('email' | 'phone' | 'whatsapp')[]> = { email: ['email', 'phone'], whatsapp: ['whatsapp', 'phone'] };

export interface AddressMatch { sql: string; params: unknown[] }

/**
 * A condition (with `?` placeholders, in the ledger's Filter style) that is true for customers whose contact on the
 * channel is this address. `alias` prefixes the columns (e.g. 'c.').
 */
export async function addressMatch(q: Queryable, orgId: string, channel: string, address: string, alias = ''): Promise<AddressMatch> {
  const fields = FIELDS_OF[channel] ?? ['phone'];
  const clear = fields.map((f) => (f === 'email' ? `lower(${alias}email) = ?` : `${alias}${f} = ?`));
  const params: unknown[] = fields.map((f) => (f === 'email' ? address.trim().toLowerCase() : address));
  const ik = await indexKey(q, orgId);
  if (ik) {
    for (const f of fields) {
      clear.push(`${alias}${f}_bidx = ?`);
      params.push(blindIndex(ik, f === 'email' ? 'email' : 'phone', address));
    }
  }
  return { sql: `(${clear.join(' OR ')})`, params };
}

/** The oldest customer of the org whose contact on the channel is this address. */
export async function customerIdByAddress(q: Queryable, orgId: string, channel: string, address: string): Promise<string | undefined> {
  const m = await addressMatch(q, orgId, channel, address);
  let n = 1;
  const sql = m.sql.replace(/\?/g, () => `$${++n}`);
  const rows = await q.query<{ id: string }>(`SELECT id FROM customers WHERE org_id = $1 AND ${sql} ORDER BY created_at, id LIMIT 1`, [orgId, ...m.params]);
  return rows[0]?.id;
}

/** True when a search text is an email address, which the customer list then matches exactly (sealed or not). */
export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) && normaliseForIndex('email', s).length <= 320;
