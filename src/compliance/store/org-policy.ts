// The org's own contact policy and quiet days: stored, checked to be only tighter than cobro's defaults, and read by the gate.
import type { Queryable } from '../../db/index.ts';
import type { CalendarDate } from '../../domain/dates.ts';
import { newId } from '../../domain/ids.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { DEFAULT_ORG_POLICY, DEFAULT_POLICY, type ChannelCaps, type GatePolicy, type OrgPolicy } from '../policy.ts';
import type { DayHours, WeeklyHours } from '../rules/window.ts';
import type { ChannelKind } from '../types.ts';

/**
 * The readings of a country's contact law that COMPLIANCE.md leaves to the org, as the API speaks them; the defaults are
 * the strict readings. A looser one (Colombia's lenient weekly reading, contact on Mexican weekends or holidays, none of
 * Chile's or Argentina's holidays kept, more than one US message a channel a day) is the org's legal call: admins only.
 */
export interface CountryChoices {
  us: { messages_per_channel_per_day: number };
  co: { weekly_reading: 'strict' | 'lenient' };
  br: { unlisted_states: 'strictest' | 'block' };
  mx: { contact_on_weekends: boolean; contact_on_holidays: boolean };
  cl: { quiet_holidays: boolean };
  ar: { quiet_holidays: boolean };
  /** Apply the consumer-protection packs to business debts too. */
  consumer_packs_for_business_debts: boolean;
}

/** The policy as the API speaks it: Monday-first hours, caps per channel, whether it also applies where a country's law sets hours, and the country readings. */
export interface OrgPolicySettings {
  hours: ([string, string] | null)[];
  caps: Partial<Record<ChannelKind, { per_day?: number | undefined; per_week?: number | undefined }>>;
  layer_on_packs: boolean;
  countries: CountryChoices;
}

export const DEFAULT_COUNTRY_CHOICES: CountryChoices = {
  us: { messages_per_channel_per_day: DEFAULT_POLICY.us.messagesPerChannelPerDay },
  co: { weekly_reading: DEFAULT_POLICY.colombia.weeklyReading },
  br: { unlisted_states: DEFAULT_POLICY.brazil.unlistedStates },
  mx: { contact_on_weekends: DEFAULT_POLICY.mexico.contactOnWeekends, contact_on_holidays: DEFAULT_POLICY.mexico.contactOnHolidays },
  cl: { quiet_holidays: DEFAULT_POLICY.chile.quietHolidays },
  ar: { quiet_holidays: DEFAULT_POLICY.argentina.quietHolidays },
  consumer_packs_for_business_debts: DEFAULT_POLICY.consumerPacksForBusinessDebts,
};

/** The country readings looser than the defaults, by field (`countries.co.weekly_reading`) and value. */
export function looserChoices(c: CountryChoices): Map<string, unknown> {
  const d = DEFAULT_COUNTRY_CHOICES;
  const out = new Map<string, unknown>();
  if (c.us.messages_per_channel_per_day > d.us.messages_per_channel_per_day) out.set('countries.us.messages_per_channel_per_day', c.us.messages_per_channel_per_day);
  if (c.co.weekly_reading === 'lenient') out.set('countries.co.weekly_reading', 'lenient');
  if (c.mx.contact_on_weekends) out.set('countries.mx.contact_on_weekends', true);
  if (c.mx.contact_on_holidays) out.set('countries.mx.contact_on_holidays', true);
  if (!c.cl.quiet_holidays) out.set('countries.cl.quiet_holidays', false);
  if (!c.ar.quiet_holidays) out.set('countries.ar.quiet_holidays', false);
  return out;
}

/** A stored policy from before the country readings: the defaults for them. */
const withChoices = (p: Omit<OrgPolicySettings, 'countries'> & { countries?: CountryChoices }): OrgPolicySettings =>
  ({ ...p, countries: p.countries ?? DEFAULT_COUNTRY_CHOICES });

