// `cobro agent understand`: one message as JSON, and a JSONL file read into one JSON result per line.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('cobro agent understand', () => {
  let dir = '';
  const cobro = (...args: string[]) => runCobro(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' });
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-agent-')); await pgliteFolder(join(dir, 'data')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one message\'s intent, confidence, language and entities as JSON', async () => {
    const { stdout } = await cobro('agent', 'understand', 'ya pagué el viernes, les mando el comprobante', '--tz', 'America/Mexico_City',
      '--now', '2026-03-11T15:00:00Z', '--json');
    const u = JSON.parse(stdout);
    assert.deepEqual([u.intent, u.language, u.entities.dates[0].date], ['already_paid', 'es', '2026-03-06']);
    assert.ok(u.confidence > 0.5);
  });

  it('reads a JSONL file, one result per line in order, a bad line reported in its place and the exit code 1', async () => {
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, [
      JSON.stringify({ text: 'can I pay $200 next Friday?', currency: 'USD' }),
      JSON.stringify({ text: 'ok', language: 'pt-BR' }),
      '{"text": ',
      JSON.stringify({ text: 'dia 15 eu pago', timeZone: 'America/Sao_Paulo', now: '2026-03-20T12:00:00Z' }),
    ].join('\n'));
    const err = await cobro('agent', 'understand', '--file', file, '--tz', 'America/New_York', '--now', '2026-03-11T15:00:00Z')
      .then(() => null, (e: { code: number; stdout: string }) => e);
    assert.equal(err?.code, 1);
    const lines = err!.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.deepEqual([lines[0].intent, lines[0].entities.dates[0].date, lines[0].entities.amounts[0].amount, lines[0].entities.amounts[0].currency],
      ['promise_to_pay', '2026-03-13', 20_000, 'USD']);
    assert.deepEqual([lines[1].language, lines[1].language_source], ['pt-BR', 'hint']);
    assert.deepEqual(lines[2], { line: 3, error: { code: 'VALIDATION_FAILED', message: 'not JSON' } });
    assert.deepEqual([lines[3].intent, lines[3].entities.dates[0].date], ['promise_to_pay', '2026-04-15']);
  });

  it('refuses an unknown time zone', async () => {
    await assert.rejects(cobro('agent', 'understand', 'hola', '--tz', 'Mars/Olympus'), (e: { code: number; stderr: string }) => e.code !== 0 && /time zone/.test(e.stderr));
  });
});
