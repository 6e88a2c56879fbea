// Every rule of COMPLIANCE.md's rule -> test table (§8) that software can break is named by a test, so the table stays covered.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPLIANCE = join(ROOT, '..', 'shared', 'COMPLIANCE.md');

/**
 * Rules of the table that no software test can check, with the reason. Every row of §8 names something cobro does
 * (a decision, a lint, a signature, a job), so none is listed; a row added for paperwork or a contract goes here.
 */
const NOT_SOFTWARE: Readonly<Record<string, string>> = {};

/** The rule ids of §8, in table order, once each ("US-2 talk" and "US-7 date" are rows of US-2 and US-7). */
function tableRules(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf('## 8.'), markdown.indexOf('## 9.'));
  return [...new Set([...section.matchAll(/^\|\s*\d+\s*\|\s*([A-Z]+-\d+)\b/gm)].map((m) => m[1]!))];
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? testFiles(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

/**
 * Test names as written: the first argument of it(), test() and describe(), and, for table-driven tests whose names are
 * built from their rows, a string that starts with a rule id ("'R-4 blocks a reminder on a paid debt'").
 */
function testNames(source: string): string[] {
  const called = [...source.matchAll(/\b(?:it|test|describe)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
  const rows = [...source.matchAll(/(['"`])([A-Z]+-\d+[ :](?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
  return [...new Set([...called, ...rows])];
}

const names = ['src', 'test'].flatMap((d) => testFiles(join(ROOT, d))).flatMap((f) => testNames(readFileSync(f, 'utf8')));
const named = (id: string) => names.some((n) => new RegExp(`(?:^|[^A-Z0-9-])${id}(?![0-9])`).test(n));

it('reads the rule -> test table of ../shared/COMPLIANCE.md', () => {
  const rules = tableRules(readFileSync(COMPLIANCE, 'utf8'));
  assert.ok(rules.length >= 35, `only ${rules.length} rules read: ${rules.join(', ')}`);
  for (const id of ['US-1', 'EU-6', 'EM-1', 'R-1', 'R-6', 'SEC-1']) assert.ok(rules.includes(id), id);
});

it('names every software rule of the table in a test under src/ or test/, and exempts only rules of the table', () => {
  const rules = tableRules(readFileSync(COMPLIANCE, 'utf8'));
  assert.deepEqual(Object.keys(NOT_SOFTWARE).filter((id) => !rules.includes(id)), [], 'an exemption for a rule the table no longer has');
  assert.deepEqual(rules.filter((id) => !(id in NOT_SOFTWARE) && !named(id)), [], 'rules no test is named for');
});

it('tells a test name from a rule id elsewhere in a file', () => {
  const source = "// R-9 in a comment\nit('R-7: one', () => {});\nconst rows = [['EU-9 in a row', 1]];\nassert.equal(x, 'US-99');\nit(`X-1 ${'a'}`, () => {});";
  assert.deepEqual(testNames(source).sort(), ['EU-9 in a row', 'R-7: one', 'X-1 ${\'a\'}']);
});