export interface OrgPolicyView {
  policy: OrgPolicySettings;
  defaults: OrgPolicySettings;
  quiet_holidays: boolean;
  updated_at: string | null;
  updated_by: string | null;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function toSettings(p: OrgPolicy): OrgPolicySettings {
  const caps: OrgPolicySettings['caps'] = {};
  for (const [channel, c] of Object.entries(p.caps) as [ChannelKind, ChannelCaps][]) caps[channel] = { per_day: c.perDay, per_week: c.perWeek };
  return { hours: p.hours.map((h): [string, string] | null => (h ? [h[0], h[1]] : null)), caps, layer_on_packs: p.layerOnPacks,
    countries: DEFAULT_COUNTRY_CHOICES };
}

export const DEFAULT_POLICY_SETTINGS = toSettings(DEFAULT_ORG_POLICY);

/** Checks that a policy only narrows cobro's defaults: shorter hours, closed days stay closed, lower caps. */
export function checkTighter(s: OrgPolicySettings, base: OrgPolicySettings = DEFAULT_POLICY_SETTINGS): Result<OrgPolicySettings> {
  if (s.hours.length !== 7) return fail('VALIDATION_FAILED', 'hours needs seven days, Monday first', 'hours');
  for (let i = 0; i < 7; i++) {
    const h = s.hours[i] ?? null;
    const d = base.hours[i] ?? null;
    if (h === null) continue;
    const field = `hours.${i}`;
    if (!CLOCK.test(h[0]) || !CLOCK.test(h[1])) return fail('VALIDATION_FAILED', 'hours are HH:MM', field);
    if (h[0] >= h[1]) return fail('VALIDATION_FAILED', 'a day\'s hours must start before they end', field);
    if (d === null) return fail('VALIDATION_FAILED', 'this day is closed by default and can only stay closed', field);
    if (h[0] < d[0] || h[1] > d[1]) return fail('VALIDATION_FAILED', `hours may only be tightened: within ${d[0]}-${d[1]}`, field);
  }
  const caps: OrgPolicySettings['caps'] = { ...base.caps };
  for (const [channel, c] of Object.entries(s.caps) as [ChannelKind, NonNullable<OrgPolicySettings['caps'][ChannelKind]>][]) {
    const d = base.caps[channel] ?? {};
    for (const k of ['per_day', 'per_week'] as const) {
      const v = c[k];
      const max = d[k];
      if (v === undefined && max !== undefined) return fail('VALIDATION_FAILED', `a cap cannot be removed (at most ${max})`, `caps.${channel}.${k}`);
      if (v !== undefined && max !== undefined && v > max) return fail('VALIDATION_FAILED', `caps may only be tightened: at most ${max}`, `caps.${channel}.${k}`);
    }
    caps[channel] = { per_day: c.per_day, per_week: c.per_week };
  }
  return ok({ hours: s.hours, caps, layer_on_packs: s.layer_on_packs, countries: s.countries });
}

function toOrgPolicy(s: OrgPolicySettings, quietDates: readonly CalendarDate[]): OrgPolicy {
  const caps: Partial<Record<ChannelKind, ChannelCaps>> = {};
  for (const [channel, c] of Object.entries(s.caps) as [ChannelKind, NonNullable<OrgPolicySettings['caps'][ChannelKind]>][]) {
    caps[channel] = { ...(c.per_day !== undefined ? { perDay: c.per_day } : {}), ...(c.per_week !== undefined ? { perWeek: c.per_week } : {}) };
  }
  const hours = s.hours.map((h): DayHours => (h ? [h[0], h[1]] : null)) as unknown as WeeklyHours;
  return { hours, quietHolidays: true, quietDates, caps, layerOnPacks: s.layer_on_packs };
}

interface PolicyRow { policy: (Omit<OrgPolicySettings, 'countries'> & { countries?: CountryChoices }) | null; updated_at: Date | string | null; updated_by: string | null; dates: CalendarDate[] | string }

async function loadRow(q: Queryable, orgId: string): Promise<PolicyRow> {
  const [row] = await q.query<PolicyRow>(
    `SELECT p.policy, p.updated_at, p.updated_by,
       (SELECT coalesce(json_agg(h.date::text ORDER BY h.date), '[]'::json) FROM org_holidays h WHERE h.org_id = $1) AS dates
     FROM (SELECT 1) one LEFT JOIN org_policies p ON p.org_id = $1`, [orgId]);
  return row!;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export async function getOrgPolicy(q: Queryable, orgId: string): Promise<OrgPolicyView> {
  const row = await loadRow(q, orgId);
  return { policy: row.policy ? withChoices(row.policy) : DEFAULT_POLICY_SETTINGS, defaults: DEFAULT_POLICY_SETTINGS, quiet_holidays: true,
    updated_at: iso(row.updated_at), updated_by: row.updated_by };
}

/**
 * Stores the org's policy. Hours and caps only ever tighten the defaults; a country reading looser than the default may be
 * set by an admin only (`admin`), though anyone who may save keeps one an admin set.
 */
export async function setOrgPolicy(q: Queryable, orgId: string, actor: string, s: OrgPolicySettings, now: Date, admin = true): Promise<Result<OrgPolicyView>> {
  const checked = checkTighter(s);
  if (!checked.ok) return checked;
  const stored = (await loadRow(q, orgId)).policy;
  const before = stored ? withChoices(stored) : DEFAULT_POLICY_SETTINGS;
  if (!admin) {
    const had = looserChoices(before.countries);
    for (const [field, value] of looserChoices(s.countries)) {
      if (had.get(field) !== value) return fail('FORBIDDEN', `only an admin may choose a reading looser than the default (${JSON.stringify(value)})`, field);
    }
  }
  await q.query(
    `INSERT INTO org_policies (org_id, policy, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(checked.value), now, actor]);
  await recordAudit(q, { orgId, actor, action: 'compliance.policy_updated', entity: 'org', entityId: orgId,
    data: { before, after: checked.value } }, now);
  return ok(await getOrgPolicy(q, orgId));
}

/** The org's policy for the gate; the same object while nothing changed, so what the gate derives from it is kept. */
const gatePolicies = new Map<string, { stamp: string; policy: GatePolicy }>();

export async function orgGatePolicy(q: Queryable, orgId: string): Promise<GatePolicy> {
  const row = await loadRow(q, orgId);
  const dates = typeof row.dates === 'string' ? JSON.parse(row.dates) as CalendarDate[] : row.dates;
  if (!row.policy && dates.length === 0) return DEFAULT_POLICY;
  const stamp = `${JSON.stringify(row.policy)}|${dates.join(',')}`;
  const kept = gatePolicies.get(orgId);
  if (kept?.stamp === stamp) return kept.policy;
  const settings = row.policy ? withChoices(row.policy) : DEFAULT_POLICY_SETTINGS;
  const c = settings.countries;
  const policy: GatePolicy = {
    ...DEFAULT_POLICY, org: toOrgPolicy(settings, dates),
    us: { messagesPerChannelPerDay: c.us.messages_per_channel_per_day },
    colombia: { weeklyReading: c.co.weekly_reading },
    brazil: { unlistedStates: c.br.unlisted_states },
    mexico: { contactOnWeekends: c.mx.contact_on_weekends, contactOnHolidays: c.mx.contact_on_holidays },
    chile: { quietHolidays: c.cl.quiet_holidays },
    argentina: { ...DEFAULT_POLICY.argentina, quietHolidays: c.ar.quiet_holidays },
    consumerPacksForBusinessDebts: c.consumer_packs_for_business_debts,
  };
  gatePolicies.set(orgId, { stamp, policy });
  return policy;
}

export interface OrgHoliday { id: string; date: CalendarDate; name: string; created_by: string; created_at: string }

export async function listOrgHolidays(q: Queryable, orgId: string, year?: number): Promise<OrgHoliday[]> {
  const rows = await q.query<OrgHoliday & { created_at: Date | string }>(
    `SELECT id, date::text AS date, name, created_by, created_at FROM org_holidays
     WHERE org_id = $1 AND ($2::int IS NULL OR extract(year FROM date) = $2::int) ORDER BY date`, [orgId, year ?? null]);
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

export async function addOrgHoliday(q: Queryable, orgId: string, actor: string, h: { date: CalendarDate; name: string }, now: Date): Promise<Result<OrgHoliday>> {
  const id = newId('orgHoliday');
  const rows = await q.query<{ id: string }>(
    `INSERT INTO org_holidays (id, org_id, date, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, date) DO NOTHING RETURNING id`, [id, orgId, h.date, h.name, actor, now]);
  if (rows.length === 0) return fail('CONFLICT', `${h.date} is already one of the org's holidays`, 'date');
  await recordAudit(q, { orgId, actor, action: 'calendar.holiday_added', entity: 'org_holiday', entityId: id, data: { date: h.date, name: h.name } }, now);
  return ok({ id, date: h.date, name: h.name, created_by: actor, created_at: now.toISOString() });
}

export async function removeOrgHoliday(q: Queryable, orgId: string, actor: string, id: string, now: Date): Promise<Result<null>> {
  const rows = await q.query<{ date: string; name: string }>('DELETE FROM org_holidays WHERE org_id = $1 AND id = $2 RETURNING date::text AS date, name', [orgId, id]);
  if (rows.length === 0) return fail('NOT_FOUND', `no org holiday ${id}`, 'id');
  await recordAudit(q, { orgId, actor, action: 'calendar.holiday_removed', entity: 'org_holiday', entityId: id, data: rows[0] }, now);
  return ok(null);
}
