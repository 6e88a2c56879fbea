// The `cobro` command: serve, import, aging, customers, invoices, apikey and the engine's commands, each with --help.
import { setMatchCopyLimits } from '../reconciliation/copy-limits.ts';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { serveCommand, ROLES as PROCESS_ROLES } from './serve.ts';
import { relayToServer } from './relay-client.ts';
import type { ProcessRole } from '../ops/index.ts';
import { importCommand } from './import.ts';
import { agingCommand, customersCommand, invoicesCommand } from './ledger.ts';
import { apikeyCommand } from './apikey.ts';
import { registerUsersCommand } from './users.ts';
import { registerReconcileCommand } from './reconcile.ts';
import { registerAudit } from './audit.ts';
import { registerOutbox } from './outbox.ts';
import { registerCompliance } from './compliance.ts';
import { registerTemplates } from './templates.ts';
import { registerMessageTools } from './message-tools.ts';
import { registerProviders } from './providers.ts';
import { registerCalls } from './calls.ts';
import { registerReplyFiles } from './reply-files.ts';
import { registerConversation } from './conversation.ts';
import { registerSms } from './sms.ts';
import { registerPayments } from './payments.ts';
import { registerArrangements } from './arrangements.ts';
import { registerDisputeEvidence } from './dispute-evidence.ts';
import { registerPortal } from './portal.ts';
import { registerBankTransfer } from './bank-transfer.ts';
import { registerWebhooks } from './webhooks.ts';
import { registerAgent } from './agent.ts';
import { registerScore } from './score.ts';
import { registerKpi } from './kpi.ts';
import { registerDashboard } from './dashboard.ts';
import { registerTotals } from './totals.ts';
import { registerWorklist } from './worklist.ts';
import { registerForecast } from './forecast.ts';
import { registerExperiments } from './experiments.ts';
import { registerSso } from './sso.ts';
import { registerKeys } from './keys.ts';
import { configureFieldKeys } from '../vault/index.ts';
import { casesCommand, runCommand, segmentsCommand, simulateCommand, strategiesCommand, tasksCommand } from './engine.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { ROLES } from '../orgs/index.ts';
import { IMPORT_KINDS } from '../ledger/index.ts';

function date(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('use the form YYYY-MM-DD');
  return v;
}
function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
}

