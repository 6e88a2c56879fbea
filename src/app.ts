// Starting cobro: open the database, make sure there is an org, seed the demo portfolio on first start, serve.
import type { Config } from './config.ts';
import { openDb, type Db } from './db/index.ts';
import { createApiKey, createOrg, createUser, findUserByEmail, listOrgs, oneTimePassword, setPassword, type Org } from './orgs/index.ts';
import { seedDemo, type SeedSummary } from './demo/seed.ts';
import { buildServer } from './api/index.ts';
import { sandboxAdapters, startWorker, vaultAdapters } from './worker/index.ts';
import { assertShippedTemplates } from './compliance/index.ts';

export async function openDatabase(config: Config): Promise<Db> {
  return openDb({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }) });
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
  url: string; org: Org; apiKey: string | null; seeded: SeedSummary | null;
  /** The demo admin who signs in to the workspace, with a fresh password each start (demo mode only). */
  demoUser: { email: string; password: string } | null;
  close(): Promise<void>;
}

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

export async function startServer(config: Config, now: () => Date = () => new Date()): Promise<Started> {
  // the template lints at load: a shipped template breaking a contact rule stops the start, naming it
  assertShippedTemplates();
  const db = await openDatabase(config);
  const org = await defaultOrg(db, config);
  let seeded: SeedSummary | null = null;
  let apiKey: string | null = null;
  let user: Started['demoUser'] = null;
  if (config.demo) {
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE org_id = $1', [org.id]);
    if (n === 0) seeded = await seedDemo(db, org.id, now());
    // a fresh demo key each start: the secret of an older one cannot be shown again
    await db.query(`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND name = 'demo' AND revoked_at IS NULL`, [org.id]);
    apiKey = (await createApiKey(db, org.id, 'admin', 'demo')).secret;
    user = await demoUser(db, org.id);
  }
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  // each org sends through the providers it connected (cobro providers set ...), the sandbox for the other channels
  const adapters = vaultAdapters({ db, publicUrl, fallback: sandboxAdapters(), ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
  const messaging = { adapters, publicUrl };
  const app = await buildServer({ db, now, messaging, ...(config.secretKey ? { secretKey: config.secretKey } : {}) }, { logger: { level: config.logLevel } });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
  const stopWorker = config.workerInterval > 0
    ? startWorker({ db, now, intervalMs: config.workerInterval * 1000, messaging, log: app.log, ...(config.secretKey ? { secretKey: config.secretKey } : {}) }) : async () => {};
  return { url, org, apiKey, seeded, demoUser: user, close: async () => { await stopWorker(); await app.close(); adapters.close(); await db.close(); } };
}
