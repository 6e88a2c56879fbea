// Prepared statements on PostgreSQL: a statement run often with the same text is named, so that each connection parses
// and plans it once (node-postgres prepares a name on a connection's first use of it) rather than on every call.
import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/**
 * The name for a statement's text: the same text always gets the same name and different texts different ones, as
 * PostgreSQL needs of a connection's prepared statements (a statement built in a few shapes gets one name per shape).
 */
export const preparedName = (sql: string): string => `cobro_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

/**
 * A query for node-postgres: prepared under `name` when given, otherwise parsed and planned on each call. Flat arrays of
 * strings and numbers go as array literals written here (arrayLiteral), the same text node-postgres would send.
 */
export const statement = (text: string, values: unknown[], name?: string): QueryConfig => {
  let own: unknown[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Array.isArray(v)) continue;
    const literal = arrayLiteral(v);
    if (literal === null) continue;
    own ??= values.slice();
    own[i] = literal;
  }
  const vs = own ?? values;
  return name ? { name, text, values: vs } : { text, values: vs };
};

// an element node-postgres would escape (a backslash or a double quote)
const ESCAPED = /["\\]/;

/**
 * A flat array of strings (none with a quote or backslash), numbers and booleans as PostgreSQL's array literal, exactly
 * as node-postgres writes one (each element quoted, numbers and booleans as toString() writes them), in one join: its
 * own writer escapes each element with two regular expressions and joins by concatenation (~7 KB of garbage a
 * dispatched SMS, whose batch statements pass the batch's ids as arrays). Null for any other array: node-postgres writes it.
 */
export function arrayLiteral(xs: readonly unknown[]): string | null {
  if (xs.length === 0) return '{}';
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x === 'string') { if (ESCAPED.test(x)) return null; } else if (typeof x !== 'number' && typeof x !== 'boolean') return null;
  }
  return `{"${xs.join('","')}"}`;
}
