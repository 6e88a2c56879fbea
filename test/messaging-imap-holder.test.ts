// Who holds a mailbox, against the loopback IMAP server: a worker that stops lets go of the mailboxes it idled on (even
// one whose first read was in flight), so the next worker reads at once; a mailbox still held by a worker process that
// is gone is taken over without waiting for its lease, while one held on another machine waits for the lease (except on
// embedded PGlite, which one process opens at a time); and a worker connects to at most its cap of mailboxes, the ones
// over it waiting their turn while the mailbox idling longest gives way and is polled on its schedule.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Db } from '../src/db/index.ts';
import { mailboxState, startMailboxes, type MailboxLoop } from '../src/worker/index.ts';
import { THIS_MACHINE } from '../src/worker/mailbox/holder.ts';
import { createOrg } from '../src/orgs/index.ts';
import { deleteCredentials } from '../src/vault/index.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';
import { replyMail } from './support/mailbox-mail.ts';
import { connect, inboxOf } from './support/messaging.ts';
import { testDb } from './support/db.ts';

const USER = 'cobranza@luna.example';
const PASSWORD = 'clave-del-buzón-57';
let db: Db;
let clock = new Date('2026-04-14T16:00:00Z');
const now = () => clock;
const silent = { info: () => undefined, error: () => undefined };
const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
let mails = 0;
const aReply = (imap: ImapServer) => imap.add(replyMail({ id: `<holder-${++mails}@mail.cliente.example>`, from: 'eva@cliente.example', inReplyTo: '<none@luna.example>',
  text: 'Pago el viernes.', quoted: '' }));
const logins = (imap: ImapServer) => imap.commands.filter((c) => / LOGIN /.test(c)).length;
const servers: ImapServer[] = [];
const aMailbox = async (name: string, gauge?: { open: number; peak: number }) => {
  const imap = await imapServer({ user: USER, password: PASSWORD, capabilities: ['IDLE'], ...(gauge ? { gauge } : {}) });
  servers.push(imap);
  const org = await anOrg(name);
  await connect(db, org, 'imap', { host: '127.0.0.1', port: imap.port, secure: false, user: USER, timeout_seconds: 5 }, { password: PASSWORD });
  return { imap, org };
};

