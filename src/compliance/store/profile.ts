// The debtor's contact profile: consumer or business debt, a cease request, the lawful basis, inconvenient times (and the
// stated times a newer one replaced, for audit).
import { z } from 'zod';
import type { Queryable } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { timeKey, type StoredTime } from '../time-preferences.ts';

export type { StoredTime } from '../time-preferences.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
export const contactProfileSchema = z.object({
  debtor_type: z.enum(['consumer', 'business']).optional(),
  cease_requested_at: z.iso.datetime({ offset: true }).nullable().optional(),
  lawful_basis: z.enum(['contract', 'legitimate_interest', 'legal_obligation', 'consent']).nullable().optional(),
  inconvenient_times: z.array(z.object({ weekdays: z.array(z.number().int().min(1).max(7)).optional(), from: hhmm, to: hhmm,
    /** The channels the time is said of ("don't text me before 9"); absent means every channel. */
    channels: z.array(z.enum(['email', 'sms', 'whatsapp', 'voice'])).min(1).optional() })).max(20).optional(),
  /** The statute of limitations runs out on this date: after it, templates tagged legal-threat are refused (US-9). */
  limitations_expires_at: z.iso.date().nullable().optional(),
});
export type ContactProfileInput = z.infer<typeof contactProfileSchema>;

/** A time that no longer holds: as it was, when it gave way and to what ("said \"mornings only\"", "set by usr_..."). */
export type ReplacedTime = StoredTime & { replaced_at: string; replaced_by: string };
/** How many replaced times a profile keeps (the newest). */
const REPLACED_KEPT = 100;

export interface ContactProfile {
  customer_id: string; debtor_type: 'consumer' | 'business'; cease_requested_at: string | null; lawful_basis: string | null;
  inconvenient_times: StoredTime[]; replaced_times: ReplacedTime[]; limitations_expires_at: string | null; updated_at: string;
}

const COLUMNS = `customer_id, debtor_type, cease_requested_at, lawful_basis, inconvenient_times, replaced_times,
  to_char(limitations_expires_at, 'YYYY-MM-DD') AS limitations_expires_at, updated_at`;

export async function getContactProfile(q: Queryable, orgId: string, customerId: string): Promise<Result<ContactProfile>> {
  const c = await q.query('SELECT 1 FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId]);
  if (!c.length) return fail('NOT_FOUND', `no customer ${customerId}`, 'customer_id');
  const [p] = await q.query<ContactProfile>(`SELECT ${COLUMNS} FROM contact_profiles WHERE org_id = $1 AND customer_id = $2`, [orgId, customerId]);
  return ok(p ?? { customer_id: customerId, debtor_type: 'consumer', cease_requested_at: null, lawful_basis: null, inconvenient_times: [], replaced_times: [],
    limitations_expires_at: null, updated_at: new Date(0).toISOString() });
}

/** The times a change of inconvenient times leaves out, marked replaced now and why, after the older replaced ones. */
function replacedBy(current: ContactProfile, next: readonly StoredTime[] | undefined, why: string, now: Date): ReplacedTime[] {
  if (!next) return current.replaced_times;
  const staying = new Set(next.map(timeKey));
  const gone = current.inconvenient_times.filter((t) => !staying.has(timeKey(t)))
    .map((t) => ({ ...t, replaced_at: now.toISOString(), replaced_by: why }));
  return [...current.replaced_times, ...gone].slice(-REPLACED_KEPT);
}

/**
 * Changes the profile. Inconvenient times left out of a new list are kept as replaced, `why` saying what replaced them (by
 * default the person who changed the profile).
 */
export async function setContactProfile(
  q: Queryable, orgId: string, actor: string, customerId: string, patch: ContactProfileInput, now: Date, why = `set by ${actor}`,
): Promise<Result<ContactProfile>> {
  const current = await getContactProfile(q, orgId, customerId);
  if (!current.ok) return current;
  const next = { ...current.value, ...patch, replaced_times: replacedBy(current.value, patch.inconvenient_times, why, now) };
  const [row] = await q.query<ContactProfile>(
    `INSERT INTO contact_profiles (org_id, customer_id, debtor_type, cease_requested_at, lawful_basis, inconvenient_times, replaced_times,
       limitations_expires_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (org_id, customer_id) DO UPDATE SET debtor_type = EXCLUDED.debtor_type, cease_requested_at = EXCLUDED.cease_requested_at,
       lawful_basis = EXCLUDED.lawful_basis, inconvenient_times = EXCLUDED.inconvenient_times, replaced_times = EXCLUDED.replaced_times,
       limitations_expires_at = EXCLUDED.limitations_expires_at, updated_at = EXCLUDED.updated_at
     RETURNING ${COLUMNS}`,
    [orgId, customerId, next.debtor_type, next.cease_requested_at, next.lawful_basis, JSON.stringify(next.inconvenient_times),
      JSON.stringify(next.replaced_times), next.limitations_expires_at, now]);
  await recordAudit(q, { orgId, actor, action: 'contact_profile.updated', entity: 'customer', entityId: customerId, data: { fields: Object.keys(patch) } });
  return ok(row!);
}
