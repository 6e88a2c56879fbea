// A real cobro server on a temporary PGlite folder with a small demo portfolio, and Debian's Chromium driven by playwright-core.
import { CHROMIUM_PATH } from './browser-config.ts';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openDb, type Db } from '../../src/db/index.ts';
import { createApiKey, createOrg, createUser, type Role } from '../../src/orgs/index.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildServer } from '../../src/api/index.ts';
import type { ApiDeps } from '../../src/api/context.ts';
import { exponentOf } from '../../src/domain/money.ts';
import { pgliteFolder } from '../support/pglite-folder.ts';
import { imageName } from '../../src/db/pglite-image.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { TEST_PASSWORD_COST } from '../support/api.ts';

export { TEST_PASSWORD_COST };

export const ARTIFACTS = join('test', 'browser', 'artifacts');
export const PASSWORD = 'browser test password';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

export interface Served {
  url: string; key: string; db: Db; browser: Browser;
  api<T>(path: string): Promise<T>;
  newPage(locale?: string): Promise<Page>;
  signIn(page: Page, email: string): Promise<void>;
  close(): Promise<void>;
}

/** Files under path (a file itself when path is one), for comparing the web build's age with its sources'. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((n) => filesUnder(join(path, n)));
}

/** Whether web/dist is missing or older than anything it is built from (then each test file would serve a stale page). */
function webStale(): boolean {
  const built = filesUnder(join('web', 'dist'));
  if (!existsSync(join('web', 'dist', 'portal', 'index.html')) || !existsSync(join('web', 'dist', 'index.html'))) return true;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const sources = [join('web', 'src'), join('web', 'index.html'), join('web', 'portal.html'), join('scripts', 'build-web.mjs')].flatMap(filesUnder);
  return sources.some((f) => statSync(f).mtimeMs > oldest);
}

const SEEDED = 'cobro-browser-seed-';

/**
 * The kept seeded folder's name: the migrated image's name (PGlite's version and the migrations), a hash of the code that
 * seeds (src/, this file and test/support/api.ts: changed code makes a new folder, never a stale one), the run of the lane (or the UTC day),
 * and the number of customers.
 */
function seededName(customers: number, now: Date): { name: string; kin: string } {
  const h = createHash('sha256');
  h.update(imageName(readMigrations()));
  for (const f of [...filesUnder('src').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort(), join('test', 'browser', 'support.ts'), join('test', 'support', 'api.ts')]) {
    h.update(`\0${f}\0`);
    h.update(readFileSync(f));
  }
  // one run of the lane (scripts/test.mjs --browser names it), else the UTC day (a file run by itself)
  const run = process.env.COBRO_BROWSER_RUN ?? now.toISOString().slice(0, 10);
  const kin = `${SEEDED}${h.digest('hex').slice(0, 20)}-${run}-`;
  return { name: `${kin}${customers}`, kin };
}

/** One org, the demo portfolio of `customers` seeded at `now`, and the users admin@ and viewer@test.cobro; closes db. */
async function seed(db: Db, customers: number, now: Date): Promise<void> {
  try {
    const org = await createOrg(db, { name: 'Browser Test', country: 'MX', defaultCurrency: 'MXN', defaultLanguage: 'es', defaultTimezone: 'America/Mexico_City' });
    await seedDemo(db, org.id, now, customers);
    for (const role of ['admin', 'viewer'] as Role[]) {
      const r = await createUser(db, org.id, { email: `${role}@test.cobro`, role, password: PASSWORD, mustChangePassword: false, passwordCost: TEST_PASSWORD_COST });
      if (!r.ok) throw new Error(r.error.message);
    }
  } finally {
    await db.close();
  }
}

/**
 * Lays in dir (empty) the database every browser test file starts from: the migrated image (test/support/pglite-folder.ts),
 * one org, `seedDemo(db, org, now, customers)` and the users admin@ and viewer@test.cobro. The first file of a run of the
 * lane (or of a UTC day, for a file run by itself) builds it per customer count and keeps it in the temp folder; the next
 * ones copy it (seeding 60 customers took about 30 s at load 13, copying the folder well under one). Its times are the
 * moment it was seeded, minutes before a later file of the same run.
 */
async function seededFolder(dir: string, customers: number): Promise<string> {
  const now = new Date();
  const { name, kin } = seededName(customers, now);
  const kept = join(tmpdir(), name);
  if (existsSync(kept)) {
    try {
      await cp(kept, dir, { recursive: true });
      return dir;
    } catch {
      await rm(dir, { recursive: true, force: true }); // removed while copied (another checkout's clean-up): seed again
      await mkdir(dir, { recursive: true });
    }
  }
  // one process of the run seeds a count while the others (two groups run at a time) wait for it, not seed it too
  const lock = `${kept}.lock`;
  let locked = false;
  try {
    mkdirSync(lock);
    locked = true;
  } catch {
    for (let waited = 0; waited < 180_000 && existsSync(lock) && !existsSync(kept); waited += 250) await sleep(250);
    if (existsSync(kept)) return seededFolder(dir, customers);
  }
  const building = await mkdtemp(join(tmpdir(), `${name}.part-`));
  try {
    await seed(await openDb({ dataDir: await pgliteFolder(building) }), customers, now);
  } catch (e) {
    await rm(building, { recursive: true, force: true });
    if (locked) await rm(lock, { recursive: true, force: true });
    throw e;
  }
  await cp(building, dir, { recursive: true });
  try {
    renameSync(building, kept); // whole or not at all: a reader never copies half a folder
  } catch {
    await rm(building, { recursive: true, force: true }); // another process kept it first
  }
  if (locked) await rm(lock, { recursive: true, force: true });
  // seeds of other code or other days are of no further use (an hour's grace for a run still copying one)
  for (const f of readdirSync(tmpdir())) {
    const at = join(tmpdir(), f);
    if (f.startsWith(SEEDED) && !f.startsWith(kin) && Date.now() - statSync(at).mtimeMs > 3_600_000) await rm(at, { recursive: true, force: true });
  }
  return dir;
}

