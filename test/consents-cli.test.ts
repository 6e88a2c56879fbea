// `cobro consents add | list | revoke`: a consent to automated calls recorded on the command line lets the gate allow the
// call cobro places to a US debtor's mobile (blocked CONSENT_MISSING before, US-11), and revoking it blocks the call again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { listOrgs } from '../src/orgs/index.ts';
import { checkContact } from '../src/compliance/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// a Tuesday, 11:00 in New York: after the real clock the commands record and revoke by, so both count by then
const CALL_AT = new Date('2027-01-12T16:00:00Z');
const MOBILE = '+12125550147';

describe('consents on the command line', () => {
  let dir = '';
  let org = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => runCobro(args, env());
  /** The gate's answer to the call cobro would place for an outbox action (an artificial-voice call) to the debtor's mobile. */
  const call = async (customerId: string) => {
    const db = await openDb({ dataDir: join(dir, 'data') });
    try {
      const r = await checkContact(db, org, { customerId, channel: 'voice', actionId: 'action_cli_consent', purpose: { kind: 'collection', tags: [] } }, CALL_AT);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.kind === 'allow' ? 'allow' : `${r.value.kind} ${r.value.reason.code}`;
    } finally {
      await db.close();
    }
  };
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-consents-')); await pgliteFolder(join(dir, 'data')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records a consent to automated calls that lets cobro call a US mobile, and revokes it', async () => {
    await cobro('compliance', 'settings'); // creates the database and the org
    const db = await openDb({ dataDir: join(dir, 'data') });
    org = (await listOrgs(db))[0]!.id;
    const c = await aCustomer(db, org, { name: 'Dana Miller', external_id: 'DANA', phone: MOBILE, email: 'dana@example.com', country: 'US', region: 'NY',
      timezone: 'America/New_York', language: 'en' });
    await anInvoice(db, org, { customer_id: c.id, amount: 40_000, currency: 'USD', issue_date: '2026-10-01', due_date: '2026-11-01' });
    await db.close();

    assert.equal(await call(c.id), 'block CONSENT_MISSING');
    assert.match((await cobro('consents', 'list', 'DANA')).stdout, /^no consents recorded$/m);
    const added = await cobro('consents', 'add', 'DANA', '--kind', 'automated_calls', '--address', MOBILE, '--source', 'given on the phone 2026-12-06 by agent Ana');
    const id = /^consent recorded: (cns_\w+) \(automated_calls on voice\)$/m.exec(added.stdout)?.[1];
    assert.ok(id, added.stdout);
    const listed = JSON.parse((await cobro('consents', 'list', 'DANA', '--json')).stdout) as { id: string; kind: string; channel: string; address: string; source: string; revoked_at: string | null }[];
    assert.deepEqual(listed.map((l) => [l.id, l.kind, l.channel, l.address, l.source, l.revoked_at]),
      [[id, 'automated_calls', 'voice', MOBILE, 'given on the phone 2026-12-06 by agent Ana', null]]);
    assert.equal(await call(c.id), 'allow');

    assert.match((await cobro('consents', 'revoke', id!)).stdout, /^consent revoked: cns_\w+ \(automated_calls\)$/m);
    assert.equal(await call(c.id), 'block CONSENT_MISSING');
    assert.match((await cobro('consents', 'list', 'DANA')).stdout, /automated_calls\s+voice\s+\+12125550147\s+given on the phone.*Z\s+\d{4}-\d\d-\d\dT/);
    await assert.rejects(cobro('consents', 'revoke', id!), (e: { code: number; stderr: string }) => e.code !== 0 && /no live consent/.test(e.stderr));
  });

  it('refuses a kind it does not know and a consent without its source', async () => {
    await assert.rejects(cobro('consents', 'add', 'DANA', '--kind', 'robocalls', '--source', 'x'), (e: { code: number; stderr: string }) =>
      e.code !== 0 && /--kind takes one of channel, automated_calls/.test(e.stderr));
    await assert.rejects(cobro('consents', 'add', 'DANA', '--kind', 'channel', '--source', 'signed'), (e: { stderr: string }) => /names its --channel/.test(e.stderr));
    await assert.rejects(cobro('consents', 'add', 'DANA', '--kind', 'automated_calls', '--source', '  '), (e: { stderr: string }) => /--source says/.test(e.stderr));
  });
});
