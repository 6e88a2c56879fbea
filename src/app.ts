// Starting cobro in a role (api, worker or all): open the database, make sure there is an org, seed the demo on first start, serve, run the loops.
import type { Config } from './config.ts';
import { asSystem, openDb, withOrg, type Db } from './db/index.ts';
import { createApiKey, createOrg, createUser, findUserByEmail, listOrgs, oneTimePassword, setPassword, type Org } from './orgs/index.ts';
import { seedDemo, type SeedSummary } from './demo/seed.ts';
import { buildServer } from './api/index.ts';
import { sandboxAdapters, startWorker, vaultAdapters, type Adapters, type WorkerOptions } from './worker/index.ts';
import { buildOpsServer } from './api/ops-server.ts';
import { createLogger, type ProcessRole } from './ops/index.ts';
import { metrics } from './domain/metrics.ts';
import type { DestinationStream, Logger } from 'pino';
import { assertShippedTemplates } from './compliance/index.ts';
import { flushSecretUse } from './vault/index.ts';

export async function openDatabase(config: Config): Promise<Db> {
  return openDb({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, rls: config.pgRls } : { dataDir: config.dataDir }) });
}

/** The org the CLI and a single-tenant install work in: the one named, or the first, created on first use. */
export async function defaultOrg(db: Db, config: Config, orgId?: string): Promise<Org> {
  const orgs = await listOrgs(db);
  if (orgId) {
    const o = orgs.find((x) => x.id === orgId);
    if (!o) throw new Error(`no org ${orgId}; orgs here: ${orgs.map((x) => x.id).join(', ') || 'none'}`);
    return o;
  }
  if (orgs[0]) return orgs[0];
  return createOrg(db, config.demo ? { name: 'Demo Distribuciones', country: 'MX', defaultCurrency: 'MXN', defaultLanguage: 'es',
    defaultTimezone: 'America/Mexico_City' } : { name: 'My company' });
}

export interface Started {
  role: ProcessRole;
  /** The API's address; null in the worker role, which serves no API. */
  url: string | null;
  /** The ops listener's address (/health, /ready, /metrics), when one is open. */
  opsUrl: string | null;
  /** The org the CLI works in; null in the worker role, which works for every org and creates none. */
  org: Org | null;
  apiKey: string | null; seeded: SeedSummary | null;
  /** The demo admin who signs in to the workspace, with a fresh password each start (demo mode only). */
  demoUser: { email: string; password: string } | null;
  /** The open database (the CLI relay runs commands on it: src/cli/relay-server.ts). */
  db: Db;
  /** Graceful stop: no new request or claim, what is in flight finishes, then the listeners and the database close. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** api: HTTP only; worker: the loops only (and the ops listener); all: both, as `npm start` runs. */
  role?: ProcessRole;
  /** Where messages go instead of the org's providers (tests send to loopback sinks). */
  adapters?: Adapters;
  /** Where log lines go (stdout by default). */
  logDestination?: DestinationStream;
}

export const DEFAULT_OPS_PORT = 9464;

export const DEMO_USER_EMAIL = 'admin@demo.cobro';

/** The demo admin user, created on first start; its password is replaced at each start, like the demo key. */
async function demoUser(db: Db, orgId: string): Promise<{ email: string; password: string }> {
  const password = oneTimePassword();
  const existing = await findUserByEmail(db, orgId, DEMO_USER_EMAIL);
  const r = existing ? await setPassword(db, orgId, existing.id, password)
    : await createUser(db, orgId, { email: DEMO_USER_EMAIL, name: 'Demo admin', role: 'admin', password, mustChangePassword: false });
  if (!r.ok) throw new Error(r.error.message);
  return { email: DEMO_USER_EMAIL, password };
}

