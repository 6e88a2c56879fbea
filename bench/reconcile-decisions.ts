// Dumps what matching would do with the bench statement's lines (each line's proposal and whether it would be applied),
// one JSON line per statement line, to compare two versions of the matcher on the same seeded schema.
// Usage: node --import tsx bench/reconcile-decisions.ts --schema NAME --out FILE
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { previewMatches } from '../src/reconciliation/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, out: { type: 'string' } } });
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema! });
try {
  const [s] = await db.query<{ org_id: string }>(`SELECT org_id FROM statements WHERE id = 'stm_bench'`);
  const ids = (await db.query<{ id: string }>(`SELECT id FROM statement_lines WHERE statement_id = 'stm_bench' ORDER BY position`)).map((r) => r.id);
  const out: string[] = [];
  const t = performance.now();
  await previewMatches(db, s!.org_id, ids, (p) => { out.push(JSON.stringify(p)); });
  console.log(`${out.length} lines in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(values.out!, `${out.join('\n')}\n`);
} finally {
  await db.close();
}