let dbg: () => unknown = () => null;
async function until(what: string, test: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what} ${JSON.stringify(dbg())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const loops: MailboxLoop[] = [];
const aLoop = (maxConnections?: number) => {
  const l = startMailboxes({ db, now, intervalMs: 0, log: silent, leaseMs: 60_000, maxIdleMs: 60_000, ...(maxConnections ? { maxConnections } : {}) });
  loops.push(l);
  return l;
};

/** Disconnects a test's mailbox, so that the loops of the tests after it leave it alone. */
const done = async (l: MailboxLoop, org: string) => { await l.stop(); await deleteCredentials(db, org, 'test', 'imap'); };

/** When the mailbox's next turn comes (or its lease ends), in ms. */
const nextPoll = async (org: string) => (await db.query<{ ms: number }>(`SELECT (extract(epoch FROM next_poll_at) * 1000)::float8 AS ms FROM imap_mailboxes WHERE org_id = $1`, [org]))[0]!.ms;

/** Records the mailbox as idled on by `holder` (a worker that crashed), its lease two minutes ahead. */
async function heldBy(org: string, holder: object): Promise<void> {
  await db.query(`INSERT INTO imap_mailboxes (org_id, mailbox, updated_at) VALUES ($1, 'INBOX', $2) ON CONFLICT (org_id) DO NOTHING`, [org, clock]);
  await db.query(`UPDATE imap_mailboxes SET mode = 'idle', next_poll_at = $2, last_polled_at = $3, held_by = $4 WHERE org_id = $1`,
    [org, new Date(clock.getTime() + 120_000), clock, JSON.stringify(holder)]);
}

before(async () => { db = await testDb(); });
after(async () => { await Promise.all(loops.map((l) => l.stop())); await Promise.all(servers.map((s) => s.close())); await db.close(); });

describe('who holds a mailbox', () => {
  it('lets go of the mailbox when the worker stops, so the next worker idles on it at once', async () => {
    const { imap, org } = await aMailbox('Suelta');
    const first = aLoop();
    await first.scan();
    await until('idling', () => imap.idling() === 1);
    const held = await mailboxState(db, org);
    assert.equal(held?.mode, 'idle');
    assert.equal((JSON.parse(held?.held_by ?? '{}') as { pid?: number }).pid, process.pid, 'held by this worker');
    await first.stop();
    const free = await mailboxState(db, org);
    assert.deepEqual([free?.mode, free?.held_by], ['poll', null]);
    assert.ok(await nextPoll(org) <= clock.getTime(), 'its turn is now, not when the lease would have ended');
    const next = aLoop();
    await next.scan();
    await until('the next worker idles on it, the clock not moved', () => imap.idling() === 1);
    assert.equal(logins(imap), 2);
    await done(next, org);
  });

  it('lets go of it too when stopped while its first read is in flight', async () => {
    const { imap, org } = await aMailbox('Suelta a medias');
    aReply(imap);
    const l = aLoop();
    const scanned = l.scan();
    await until('logged in', () => logins(imap) === 1);
    await l.stop();
    await scanned;
    const s = await mailboxState(db, org);
    assert.deepEqual([s?.mode, s?.held_by, imap.idling()], ['poll', null, 0]);
    assert.ok(await nextPoll(org) <= clock.getTime());
    await deleteCredentials(db, org, 'test', 'imap');
  });

  it('takes over at once a mailbox still held by a worker process that is gone', async () => {
    const { imap, org } = await aMailbox('Huérfana');
    aReply(imap);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await heldBy(org, { place: THIS_MACHINE, pid: gone, proc: 'a-worker-that-crashed', loop: 'its-loop' });
    const l = aLoop();
    await l.scan();
    assert.equal((await inboxOf(db, org)).length, 1, 'read without waiting for the two-minute lease');
    await until('idling', () => imap.idling() === 1);
    assert.equal((JSON.parse((await mailboxState(db, org))?.held_by ?? '{}') as { pid?: number }).pid, process.pid);
    await done(l, org);
  });

  it('leaves a mailbox held on another machine until its lease ends (on PGlite, which one process opens, takes it at once)', async () => {
    const { imap, org } = await aMailbox('Ajena');
    aReply(imap);
    await heldBy(org, { place: 'worker-2.example', pid: process.pid, proc: 'another-worker', loop: 'its-loop' });
    const l = aLoop();
    await l.scan();
    if (db.kind === 'pglite') {
      assert.equal(logins(imap), 1);
    } else {
      assert.equal(logins(imap), 0, 'it cannot know that worker is gone: the lease stands');
      clock = new Date(clock.getTime() + 121_000);
      await l.scan();
      assert.equal(logins(imap), 1, 'taken once the lease has run out');
    }
    assert.equal((await inboxOf(db, org)).length, 1);
    await done(l, org);
  });
});

describe('the cap on mailbox connections', () => {
  it('connects to at most its cap, the mailboxes over it waiting their turn while the one idling longest gives way', async () => {
    const gauge = { open: 0, peak: 0 };
    const boxes: Array<{ imap: ImapServer; org: string }> = [];
    for (const name of ['Alba', 'Brisa', 'Cima']) boxes.push(await aMailbox(`Tope ${name}`, gauge));
    for (const b of boxes) aReply(b.imap);
    const l = aLoop(2);
    dbg = () => ({ idling: l.idling(), waiting: l.waiting(), gauge, boxes: boxes.map((b) => [b.org, b.imap.idling()]) });
    await l.scan();
    for (const b of boxes) assert.equal((await inboxOf(db, b.org)).length, 1, 'each mailbox read, the third once a slot was free');
    await until('two idle', () => l.idling().length === 2 && gauge.open === 2);
    assert.equal(gauge.peak, 2, 'never more than two connections');
    const modes = await Promise.all(boxes.map(async (b) => (await mailboxState(db, b.org))!));
    const gaveWay = boxes.filter((_, i) => modes[i]!.mode === 'poll');
    assert.equal(gaveWay.length, 1, 'one gave its slot to the mailbox that waited');
    assert.equal(await nextPoll(gaveWay[0]!.org), clock.getTime() + 60_000, 'and is polled on its schedule');
    const idlers = boxes.filter((b) => b !== gaveWay[0]);
    const longest = idlers.find((b) => b.org === l.idling()[0])!;
    // new mail: the idling ones read theirs at once; the one polled reads it on its turn, when the longest idler gives way
    for (const b of boxes) aReply(b.imap);
    await until('read in IDLE', async () => (await Promise.all(idlers.map((b) => inboxOf(db, b.org)))).every((x) => x.length === 2));
    clock = new Date(clock.getTime() + 61_000);
    await l.scan();
    assert.equal((await inboxOf(db, gaveWay[0]!.org)).length, 2, 'its turn came and a slot was given up for it');
    await until('two idle again', () => l.idling().length === 2 && gauge.open === 2);
    assert.deepEqual(l.idling().sort(), idlers.filter((b) => b !== longest).map((b) => b.org).concat(gaveWay[0]!.org).sort(), 'the longest idler gave way');
    assert.equal((await mailboxState(db, longest.org))?.mode, 'poll');
    assert.deepEqual([gauge.peak, l.waiting()], [2, 0]);
    await l.stop();
    assert.equal(gauge.open, 0);
  });
});
