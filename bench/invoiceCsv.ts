// Writes a synthetic canonical invoice CSV (N rows over ~5,000 customers) to a file, streaming, for the import bench.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const INVOICE_COLUMNS = ['customer_external_id', 'number', 'currency', 'amount', 'issue_date', 'due_date'] as const;
const CURRENCIES = ['MXN', 'USD', 'EUR', 'COP'] as const;
const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Row i, deterministic: the same file for the same row count, so runs compare. */
function invoiceLine(i: number, customers: number): string {
  const customer = `CUST-${String((i * 7919) % customers).padStart(5, '0')}`;
  const number = `INV-${String(i + 1).padStart(8, '0')}`;
  const currency = CURRENCIES[i % CURRENCIES.length];
  const cents = 1000 + ((i * 104_729) % 9_999_000);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const issued = START + (i % 700) * DAY_MS;
  const due = issued + (15 + (i % 4) * 15) * DAY_MS;
  return `${customer},${number},${currency},${amount},${isoDate(issued)},${isoDate(due)}\n`;
}

/** Writes the header and `rows` rows to `path`; returns the file's size in bytes. */
export async function writeInvoiceCsv(path: string, rows: number, customers = 5000): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = `${INVOICE_COLUMNS.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += invoiceLine(i, customers);
    if (chunk.length > 1 << 16) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}