async function seedDemoOrg(db: Db, org: Org, now: () => Date) {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE org_id = $1', [org.id]);
  const seeded = n === 0 ? await seedDemo(db, org.id, now()) : null;
  // a fresh demo key each start: the secret of an older one cannot be shown again
  await db.query(`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND name = 'demo' AND revoked_at IS NULL`, [org.id]);
  const apiKey = (await createApiKey(db, org.id, 'admin', 'demo')).secret;
  return { seeded, apiKey, user: await demoUser(db, org.id) };
}

/** The worker's log: its errors are also counted in cobro_errors_total{source="worker"}. */
function workerLog(logger: Logger): WorkerOptions['log'] {
  const log = logger.child({ component: 'worker' });
  return { info: (o, msg) => log.info(o, msg), error: (o, msg) => { metrics.errors.inc({ source: 'worker' }); log.error(o, msg); } };
}

export async function startServer(config: Config, now: () => Date = () => new Date(), o: StartOptions = {}): Promise<Started> {
  const role = o.role ?? 'all';
  if (role === 'worker' && config.workerInterval <= 0) throw new Error('the worker role runs the loops every COBRO_WORKER_INTERVAL seconds: set it above 0');
  // the template lints at load: a shipped template breaking a contact rule stops the start, naming it
  assertShippedTemplates();
  const logger = createLogger({ level: config.logLevel, role }, o.logDestination);
  const db = await openDatabase(config);
  const serveApi = role !== 'worker';
  const org = serveApi ? await asSystem('the install\'s default org is found or made at start', () => defaultOrg(db, config)) : null;
  const demo = serveApi && org && config.demo ? await withOrg(org.id, () => seedDemoOrg(db, org, now)) : null;
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  // each org sends through the providers it connected (cobro providers set ...), the sandbox for the other channels
  const own = o.adapters ? null : vaultAdapters({ db, publicUrl, fallback: sandboxAdapters(), egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
  const adapters = o.adapters ?? own!;
  const messaging = { adapters, publicUrl };
  const secret = config.secretKey ? { secretKey: config.secretKey } : {};
  let accepting = true;
  const events = { egress: config.egress, eventRetentionDays: config.eventRetentionDays };
  const shownUrl = config.publicUrl ? { publicUrl: config.publicUrl } : {};
  const app = serveApi ? await buildServer({ db, now, messaging, ...shownUrl, ...secret, ...events, ...(config.llm ? { agent: { llm: config.llm } } : {}) }, { loggerInstance: logger, trustProxy: config.trustProxy,
    limits: config.rateLimits, metrics: { role, ...(config.metricsToken ? { token: config.metricsToken } : {}) } }) : null;
  const address = app ? await app.listen({ port: config.port, host: config.host }) : null;
  const url = address ? config.publicUrl ?? address.replace('127.0.0.1', 'localhost') : null;
  const stopWorker = role !== 'api' && config.workerInterval > 0
    ? startWorker({ db, now, intervalMs: config.workerInterval * 1000, messaging, log: workerLog(logger), ...secret, ...events, scoring: true, forecasting: true,
      mailboxConnections: config.mailboxConnections, ...(config.llm ? { agent: { llm: config.llm } } : {}) }) : async () => {};
  const opsPort = config.opsPort ?? (role === 'worker' ? DEFAULT_OPS_PORT : undefined);
  const ops = opsPort !== undefined ? await buildOpsServer({ db, now, role, logger, accepting: () => accepting,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}) }) : null;
  const opsUrl = ops ? (await ops.listen({ port: opsPort, host: config.host })).replace('127.0.0.1', 'localhost') : null;
  const close = async () => {
    accepting = false;
    // the loops stop claiming and finish their round's work in hand while the API finishes its requests in flight
    await Promise.all([stopWorker(), app?.close()]);
    await ops?.close();
    // the webhook secrets' use counted in memory, written before the database closes
    await flushSecretUse();
    own?.close();
    await db.close();
    logger.info({ role }, 'stopped');
  };
  return { role, db, url, opsUrl, org, apiKey: demo?.apiKey ?? null, seeded: demo?.seeded ?? null, demoUser: demo?.user ?? null, close };
}
