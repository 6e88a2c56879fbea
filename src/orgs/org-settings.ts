// Changing the org's own settings: its name, country, default currency, language and time zone, each change audited.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { isCurrency } from '../domain/money.ts';
import { recordAudit } from '../audit/index.ts';
import { getOrg, type Org } from './orgs.ts';

export const ORG_LANGUAGES = ['en', 'es', 'pt'] as const;

export interface OrgChanges {
  name?: string;
  country?: string | null;
  default_currency?: string;
  default_language?: (typeof ORG_LANGUAGES)[number];
  default_timezone?: string;
}

export function isTimeZone(zone: string): boolean {
  try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; }
}

export async function updateOrg(q: Queryable, orgId: string, actor: string, c: OrgChanges, now: Date): Promise<Result<Org>> {
  if (c.default_currency !== undefined && !isCurrency(c.default_currency)) return fail('VALIDATION_FAILED', `unknown currency ${c.default_currency}`, 'default_currency');
  if (c.default_timezone !== undefined && !isTimeZone(c.default_timezone)) return fail('VALIDATION_FAILED', `unknown time zone ${c.default_timezone}`, 'default_timezone');
  if (c.name !== undefined && c.name.trim() === '') return fail('VALIDATION_FAILED', 'the name cannot be empty', 'name');
  const before = await getOrg(q, orgId);
  if (!before) return fail('NOT_FOUND', `no org ${orgId}`, 'org');
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['name', 'country', 'default_currency', 'default_language', 'default_timezone'] as const) {
    const v = c[k];
    if (v !== undefined && v !== before[k]) changed[k] = { from: before[k], to: k === 'name' && typeof v === 'string' ? v.trim() : v };
  }
  if (Object.keys(changed).length === 0) return ok(before);
  const next = { ...before, ...Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.to])) } as Org;
  await q.query('UPDATE orgs SET name = $2, country = $3, default_currency = $4, default_language = $5, default_timezone = $6 WHERE id = $1',
    [orgId, next.name, next.country, next.default_currency, next.default_language, next.default_timezone]);
  await recordAudit(q, { orgId, actor, action: 'org.updated', entity: 'org', entityId: orgId, data: changed }, now);
  return ok(next);
}
