// `cobro serve [--role api|worker|all]`: start the process, say where it is (with a demo API key in demo mode), and stop
// gracefully on SIGTERM or SIGINT: no new request or claim, in-flight work finished, the database closed, exit 0.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { startServer, type Started } from '../app.ts';
import { startCliRelay, type CliRelay } from './relay-server.ts';
import type { ProcessRole } from '../ops/index.ts';

export const ROLES: readonly ProcessRole[] = ['api', 'worker', 'all'];

function banner(s: Started, config: Config, relay: CliRelay | null): string[] {
  const db = `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`;
  const cli = relay ? [`  CLI: \`npx cobro ...\` in another terminal runs its command here (socket ${relay.path})`] : [];
  if (s.role === 'worker') {
    return ['', `cobro worker is running (tick, dispatch, provider events, webhooks every ${config.workerInterval} s)`, db,
      `  health, readiness and metrics: ${s.opsUrl}/health ${s.opsUrl}/ready ${s.opsUrl}/metrics`, ...cli, ''];
  }
  return [
    '',
    `cobro is running at ${s.url}${s.role === 'api' ? ' (API only: run workers with `cobro serve --role worker`)' : ''}`,
    db,
    ...(s.org ? [`  org: ${s.org.name} (${s.org.id})`] : []),
    ...(s.seeded ? [`  demo portfolio: ${s.seeded.customers} customers, ${s.seeded.invoices} invoices, ${s.seeded.payments} payments`] : []),
    ...(s.apiKey ? [`  demo API key (admin): ${s.apiKey}`, `  try: curl -H "Authorization: Bearer ${s.apiKey}" ${s.url}/v1/aging`] : []),
    ...(s.demoUser ? [`  workspace: ${s.url}/  sign in as ${s.demoUser.email} with password ${s.demoUser.password}`] : []),
    `  API docs: ${s.url}/docs`,
    ...cli,
    ...(s.opsUrl ? [`  ops: ${s.opsUrl}/health ${s.opsUrl}/ready ${s.opsUrl}/metrics`] : []),
    '',
  ];
}

/** Starts the server; on an embedded data folder, with buildCli given, `cobro` commands started beside it run in it. */
export async function serveCommand(config: Config, role: ProcessRole = 'all', buildCli?: (c: Config) => Command): Promise<void> {
  const s = await startServer(config, () => new Date(), { role });
  const relay = buildCli && !config.databaseUrl ? await startCliRelay({ dataDir: config.dataDir, db: s.db, config, buildCli }).catch((e: Error) => {
    // the server runs all the same; the CLI then says the folder is in use, as before
    process.stderr.write(`cobro: the CLI cannot run commands in this server (socket in ${config.dataDir}: ${e.message})\n`);
    return null;
  }) : null;
  process.stdout.write(banner(s, config, relay).join('\n') + '\n');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`cobro: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`cobro: ${signal}: stopping (finishing work in flight, at most ${config.shutdownTimeout} s)\n`);
    const timer = setTimeout(() => {
      process.stderr.write(`cobro: still busy after ${config.shutdownTimeout} s, exiting; unfinished sends are recovered by the next worker\n`);
      process.exit(1);
    }, config.shutdownTimeout * 1000);
    timer.unref();
    (relay?.close() ?? Promise.resolve()).then(() => s.close()).then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`cobro: stopping failed: ${(e as Error).message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
