// GET /v1/customers/{id}/conversation on PGlite and PostgreSQL (test/support/conversation-seed.ts's conversation): the
// lines in time order with what the agent read, the handover and each reply's files, read by a viewer; pages joined by
// `before` without a line lost or repeated; an unknown or another org's customer 404 naming the id; a `before` not in the
// customer's conversation 400 naming it; and the page equal to `cobro conversation --json`'s for the same data (that part
// on a PGlite folder, which the command is pinned to, in either lane).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/index.ts';
import { openDb } from '../src/db/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { listHandovers } from '../src/agent/index.ts';
import type { CustomerConversation } from '../src/timeline/index.ts';
import { testApi, bearer, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { cobroSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { aConversation, PDF_BYTES, type SeededConversation } from './support/conversation-seed.ts';

let t: TestApi;
let mine: SeededConversation;
let theirs: SeededConversation;

before(async () => {
  t = await testApi();
  mine = await aConversation(t.db, t.org, 'CONV-1');
  theirs = await aConversation(t.db, t.otherOrg, 'CONV-2');
});
after(async () => { await t.close(); });

const read = (customer: string, query = '', key = t.keys.viewer) =>
  t.app.inject({ url: `/v1/customers/${customer}/conversation${query}`, headers: bearer(key) });
const page = async (customer: string, query = ''): Promise<CustomerConversation> => {
  const r = await read(customer, query);
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
};

describe('GET /v1/customers/{id}/conversation', () => {
  it('gives a viewer the conversation oldest first: messages sent, replies with what the agent read, the handover and files, answers', async () => {
    const all = await page('CONV-1');
    assert.deepEqual([all.customer_id, all.has_more, all.next_before], [mine.customerId, false, null]);
    assert.deepEqual(all.data.map((l) => l.at), [...all.data.map((l) => l.at)].sort(), 'oldest first');
    const [reminder] = all.data;
    assert.deepEqual([reminder?.id, reminder?.direction, reminder?.channel, reminder?.by, reminder?.status, reminder?.template, reminder?.files],
      [mine.reminderId, 'out', 'email', 'cobro', 'delivered', 'due-today', []], 'the reminder sent first; the one still queued is not shown');
    const ask = all.data.find((l) => l.id === mine.askId);
    const [handover] = await listHandovers(t.db, t.org, { customerId: mine.customerId });
    assert.deepEqual([ask?.by, ask?.intent, ask?.action, ask?.handover_id], ['debtor', 'talk_to_human', 'handed_over', handover?.id]);
    assert.deepEqual(all.data.find((l) => l.id === mine.answerId)?.text, 'Hola Ana, soy Marta: mándenos el comprobante por favor.');
    const last = all.data.at(-1);
    assert.equal(last?.id, mine.fileReplyId);
    assert.deepEqual(last?.files, [
      { id: mine.pdfId, name: 'comprobante.pdf', type: 'application/pdf', size: PDF_BYTES.length, status: 'stored', error: null },
      { id: mine.gifId, name: 'sello.gif', type: 'image/gif', size: null, status: 'refused', error: 'not a JPEG, PNG, WebP, HEIC or PDF' },
    ]);
    assert.ok(!all.data.some((l) => [theirs.askId, theirs.reminderId].includes(l.id)), 'another org\'s lines are not here');
    assert.deepEqual(await page(mine.customerId), all, 'by id as by external id');
  });

  it('pages back from the newest with limit and before, joined without a line lost or repeated', async () => {
    const all = (await page('CONV-1')).data.map((l) => l.id);
    const pages: string[][] = [];
    let query = '?limit=2';
    for (;;) {
      const p = await page('CONV-1', query);
      assert.ok(p.data.length <= 2);
      pages.unshift(p.data.map((l) => l.id));
      if (!p.has_more) { assert.equal(p.next_before, null); break; }
      assert.equal(p.next_before, p.data[0]?.id);
      query = `?limit=2&before=${encodeURIComponent(p.next_before!)}`;
    }
    assert.ok(pages.length >= 3, `${all.length} lines in ${pages.length} pages`);
    assert.deepEqual(pages.flat(), all);
  });

  it('answers 404 naming the id for an unknown customer and for another org\'s, either way round', async () => {
    for (const r of [await read('NOPE'), await read(theirs.customerId), await read(mine.customerId, '', t.otherKey)]) {
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'NOT_FOUND');
      assert.equal(r.json().error.field, 'id');
      assert.doesNotMatch(r.body, /Ana|comprobante/);
    }
  });

  it('answers 400 naming before for a line not in this customer\'s conversation, and limit out of range', async () => {
    for (const id of ['inm_nope', theirs.askId, theirs.reminderId]) {
      const r = await read('CONV-1', `?before=${id}`);
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(r.json().error, { code: 'VALIDATION_FAILED', message: `before: no line ${id} in the customer's conversation`, field: 'querystring.before' });
    }
    for (const limit of ['0', '501', 'x']) {
      const r = await read('CONV-1', `?limit=${limit}`);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.field, 'querystring.limit');
    }
  });

  it('is in the OpenAPI document with its query and page schemas', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const get = doc.paths['/v1/customers/{id}/conversation']?.get;
    assert.deepEqual(get?.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name), ['limit', 'before']);
    assert.equal(get?.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/CustomerConversation');
    assert.ok(['ConversationLine', 'ConversationFile'].every((id) => id in doc.components.schemas));
  });
});

describe('the route and `cobro conversation --json` on the same data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobro-conversation-api-'));
  const data = join(dir, 'data');
  let org = '';
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  before(async () => {
    await pgliteFolder(data);
    const db = await openDb({ dataDir: data });
    try {
      org = (await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      await aConversation(db, org, 'ANA-1');
    } finally { await db.close(); }
  });

  it('gives the same page, files and next_before as the command', async () => {
    const queries: [string[], string][] = [[[], ''], [['--limit', '2'], '?limit=2']];
    const cli: unknown[] = [];
    const session = await cobroSession();
    try {
      const env = { ...process.env, COBRO_DATA_DIR: data, COBRO_DEMO: '0', DATABASE_URL: '' };
      for (const [args] of queries) cli.push(JSON.parse((await session.run(['conversation', 'ANA-1', ...args, '--json', '--org', org], env)).stdout));
      const newest = cli[1] as CustomerConversation;
      queries.push([['--before', newest.next_before!], `?before=${newest.next_before}`]);
      cli.push(JSON.parse((await session.run(['conversation', 'ANA-1', '--before', newest.next_before!, '--json', '--org', org], env)).stdout));
    } finally { await session.close(); }
    const db = await openDb({ dataDir: data });
    const app = await buildServer({ passwordCost: TEST_PASSWORD_COST, db, now: () => new Date('2026-03-15T12:00:00Z') });
    try {
      const key = (await createApiKey(db, org, 'viewer')).secret;
      for (const [i, [, query]] of queries.entries()) {
        const r = await app.inject({ url: `/v1/customers/ANA-1/conversation${query}`, headers: bearer(key) });
        assert.equal(r.statusCode, 200, r.body);
        assert.deepEqual(r.json(), cli[i], `the route${query} and the command`);
      }
      assert.ok((cli[0] as CustomerConversation).data.some((l) => l.files.length === 2), 'the files are compared too');
    } finally { await app.close(); await db.close(); }
  });
});
