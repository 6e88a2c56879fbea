// Cursor pagination and filter building shared by the ledger's list queries.

export interface PageParams {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** Collects WHERE conditions with numbered parameters. */
export class Filter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(sqlWithPlaceholder: string, ...values: unknown[]): this {
    let sql = sqlWithPlaceholder;
    for (const v of values) {
      this.params.push(v);
      sql = sql.replace('?', `$${this.params.length}`);
    }
    this.conditions.push(sql);
    return this;
  }

  where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Runs a list query ordered by id, one row past the limit to know whether more follow. */
export async function paginate<T extends { id: string }>(
  run: (sqlTail: string, params: unknown[]) => Promise<T[]>,
  filter: Filter,
  idColumn: string,
  page: PageParams,
): Promise<Page<T>> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  if (page.cursor) filter.add(`${idColumn} > ?`, decodeCursor(page.cursor));
  filter.params.push(limit + 1);
  const rows = await run(`${filter.where()} ORDER BY ${idColumn} LIMIT $${filter.params.length}`, filter.params);
  const has_more = rows.length > limit;
  const data = has_more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, has_more, next_cursor: has_more && last ? encodeCursor(last.id) : null };
}
