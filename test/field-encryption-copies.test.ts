// Field encryption of the copies outside customers: statement lines' counterparty accounts, learned payer accounts (a
// blind index in their place) and the addresses of messages, consents, suppressions, gate decisions, contacts the caps
// count and replies. Stored before
// and after turning it on, no plain value is left in those columns (a scan of the tables); matching by a learned account,
// sending to the address, a reply found by its address and the opt-out lists still work; values are bound to their row;
// `cobro keys rotate`'s job re-seals them and turning it off opens them again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { acceptProposal, getStatement, importStatement, listPayerAliases, listProposals } from '../src/reconciliation/index.ts';
import { mt940, type Mt940Entry } from '../src/reconciliation/testing/mt940-builder.ts';
import { checkContact, listConsents, listDecisions, listSuppressions, recordConsent, suppress } from '../src/compliance/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import {
  configureFieldKeys, fieldEncryptionStatus, FieldDecryptError, openCopies, rotateDataKey, runFieldJob, setFieldEncryption,
} from '../src/vault/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testDb, testOrg } from './support/db.ts';
import { sealedSmsSuite } from './support/sealed-sms.ts';
import { aDebtor, aSend } from './support/messaging.ts';
import { gateInputs, recordContact } from '../src/compliance/store/debtor.ts';
import { exportCustomerData } from '../src/compliance/store/reports.ts';
import { readReply } from '../src/agent/turn-state.ts';

const MASTER = randomBytes(32).toString('hex');
const NOW = new Date('2026-03-15T12:00:00Z');
const IBAN = 'NL91ABNA0417164300';

async function turn(db: Db, org: string, enabled: boolean) {
  const r = await db.transaction((tx) => setFieldEncryption(tx, org, 'test', enabled, NOW));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return runFieldJob(db, org, { batchSize: 2 });
}

/** The copies' columns of the org as the database holds them, in one text per table. */
type Stored = Record<'statement_lines' | 'payer_aliases' | 'messages' | 'consents' | 'suppressions' | 'gate_decisions' | 'contact_events'
  | 'inbound_messages', string>;
async function stored(db: Db, org: string): Promise<Stored> {
  const out = {} as Stored;
  for (const [t, cols] of [['statement_lines', 'counterparty_account'], ['payer_aliases', 'value, value_sealed'], ['messages', 'address, address_bidx'],
    ['consents', 'address, address_bidx'], ['suppressions', 'address, address_bidx'], ['gate_decisions', 'address'], ['contact_events', 'address'],
    ['inbound_messages', 'from_address']] as const) {
    out[t] = JSON.stringify(await db.query(`SELECT ${cols} FROM ${t} WHERE org_id = $1 ORDER BY 1`, [org]));
  }
  return out;
}

/** Fails naming the table when any of the plaintexts is found in it. */
async function assertNoPlain(db: Db, org: string, plaintexts: string[]) {
  for (const [table, text] of Object.entries(await stored(db, org))) {
    for (const p of plaintexts) assert.ok(!text.includes(p), `${table} holds ${p} in the clear: ${text}`);
  }
  const st = await fieldEncryptionStatus(db, org);
  assert.deepEqual(Object.values(st.plaintext_copies).filter((n) => n > 0), [], JSON.stringify(st.plaintext_copies));
}

