// The CSV import streams: a 200 MB file goes through in bounded memory and its bad row is reported. The bad row is the
// first one, so nothing is staged and the database only holds the import's own record: what this holds is the reading,
// which is the same on either database. It opens an in-memory PGlite itself, so scripts/test.mjs runs it in
// the PGlite lane only: on PostgreSQL it took some 2 minutes of the lane's time (and a core's worth of parsing) for the
// same reading. The other import tests (import.test.ts) run on both.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openDb, type Db } from '../../db/index.ts';
import { createOrg } from '../../orgs/index.ts';
import { importCsv } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await openDb({}); org = (await createOrg(db, { name: 'Acme' })).id; });
after(async () => { await db.close(); });

const HEADER = 'customer_external_id,number,currency,amount,issue_date,due_date\n';

describe('importing invoices from CSV', () => {
  it('streams a 200 MB file through in bounded memory and reports its bad row', async () => {
    const rows = 2_900_000;
    function* lines() {
      yield HEADER;
      yield 'Z1,Z-0,USD,1.00,2026-99-01,2026-01-31\n';
      let chunk = '';
      for (let i = 1; i < rows; i++) {
        chunk += `CUSTOMER-${i % 5000},INVOICE-NUMBER-${i},USD,${i % 900}.25,2026-01-01,2026-01-31\n`;
        if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
      }
      yield chunk;
    }
    let bytes = 0;
    const source = Readable.from((function* () { for (const l of lines()) { bytes += l.length; yield Buffer.from(l); } })());
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const r = await importCsv(db, org, 'invoices', source, { onProgress: () => { peak = Math.max(peak, process.memoryUsage().heapUsed); } });
    assert.ok(bytes > 200e6, `the file was ${bytes} bytes`);
    assert.equal(r.rows, rows);
    assert.deepEqual(r.errors.map((e) => [e.line, e.column]), [[2, 'issue_date']]);
    assert.ok(peak - heapBefore < 150e6, `the heap grew by ${Math.round((peak - heapBefore) / 1e6)} MB`);
  });
});
