// Walks every route the server registers: without credentials, with each role's API key, and with another org's admin key.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { routeTable, type RouteEntry } from '../src/api/index.ts';
import { ROLES, type Role } from '../src/orgs/index.ts';
import { walkObjects, MARKER } from './support/walk-objects.ts';

/** Routes anyone may call, each with its reason. A route not named here must answer 401 without credentials. */
const PUBLIC: [RegExp, string][] = [
  [/^(GET|HEAD) \/(health|ready)$/, 'liveness and readiness probes'],
  [/^(GET|HEAD) \/openapi\.json$/, 'the API description'],
  [/^(GET|HEAD) \/docs(\/.*)?$/, 'the API docs page'],
  [/^(GET|HEAD) \/metrics$/, 'guarded by its own COBRO_METRICS_TOKEN, or absent on the API port'],
  [/^(GET|HEAD) \/\*?$/, 'the web app shell and its static files'],
  [/^POST \/v1\/sessions$/, 'sign-in (rate limited)'],
  [/^(GET|HEAD) \/v1\/sso\/(lookup|start|callback)$/, 'single sign-on: the button lookup, the trip to the provider and back (state, PKCE, signed id_token)'],
  [/^(GET|HEAD|POST|PUT) \/portal\/.+$/, 'the debtor portal, authorised by its signed link token'],
  [/^(GET|HEAD) \/p\/:token$/, 'the debtor portal page'],
  [/^(GET|HEAD) \/p\/return\/:link$/, 'the way back from a payment page: a redirect naming only the link, to the portal only with the cookie the portal set'],
  [/^(GET|HEAD|POST) \/u\/:token$/, 'one-click unsubscribe'],
  [/^(GET|HEAD|POST) \/webhooks\/.+$/, 'provider webhooks, authorised by their signatures'],
];