describe('bank accounts in statements and learned payer accounts', () => {
  let db: Db;
  let org: string;
  before(async () => { configureFieldKeys({ fieldKey: MASTER }); db = await testDb(); org = await testOrg(db, 'Acme Holdings'); });
  after(async () => { await db.close(); configureFieldKeys({}); });
  const importEntries = async (entries: Mt940Entry[], id: string) => {
    const r = await importStatement(db, org, Buffer.from(mt940(entries, { id })), { filename: `${id}.sta`, actor: 'test', now: () => NOW });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return r.value;
  };

  it('seals the account stored before, learns and matches by it sealed, rotates, and opens it when turned off', async () => {
    const c = await aCustomer(db, org, { name: 'Acme Industrial GmbH' });
    const [a, b, d] = [await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'X-1', amount: 4_400 }),
      await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'X-2', amount: 6_600 }),
      await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'X-3', amount: 7_700 })];
    const payer = { name: 'J SMITH HOLDINGS', iban: IBAN };
    const first = await importEntries([{ date: '260301', mark: 'C', amount: '44,00', text: 'thanks', ...payer }], 'S1');
    assert.equal(first.reconciliation.review, 1);
    const [proposal] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.ok((await acceptProposal(db, org, 'user:ana', proposal!.id, () => NOW)).ok);
    assert.match((await stored(db, org)).payer_aliases, new RegExp(IBAN), 'learned in the clear before');

    const job = await turn(db, org, true);
    assert.ok(job.done && job.values >= 2, JSON.stringify(job));
    await assertNoPlain(db, org, [IBAN]);
    assert.match((await stored(db, org)).statement_lines, /enc:v2:1:/);

    // a transfer from the learned account applies by itself: the account is found by its blind index
    const next = await importEntries([{ date: '260401', mark: 'C', amount: '66,00', text: 'april', ...payer }], 'S2');
    assert.equal(next.reconciliation.matched, 1);
    assert.equal((await getInvoice(db, org, b.id)).ok && (await getInvoice(db, org, b.id) as { value: { status: string } }).value.status, 'paid');
    await assertNoPlain(db, org, [IBAN]);
    const statement = await getStatement(db, org, next.statements[0]!.id);
    assert.ok(statement.ok);
    assert.equal(statement.value.lines[0]?.counterparty_account, IBAN, 'the reader sees the account');
    const aliases = await listPayerAliases(db, org, { kind: 'account', value: IBAN });
    assert.deepEqual(aliases.data.map((x) => [x.value, x.customer_id]), [[IBAN, c.id]]);
    assert.equal(aliases.data[0]!.matches, 2, 'the learned account counted both matches');

    assert.ok((await db.transaction((tx) => rotateDataKey(tx, org, 'test', NOW))).ok);
    assert.ok((await runFieldJob(db, org, { batchSize: 2 })).done);
    const rotated = await stored(db, org);
    assert.doesNotMatch(rotated.statement_lines + rotated.payer_aliases, /enc:v2:1:/, 'nothing left under the old key');
    assert.match(rotated.statement_lines, /enc:v2:2:/);
    const third = await importEntries([{ date: '260501', mark: 'C', amount: '77,00', text: 'may', ...payer }], 'S3');
    assert.equal(third.reconciliation.matched, 1, 'still matched by the learned account after the rotation');
    assert.ok(a && d);

    await turn(db, org, false);
    const open = await stored(db, org);
    assert.doesNotMatch(open.statement_lines + open.payer_aliases, /enc:v|bidx:/);
    assert.match(open.payer_aliases, new RegExp(IBAN));
  });
});

