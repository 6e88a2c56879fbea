// `cobro` beside `cobro serve` on one embedded data folder: the server holds the folder's lock, and a command started
// meanwhile runs inside the server through the socket it keeps in the folder (src/cli/relay-server.ts), file paths read
// against the command's own working folder and stdin passed along; `serve` is refused; the socket is owner-only, replaces
// a stale one, and goes when the server stops; with no server the command opens the folder itself, as before.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childNodeFlags, cobroCli } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = mkdtempSync(join(tmpdir(), 'cobro-beside-'));
const children = new Set<ChildProcess>();
// whatever happens in the test, no process is left running and no folder is left behind
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

interface Ran { code: number; stdout: string; stderr: string }

function cobro(bin: string, env: NodeJS.ProcessEnv, cwd: string, args: string[], input?: string): Promise<Ran> {
  return new Promise((resolve) => {
    const c = execFile(process.execPath, [...childNodeFlags, bin, ...args], { env, cwd, maxBuffer: 16 * 1024 * 1024 }, (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    children.add(c);
    c.stdin?.end(input ?? '');
  });
}

describe('cobro beside a running server on the embedded database', () => {
  it('runs the command in the server, refuses serve, and opens the folder itself once the server stopped', { timeout: 600_000 }, async () => {
    const dir = await pgliteFolder(join(root, 'data'));
    const work = join(root, 'work');
    mkdirSync(work);
    const bin = await cobroCli();
    const env = { ...process.env, COBRO_DATA_DIR: dir, DATABASE_URL: '', COBRO_DEMO: '0', LOG_LEVEL: 'warn', COBRO_WORKER_INTERVAL: '0' };
    const socket = join(dir, 'cobro.sock');
    writeFileSync(socket, 'left by a server that died');

    const server = spawn(process.execPath, [...childNodeFlags, bin, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(server);
    let out = '';
    server.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    server.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    const exited = new Promise<number | null>((res) => server.on('exit', (code) => res(code)));
    let url = '';
    for (let waited = 0; !url; waited += 200) {
      url = /cobro is running at (http:\/\/\S+)/.exec(out)?.[1] ?? '';
      if (server.exitCode !== null || waited > 300_000) assert.fail(`the server did not start: ${out.slice(-2000)}`);
      if (!url) await sleep(200);
    }
    assert.match(out, /CLI: `npx cobro \.\.\.` in another terminal runs its command here/);
    assert.equal(statSync(socket).isSocket(), true, 'the stale file was replaced by the socket');
    assert.equal(statSync(socket).mode & 0o777, 0o600, 'only the folder\'s owner can connect');

    // a write: an API key made through the server, then used on its API
    const key = await cobro(bin, env, work, ['apikey', 'create', '--role', 'admin']);
    assert.equal(key.code, 0, key.stderr);
    assert.match(key.stdout, /^cobro_sk_\S+\n$/);
    assert.match(key.stderr, /created admin key/);
    // a file named relative to the command's working folder, not the server's
    writeFileSync(join(work, 'customers.csv'), 'external_id,name,email,country\nB-1,Beside Uno,uno@example.com,MX\nB-2,Beside Dos,dos@example.com,CO\n');
    const imported = await cobro(bin, env, work, ['import', 'customers', 'customers.csv']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /2 rows, 2 new/);

    const listed = await cobro(bin, env, work, ['customers', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const api = await (await fetch(`${url}/v1/customers`, { headers: { authorization: `Bearer ${key.stdout.trim()}`, connection: 'close' } })).json() as { data: unknown[] };
    const cli = JSON.parse(listed.stdout) as { data: { external_id: string }[] };
    assert.deepEqual(cli.data.map((c) => c.external_id).sort(), ['B-1', 'B-2']);
    assert.deepEqual(cli.data, api.data, 'the command shows what the API shows');

    // "-" as the secret's file reads the command's stdin
    const sso = await cobro(bin, env, work, ['sso', 'set', '--issuer', 'https://id.example.com', '--client-id', 'cobro', '--client-secret-file', '-',
      '--domains', 'example.com'], 'piped-secret-9876\n');
    assert.equal(sso.code, 0, sso.stderr);
    const shown = await cobro(bin, env, work, ['sso', 'show', '--json']);
    assert.match(shown.stdout, /9876/);

    const missing = await cobro(bin, env, work, ['import', 'customers', 'nope.csv']);
    assert.deepEqual([missing.code, missing.stderr], [1, `cobro: cannot read ${join(work, 'nope.csv')}\n`]);
    const refused = await cobro(bin, env, work, ['serve', '--port', '0']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^cobro serve: refused by the server running on .* \(process \d+\): it starts a server of its own/);

    server.kill('SIGTERM');
    assert.equal(await exited, 0, out.slice(-2000));
    assert.equal(existsSync(socket), false, 'the stopped server removed its socket');
    assert.equal(existsSync(join(dir, 'cobro.lock')), false);

    // no server: the command opens the folder itself and finds what the server wrote
    const alone = await cobro(bin, env, work, ['customers', '--search', 'B-2', '--json']);
    assert.equal(alone.code, 0, alone.stderr);
    assert.deepEqual((JSON.parse(alone.stdout) as { data: { name: string }[] }).data.map((c) => c.name), ['Beside Dos']);
  });
});