/** Floors that must hold whatever a route's config says: these routes are never open to a lower role. */
const FLOORS: [RegExp, Role[]][] = [
  [/^\S+ \/v1\/api-keys/, ['admin']],
  [/^POST \/v1\/users$/, ['admin']],
  [/^(PUT|DELETE) \/v1\/providers\//, ['admin']],
  [/^\S+ \/v1\/providers\/:provider\/webhook-secrets/, ['admin']],
  [/^(POST|PATCH|DELETE) \/v1\/webhook-endpoints/, ['admin']],
  [/^PUT \/v1\/compliance\/settings$/, ['admin']],
  [/^\S+ \/v1\/sso\/settings$/, ['admin']],
];

/** The only non-GET routes open to viewers, each with its reason: they change nothing of the org's (or only the caller's own
 * password) and show only what a viewer can read already. */
const VIEWER_POSTS: [RegExp, string][] = [
  [/^POST \/v1\/templates\/preview$/, 'renders a template for a customer a viewer can read; nothing is sent or written'],
  [/^POST \/v1\/agent\/understand$/, 'reads a text given in the body into an intent; nothing is stored'],
  [/^POST \/v1\/me\/password$/, 'the caller changes their own password'],
];

const name = (r: RouteEntry) => `${r.method} ${r.url}`;
const isPublic = (r: RouteEntry) => PUBLIC.some(([re]) => re.test(name(r)));
/** The roles a route admits, as its config declares them; without roles, any role reads and non-viewers write. */
function admits(r: RouteEntry): Role[] {
  if (r.roles) return r.roles;
  return r.method === 'GET' || r.method === 'HEAD' ? [...ROLES] : ROLES.filter((x) => x !== 'viewer');
}

let t: TestApi;
let routes: RouteEntry[];
const ids: Record<string, string> = {};
const markers: string[] = [];
const probeCalls: string[] = [];

/** The route's path with its params filled; with `owned`, an :id is the first org's object where one was made. */
function urlOf(r: RouteEntry, owned: boolean): string {
  const idFor = owned ? ownedId(r) : undefined;
  // the id last: one may hold a colon itself (a reported payout's stripe:po_...)
  return r.url.replace(/:org_id\b/g, t.org).replace(/:version\b/, '1').replace(/:(?!id\b)[a-z_]+/g, 'x').replace(/\*$/, 'x')
    .replace(/:id\b/g, idFor ?? 'xyz_000000000000000000');
}

/** The first org's object a route names by its :id, by the longest route prefix that has one. */
function ownedId(r: RouteEntry): string | undefined {
  const prefix = Object.keys(ids).filter((p) => r.url.startsWith(`${p}/:id`)).sort((a, b) => b.length - a.length)[0];
  return prefix ? ids[prefix] : undefined;
}

/** Calls a route; a write gets `body` (by default a JSON array, which fits no body schema, so an admitted write stops at
 * validation or at a missing id rather than changing data). */
function call(r: RouteEntry, headers: Record<string, string>, owned = false, body = '[]') {
  const write = r.method !== 'GET' && r.method !== 'HEAD';
  return t.app.inject({ method: r.method as 'GET', url: urlOf(r, owned), headers, ...(write ? { payload: body, headers: { ...headers, 'content-type': 'application/json' } } : {}) });
}

before(async () => {
  t = await testApi();
  // a route declared after the walk was written, as a new feature would add one: the walk must reach it unaided
  t.app.get('/v1/zz-probe/:id', async (req) => { probeCalls.push(req.auth?.role ?? 'none'); return { org: req.auth?.orgId }; });
  await t.app.ready();
  routes = routeTable(t.app);
  Object.assign(ids, await walkObjects(t));
  markers.push(...Object.values(ids), MARKER, MARKER.toUpperCase());
});
after(async () => { await t.close(); });

/** Every row of the first org in the tables the walked routes change, as text, to compare before and after. */
const WATCHED = ['customers', 'invoices', 'payments', 'adjustments', 'disputes', 'consents', 'suppressions', 'strategies', 'tasks', 'statements',
  'statement_lines', 'match_proposals', 'payer_aliases', 'plans', 'payment_links', 'org_holidays', 'agent_claims', 'agent_handovers', 'experiments',
  'portal_links', 'webhook_endpoints', 'messages', 'cases', 'imports', 'inbound_messages', 'data_requests'];
async function orgRows(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of WATCHED) {
    const rows = await t.db.query<{ r: string }>(`SELECT to_jsonb(x)::text AS r FROM ${table} x WHERE org_id = $1`, [t.org]);
    out[table] = rows.map((x) => x.r).sort();
  }
  return out;
}

