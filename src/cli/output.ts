// Terminal output for the CLI: aligned tables, money in major units, and a progress bar on a terminal.
import { formatMinor } from '../domain/money.ts';

export function table(rows: Record<string, string | number>[], columns: string[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => String(r[c] ?? ''))))].join('\n');
}

export function money(minor: number, currency: string): string {
  return formatMinor(minor, currency);
}

export function progressBar(totalBytes: number, stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY || totalBytes <= 0) return { update: (_p: { rows: number; bytes: number }) => {}, done: () => {} };
  return {
    update({ rows, bytes }: { rows: number; bytes: number }) {
      const share = Math.min(1, bytes / totalBytes);
      const filled = Math.round(share * 30);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows`);
    },
    done() { stream.write('\n'); },
  };
}
