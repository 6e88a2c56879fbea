// `cobro serve`: start the server and say where it is, with a demo API key.
import type { Config } from '../config.ts';
import { startServer } from '../app.ts';

export async function serveCommand(config: Config): Promise<void> {
  const s = await startServer(config);
  const lines = [
    '',
    `cobro is running at ${s.url}`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  org: ${s.org.name} (${s.org.id})`,
    ...(s.seeded ? [`  demo portfolio: ${s.seeded.customers} customers, ${s.seeded.invoices} invoices, ${s.seeded.payments} payments`] : []),
    ...(s.apiKey ? [`  demo API key (admin): ${s.apiKey}`, `  try: curl -H "Authorization: Bearer ${s.apiKey}" ${s.url}/v1/aging`] : []),
    ...(s.demoUser ? [`  workspace: ${s.url}/  sign in as ${s.demoUser.email} with password ${s.demoUser.password}`] : []),
    `  API docs: ${s.url}/docs`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = async () => { await s.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
