// A throwaway PostgreSQL cluster for the fault suite's restarts: initdb into a temporary folder, a postmaster on a free
// port of 127.0.0.1 (its socket in that folder), restarted with pg_ctl while cobro works and removed after. The shared
// server other processes use is never touched. The server binaries are found under /usr/lib/postgresql/<version>/bin or
// through pg_config on the PATH; as root the cluster runs as the postgres user (postgres refuses to run as root).
import { execFile } from 'node:child_process';
import { existsSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Cluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres, trust authentication. */
  url: string;
  /** What runs it: the binaries' folder and the user. */
  describe: string;
  /** pg_ctl restart: 'fast' rolls back and closes every session, 'immediate' stops as a crash would (recovery on start). */
  restart(mode: 'fast' | 'immediate'): Promise<{ ms: number }>;
  /** Stops the server and removes its folder. */
  remove(): Promise<void>;
}

/** The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, or pg_config --bindir. Throws saying what was looked at. */
export async function serverBinaries(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  const fromPath = await run('pg_config', ['--bindir']).then((r) => r.stdout.trim(), () => '');
  if (fromPath && existsSync(join(fromPath, 'initdb')) && existsSync(join(fromPath, 'pg_ctl'))) return fromPath;
  throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found in ${root}/*/bin${fromPath ? ` nor in ${fromPath}` : ' and pg_config is not on the PATH'}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no free port'))));
    });
  });
}

/** Starts a fresh cluster; every failure names the command and what it printed. */
export async function startCluster(): Promise<Cluster> {
  const bin = await serverBinaries();
  const asRoot = process.getuid?.() === 0;
  let uid = -1;
  let gid = -1;
  if (asRoot) {
    const id = (flag: string) => run('id', [flag, 'postgres']).then((r) => Number(r.stdout.trim()), () => NaN);
    uid = await id('-u');
    gid = await id('-g');
    if (!Number.isInteger(uid) || !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) {
      throw new Error('running as root, PostgreSQL needs another user: no postgres user or no runuser here');
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'cobro-pg-restart-'));
  if (asRoot) chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  const user = asRoot ? 'postgres' : userInfo().username;
  const pgctl = async (...args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]] : [join(bin, 'pg_ctl'), args];
    try {
      await run(cmd, argv, { timeout: 120_000 });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      const tail = await run('tail', ['-n', '20', log]).then((r) => r.stdout, () => '');
      throw new Error(`pg_ctl ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}\nserver log:\n${tail}`);
    }
  };
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    describe: `${bin} as ${user}, port ${port}, folder ${dir}`,
    async restart(mode) {
      const t = performance.now();
      await pgctl('-D', data, '-l', log, '-w', '-m', mode, 'restart');
      return { ms: Math.round(performance.now() - t) };
    },
    async remove() {
      await pgctl('-D', data, '-m', 'immediate', 'stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const initdb = join(bin, 'initdb');
    const args = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'];
    await (asRoot ? run('runuser', ['-u', 'postgres', '--', initdb, ...args]) : run(initdb, args)).catch((e: { stderr?: string; message: string }) => {
      throw new Error(`initdb failed (${initdb} as ${user}): ${e.stderr || e.message}`);
    });
    // fsync off: a throwaway cluster on a loaded machine; an immediate restart is still a crash and recovery of the server
    await pgctl('-D', data, '-l', log, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`, 'start');
  } catch (e) {
    await cluster.remove();
    throw e;
  }
  return cluster;
}
