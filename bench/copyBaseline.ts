// The yardsticks: PostgreSQL COPY of the same invoices, into cobro's own invoices table and into a bare table.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

async function timedCopy(client: pg.Client, sql: string, path: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const copy = client.query(copyFrom(sql));
  await pipeline(createReadStream(path), copy);
  return { rows: Number(copy.rowCount), seconds: (performance.now() - started) / 1000 };
}

/**
 * The goal's baseline: the same rows, as cobro stores them, COPYed into cobro's `invoices` table of a freshly migrated
 * schema (same indexes, same foreign key, customers already there). What the import adds on top is parsing,
 * validating, staging and upserting.
 */
export async function copyIntoLedger(url: string, schema: string, csvPath: string, outPath: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`INSERT INTO orgs (id, name) VALUES ('org_copy', 'copy baseline')`);
    const customers = new Set<string>();
    const out = createWriteStream(outPath);
    let chunk = '';
    let i = -1;
    // streamed, so that the baseline does not raise the peak memory the import is measured by
    for await (const line of createInterface({ input: createReadStream(csvPath) })) {
      i++;
      if (i === 0 || !line) continue;
      const [cust, number, currency, amount, issued, due] = line.split(',');
      customers.add(cust!);
      const [whole, frac = ''] = amount!.split('.');
      const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
      chunk += `inv_copy_${i},org_copy,cus_copy_${cust},${number},${currency},${minor},${minor},${issued},${due}\n`;
      if (chunk.length > 1 << 16) { if (!out.write(chunk)) await once(out, 'drain'); chunk = ''; }
    }
    out.end(chunk);
    await once(out, 'finish');
    const ids = [...customers];
    await client.query(`INSERT INTO customers (id, org_id, external_id, name)
      SELECT 'cus_copy_' || x, 'org_copy', x, x FROM unnest($1::text[]) x`, [ids]);
    return await timedCopy(client, `COPY invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
      FROM STDIN WITH (FORMAT csv)`, outPath);
  } finally {
    await client.end();
  }
}

/** For reference: COPY of the file as it is into a bare table with only a primary key on number. */
export async function copyIntoBareTable(url: string, schema: string, csvPath: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${schema}.copy_bare (customer_external_id text NOT NULL, number text PRIMARY KEY,
      currency text NOT NULL, amount numeric(14,2) NOT NULL, issue_date date NOT NULL, due_date date NOT NULL)`);
    const r = await timedCopy(client, `COPY ${schema}.copy_bare FROM STDIN WITH (FORMAT csv, HEADER true)`, csvPath);
    await client.query(`DROP TABLE ${schema}.copy_bare`);
    return r;
  } finally {
    await client.end();
  }
}
