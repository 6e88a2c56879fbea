import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { testDb, testOrg } from '../../../test/support/db.ts';
import type { Db } from '../../db/index.ts';
import { importCsv, parseMapping } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const csv = (text: string) => Readable.from([Buffer.from(text)]);
const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [org]))[0]!.n;

function commaMapping() {
  const m = parseMapping({ decimal: ',' });
  assert.ok(m.ok);
  return m.mapping;
}

const HEADER = 'customer_external_id,number,currency,amount,issue_date,due_date\n';

// the 200 MB streaming test is in import-stream.test.ts (PGlite only: the same reading on either database)
describe('importing invoices from CSV', () => {
  it('imports good rows and creates their customers', async () => {
    const r = await importCsv(db, org, 'invoices', csv(`${HEADER}A1,F-1,MXN,"1,234.50",2026-01-01,2026-01-31\nA1,F-2,CLP,15000,2026-01-02,2026-02-01\n`));
    assert.deepEqual([r.status, r.inserted, r.customers_created], ['completed', 2, 1]);
    const rows = await db.query<{ number: string; amount: number }>('SELECT number, amount FROM invoices WHERE org_id = $1 ORDER BY number', [org]);
    assert.deepEqual(rows, [{ number: 'F-1', amount: 123450 }, { number: 'F-2', amount: 15000 }]);
  });

  it('rejects the whole file and names every bad row, column and reason', async () => {
    const before = await count('invoices');
    const r = await importCsv(db, org, 'invoices', csv(HEADER
      + 'B1,G-1,USD,10.00,2026-01-01,2026-01-31\n'
      + 'B1,G-2,USD,10.00,2026-13-01,2026-01-31\n'
      + 'B1,G-3,USD,-5.00,2026-01-01,2026-01-31\n'
      + 'B1,G-4,XYZ,5.00,2026-01-01,2026-01-31\n'
      + 'B1,G-5,USD,5.001,2026-01-01,2026-01-31\n'));
    assert.equal(r.status, 'rejected');
    assert.deepEqual(r.errors.map((e) => [e.line, e.column]), [[3, 'issue_date'], [4, 'amount'], [5, 'currency'], [6, 'amount']]);
    assert.match(r.errors[0]!.reason, /not a date in the form YYYY-MM-DD/);
    assert.equal(await count('invoices'), before, 'nothing was half-written');
  });

  it('rejects a number that appears twice in the file, pointing at the first', async () => {
    const r = await importCsv(db, org, 'invoices', csv(`${HEADER}C1,H-1,USD,1,2026-01-01,2026-01-31\nC1,H-1,USD,2,2026-01-01,2026-01-31\n`));
    assert.equal(r.status, 'rejected');
    assert.deepEqual(r.errors, [{ line: 3, column: 'number', reason: '"H-1" is also on line 2' }]);
  });

  it('names a missing column', async () => {
    const r = await importCsv(db, org, 'invoices', csv('customer_external_id,number,currency,amount,issue_date\nX,1,USD,1,2026-01-01\n'));
    assert.deepEqual(r.errors, [{ line: 1, column: 'due_date', reason: 'column is missing from the header' }]);
  });

  it('reads a file with a byte-order mark and CRLF line endings', async () => {
    const r = await importCsv(db, org, 'invoices', csv(`\uFEFF${HEADER.trim()}\r\nD1,J-1,EUR,"7,50",2026-01-01,2026-01-31\r\n`),
      { mapping: commaMapping() });
    assert.deepEqual([r.status, r.inserted], ['completed', 1]);
    const [inv] = await db.query<{ amount: number }>('SELECT amount FROM invoices WHERE org_id = $1 AND number = $2', [org, 'J-1']);
    assert.equal(inv?.amount, 750);
  });

  it('reads another layout through a mapping with day-first dates and decimal commas', async () => {
    const m = parseMapping({ columns: { customer_external_id: 'Cliente', number: 'Folio', amount: 'Importe', issue_date: 'Fecha',
      due_date: 'Vence' }, defaults: { currency: 'COP' }, date_format: 'DD/MM/YYYY', decimal: ',', delimiter: ';' });
    assert.ok(m.ok);
    const r = await importCsv(db, org, 'invoices', csv('Cliente;Folio;Importe;Fecha;Vence\nE1;K-1;1.250.000,50;05/02/2026;07/03/2026\n'), { mapping: m.mapping });
    assert.equal(r.status, 'completed', JSON.stringify(r.errors));
    const [inv] = await db.query<{ amount: number; due_date: string }>('SELECT amount, due_date FROM invoices WHERE org_id = $1 AND number = $2', [org, 'K-1']);
    assert.deepEqual(inv, { amount: 125000050, due_date: '2026-03-07' });
  });

  it('updates a changed amount on re-import and keeps what was paid', async () => {
    await importCsv(db, org, 'invoices', csv(`${HEADER}F1,L-1,USD,100.00,2026-01-01,2026-01-31\n`));
    await importCsv(db, org, 'payments', csv('customer_external_id,amount,currency,date,reference,invoice_number\nF1,40.00,USD,2026-02-01,tr-1,L-1\n'));
    const r = await importCsv(db, org, 'invoices', csv(`${HEADER}F1,L-1,USD,120.00,2026-01-01,2026-01-31\n`));
    assert.deepEqual([r.inserted, r.updated], [0, 1]);
    const [inv] = await db.query<{ balance: number; status: string }>('SELECT balance, status FROM invoices WHERE org_id = $1 AND number = $2', [org, 'L-1']);
    assert.deepEqual(inv, { balance: 8000, status: 'partially_paid' });
  });

  it('rejects a payments file naming an unknown customer, writing nothing', async () => {
    const before = await count('payments');
    const r = await importCsv(db, org, 'payments', csv('customer_external_id,amount,currency,date\nF1,1.00,USD,2026-02-01\nNOPE,1.00,USD,2026-02-01\n'));
    assert.equal(r.status, 'rejected');
    assert.deepEqual(r.errors, [{ line: 3, column: 'customer_external_id', reason: 'no customer "NOPE"' }]);
    assert.equal(await count('payments'), before);
  });

  it('validates customer contacts: E.164 phones, emails, countries and time zones', async () => {
    const r = await importCsv(db, org, 'customers', csv('external_id,name,email,phone,country,timezone\n'
      + 'G1,Ana,ana@example.mx,+52 55 1234 5678,MX,America/Mexico_City\nG2,Bo,not-an-email,555,XX,Mars/Base\n'));
    assert.deepEqual(r.errors.map((e) => e.column).sort(), ['country', 'email', 'phone', 'timezone']);
    assert.ok(r.errors.every((e) => e.line === 3));
  });
});