export function buildCli(config: Config): Command {
  configureFieldKeys(config);
  const program = new Command('cobro').description('cobro: collections engine and receivables ledger').showHelpAfterError();
  const org = new Option('--org <id>', 'org to work in (default: the first one)');

  program.command('serve').description('start the API on the embedded database (or DATABASE_URL), seeding the demo on first start')
    .option('--port <n>', 'port to listen on', int).option('--host <host>', 'address to bind')
    .addOption(new Option('--role <role>', 'api: HTTP only; worker: tick, dispatch, provider events and webhooks only; all: both').choices(PROCESS_ROLES).default('all'))
    .option('--ops-port <n>', 'port of /health, /ready and /metrics (default 9464 for workers; COBRO_OPS_PORT)', int)
    .action((o: { port?: number; host?: string; role: ProcessRole; opsPort?: number }) => serveCommand({ ...config, ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.host ? { host: o.host } : {}), ...(o.opsPort !== undefined ? { opsPort: o.opsPort } : {}) }, o.role, buildCli));

  program.command('import').description('import a CSV file; one file is one transaction, a bad row rejects it')
    .argument('<kind>', IMPORT_KINDS.join(' | ')).argument('<file>', 'the CSV file')
    .option('--mapping <file>', 'JSON mapping for another layout (columns, date_format, decimal, delimiter, encoding)')
    .option('--json', 'print the report as JSON').addOption(org)
    .action((kind: string, file: string, o: { mapping?: string; json?: boolean; org?: string }) => importCommand(config, kind, file, o));

  program.command('aging').description('aging buckets as of a date, in total and per customer')
    .option('--as-of <date>', 'the date (YYYY-MM-DD), today by default', date).option('--customer <id>', 'one customer (id or external id)')
    .option('--top <n>', 'customers to list', int, 20).option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => agingCommand(config, o));

  program.command('customers').description('list customers').option('--search <text>', 'name contains, or exact external id')
    .option('--country <cc>', 'ISO country').option('--limit <n>', 'how many', int, 50).option('--json', 'print JSON')
    .addOption(new Option('--org <id>', 'org to work in')).action((o) => customersCommand(config, o));

  program.command('invoices').description('list invoices').option('--status <list>', 'comma-separated statuses')
    .option('--customer <id>', 'customer id').option('--currency <ccy>', 'currency').option('--dpd-min <n>', 'at least N days past due', int)
    .option('--limit <n>', 'how many', int, 50).option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => invoicesCommand(config, o));

  const apikey = program.command('apikey').description('API keys');
  apikey.command('create').description('create an API key and print its secret (shown once)')
    .addOption(new Option('--role <role>', 'role of the key').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'a label', 'cli').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => apikeyCommand(config, o));
  program.command('simulate').description('run the engine day by day over the portfolio without sending or writing anything')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)', date).requiredOption('--to <date>', 'last day (YYYY-MM-DD)', date)
    .option('--strategy <id>', 'put every customer on this strategy (or, with --segments, only those the org\'s segments send to it)')
    .option('--segments', 'with --strategy: plan only the customers the org\'s segments put on it, as the tick would, from today\'s open cases when --from is today or later (the editor\'s and the API\'s run)')
    .option('--version <n>', 'run this stored version of --strategy (a draft) in place of the active one', int)
    .option('--segments-file <file>', 'run with the segments of this JSON file (the list `cobro segments --set` takes) in place of the stored ones; nothing is saved')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => simulateCommand(config, o));

  program.command('run').description('run one tick: open and close cases from the ledger, plan every case whose next action has come')
    .option('--as-of <when>', 'a date (runs at 12:00 UTC) or an ISO instant; now by default').option('--dry-run', 'plan and print without writing')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => runCommand(config, o));

  program.command('strategies').description('list dunning strategies; add a version from a JSON file or activate one')
    .option('--add <file>', 'save a new version from a JSON file').option('--activate <id@version>', 'make a version the active one')
    .option('--show <id>', 'print the active version as JSON').option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => strategiesCommand(config, o));

  program.command('segments').description('list the ordered segments, or replace them from a JSON file')
    .option('--set <file>', 'replace the list with the JSON array in this file').option('--json', 'print JSON')
    .addOption(new Option('--org <id>', 'org to work in')).action((o) => segmentsCommand(config, o));

  program.command('cases').description('list cases').option('--status <status>', 'open or closed').option('--strategy <id>', 'strategy id')
    .option('--limit <n>', 'how many', int, 50).option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o) => casesCommand(config, o));

  program.command('tasks').description('the worklist: tasks for people, by priority; complete one with --complete')
    .option('--status <status>', 'open, done or cancelled', 'open').option('--complete <id>', 'mark this task done')
    .option('--outcome <text>', 'what came of it (with --complete)').option('--limit <n>', 'how many', int, 50).option('--json', 'print JSON')
    .addOption(new Option('--org <id>', 'org to work in')).action((o) => tasksCommand(config, o));
  registerAudit(program, config);
  registerOutbox(program, config);
  registerCompliance(program, config);
  registerTemplates(program);
  registerMessageTools(program, config);
  registerProviders(program, config);
  registerCalls(program, config);
  registerReplyFiles(program, config);
  registerConversation(program, config);
  registerSms(program, config);
  registerPayments(program, config);
  registerArrangements(program, config);
  registerDisputeEvidence(program, config);
  registerPortal(program, config);
  registerBankTransfer(program, config);
  registerWebhooks(program, config);
  registerUsersCommand(program, config);
  registerReconcileCommand(program, config);
  registerAgent(program, config);
  registerScore(program, config);
  registerKpi(program, config);
  registerDashboard(program, config);
  registerTotals(program, config);
  registerWorklist(program, config);
  registerForecast(program, config);
  registerExperiments(program, config);
  registerSso(program, config);
  registerKeys(program, config);
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
    setMatchCopyLimits(config.matchCopy);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    // a server running on the embedded data folder holds it: the command runs there (src/cli/relay-server.ts)
    const relayed = config.databaseUrl ? undefined : await relayToServer(config.dataDir, argv.slice(2));
    if (relayed !== undefined) { process.exitCode = relayed; return; }
    await buildCli(config).parseAsync(argv);
  } catch (e) {
    process.stderr.write(`cobro: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
