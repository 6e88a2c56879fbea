// Orgs (tenants): every row in cobro belongs to one.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';

export interface Org {
  id: string;
  name: string;
  country: string | null;
  default_currency: string;
  default_language: string;
  default_timezone: string;
}

export interface NewOrg {
  name: string;
  country?: string;
  defaultCurrency?: string;
  defaultLanguage?: string;
  defaultTimezone?: string;
}

export async function createOrg(q: Queryable, o: NewOrg): Promise<Org> {
  const rows = await q.query<Org>(
    `INSERT INTO orgs (id, name, country, default_currency, default_language, default_timezone)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id, name, country, default_currency, default_language, default_timezone`,
    [newId('org'), o.name, o.country ?? null, o.defaultCurrency ?? 'USD', o.defaultLanguage ?? 'en', o.defaultTimezone ?? 'UTC'],
  );
  return rows[0]!;
}

export async function getOrg(q: Queryable, id: string): Promise<Org | undefined> {
  const rows = await q.query<Org>(
    'SELECT id, name, country, default_currency, default_language, default_timezone FROM orgs WHERE id = $1', [id]);
  return rows[0];
}

export async function listOrgs(q: Queryable): Promise<Org[]> {
  return q.query<Org>('SELECT id, name, country, default_currency, default_language, default_timezone FROM orgs ORDER BY id');
}