/**
 * The Chromium of this process, shared by the files of a group (scripts/test.mjs --browser runs several in one process),
 * one after another: each file's `serve` takes it and its `close` gives it back, and it is closed a moment after the last
 * one gave it back unless another file of the process takes it first (the process then ends). Each file works in browser
 * contexts of its own (`newPage`, and `s.browser.newContext`), closed with its server: no cookie, storage or cache is
 * shared. Launching Chromium cost about 1 s of CPU per file.
 */
let shared: { browser: Promise<Browser>; users: number; closing?: NodeJS.Timeout } | undefined;

async function takeBrowser(): Promise<Browser> {
  if (shared) {
    clearTimeout(shared.closing);
    shared.users++;
    const b = await shared.browser.catch(() => undefined);
    if (b?.isConnected()) return b;
    shared.users--; // it failed to start or died: a new one
  }
  const s = shared = { browser: chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }), users: 1 };
  return s.browser;
}

function giveBackBrowser(): void {
  const s = shared;
  if (!s || --s.users > 0) return;
  s.closing = setTimeout(() => {
    if (shared === s) shared = undefined;
    void s.browser.then((b) => b.close(), () => undefined);
  }, 1_000);
}

/** The shared browser as one file sees it: the contexts it opens are its own, and its `close` closes only those. */
function ownBrowser(browser: Browser): { browser: Browser; close(): Promise<void> } {
  const contexts = new Set<BrowserContext>();
  const close = async () => { await Promise.all([...contexts].map((c) => c.close().catch(() => undefined))); };
  const own = new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newContext') {
        return async (...a: Parameters<Browser['newContext']>) => { const c = await target.newContext(...a); contexts.add(c); return c; };
      }
      if (prop === 'close') return close;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { browser: own, close };
}

/** `deps` adds to the server's dependencies (e.g. a configured publicUrl). */
export async function serve(customers = 60, deps: Partial<Omit<ApiDeps, 'db' | 'now'>> = {}): Promise<Served> {
  const browsing = takeBrowser(); // launched while the database is laid
  browsing.catch(() => undefined);
  try {
    return await served(customers, browsing, deps);
  } catch (e) {
    giveBackBrowser(); // (else the process would wait on it for ever)
    throw e;
  }
}

async function served(customers: number, browsing: Promise<Browser>, deps: Partial<Omit<ApiDeps, 'db' | 'now'>>): Promise<Served> {
  // built when missing or stale, not by every test file (CI builds it once before the suites start)
  if (webStale()) {
    const built = spawnSync(process.execPath, ['scripts/build-web.mjs'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`web build failed: ${built.stderr}`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'cobro-browser-'));
  const db = await openDb({ dataDir: await seededFolder(dir, customers) });
  const [org] = await db.query<{ id: string }>('SELECT id FROM orgs');
  const key = (await createApiKey(db, org!.id, 'admin', 'browser-test')).secret; // made per file: no secret kept in the image
  const app: FastifyInstance = await buildServer({ ...deps, db, now: () => new Date(), passwordCost: TEST_PASSWORD_COST });
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const { browser, close: closeContexts } = ownBrowser(await browsing);
  return {
    url, key, db, browser,
    async api<T>(path: string) {
      const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async newPage(locale = 'en-US') {
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => { throw e; });
      return page;
    },
    async signIn(page: Page, email: string) {
      await page.goto(url);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    },
    async close() {
      await closeContexts();
      giveBackBrowser();
      await app.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual preamble of a test file: a server (`serve(customers)`) and one page signed in as `email`, opened before the
 * file's tests and closed after them. Read `s` and `page` inside the tests (they are set once `before` has run).
 */
export function servedSignedIn(customers: number, email = 'admin@test.cobro', deps: Partial<Omit<ApiDeps, 'db' | 'now'>> = {}): { readonly s: Served; readonly page: Page } {
  const opened = {} as { s: Served; page: Page };
  before(async () => {
    opened.s = await serve(customers, deps);
    opened.page = await opened.s.newPage();
    await opened.s.signIn(opened.page, email);
  });
  after(async () => { await opened.s?.close(); });
  return opened;
}

/**
 * Reads `read()` again (every 100 ms) until `ok` holds of what it gives or `timeoutMs` passes, and gives the last reading:
 * for a state the page reaches a moment after what the test waited for (a list read again once the URL's filters changed,
 * a preview of the text typed last) where no one element says it is there. The caller then asserts on the reading as
 * before, so a state never reached fails with that assertion's own message.
 */
export async function readUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() >= until) return value;
    await sleep(100);
  }
}

/** Money as the page shows it in en-US, spaces normalised (Intl puts non-breaking ones). */
export function moneyText(amount: number, currency: string, locale = 'en-US'): string {
  const e = exponentOf(currency);
  return squash(new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: e, maximumFractionDigits: e }).format(amount / 10 ** e));
}

export function squash(s: string | null): string {
  return (s ?? '').replace(/[\u00a0\u202f\s]+/g, ' ').trim();
}
