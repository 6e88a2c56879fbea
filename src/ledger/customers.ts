// Customers (debtor accounts): create, update, read and list, scoped by org.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import type { CustomerFields } from './fields.ts';
import { Filter, paginate, type Page, type PageParams } from './page.ts';
import { addDrillFilters, type CustomerDrill } from './customer-drill.ts';
import { overdueBalancesOn, type OverdueOn } from './overdue-on.ts';
import { addressMatch, looksLikeEmail, openCustomerRow, openCustomerRows, sealerFor, storedContact, storedMetadata } from '../vault/index.ts';

export interface Customer {
  id: string;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  country: string | null;
  region: string | null;
  timezone: string | null;
  language: string | null;
  preferred_channel: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, external_id, name, email, phone, whatsapp, country, region, timezone, language,
  preferred_channel, tags, metadata, created_at, updated_at`;
const EDITABLE = ['name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone', 'language',
  'preferred_channel', 'tags', 'metadata'] as const;

export async function createCustomer(
  q: Queryable, orgId: string, actor: string, input: CustomerFields & { external_id?: string },
): Promise<Result<Customer>> {
  const id = newId('customer');
  const externalId = input.external_id ?? id;
  const clash = await q.query('SELECT 1 FROM customers WHERE org_id = $1 AND external_id = $2', [orgId, externalId]);
  if (clash.length) return fail('CONFLICT', `a customer with external_id "${externalId}" exists`, 'external_id');
  const sealer = await sealerFor(q, orgId);
  const [email, phone, whatsapp] = [storedContact(sealer, 'email', id, input.email), storedContact(sealer, 'phone', id, input.phone),
    storedContact(sealer, 'whatsapp', id, input.whatsapp)];
  const rows = await q.query<Customer>(
    `INSERT INTO customers (id, org_id, external_id, name, email, phone, whatsapp, country, region, timezone,
       language, preferred_channel, tags, metadata, email_bidx, phone_bidx, whatsapp_bidx)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING ${COLUMNS}`,
    [id, orgId, externalId, input.name, email.value, phone.value, whatsapp.value,
      input.country ?? null, input.region ?? null, input.timezone ?? null, input.language ?? null,
      input.preferred_channel ?? null, input.tags ?? [], JSON.stringify(storedMetadata(sealer, id, input.metadata ?? {})), email.bidx, phone.bidx, whatsapp.bidx],
  );
  await recordAudit(q, { orgId, actor, action: 'customer.created', entity: 'customer', entityId: id });
  return ok(await openCustomerRow(q, orgId, rows[0]!));
}

export async function updateCustomer(
  q: Queryable, orgId: string, actor: string, id: string, patch: Partial<CustomerFields>,
): Promise<Result<Customer>> {
  const f = new Filter();
  const sets: string[] = [];
  const sealer = await sealerFor(q, orgId);
  for (const key of EDITABLE) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (key === 'email' || key === 'phone' || key === 'whatsapp') {
      const stored = storedContact(sealer, key, id, value as string | null | undefined);
      f.params.push(stored.value, stored.bidx);
      sets.push(`${key} = $${f.params.length - 1}`, `${key}_bidx = $${f.params.length}`);
      continue;
    }
    f.params.push(key === 'metadata' ? JSON.stringify(storedMetadata(sealer, id, (value ?? {}) as Record<string, unknown>)) : key === 'tags' ? (value ?? []) : (value ?? null));
    sets.push(`${key} = $${f.params.length}`);
  }
  if (sets.length === 0) return getCustomer(q, orgId, id);
  f.params.push(orgId, id);
  const rows = await q.query<Customer>(
    `UPDATE customers SET ${sets.join(', ')}, updated_at = now()
     WHERE org_id = $${f.params.length - 1} AND id = $${f.params.length} RETURNING ${COLUMNS}`, f.params);
  if (!rows[0]) return fail('NOT_FOUND', `no customer ${id}`, 'id');
  await recordAudit(q, { orgId, actor, action: 'customer.updated', entity: 'customer', entityId: id,
    data: { fields: Object.keys(patch) } });
  return ok(await openCustomerRow(q, orgId, rows[0]));
}

export async function getCustomer(q: Queryable, orgId: string, id: string): Promise<Result<Customer>> {
  const rows = await q.query<Customer>(
    `SELECT ${COLUMNS} FROM customers WHERE org_id = $1 AND (id = $2 OR external_id = $2)
     ORDER BY (id = $2) DESC LIMIT 1`, [orgId, id]);
  return rows[0] ? ok(await openCustomerRow(q, orgId, rows[0])) : fail('NOT_FOUND', `no customer ${id}`, 'id');
}

export interface CustomerFilter extends PageParams, CustomerDrill {
  country?: string;
  tag?: string;
  search?: string;
}

/** With `overdue_on`, each customer listed carries what it owed overdue at the end of that day. */
export async function listCustomers(q: Queryable, orgId: string, p: CustomerFilter): Promise<Page<Customer & { overdue_on?: OverdueOn }>> {
  const f = new Filter().add('org_id = ?', orgId);
  if (p.country) f.add('country = ?', p.country);
  if (p.tag) f.add('? = ANY(tags)', p.tag);
  if (p.search && looksLikeEmail(p.search)) {
    const m = await addressMatch(q, orgId, 'email', p.search);
    f.add(`(name ILIKE ? OR external_id = ? OR ${m.sql})`, `%${p.search}%`, p.search, ...m.params);
  } else if (p.search) f.add('(name ILIKE ? OR external_id = ?)', `%${p.search}%`, p.search);
  addDrillFilters(f, orgId, p);
  const page = await paginate((tail, params) => q.query<Customer>(`SELECT ${COLUMNS} FROM customers ${tail}`, params), f, 'id', p);
  const data = await openCustomerRows(q, orgId, page.data);
  const day = p.overdue_on;
  if (!day) return { ...page, data };
  const owed = await overdueBalancesOn(q, orgId, data.map((c) => c.id), day, p.currency);
  return { ...page, data: data.map((c) => ({ ...c, overdue_on: { date: day, balances: owed.get(c.id) ?? [] } })) };
}
