// Walks every route the server registers: without credentials, with each role's API key, and with another org's admin key.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { routeTable, type RouteEntry } from '../src/api/index.ts';
import { ROLES, listApiKeys, type Role } from '../src/orgs/index.ts';

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
  [/^(GET|HEAD|POST) \/u\/:token$/, 'one-click unsubscribe'],
  [/^(GET|HEAD|POST) \/webhooks\/.+$/, 'provider webhooks, authorised by their signatures'],
];

/** Floors that must hold whatever a route's config says: these routes are never open to a lower role. */
const FLOORS: [RegExp, Role[]][] = [
  [/^\S+ \/v1\/api-keys/, ['admin']],
  [/^POST \/v1\/users$/, ['admin']],
  [/^(PUT|DELETE) \/v1\/providers\//, ['admin']],
  [/^(POST|PATCH|DELETE) \/v1\/webhook-endpoints/, ['admin']],
  [/^PUT \/v1\/compliance\/settings$/, ['admin']],
  [/^\S+ \/v1\/sso\/settings$/, ['admin']],
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
  const idFor = owned ? Object.entries(ids).find(([prefix]) => r.url.startsWith(`${prefix}/:id`))?.[1] : undefined;
  return r.url.replace(/:id\b/g, idFor ?? 'xyz_000000000000000000')
    .replace(/:org_id\b/g, t.org).replace(/:version\b/, '1').replace(/:[a-z_]+/g, 'x').replace(/\*$/, 'x');
}

function call(r: RouteEntry, headers: Record<string, string>, owned = false) {
  const write = r.method !== 'GET' && r.method !== 'HEAD';
  // a JSON array fits no body schema, so an admitted write stops at validation or at a missing id rather than changing data
  return t.app.inject({ method: r.method as 'GET', url: urlOf(r, owned), headers, ...(write ? { payload: '[]', headers: { ...headers, 'content-type': 'application/json' } } : {}) });
}

before(async () => {
  t = await testApi();
  // a route declared after the walk was written, as a new feature would add one: the walk must reach it unaided
  t.app.get('/v1/zz-probe/:id', async (req) => { probeCalls.push(req.auth?.role ?? 'none'); return { org: req.auth?.orgId }; });
  await t.app.ready();
  routes = routeTable(t.app);
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, payload, headers: bearer(t.keys.admin) });
    assert.ok(res.statusCode < 300, `${url}: ${res.body}`);
    return res.json().id as string;
  };
  ids['/v1/customers'] = await post('/v1/customers', { name: 'Ferretería Muralla', email: 'muralla@acme.test', external_id: 'MURALLA-1' });
  ids['/v1/invoices'] = await post('/v1/invoices', { customer_id: ids['/v1/customers'], number: 'MURALLA-INV-1', currency: 'MXN',
    amount: 150000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  ids['/v1/payments'] = await post('/v1/payments', { customer_id: ids['/v1/customers'], amount: 50000, currency: 'MXN', date: '2026-03-10' });
  ids['/v1/adjustments'] = await post('/v1/adjustments', { invoice_id: ids['/v1/invoices'], kind: 'late_fee', amount: 100, date: '2026-03-15' });
  ids['/v1/api-keys'] = (await listApiKeys(t.db, t.org)).find((k) => k.role === 'viewer')!.id;
  ids['/v1/disputes'] = await post('/v1/disputes', { customer_id: ids['/v1/customers'], invoice_ids: ['MURALLA-INV-1'], reason: 'goods_or_service',
    text: 'Half the boxes arrived broken' });
  ids['/v1/webhook-endpoints'] = await post('/v1/webhook-endpoints', { url: 'https://hooks.example.test/cobro', event_types: ['invoice.paid'] });
  const listed = async (url: string) => (await t.app.inject({ url, headers: bearer(t.keys.admin) })).json().data as { id: string }[];
  ids['/v1/events'] = (await listed('/v1/events'))[0]!.id;
  ids['/v1/portal-links'] = (await t.app.inject({ method: 'POST', url: `/v1/customers/${ids['/v1/customers']}/portal-link`, payload: {},
    headers: bearer(t.keys.admin) })).json().id;
  await t.app.inject({ method: 'POST', url: '/v1/ticks', payload: {}, headers: bearer(t.keys.admin) });
  ids['/v1/cases'] = (await listed('/v1/cases'))[0]!.id;
  for (const [prefix, id] of Object.entries(ids)) assert.ok(id, `no ${prefix} object was made for the walk`);
  markers.push(...Object.values(ids), 'Muralla', 'MURALLA');
});
after(async () => { await t.close(); });

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
    const leaks: string[] = [];
    for (const r of routes.filter((x) => !isPublic(x))) {
      const res = await call(r, bearer(t.otherKey), true);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      if (ok && markers.some((m) => res.body.includes(m))) leaks.push(`${name(r)} -> ${res.statusCode} shows this org's data`);
      const mine = Object.keys(ids).some((p) => r.url.startsWith(`${p}/:id`));
      if (mine && ok) leaks.push(`${name(r)} -> ${res.statusCode} on another org's object`);
      if (mine && (r.method === 'GET' || r.method === 'DELETE') && ![403, 404].includes(res.statusCode)) leaks.push(`${name(r)} -> ${res.statusCode}, expected 404 or 403`);
    }
    assert.deepEqual(leaks, []);
    // and the objects are as they were
    assert.deepEqual(await Promise.all(owned.map(get)), before);
    assert.match(before[0]!, /Muralla/);
    assert.equal((await t.app.inject({ url: '/v1/invoices', headers: bearer(t.keys.viewer) })).statusCode, 200, 'the viewer key was not revoked');
    // the probe was reached by every key (twice each: GET and HEAD) and never without one
    assert.deepEqual([...probeCalls].sort(), [...ROLES, ...ROLES, 'admin', 'admin'].sort());
  });
});
