// On PostgreSQL, removing the last text of the org's own template while another transaction activates a strategy version
// that sends it: the activation holds the texts it checked (FOR SHARE), so the removal waits for it and is then refused.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { createOrg } from '../src/orgs/index.ts';
import { checkStrategyTemplates, removeOrgTemplate, saveOrgTemplate, type OrgTemplateKey } from '../src/org-templates/index.ts';
import { activateStrategy, createStrategyVersion } from '../src/strategy/index.ts';
import { testDb } from './support/db.ts';

if (!loadConfig().databaseUrl) throw new Error('test/pg-org-template-remove-race.test.ts runs on PostgreSQL: set DATABASE_URL');
const now = new Date('2026-03-10T17:00:00Z');
let db: Db;
let org = '';
const key: OrgTemplateKey = { template: 'org-race-nudge', channel: 'sms', tone: 'friendly', language: 'es' };
const version = (template: string) => ({ id: 'race', name: 'Race', steps: [{ id: 'after-2', name: 'two days late', trigger: { on: 'days', days: 2 },
  actions: [{ type: 'send', channels: ['sms'], template, tone: 'friendly' }] }] });

before(async () => {
  db = await testDb();
  org = (await createOrg(db, { name: 'Sol', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  assert.ok((await saveOrgTemplate(db, org, 'test', key, { body: '{{company_name}}: AVISO PROPIO, {{total_due}}.' }, now)).ok);
  assert.ok((await createStrategyVersion(db, org, version('due-today'))).ok, 'version 1, shipped template, active');
  assert.ok((await createStrategyVersion(db, org, version(key.template))).ok, 'version 2, the own template, not active');
});
after(async () => { await db.close(); });

function signal(): { done: Promise<void>; open: () => void } {
  let open = () => {};
  const done = new Promise<void>((r) => { open = r; });
  return { done, open };
}

describe('removing a text while a strategy that sends it is being activated', () => {
  it('waits for the activation and is refused (409) instead of leaving the active step without a text', async () => {
    const [held, activated] = [signal(), signal()];
    // the activation's transaction stays open (its check done, the version made active) until released
    const activation = db.transaction((tx) => activateStrategy(tx, org, 'race', 2, checkStrategyTemplates).then(async (r) => { activated.open(); await held.done; return r; }));
    await activated.done;
    const removal = inTransaction(db, (tx) => removeOrgTemplate(tx, org, 'test', key, now));
    setTimeout(held.open, 300);
    const [a, r] = await Promise.all([activation, removal]);
    assert.ok(a.ok, 'activated');
    assert.equal(r.ok, false, 'the removal is refused');
    if (!r.ok) assert.deepEqual([r.error.code, r.error.field], ['CONFLICT', 'template']);
    const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM org_templates WHERE org_id = $1', [org]);
    assert.equal(left?.n, 1);
  });
});