describe('every route', () => {
  it('is found by walking the server, not a list', () => {
    assert.ok(routes.length > 100, `only ${routes.length} routes recorded`);
    assert.ok(routes.some((r) => r.url === '/v1/api-keys/:id' && r.method === 'DELETE'));
    for (const [re, why] of PUBLIC) assert.ok(routes.some((r) => re.test(name(r))), `the public entry for ${why} matches no route`);
  });

  it('reaches a route nobody told it about', async () => {
    assert.ok(routes.some((r) => r.url === '/v1/zz-probe/:id' && r.method === 'GET'));
    assert.deepEqual(probeCalls, [], 'the walk has not started');
  });

  it('answers 401 without credentials unless it is listed as public', async () => {
    const open: string[] = [];
    for (const r of routes) {
      const res = await call(r, {});
      if (isPublic(r)) continue;
      if (res.statusCode !== 401) open.push(`${name(r)} -> ${res.statusCode}`);
      else if (r.method !== 'HEAD') assert.equal(res.json().error.code, 'UNAUTHORIZED', name(r));
    }
    assert.deepEqual(open, [], 'routes that answer without credentials and are not listed as public');
  });

  it('is not silently public: every route that declares itself public is listed', () => {
    const unlisted = routes.filter((r) => r.public && !isPublic(r)).map(name);
    assert.deepEqual(unlisted, []);
  });

  it('keeps the floors on sensitive routes', () => {
    for (const r of routes) {
      for (const [re, floor] of FLOORS) {
        if (re.test(name(r))) assert.deepEqual(admits(r).filter((x) => !floor.includes(x)), [], `${name(r)} admits a role below its floor`);
      }
    }
  });

  it('opens to viewers no write but the ones listed as writing nothing', () => {
    const open = routes.filter((r) => !isPublic(r) && r.method !== 'GET' && r.method !== 'HEAD' && admits(r).includes('viewer')).map(name);
    assert.deepEqual(open.filter((n) => !VIEWER_POSTS.some(([re]) => re.test(n))), [], 'writes open to viewers and not listed');
    for (const [re, why] of VIEWER_POSTS) assert.ok(open.some((n) => re.test(n)), `not open to viewers: ${why}`);
  });

  for (const role of ROLES) {
    it(`answers 403 to the ${role} key where the role is not admitted, and lets it in where it is`, async () => {
      const wrong: string[] = [];
      for (const r of routes.filter((x) => !isPublic(x))) {
        const res = await call(r, bearer(t.keys[role]));
        const admitted = admits(r).includes(role);
        if (!admitted && res.statusCode !== 403) wrong.push(`${name(r)}: expected 403, got ${res.statusCode}`);
        if (admitted && (res.statusCode === 401 || res.statusCode === 403)) wrong.push(`${name(r)}: admitted but got ${res.statusCode} ${res.body}`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  it("never shows or changes this org's data to another org's admin key", async () => {
    const get = async (url: string) => (await t.app.inject({ url, headers: bearer(t.keys.admin) })).body;
    const owned = Object.entries(ids).filter(([p]) => p !== '/v1/api-keys').map(([p, id]) => `${p}/${id}`);
    const before = await Promise.all(owned.map(get));
    const rowsBefore = await orgRows();
    const leaks: string[] = [];
    for (const r of routes.filter((x) => !isPublic(x))) {
      const mine = ownedId(r) !== undefined;
      const write = r.method !== 'GET' && r.method !== 'HEAD';
      // on the first org's objects a write is tried twice: with a body no schema takes, and with an empty object, which
      // every route whose body is all optional takes, so that the org check itself is reached
      for (const body of mine && write ? ['[]', '{}'] : ['[]']) {
        const res = await call(r, bearer(t.otherKey), true, body);
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        if (ok && markers.some((m) => res.body.includes(m))) leaks.push(`${name(r)} -> ${res.statusCode} shows this org's data`);
        if (mine && ok) leaks.push(`${name(r)} ${body} -> ${res.statusCode} on another org's object`);
        if (mine && (r.method === 'GET' || r.method === 'DELETE' || body === '{}') && ![400, 403, 404].includes(res.statusCode)) {
          leaks.push(`${name(r)} ${body} -> ${res.statusCode}, expected 404 or 403 (or 400 where a field is required)`);
        }
        if (mine && r.method === 'GET' && res.statusCode === 400) leaks.push(`${name(r)} -> 400, expected 404 or 403`);
      }
    }
    // every object kind a route names by id was made for real, so no route was walked on an id that does not exist
    const unowned = routes.filter((r) => !isPublic(r) && /\/:id\b/.test(r.url) && ownedId(r) === undefined && !r.url.startsWith('/v1/zz-probe'));
    assert.deepEqual(unowned.map(name), [], 'routes on an object kind the walk made none of');
    assert.deepEqual(leaks, []);
    // and the objects are as they were
    assert.deepEqual(await Promise.all(owned.map(get)), before);
    assert.deepEqual(await orgRows(), rowsBefore, "a row of this org changed under another org's key");
    assert.match(before[0]!, /Muralla/);
    assert.equal((await t.app.inject({ url: '/v1/invoices', headers: bearer(t.keys.viewer) })).statusCode, 200, 'the viewer key was not revoked');
    // the probe was reached by every key (twice each: GET and HEAD) and never without one
    assert.deepEqual([...probeCalls].sort(), [...ROLES, ...ROLES, 'admin', 'admin'].sort());
  });
});
