// The mailbox loop (apart from the worker's org rounds) against the loopback IMAP server: where the server has IDLE it
// holds one connection in IDLE, reads a mail as soon as EXISTS announces it (kept once, flagged \Seen), issues IDLE again
// after its longest wait, holds a lease another worker respects, falls back to polling on a broken connection and idles
// again later, polls a server without IDLE (or a mailbox set against it), ends IDLE with DONE and LOGOUT when stopped,
// and a silent mailbox holds up neither another mailbox nor the org rounds.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { mailboxState, sandboxAdapters, startMailboxes, workOnce, type MailboxLoop } from '../src/worker/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { imapServer, silentServer, type ImapServer } from './support/imap-server.ts';
import { replyMail } from './support/mailbox-mail.ts';
import { connect, inboxOf } from './support/messaging.ts';
import { testDb } from './support/db.ts';

const USER = 'cobranza@sol.example';
const PASSWORD = 'clave-del-buzón-31';
let db: Db;
let clock = new Date('2026-03-10T17:00:00Z');
const now = () => clock;
const silent = { info: () => undefined, error: () => undefined };
const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
const settings = (imap: { port: number }, over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: imap.port, secure: false, user: USER, timeout_seconds: 5, ...over });
let mails = 0;
const aReply = (imap: ImapServer) => imap.add(replyMail({ id: `<idle-${++mails}@mail.cliente.example>`, from: 'ana@cliente.example', inReplyTo: '<none@sol.example>',
  text: 'Pago mañana.', quoted: '' }));
const sent = (imap: ImapServer) => imap.commands.map((c) => c.replace(/^\S+ /, ''));

