// An API under test: a server on a test database with two orgs and a key of every role.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { createApiKey, ROLES, type PasswordCost, type Role } from '../../src/orgs/index.ts';
import type { Db } from '../../src/db/index.ts';
import type { ApiDeps } from '../../src/api/context.ts';
import { testDb, testOrg } from './db.ts';

export interface TestApi {
  app: FastifyInstance;
  db: Db;
  org: string;
  otherOrg: string;
  keys: Record<Role, string>;
  otherKey: string;
  close(): Promise<void>;
}

/**
 * The password hash cost the test harnesses build their servers with, and give createUser: 1/32 of production's N (about
 * 6 ms a hash instead of 190). Hashes keep their cost, so signing in checks a user at the cost it was made at; the
 * production cost is asserted in users-api.test.ts, and a cost below it is refused outside node's test runner.
 */
export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };

/** `deps` adds to the server's dependencies (e.g. an egress allowance for receivers on 127.0.0.1). */
export async function testApi(now = () => new Date('2026-03-15T12:00:00Z'), deps: Partial<Omit<ApiDeps, 'db' | 'now'>> = {}): Promise<TestApi> {
  const db = await testDb();
  const org = await testOrg(db, 'Main');
  const otherOrg = await testOrg(db, 'Other');
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await createApiKey(db, org, role)).secret;
  const otherKey = (await createApiKey(db, otherOrg, 'admin')).secret;
  const app = await buildServer({ passwordCost: TEST_PASSWORD_COST, ...deps, db, now });
  return { app, db, org, otherOrg, keys, otherKey, close: async () => { await app.close(); await db.close(); } };
}

export function bearer(key: string) {
  return { authorization: `Bearer ${key}` };
}

/**
 * JSON calls on the API a file's `before` opens (`api` read at each call): `get` expects 200 and gives the body, by
 * default as a viewer; `post` gives the raw answer.
 */
export function apiCalls(api: () => TestApi) {
  return {
    get: async <T>(url: string, key = api().keys.viewer): Promise<T> => {
      const r = await api().app.inject({ method: 'GET', url, headers: bearer(key) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as T;
    },
    post: (url: string, body: unknown, key: string) => api().app.inject({ method: 'POST', url, payload: body as object, headers: bearer(key) }),
  };
}
