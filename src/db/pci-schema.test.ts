// PCI-2 (row 42): no table column or API field may be named for card data; this test is how CI fails on one.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** A name whose word (split on _ or case) is card data: CVV/CVC, track data, the PAN, a PIN block or a card number. */
const CARD_DATA = /^(cvv2?|cvc2?|cav2|cid|track[12]?|track_?data|pan|pin_?block|card_?number|full_?card)$/i;

function cardDataNames(names: readonly string[]): string[] {
  return names.filter((n) => CARD_DATA.test(n) || n.split(/_|(?=[A-Z])/).some((part) => /^(cvv2?|cvc2?|pan|track[12]?)$/i.test(part)));
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Column names in CREATE TABLE bodies and ADD COLUMN clauses. */
function columns(sql: string): string[] {
  const body = [...sql.matchAll(/CREATE TABLE[^(]*\(([\s\S]*?)\n\);/g)].flatMap((m) => (m[1] ?? '').split('\n'))
    .map((l) => /^\s*([a-z_][a-z0-9_]*)\s+[a-z]/i.exec(l)?.[1] ?? '').filter((n) => n && !/^(primary|unique|foreign|check|constraint)$/i.test(n));
  return [...body, ...[...sql.matchAll(/ADD COLUMN\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1] ?? '')];
}

/** Keys of zod objects and other object literals in source: `name: z.` is how every schema field is written. */
function schemaKeys(ts: string): string[] {
  return [...ts.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\??\s*:\s*z\./g)].map((m) => m[1] ?? '');
}

it('PCI-2: flags a card-data name and nothing like it', () => {
  assert.deepEqual(cardDataNames(['cvv', 'card_cvc', 'track2', 'pan', 'cardNumber', 'pin_block', 'company', 'panel', 'tracking_id', 'span']),
    ['cvv', 'card_cvc', 'track2', 'pan', 'cardNumber', 'pin_block']);
});

it('PCI-2: no migration column is named for card data', () => {
  const found = files(join(SRC, 'db', 'migrations'), '.sql').flatMap((f) => cardDataNames(columns(readFileSync(f, 'utf8'))).map((n) => `${f}: ${n}`));
  assert.ok(columns(readFileSync(join(SRC, 'db', 'migrations', '001_ledger.sql'), 'utf8')).includes('external_id'), 'the column reader reads columns');
  assert.deepEqual(found, []);
});

it('PCI-2: no zod schema field is named for card data', () => {
  const found = files(SRC, '.ts').flatMap((f) => cardDataNames(schemaKeys(readFileSync(f, 'utf8'))).map((n) => `${f}: ${n}`));
  assert.ok(schemaKeys(readFileSync(join(SRC, 'ledger', 'fields.ts'), 'utf8')).includes('email'), 'the schema reader reads fields');
  assert.deepEqual(found, []);
});
