// The yardstick: plain PostgreSQL COPY of the same CSV file into a table with the same columns and a primary key.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * COPYs `path` (with its header) into `<schema>.copy_baseline` through one connection and returns rows per second.
 * amount is numeric(14,2), not bigint: the file holds major units ("123.45"), which bigint would refuse.
 */
export async function copyBaseline(url: string, schema: string, path: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${schema}.copy_baseline (customer_external_id text NOT NULL, number text PRIMARY KEY,
      currency text NOT NULL, amount numeric(14,2) NOT NULL, issue_date date NOT NULL, due_date date NOT NULL)`);
    const started = performance.now();
    const copy = client.query(copyFrom(`COPY ${schema}.copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(path), copy);
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE ${schema}.copy_baseline`);
    return { rows: Number(copy.rowCount), seconds };
  } finally {
    await client.end();
  }
}