describe('addresses in messages, consents, suppressions, gate decisions, contacts and replies', () => {
  const morning = new Date('2026-03-10T17:00:00Z');
  const sms = sealedSmsSuite(MASTER, 'Ferretería Luna', morning);

  it('seals them, sends to the number, finds a reply by it, keeps opt-outs working, rotates and opens them', async () => {
    const { db, org, server, twilio } = sms;
    const [OWN, OTHER, LATE] = ['+5215512340101', '+5215512340102', '+5215512340103'];
    const d = await aDebtor(db, org, { phone: OWN }, ['sms']);
    const stops = await aDebtor(db, org, { phone: '+5215512340104' }, ['sms']);
    // stored in the clear before encryption is turned on
    await recordConsent(db, org, 'test', d.customer.id, { kind: 'automated_calls', channel: 'voice', address: OTHER, source: 'form' }, morning);
    await suppress(db, org, 'test', d.customer.id, { scope: 'address', channel: 'sms', address: OTHER, reason: 'test', source: 'api' }, morning);
    await checkContact(db, org, { customerId: d.customer.id, channel: 'sms', purpose: { kind: 'collection', tags: [] }, address: OTHER }, morning);
    await recordContact(db, org, { customerId: d.customer.id, at: morning, channel: 'sms', direction: 'outbound', outcome: 'delivered', address: OTHER });
    await twilio.sendIncoming(`${server.publicUrl}/webhooks/twilio/${org}/messages`, { From: OTHER, To: '+15550001111', Body: 'who is this' });
    await processInbound(db, org, morning);
    const before = await stored(db, org);
    for (const t of ['suppressions', 'contact_events', 'inbound_messages'] as const) assert.match(before[t], new RegExp(`\\${OTHER}`), `${t} in the clear before`);

    await turn(db, org, true);
    await assertNoPlain(db, org, [OTHER]);

    const sent = await aSend(db, org, d, ['sms']);
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    assert.ok(twilio.accepted.some((x) => x.To === OWN), 'sent to the number in the clear');
    const [msg] = await db.query<{ address: string; address_bidx: string | null }>('SELECT address, address_bidx FROM messages WHERE action_id = $1', [sent]);
    assert.match(msg?.address ?? '', /^enc:v2:1:/);
    assert.ok(msg?.address_bidx);
    // the send's contact sealed by the dispatcher's record, and the gate's history sees it (and the one sealed by the job) opened
    assert.match((await stored(db, org)).contact_events, /enc:v2:1:/);
    const history = (await gateInputs(db, org, d.customer.id, 'sms', morning))!.history.events.map((e) => e.address).sort();
    assert.deepEqual(history, [OTHER, OWN].sort());

    // a STOP from a number that got a message: its message found by the blind index, the opt-out stored sealed
    await aSend(db, org, stops, ['sms']);
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    await twilio.sendIncoming(`${server.publicUrl}/webhooks/twilio/${org}/messages`, { From: '+5215512340104', To: '+15550001111', Body: 'STOP' });
    await processInbound(db, org, morning);
    const blocked = await aSend(db, org, stops, ['sms']);
    const accepted = twilio.accepted.length;
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    assert.equal(twilio.accepted.length, accepted, 'nothing sent after STOP');
    assert.ok(blocked);
    // the STOP's sender sealed bound to the reply, read back opened by the agent and in the person's data export
    const [reply] = await db.query<{ id: string }>(`SELECT id FROM inbound_messages WHERE org_id = $1 AND customer_id = $2`, [org, stops.customer.id]);
    assert.equal((await readReply(db, org, reply!.id))?.from_address, '+5215512340104');
    const exported = await exportCustomerData(db, org, stops.customer.id, NOW);
    assert.deepEqual((exported!.inbound_messages as { from_address: string }[]).map((r) => r.from_address), ['+5215512340104']);
    assert.ok((exported!.contact_events as { address: string | null }[]).some((r) => r.address === '+5215512340104'));

    // written after turning it on, and read back opened
    await recordConsent(db, org, 'test', d.customer.id, { kind: 'automated_calls', channel: 'voice', address: LATE, source: 'form' }, morning);
    await suppress(db, org, 'test', d.customer.id, { scope: 'address', channel: 'sms', address: LATE, reason: 'test', source: 'api' }, morning);
    const gate = await checkContact(db, org, { customerId: d.customer.id, channel: 'sms', purpose: { kind: 'collection', tags: [] }, address: LATE }, morning);
    assert.ok(gate.ok && gate.value.kind === 'block', 'the sealed address opt-out blocks that number');
    assert.deepEqual((await listConsents(db, org, d.customer.id)).map((c) => c.address).filter(Boolean).sort(), [OTHER, LATE]);
    assert.deepEqual((await listSuppressions(db, org, d.customer.id)).map((s) => s.address).sort(), [OTHER, LATE]);
    assert.ok((await listDecisions(db, org, d.customer.id)).some((x) => x.address === LATE));
    await assertNoPlain(db, org, [OWN, OTHER, LATE, '+5215512340104']);

    // bound to the row: a sealed address moved to another suppression does not open
    const rows = await db.query<{ id: string; address: string }>(`SELECT id, address FROM suppressions WHERE org_id = $1 AND address IS NOT NULL ORDER BY id`, [org]);
    assert.ok(rows.length >= 2);
    await assert.rejects(openCopies(db, org, 'suppressions.address', [{ id: rows[1]!.id, address: rows[0]!.address }]), FieldDecryptError);

    assert.ok((await db.transaction((tx) => rotateDataKey(tx, org, 'test', morning))).ok);
    assert.ok((await runFieldJob(db, org, { batchSize: 3 })).done);
    const rotated = Object.values(await stored(db, org)).join('');
    assert.doesNotMatch(rotated, /enc:v2:1:/);
    assert.deepEqual((await listSuppressions(db, org, d.customer.id)).map((s) => s.address).sort(), [OTHER, LATE]);

    await turn(db, org, false);
    const open = await stored(db, org);
    assert.doesNotMatch(Object.values(open).join(''), /enc:v/);
    assert.match(open.consents, new RegExp(`\\${LATE}`));
  });
});
