// Test support: reading the external statement files in ../shared/data and their published expectations.
import { readFileSync } from 'node:fs';
import { parseStatement, type ParseOptions } from '../index.ts';
import type { Statement, StatementLine } from '../types.ts';

const ROOT = new URL('../../../../../shared/data/bank/', import.meta.url);

export function bankFile(relative: string): Buffer {
  return readFileSync(new URL(relative, ROOT));
}

export function bankText(relative: string): string {
  return bankFile(relative).toString('utf8');
}

/** Parses a shared file and fails the test with the parser's own error when it does not parse. */
export function statementsOf(relative: string, opts: ParseOptions = {}): Statement[] {
  const result = parseStatement(bankFile(relative), opts);
  if (!result.ok) throw new Error(`${relative}: ${result.error.code} ${result.error.message} (line ${result.error.line ?? '?'})`);
  return result.statements;
}

export function linesOf(relative: string, opts: ParseOptions = {}): StatementLine[] {
  return statementsOf(relative, opts).flatMap((s) => s.lines);
}

/** A line's amount with the sign of its direction, in minor units. */
export function signed(line: StatementLine): number {
  return line.direction === 'debit' ? -line.amount.amount : line.amount.amount;
}

/** "-1,058.09" or "98.76" (a plain decimal) in minor units for a two-decimal currency. */
export function decimalToMinor(text: string, exponent = 2): number {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = (m[3] ?? '').padEnd(exponent, '0').slice(0, exponent);
  const minor = Number(m[2] || '0') * 10 ** exponent + Number(frac || '0');
  return m[1] === '-' ? -minor : minor;
}
