// Prepared statements on PostgreSQL: a statement run often with the same text is named, so that each connection parses
// and plans it once (node-postgres prepares a name on a connection's first use of it) rather than on every call.
import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/**
 * The name for a statement's text: the same text always gets the same name and different texts different ones, as
 * PostgreSQL needs of a connection's prepared statements (a statement built in a few shapes gets one name per shape).
 */
export const preparedName = (sql: string): string => `cobro_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

/** A query for node-postgres: prepared under `name` when given, otherwise parsed and planned on each call. */
export const statement = (text: string, values: unknown[], name?: string): QueryConfig => (name ? { name, text, values } : { text, values });
