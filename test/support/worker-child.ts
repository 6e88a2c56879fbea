// A `--role worker` process for the two-workers test: the same start as `cobro serve --role worker`, with the clock fixed and
// email sent to the test's SMTP sink; it stops gracefully on SIGTERM and prints "stopped" once its database is closed.
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/app.ts';
import { smtpAdapter } from '../../src/channels/index.ts';
import { sandboxAdapters } from '../../src/worker/index.ts';

export interface WorkerChildArgs { databaseUrl: string; smtpPort: number; now: string }

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerChildArgs;
const config = loadConfig({ DATABASE_URL: args.databaseUrl, COBRO_WORKER_INTERVAL: '1', COBRO_OPS_PORT: '0', COBRO_DEMO: '0', LOG_LEVEL: 'warn' });
const email = smtpAdapter({ host: '127.0.0.1', port: args.smtpPort, from: 'Cobranza <cobranza@luna.example>', maxConnections: 2 });
const now = new Date(args.now);
const s = await startServer(config, () => now, { role: 'worker', adapters: { ...sandboxAdapters(), email } });
process.stdout.write(`${JSON.stringify({ ops: s.opsUrl })}\n`);
process.once('SIGTERM', () => {
  void s.close().then(() => { email.close(); process.stdout.write('stopped\n'); process.exit(0); });
});
