// The links messages make are in the audit chain: one entry naming every link of a batch, the customer's own for one.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { customerAudit, searchAudit, verifyAudit } from '../audit/index.ts';
import { listPortalLinks, openPortalToken, portalLinkFor, portalLinksFor } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const now = new Date('2026-03-10T15:00:00Z');
const base = 'https://cobro.example';

it('enters a batch of links made for messages as one audit entry naming each customer and link, the chain intact', async () => {
  const customers = [];
  for (let i = 0; i < 3; i++) customers.push((await aCustomer(db, org)).id);
  const before = (await searchAudit(db, org, { actor: 'dispatcher', limit: 500 })).data.length;
  const urls = await portalLinksFor(db, org, customers, now, base);
  const entries = (await searchAudit(db, org, { actor: 'dispatcher', limit: 500 })).data;
  assert.equal(entries.length, before + 1);
  const [entry] = entries;
  assert.deepEqual([entry!.action, entry!.entity, entry!.entity_id], ['portal.links_created', 'org', org]);
  const data = entry!.data as { source: string; expires_at: string; links: Record<string, string> };
  assert.equal(data.source, 'message');
  for (const c of customers) {
    const [link] = await listPortalLinks(db, org, c);
    assert.equal(data.links[c], link!.id, `the entry names ${c}'s link`);
    assert.equal(new Date(data.expires_at).getTime(), new Date(link!.expires_at).getTime());
    const opened = await openPortalToken(db, urls.get(c)!.split('/p/')[1]!, now);
    assert.ok(opened.ok && opened.value.linkId === link!.id);
  }
  // found by the customer's id, as an auditor searches, and in each customer's own audit trail (and not another's)
  assert.equal((await searchAudit(db, org, { text: customers[1]! })).data[0]?.id, entry!.id);
  for (const c of customers) assert.deepEqual((await customerAudit(db, org, c)).filter((r) => r.action === 'portal.links_created').map((r) => r.id), [entry!.id]);
  const stranger = (await aCustomer(db, org)).id;
  assert.deepEqual((await customerAudit(db, org, stranger)).filter((r) => r.action === 'portal.links_created'), []);
  assert.equal((await verifyAudit(db, org)).ok, true);
});

it("enters a single link made for a message as the customer's own entry", async () => {
  const c = (await aCustomer(db, org)).id;
  await portalLinkFor(db, { orgId: org, customerId: c }, now, base);
  const [link] = await listPortalLinks(db, org, c);
  const [entry] = (await searchAudit(db, org, { entity: 'customer', entityId: c })).data;
  const data = entry?.data as { link: string; source: string; expires_at: string };
  assert.deepEqual([entry?.action, data.link, data.source], ['portal.link_created', link!.id, 'message']);
  assert.equal(new Date(data.expires_at).getTime(), new Date(link!.expires_at).getTime());
  assert.equal((await verifyAudit(db, org)).ok, true);
});