/** Waits (bounded) until `test` holds. */
async function until(what: string, test: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const loops: MailboxLoop[] = [];
const aLoop = (over: { maxIdleMs?: number; intervalMs?: number; leaseMs?: number } = {}) => {
  const l = startMailboxes({ db, now, intervalMs: over.intervalMs ?? 0, log: silent, leaseMs: over.leaseMs ?? 60_000, maxIdleMs: over.maxIdleMs ?? 60_000 });
  loops.push(l);
  return l;
};

before(async () => { db = await testDb(); });
after(async () => { await Promise.all(loops.map((l) => l.stop())); await db.close(); });

describe('the mailbox loop', () => {
  let imap: ImapServer;
  let org: string;
  let loop: MailboxLoop;

  it('idles where the server has IDLE and reads a new mail as soon as EXISTS announces it, once', async () => {
    imap = await imapServer({ user: USER, password: PASSWORD, capabilities: ['IDLE'] });
    org = await anOrg('Idle');
    await connect(db, org, 'imap', settings(imap), { password: PASSWORD });
    aReply(imap);
    loop = aLoop({ maxIdleMs: 400 });
    await loop.scan();
    assert.equal((await inboxOf(db, org)).length, 1, 'the mail already there is read first');
    await until('the worker idles', () => imap.idling() === 1);
    assert.deepEqual(loop.idling(), [org]);
    const state = await mailboxState(db, org);
    assert.equal(state?.mode, 'idle');
    const m = aReply(imap);
    await until('the new mail is kept', async () => (await inboxOf(db, org)).length === 2);
    await until('and flagged \\Seen', () => m.flags.has('\\Seen'));
    const c = sent(imap);
    assert.ok(c.includes('IDLE') && c.indexOf('DONE') > c.indexOf('IDLE') && c.indexOf(`UID SEARCH UID ${m.uid}:* UNSEEN`) > c.indexOf('DONE'), c.join(' | '));
    assert.equal(c.filter((x) => x === 'LOGIN "cobranza@sol.example" [password]').length, 1, 'one connection');
    // IDLE is issued again after its longest wait (400 ms here; idle_seconds, 25 minutes by default, in service)
    const idles = c.filter((x) => x === 'IDLE').length;
    await until('IDLE issued again', () => sent(imap).filter((x) => x === 'IDLE').length >= idles + 2, 3000);
    assert.equal((await inboxOf(db, org)).length, 2, 'nothing kept twice');
    assert.equal((await mailboxState(db, org))?.stored, 2);
  });

  it('holds a lease that another worker respects while it idles', async () => {
    const other = aLoop();
    await other.scan();
    assert.deepEqual(other.idling(), []);
    assert.equal(sent(imap).filter((x) => x.startsWith('LOGIN')).length, 1, 'the other worker did not log in');
  });

  it('falls back to polling when the connection breaks, recording the error, and idles again on a later visit', async () => {
    imap.drop();
    await until('the broken IDLE is recorded', async () => (await mailboxState(db, org))?.mode === 'poll' && loop.idling().length === 0);
    const state = await mailboxState(db, org);
    assert.equal(state?.last_error_code, 'IMAP_UNREACHABLE');
    assert.equal(state?.failures, 1);
    aReply(imap);
    clock = new Date(clock.getTime() + 5 * 60_000);
    await loop.scan();
    assert.equal((await inboxOf(db, org)).length, 3, 'the mail that came meanwhile is read');
    await until('idling again', () => imap.idling() === 1);
    assert.deepEqual([(await mailboxState(db, org))?.mode, (await mailboxState(db, org))?.last_error_code], ['idle', null]);
  });

  it('ends IDLE with DONE and logs out when stopped', async () => {
    const before = sent(imap).length;
    const t0 = Date.now();
    await loop.stop();
    assert.ok(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
    assert.deepEqual(sent(imap).slice(before), ['DONE', 'LOGOUT']);
    assert.equal(imap.idling(), 0);
    await imap.close();
  });

  it('lets go of the IDLE when the mailbox settings change, and idles again with the new ones', async () => {
    const box = await imapServer({ user: USER, password: PASSWORD, capabilities: ['IDLE'] });
    const o = await anOrg('Cambia');
    await connect(db, o, 'imap', settings(box), { password: PASSWORD });
    const l = aLoop({ leaseMs: 600 });
    await l.scan();
    await until('idling', () => box.idling() === 1);
    await connect(db, o, 'imap', settings(box, { after_read: 'move', move_to: 'Leidos' }), { password: PASSWORD });
    await until('let go', () => box.idling() === 0 && l.idling().length === 0);
    assert.deepEqual(sent(box).slice(-2), ['DONE', 'LOGOUT']);
    await l.scan();
    await until('idling again', () => box.idling() === 1);
    assert.equal(sent(box).filter((x) => x.startsWith('LOGIN')).length, 2);
    await l.stop();
    await box.close();
  });

  it('polls a server without IDLE, and a mailbox set not to idle, closing the connection after each read', async () => {
    const plain = await imapServer({ user: USER, password: PASSWORD });
    const withIdle = await imapServer({ user: USER, password: PASSWORD, capabilities: ['IDLE'] });
    const a = await anOrg('Sin IDLE');
    const b = await anOrg('IDLE apagado');
    await connect(db, a, 'imap', settings(plain), { password: PASSWORD });
    await connect(db, b, 'imap', settings(withIdle, { idle: false }), { password: PASSWORD });
    aReply(plain);
    aReply(withIdle);
    const l = aLoop();
    await l.scan();
    for (const [o, box] of [[a, plain], [b, withIdle]] as const) {
      assert.equal((await mailboxState(db, o))?.mode, 'poll');
      assert.equal((await inboxOf(db, o)).length, 1);
      await until('logged out', () => sent(box).includes('LOGOUT'));
      assert.ok(!sent(box).includes('IDLE'));
    }
    assert.deepEqual(l.idling(), []);
    await Promise.all([plain.close(), withIdle.close()]);
  });

  it('reads one mailbox while another never answers, and the org rounds do not wait for either', async () => {
    const quiet = await silentServer();
    const fine = await imapServer({ user: USER, password: PASSWORD, capabilities: ['IDLE'] });
    const q = await anOrg('Muda');
    const f = await anOrg('Rápida');
    // a minute before the silent one is given up: whatever waited for it would still be waiting below
    await connect(db, q, 'imap', settings(quiet, { timeout_seconds: 60 }), { password: PASSWORD });
    await connect(db, f, 'imap', settings(fine), { password: PASSWORD });
    aReply(fine);
    clock = new Date(clock.getTime() + 60 * 60_000);
    const l = aLoop({ intervalMs: 100 });
    await until('the answering mailbox is read', async () => (await inboxOf(db, f)).length === 1, 20_000);
    await until('the silent one is being read', async () => (await mailboxState(db, q))?.last_polled_at != null);
    await workOnce({ db, now, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: silent });
    const waiting = await mailboxState(db, q);
    assert.deepEqual([waiting?.last_ok_at, waiting?.last_error_code], [null, null], 'the round ended while the silent mailbox still waits');
    // the silent server goes away: the read ends, recorded, and the loop stops
    await quiet.close();
    await until('the silent mailbox\'s failure is recorded', async () => (await mailboxState(db, q))?.last_error_code != null, 10_000);
    await l.stop();
    await fine.close();
  });
});
